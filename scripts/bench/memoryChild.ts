/**
 * One memory measurement in a fresh process (forked by memory.ts with --expose-gc), so that nothing else
 * the benchmark did sits in the heap or in the peak. Modes:
 *   baseline   loads the same modules and holds nothing
 *   hold       reads the records from an NDJSON file (line by line) and holds them as the node's output
 *              items, {json, pairedItem}: the output alone, without fetching
 *   returnAll  runs the node's Get Many with Return All through the engine against the sandbox
 *   walk       the sequential 50-a-page walk, same engine
 * Each mode first runs a 5-record Get Many (same code compiled in all). Prints one JSON line: peak RSS while measuring (VmHWM reset after start-up; the whole process's maxRSS too),
 * peak heap in use (sampled every 5 ms, garbage included), and RSS and heap after a full GC with the output
 * still held.
 */
import { createReadStream, createWriteStream, readFileSync, writeFileSync } from 'node:fs';
import { createInterface } from 'node:readline';

import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { runNodeOnce } from './engine';
import type { BenchCredential } from './engine';
import { PAGE_WALKER_TYPE, PageWalker } from './pageWalkerNode';
import { GET_MANY_ALL } from './scenarios';

const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined);

/**
 * Linux keeps the peak RSS in VmHWM and lets a process reset it to the current RSS (clear_refs 5), so the
 * peak can cover the measured work alone, not the start-up (ts-node compiling the sources peaks high).
 * Elsewhere this falls back to getrusage's maxRSS, which covers the whole process.
 */
function resetPeak(): boolean {
	try {
		writeFileSync('/proc/self/clear_refs', '5');
		return true;
	} catch {
		return false;
	}
}

function peakRssBytes(): number {
	try {
		const match = /^VmHWM:\s+(\d+) kB/m.exec(readFileSync('/proc/self/status', 'utf8'));
		if (match) return Number(match[1]) * 1024;
	} catch {
		// not Linux
	}
	return process.resourceUsage().maxRSS * 1024;
}

async function readHeld(file: string): Promise<INodeExecutionData[]> {
	const items: INodeExecutionData[] = [];
	const lines = createInterface({ input: createReadStream(file), crlfDelay: Infinity });
	for await (const line of lines) if (line) items.push({ json: JSON.parse(line) as IDataObject, pairedItem: { item: 0 } });
	return items;
}

async function writeHeld(file: string, items: INodeExecutionData[]): Promise<void> {
	const out = createWriteStream(file);
	for (const item of items) {
		if (!out.write(JSON.stringify(item.json) + '\n')) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
	}
	await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())));
}

async function main(): Promise<void> {
	const mode = process.argv[2];
	const credential = process.env.BENCH_CREDENTIAL ? (JSON.parse(process.env.BENCH_CREDENTIAL) as BenchCredential) : undefined;
	// Every mode first runs the node once over a few records, so that all three have the same code loaded
	// and compiled, and the difference between them is the data.
	if (credential) {
		const warm = await runNodeOnce({ parameters: { ...GET_MANY_ALL, returnAll: false, limit: 5 }, credential });
		if (warm.error) throw new Error(`warm-up failed: ${warm.error}`);
	}
	await new Promise((resolve) => setTimeout(resolve, 1000));
	gc();
	gc();
	const peakReset = resetPeak();
	const { rss: startRss, heapUsed: startHeap } = process.memoryUsage();
	let items: INodeExecutionData[] = [];
	let error: string | undefined;
	let peakHeap = process.memoryUsage().heapUsed;
	const sampler = setInterval(() => (peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed)), 5);
	const started = performance.now();
	if (mode === 'hold') items = await readHeld(process.env.BENCH_NDJSON!);
	else if (mode === 'returnAll' || mode === 'walk') {
		const result = await runNodeOnce({
			parameters: mode === 'walk' ? { pageSize: 50 } : GET_MANY_ALL,
			credential: credential!,
			...(mode === 'walk' ? { nodeType: { type: PAGE_WALKER_TYPE, make: () => new PageWalker() } } : {}),
		});
		items = result.output;
		error = result.error;
	}
	const ms = performance.now() - started;
	clearInterval(sampler);
	// The last HTTP socket keeps the execution's context (and so its data) reachable until it closes,
	// a moment after the run: wait for that before asking what is still held.
	await new Promise((resolve) => setTimeout(resolve, 1000));
	gc();
	gc();
	const usage = process.memoryUsage();
	const measured = {
		mode,
		items: items.length,
		ms,
		error,
		startRssBytes: startRss,
		peakRssBytes: peakRssBytes(),
		peakReset,
		processPeakRssBytes: process.resourceUsage().maxRSS * 1024,
		startHeapBytes: startHeap,
		peakHeapBytes: peakHeap,
		rssAfterGcBytes: usage.rss,
		heapUsedAfterGcBytes: usage.heapUsed,
	};
	// Written only after measuring, and only when asked: the file the 'hold' mode reads.
	if (mode === 'returnAll' && process.env.BENCH_NDJSON_OUT) await writeHeld(process.env.BENCH_NDJSON_OUT, items);
	process.stdout.write(`${JSON.stringify(measured)}\n`);
	// Keep the output reachable until everything above was measured.
	if (items.length < 0) console.log(items);
}

main().catch((error: Error) => {
	process.stdout.write(`${JSON.stringify({ error: error.stack ?? error.message })}\n`);
	process.exit(1);
});
