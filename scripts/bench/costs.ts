/** The cost sections: memory of a large Return All, and requests per logged call. */
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { rmSync } from 'node:fs';
import { measureMemory } from './memory';
import type { MemorySample } from './memory';
import { mb, ms, ms1, ratio, table } from './report';
import { logCallCosts, logCallRateLimited } from './logCall';
import { startBenchSandbox } from './sandboxClient';
import type { BenchSandbox } from './sandboxClient';
import type { Config } from './config';
import { problems, allSamples } from './runs';

export async function memory(config: Config, out: string[]): Promise<void> {
	const sandbox: BenchSandbox = await startBenchSandbox(config.memoryRecords, config.latency);
	const file = join(tmpdir(), `actionstep-bench-${process.pid}.ndjson`);
	try {
		const N = sandbox.records;
		console.error(`memory: sandbox with ${N} phone records ready in ${ms(sandbox.startMs)} ms`);
		const credential = await sandbox.connect();
		const baseline = await measureMemory('baseline', { credential });
		await sandbox.clearLog();
		const fetched = await measureMemory('returnAll', { credential, ndjsonOut: file });
		const server = await sandbox.summary();
		if (fetched.error || fetched.items !== N) problems.push(`memory returnAll: ${fetched.error ?? `${fetched.items} of ${N} records`}`);
		console.error(`  Return All: ${ms(fetched.ms)} ms, peak RSS ${mb(fetched.peakRssBytes)}`);
		const held = await measureMemory('hold', { credential, ndjson: file });
		const samples: Array<[string, MemorySample]> = [
			['baseline: engine run over 5 records, nothing held', baseline],
			[`output alone: ${held.items.toLocaleString('en-US')} items read from a file`, held],
			[`(a) ours: Get Many, Return All, through the engine`, fetched],
		];
		if (config.memoryWalk) {
			const walked = await measureMemory('walk', { credential });
			samples.push(['(b) sequential walk, 50/page, through the engine', walked]);
		}
		allSamples.memory = Object.fromEntries(samples.map(([k, v]) => [k, v]));
		const growth = (s: MemorySample) => s.peakRssBytes - s.startRssBytes;
		const retained = (s: MemorySample) => s.heapUsedAfterGcBytes - baseline.heapUsedAfterGcBytes;
		out.push(
			table(
				`Memory, ${N.toLocaleString('en-US')} phone records, each in a fresh process (Node ${process.version})`,
				['', 'RSS at start', 'peak RSS', 'peak − start', 'peak heap − start', 'held after GC', 'time ms'],
				samples.map(([label, s]) => [
					label,
					mb(s.startRssBytes),
					mb(s.peakRssBytes),
					mb(growth(s)),
					mb(s.peakHeapBytes - s.startHeapBytes),
					mb(retained(s)),
					ms(s.ms),
				]),
				[
					`Held after GC (heap in use one second after the run and a full GC, above the baseline process): Return All ${ratio(retained(fetched) / retained(held))} the output alone.`,
					'Peak heap includes garbage not yet collected (HTTP bodies, parsed pages); peak RSS includes V8\'s free space.',
					fetched.peakReset
						? '"peak RSS" is VmHWM reset once the modules were loaded, so it covers the work alone; "start" is RSS at that moment.'
						: '"peak RSS" is the whole process\'s maxRSS (VmHWM could not be reset here).',
					`The sandbox answered ${server.requests} requests with ${ms1(server.cpuMsPerRequest)} ms of its own CPU each, ${ms((server.cpuMsPerRequest * server.requests) / 1000)} s in all, in a run of ${ms(fetched.ms / 1000)} s (one core each).`,
				],
			),
		);
	} finally {
		rmSync(file, { force: true });
		await sandbox.close();
	}
}

export async function logCallSection(config: Config, out: string[]): Promise<void> {
	const sandbox = await startBenchSandbox(0, config.latency);
	try {
		const credential = await sandbox.connect();
		console.error('Log Call: requests per call');
		const costs = await logCallCosts(sandbox, credential, 'c');
		if (config.logCallRate) costs.push(await logCallRateLimited(sandbox, credential, 'c'));
		for (const cost of costs) if (cost.problem) problems.push(`log call ${cost.problem}`);
		allSamples.logCall = costs;
		out.push(
			table(
				`Log Call, requests per call (sandbox latency ${config.latency} ms)`,
				['scenario', 'calls', 'requests', 'per call', 'GET / POST / PUT / DELETE', 'time ms', 'calls per minute'],
				costs.map((c) => [
					c.scenario,
					String(c.calls),
					String(c.requests),
					c.perCall.toFixed(2),
					['GET', 'POST', 'PUT', 'DELETE'].map((m) => c.byMethod[m] ?? 0).join(' / '),
					ms(c.ms),
					(c.calls / (c.ms / 60_000)).toFixed(1),
				]),
				[
					'Goals (issue 16): ≤ 4 requests per new billed call in the batch, ≤ 7 for a lone call, ≤ 2 for a repeat.',
					'The rate-limited row counts 429 answers as requests too; its calls per minute is the production speed at 1 request/s.',
				],
			),
		);
	} finally {
		await sandbox.close();
	}
}
