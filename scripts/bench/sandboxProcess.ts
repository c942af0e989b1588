/**
 * The sandbox in a process of its own (forked by sandboxClient.ts), so that its CPU time does not share an
 * event loop with the n8n engine under test: on a 2-core machine the node gets one core, the API the other.
 * Commands arrive over IPC; the request log is summarised here so that only numbers cross the boundary.
 */
import { startSandbox } from '../../sandbox';
import type { FaultConfig, LoggedRequest, ResourceName, SandboxHandle } from '../../sandbox';

export interface LogSummary {
	requests: number;
	byMethod: Record<string, number>;
	byStatus: Record<string, number>;
	/** Most requests the sandbox was handling at the same moment (from arrival to answer). */
	maxInFlight: number;
	/** Median time the sandbox spent on a request beyond the injected latency (handler + serialisation + queueing). */
	medianServerMs: number;
	/** From the first arrival to the last answer. */
	spanMs: number;
	/** CPU the sandbox process used since the log was cleared, per request answered. */
	cpuMsPerRequest: number;
}

let cpuAtClear = process.cpuUsage();

function summarise(log: LoggedRequest[]): LogSummary {
	const byMethod: Record<string, number> = {};
	const byStatus: Record<string, number> = {};
	const edges: Array<[number, number]> = [];
	const server: number[] = [];
	let first = Infinity;
	let last = -Infinity;
	for (const entry of log) {
		byMethod[entry.method] = (byMethod[entry.method] ?? 0) + 1;
		const status = String(entry.status ?? 'reset');
		byStatus[status] = (byStatus[status] ?? 0) + 1;
		const start = Date.parse(entry.time);
		const end = start + entry.durationMs;
		edges.push([start, 1], [end, -1]);
		server.push(entry.durationMs - entry.latencyMs);
		first = Math.min(first, start);
		last = Math.max(last, end);
	}
	// Ends before starts at the same millisecond: touching requests do not count as overlapping.
	edges.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
	let current = 0;
	let maxInFlight = 0;
	for (const [, delta] of edges) {
		current += delta;
		maxInFlight = Math.max(maxInFlight, current);
	}
	server.sort((a, b) => a - b);
	const cpu = process.cpuUsage(cpuAtClear);
	return {
		requests: log.length,
		byMethod,
		byStatus,
		maxInFlight,
		medianServerMs: server.length ? server[server.length >> 1] : 0,
		spanMs: log.length ? last - first : 0,
		cpuMsPerRequest: log.length ? (cpu.user + cpu.system) / 1000 / log.length : 0,
	};
}

type Command =
	| { cmd: 'token' }
	| { cmd: 'faults'; faults: FaultConfig | null }
	| { cmd: 'clearLog' }
	| { cmd: 'summary' }
	| { cmd: 'count'; resource: ResourceName }
	| { cmd: 'close' };

async function handle(sandbox: SandboxHandle, message: Command): Promise<unknown> {
	switch (message.cmd) {
		case 'token':
			return await sandbox.issueToken({ scope: 'all' });
		case 'faults':
			sandbox.setFaults(message.faults);
			return null;
		case 'clearLog':
			sandbox.clearLog();
			cpuAtClear = process.cpuUsage();
			return null;
		case 'summary':
			return summarise(sandbox.requests());
		case 'count':
			return sandbox.store.count(message.resource);
		case 'close':
			await sandbox.close();
			setImmediate(() => process.exit(0));
			return null;
	}
}

async function main(): Promise<void> {
	const seed = Number(process.env.BENCH_SEED ?? 0);
	const latencyMs = Number(process.env.BENCH_LATENCY_MS ?? 0);
	const started = Date.now();
	const sandbox = await startSandbox({ port: 0, quiet: true, seedPhoneRecords: seed, faults: { latencyMs } });
	process.on('message', (raw) => {
		const { id, ...message } = raw as Command & { id: number };
		handle(sandbox, message as Command).then(
			(value) => process.send!({ id, ok: true, value }),
			(error: Error) => process.send!({ id, ok: false, error: error.message }),
		);
	});
	process.on('disconnect', () => process.exit(0));
	process.send!({
		ready: true,
		url: sandbox.url,
		clientId: sandbox.clientId,
		clientSecret: sandbox.clientSecret,
		records: sandbox.store.count('phonerecords'),
		startMs: Date.now() - started,
	});
}

void main();
