/** Runs memoryChild.ts in a fresh process and reads back its one JSON line. */
import { fork } from 'node:child_process';
import { join } from 'node:path';

import type { BenchCredential } from './engine';
import { REGISTER } from './sandboxClient';

export interface MemorySample {
	mode: string;
	items: number;
	ms: number;
	error?: string;
	startRssBytes: number;
	/** Peak RSS during the measured work (from start-up's end, when peakReset), else of the whole process. */
	peakRssBytes: number;
	peakReset: boolean;
	processPeakRssBytes: number;
	startHeapBytes: number;
	/** Most heap in use during the work, garbage included (sampled every 5 ms). */
	peakHeapBytes: number;
	rssAfterGcBytes: number;
	heapUsedAfterGcBytes: number;
}

export async function measureMemory(
	mode: 'baseline' | 'hold' | 'returnAll' | 'walk',
	env: { credential?: BenchCredential; ndjson?: string; ndjsonOut?: string } = {},
): Promise<MemorySample> {
	const child = fork(join(__dirname, 'memoryChild.ts'), [mode], {
		execArgv: ['--expose-gc', '-r', REGISTER],
		env: {
			...process.env,
			...(env.credential ? { BENCH_CREDENTIAL: JSON.stringify(env.credential) } : {}),
			...(env.ndjson ? { BENCH_NDJSON: env.ndjson } : {}),
			...(env.ndjsonOut ? { BENCH_NDJSON_OUT: env.ndjsonOut } : {}),
		},
		stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
	});
	let text = '';
	child.stdout!.on('data', (chunk: Buffer) => (text += chunk.toString()));
	const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
	const line = text.trim().split('\n').pop() ?? '';
	let parsed: MemorySample & { error?: string };
	try {
		parsed = JSON.parse(line) as MemorySample & { error?: string };
	} catch {
		throw new Error(`memory run '${mode}' printed no result (exit ${code}): ${text.slice(-500)}`);
	}
	if (code !== 0) throw new Error(`memory run '${mode}' failed: ${parsed.error}`);
	return parsed;
}
