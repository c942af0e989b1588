/**
 * `npm run bench`: how fast the Actionstep node reads and writes through n8n's real engine against the
 * sandbox with injected latency, next to what a user gets without it and next to the ideal. A script, not a
 * test: it prints tables (medians over several runs) and exits non-zero only when a run gave wrong results.
 *
 *   (a) Get Many, Return All: 200 a page, page 1 then the rest `c` at a time
 *   (b) the sequential walk at Actionstep's default 50 a page (n8n's HTTP Request node pagination)
 *   (c) the ideal ceil(P/c) · latency for P pages of 200
 *   (d) 300 creates one by one, against the node's concurrent items
 *   concurrency sweeps (1, 2, 4, 8) for both, with and without a 429 rate limit
 *   peak RSS of a Return All over 50,000 records against the output alone, each in a fresh process
 *   requests per logged call (Log Call: a batch, a lone call, a repeat) and calls per minute at 1 request/s
 *
 * See docs/PERFORMANCE.md for the method and what the numbers say. `npm run bench -- --help` for flags.
 */
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { rmSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

import type { FaultConfig } from '../../sandbox';
import { measureMemory } from './memory';
import type { MemorySample } from './memory';
import { mb, median, ms, ms1, ratio, table } from './report';
import { createsOneExecutionEach, ourCreates, ourReturnAll, sequentialWalk } from './scenarios';
import type { Sample } from './scenarios';
import { applyExperiments } from './experiment';
import { logCallCosts, logCallRateLimited } from './logCall';
import type { Experiment } from './experiment';
import { SHIPPED } from './knobs';
import { startBenchSandbox } from './sandboxClient';
import type { BenchSandbox } from './sandboxClient';

const USAGE = `npm run bench -- [flags]

  --records N          extra phone records seeded for the timed reads (default 10000)
  --latency MS         latency the sandbox adds to every request (default 40)
  --runs N             runs of each fast scenario; the median is reported (default 5)
  --slow-runs N        runs of each slow baseline (sequential walk, one-by-one creates) (default 3)
  --rl-runs N          runs of each rate-limited scenario (default 1)
  --creates N          items for the create comparison (default 300)
  --rl-creates N       items for the rate-limited create sweep (default 60)
  --concurrency LIST   concurrencies to sweep (default 1,2,4,8)
  --rate-limit K/W:R   the sweep's 429 fault: K requests per W ms, Retry-After R s (default 10/1000:1)
  --memory-records N   extra records for the peak-RSS runs (default 50000; 0 skips them)
  --memory-walk        also measure the sequential walk's memory (slow: N/50 requests)
  --separate-runs N    runs of the one-item-executions create baseline (default 1)
  --actionstep-like    also sweep concurrency under 1 request per second, Retry-After 1 s (about 2 minutes)
  --experiment LIST    apply prototypes of proposed 429 changes first: time-budget, halve-in-flight, pause
                       (see scripts/bench/experiment.ts); the tables then measure the prototype
  --skip-reads, --skip-writes, --skip-sweep, --skip-log-call   leave parts out
  --log-call-rate      also run the Log Call batch under 1 request per second (about 90 s)
  --json FILE          also write every sample as JSON
  --quick              a smoke run: few records, one run each
  --help`;

interface Config {
	records: number;
	latency: number;
	runs: number;
	slowRuns: number;
	rlRuns: number;
	creates: number;
	rlCreates: number;
	concurrency: number[];
	rateLimit: NonNullable<FaultConfig['rateLimit']>;
	memoryRecords: number;
	memoryWalk: boolean;
	separateRuns: number;
	actionstepLike: boolean;
	experiments: Experiment[];
	reads: boolean;
	writes: boolean;
	logCall: boolean;
	logCallRate: boolean;
	sweep: boolean;
	json?: string;
}

function parseConfig(argv: string[]): Config {
	const { values } = parseArgs({
		args: argv,
		strict: true,
		options: {
			records: { type: 'string' },
			latency: { type: 'string' },
			runs: { type: 'string' },
			'slow-runs': { type: 'string' },
			'rl-runs': { type: 'string' },
			creates: { type: 'string' },
			'rl-creates': { type: 'string' },
			concurrency: { type: 'string' },
			'rate-limit': { type: 'string' },
			'memory-records': { type: 'string' },
			'memory-walk': { type: 'boolean' },
			'separate-runs': { type: 'string' },
			'actionstep-like': { type: 'boolean' },
			experiment: { type: 'string' },
			'skip-reads': { type: 'boolean' },
			'skip-writes': { type: 'boolean' },
			'skip-log-call': { type: 'boolean' },
			'log-call-rate': { type: 'boolean' },
			'skip-sweep': { type: 'boolean' },
			json: { type: 'string' },
			quick: { type: 'boolean' },
			help: { type: 'boolean', short: 'h' },
		},
	});
	if (values.help) {
		console.log(USAGE);
		process.exit(0);
	}
	const int = (value: string | undefined, fallback: number, min = 0) => {
		if (value === undefined) return fallback;
		if (!/^\d+$/.test(value) || Number(value) < min) throw new Error(`expected an integer >= ${min}, got "${value}"\n\n${USAGE}`);
		return Number(value);
	};
	const quick = values.quick ?? false;
	const rl = /^(\d+)\/(\d+):(\d+)$/.exec(values['rate-limit'] ?? '10/1000:1');
	if (!rl) throw new Error(`--rate-limit needs K/W:R, e.g. 10/1000:1\n\n${USAGE}`);
	return {
		records: int(values.records, quick ? 1000 : 10_000),
		latency: int(values.latency, 40),
		runs: int(values.runs, quick ? 1 : 5, 1),
		slowRuns: int(values['slow-runs'], quick ? 1 : 3, 1),
		rlRuns: int(values['rl-runs'], 1, 1),
		creates: int(values.creates, quick ? 40 : 300, 1),
		rlCreates: int(values['rl-creates'], quick ? 20 : 60, 1),
		concurrency: (values.concurrency ?? '1,2,4,8').split(',').map((c) => int(c.trim(), 1, 1)),
		rateLimit: { requests: Number(rl[1]), windowMs: Number(rl[2]), retryAfterSeconds: Number(rl[3]) },
		memoryRecords: int(values['memory-records'], quick ? 5000 : 50_000),
		memoryWalk: values['memory-walk'] ?? false,
		separateRuns: int(values['separate-runs'], 1, 1),
		actionstepLike: values['actionstep-like'] ?? false,
		experiments: parseExperiments(values.experiment),
		reads: !values['skip-reads'],
		writes: !values['skip-writes'],
		logCall: !values['skip-log-call'],
		logCallRate: Boolean(values['log-call-rate']),
		sweep: !values['skip-sweep'],
		json: values.json,
	};
}

function parseExperiments(value: string | undefined): Experiment[] {
	if (!value) return [];
	const known: Experiment[] = ['time-budget', 'halve-in-flight', 'pause'];
	const list = value.split(',').map((v) => v.trim()) as Experiment[];
	const unknown = list.filter((v) => !known.includes(v));
	if (unknown.length) throw new Error(`unknown --experiment ${unknown.join(', ')}; known: ${known.join(', ')}`);
	return list;
}

const problems: string[] = [];
const allSamples: Record<string, unknown> = {};

async function repeat(label: string, times: number, run: () => Promise<Sample>): Promise<Sample[]> {
	const samples: Sample[] = [];
	for (let i = 0; i < times; i++) {
		const sample = await run();
		if (sample.problem) problems.push(`${label}: ${sample.problem}`);
		samples.push(sample);
	}
	allSamples[label] = samples;
	return samples;
}

interface Summary {
	median: number;
	min: number;
	max: number;
	requests: number;
	rateLimited: number;
	maxInFlight: number;
	serverMs: number;
	cpuMs: number;
	clientCpuMs: number;
	via?: string;
}

function summary(samples: Sample[]): Summary {
	const times = samples.map((s) => s.ms);
	return {
		median: median(times),
		min: Math.min(...times),
		max: Math.max(...times),
		requests: median(samples.map((s) => s.server.requests)),
		rateLimited: median(samples.map((s) => s.server.byStatus['429'] ?? 0)),
		maxInFlight: Math.max(...samples.map((s) => s.server.maxInFlight)),
		serverMs: median(samples.map((s) => s.server.medianServerMs)),
		cpuMs: median(samples.map((s) => s.server.cpuMsPerRequest)),
		clientCpuMs: median(samples.map((s) => s.clientCpuMs / Math.max(1, s.server.requests))),
		via: samples[0]?.via,
	};
}

const spread = (s: Summary) => `${ms(s.min)}–${ms(s.max)}`;
const pagesOf = (records: number, size: number) => Math.ceil(records / size);

async function reads(config: Config, out: string[]): Promise<void> {
	const sandbox = await startBenchSandbox(config.records, config.latency);
	try {
		const credential = await sandbox.connect();
		const N = sandbox.records;
		const L = config.latency;
		const c = SHIPPED.page;
		const P = pagesOf(N, SHIPPED.pageSize);
		console.error(`reads: sandbox with ${N} phone records ready in ${ms(sandbox.startMs)} ms`);
		await ourReturnAll(sandbox, credential, c); // warm-up: module compilation, JIT, first connections

		const ours = summary(await repeat('a: ours', config.runs, () => ourReturnAll(sandbox, credential, c)));
		console.error(`  (a) ours: ${ms(ours.median)} ms`);
		const walk = summary(await repeat('b: walk', config.slowRuns, () => sequentialWalk(sandbox, credential)));
		console.error(`  (b) walk: ${ms(walk.median)} ms`);
		const ideal = Math.ceil(P / c) * L;
		const floor = (1 + Math.ceil((P - 1) / c)) * L;
		out.push(
			table(
				`Get Many, Return All over ${N.toLocaleString('en-US')} phone records, latency ${L} ms (median of ${config.runs} / ${config.slowRuns} runs)`,
				['', 'requests', 'median ms', 'min–max', 'vs ideal (c)', 'vs floor', '(b) ÷ this', 'n8n CPU ms/req', 'sandbox CPU ms/req'],
				[
					[`(a) ours: ${SHIPPED.pageSize}/page, ${c} pages in flight`, String(ours.requests), ms(ours.median), spread(ours), ratio(ours.median / ideal), ratio(ours.median / floor), ratio(walk.median / ours.median), ms1(ours.clientCpuMs), ms1(ours.cpuMs)],
					['(b) sequential walk, 50/page (HTTP Request pagination)', String(walk.requests), ms(walk.median), spread(walk), ratio(walk.median / ideal), '', ratio(1), ms1(walk.clientCpuMs), ms1(walk.cpuMs)],
					[`(c) ideal ceil(${P}/${c}) × ${L} ms`, String(P), ms(ideal), '', ratio(1), '', ratio(walk.median / ideal), ''],
				],
				[
					`Our floor is (1 + ceil((P-1)/c)) × L = ${ms(floor)} ms: page 1 must come back (it tells pageCount) before the rest are asked for; "vs floor" compares (a) with it.`,
					`(b)'s own floor is ${pagesOf(N, 50)} × ${L} ms = ${ms(pagesOf(N, 50) * L)} ms. "n8n CPU" is what the process running n8n and the node spent per request, "sandbox CPU" the sandbox's.`,
				],
			),
		);
		allSamples.readsIdeal = { ideal, floor, pages: P, records: N };

		if (!config.sweep) return;
		const rows: string[][] = [];
		const limited: string[][] = [];
		const faults = (rateLimit?: FaultConfig['rateLimit']): FaultConfig => ({ latencyMs: L, ...(rateLimit ? { rateLimit } : {}) });
		for (const k of config.concurrency) {
			const free = k === c ? ours : summary(await repeat(`sweep read c=${k}`, config.runs, () => ourReturnAll(sandbox, credential, k)));
			rows.push([String(k), ms(free.median), spread(free), ratio(free.median / (Math.ceil(P / k) * L)), String(free.maxInFlight), free.via ?? '']);
			const rl = summary(
				await repeat(`sweep read c=${k} rate-limited`, config.rlRuns, async () => {
					await sandbox.setFaults(faults(config.rateLimit)); // also restarts the window
					return await ourReturnAll(sandbox, credential, k);
				}),
			);
			await sandbox.setFaults(faults());
			limited.push([String(k), ms(rl.median), String(rl.requests), String(rl.rateLimited), String(rl.maxInFlight)]);
			console.error(`  sweep read c=${k}: ${ms(free.median)} ms, rate-limited ${ms(rl.median)} ms (${rl.rateLimited} × 429)`);
		}
		const { requests, windowMs, retryAfterSeconds } = config.rateLimit;
		const rlFloor = Math.max(0, Math.ceil(P / requests) - 1) * windowMs;
		out.push(
			table(
				`Get Many page concurrency sweep (${P} pages of ${SHIPPED.pageSize}, latency ${L} ms)`,
				['c', 'median ms', 'min–max', 'vs ceil(P/c)·L', 'max in flight', 'set via'],
				rows,
			) +
				table(
					`  … with a rate limit of ${requests} requests per ${windowMs} ms, Retry-After ${retryAfterSeconds} s (${config.rlRuns} run${config.rlRuns > 1 ? 's' : ''} each; floor ≈ ${ms(rlFloor)} ms)`,
					['c', 'median ms', 'requests', '429s', 'max in flight'],
					limited,
				),
		);
	} finally {
		await sandbox.close();
	}
}

async function writes(config: Config, out: string[]): Promise<void> {
	const sandbox = await startBenchSandbox(0, config.latency);
	try {
		const credential = await sandbox.connect();
		const L = config.latency;
		const c = SHIPPED.item;
		const n = config.creates;
		console.error(`writes: sandbox ready in ${ms(sandbox.startMs)} ms`);
		await ourCreates(sandbox, credential, 20, c); // warm-up

		const ours = summary(await repeat('d: ours', config.runs, () => ourCreates(sandbox, credential, n, c)));
		console.error(`  (d) ours: ${ms(ours.median)} ms`);
		const serial = summary(await repeat('d: concurrency 1', config.slowRuns, () => ourCreates(sandbox, credential, n, 1)));
		console.error(`  (d) concurrency 1: ${ms(serial.median)} ms`);
		const separate = summary(await repeat('d: one execution per item', config.separateRuns, () => createsOneExecutionEach(sandbox, credential, n)));
		console.error(`  (d) one execution per item: ${ms(separate.median)} ms`);
		const ideal = Math.ceil(n / c) * L;
		out.push(
			table(
				`${n} phone record creates, latency ${L} ms (median of ${config.runs} / ${config.slowRuns} / ${config.separateRuns} runs)`,
				['', 'requests', 'median ms', 'min–max', 'vs ideal', 'this ÷ ours', 'max in flight', 'n8n CPU ms/req'],
				[
					[`ours: one execution, ${c} items in flight`, String(ours.requests), ms(ours.median), spread(ours), ratio(ours.median / ideal), ratio(1), String(ours.maxInFlight), ms1(ours.clientCpuMs)],
					['one by one: one execution, concurrency 1', String(serial.requests), ms(serial.median), spread(serial), ratio(serial.median / ideal), ratio(serial.median / ours.median), String(serial.maxInFlight), ms1(serial.clientCpuMs)],
					[`one by one: ${n} one-item executions`, String(separate.requests), ms(separate.median), spread(separate), ratio(separate.median / ideal), ratio(separate.median / ours.median), String(separate.maxInFlight), ms1(separate.clientCpuMs)],
					[`ideal ceil(${n}/${c}) × ${L} ms`, String(n), ms(ideal), '', ratio(1), ratio(ideal / ours.median), ''],
				],
				[
					`Concurrency set via: ${ours.via === 'option' ? 'Options → Concurrency' : "the router's DEFAULT_ITEM_CONCURRENCY (the UI has no Concurrency option for create yet)"}.`,
					'Every run checks that output item i is the record made from input item i and is paired with it.',
				],
			),
		);

		if (!config.sweep) return;
		const rows: string[][] = [];
		const limited: string[][] = [];
		const faults = (rateLimit?: FaultConfig['rateLimit']): FaultConfig => ({ latencyMs: L, ...(rateLimit ? { rateLimit } : {}) });
		for (const k of config.concurrency) {
			const free =
				k === c ? ours : k === 1 ? serial : summary(await repeat(`sweep create c=${k}`, config.slowRuns, () => ourCreates(sandbox, credential, n, k)));
			rows.push([String(k), ms(free.median), spread(free), ratio(free.median / (Math.ceil(n / k) * L)), String(free.maxInFlight)]);
			const rl = summary(
				await repeat(`sweep create c=${k} rate-limited`, config.rlRuns, async () => {
					await sandbox.setFaults(faults(config.rateLimit));
					return await ourCreates(sandbox, credential, config.rlCreates, k);
				}),
			);
			await sandbox.setFaults(faults());
			limited.push([String(k), ms(rl.median), String(rl.requests), String(rl.rateLimited), String(rl.maxInFlight)]);
			console.error(`  sweep create c=${k}: ${ms(free.median)} ms, rate-limited ${ms(rl.median)} ms (${rl.rateLimited} × 429)`);
		}
		const { requests, windowMs, retryAfterSeconds } = config.rateLimit;
		const rlFloor = Math.max(0, Math.ceil(config.rlCreates / requests) - 1) * windowMs;
		out.push(
			table(`Create item concurrency sweep (${n} creates, latency ${L} ms)`, ['c', 'median ms', 'min–max', 'vs ceil(n/c)·L', 'max in flight'], rows) +
				table(
					`  … ${config.rlCreates} creates with a rate limit of ${requests} requests per ${windowMs} ms, Retry-After ${retryAfterSeconds} s (floor ≈ ${ms(rlFloor)} ms)`,
					['c', 'median ms', 'requests', '429s', 'max in flight'],
					limited,
				),
		);
	} finally {
		await sandbox.close();
	}
}

/** Concurrency under a limit like the one a third-party proxy settled on after April 2024 (about 1 request/s). */
async function actionstepLike(config: Config, out: string[]): Promise<void> {
	const sandbox = await startBenchSandbox(1000, config.latency);
	try {
		const credential = await sandbox.connect();
		const rateLimit = { requests: 1, windowMs: 1000, retryAfterSeconds: 1 };
		const faults: FaultConfig = { latencyMs: config.latency, rateLimit };
		const creates = 20;
		const P = pagesOf(sandbox.records, SHIPPED.pageSize);
		const rows: string[][] = [];
		console.error(`actionstep-like limit: ${sandbox.records} records, ${P} pages, ${creates} creates`);
		for (const k of config.concurrency) {
			await sandbox.setFaults(faults);
			const read = await ourReturnAll(sandbox, credential, k);
			allSamples[`actionstep-like read c=${k}`] = read;
			await sandbox.setFaults(faults);
			const write = await ourCreates(sandbox, credential, creates, k);
			allSamples[`actionstep-like create c=${k}`] = write;
			// The read's record count moves with the creates before it; only an execution error counts here.
			const failed = (s: Sample) => (s.problem && /rate limit|attempt/i.test(s.problem) ? `FAILED: ${s.problem}` : 'ok');
			rows.push([
				String(k),
				ms(read.ms),
				String(read.server.byStatus['429'] ?? 0),
				failed(read),
				ms(write.ms),
				String(write.server.byStatus['429'] ?? 0),
				failed(write),
			]);
			console.error(`  c=${k}: read ${ms(read.ms)} ms ${failed(read)}, creates ${ms(write.ms)} ms ${failed(write)}`);
		}
		await sandbox.setFaults({ latencyMs: config.latency });
		out.push(
			table(
				`Under 1 request per second, Retry-After 1 s (Get Many over ${P} pages; ${creates} creates; 1 run each)`,
				['c', 'read ms', '429s', 'read', 'creates ms', '429s', 'creates'],
				rows,
				[`Floors: about ${ms((P - 1) * 1000)} ms for the read and ${ms((creates - 1) * 1000)} ms for the creates.`],
			),
		);
	} finally {
		await sandbox.close();
	}
}

async function memory(config: Config, out: string[]): Promise<void> {
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

async function logCallSection(config: Config, out: string[]): Promise<void> {
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

async function main(): Promise<void> {
	const config = parseConfig(process.argv.slice(2));
	const started = Date.now();
	const load = () => loadavg().map((l) => l.toFixed(2)).join(' ');
	const loadBefore = load();
	const header = [
		`n8n-nodes-actionstep benchmark — ${new Date().toISOString()}`,
		`${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, Node ${process.version}, load average before: ${loadBefore}`,
		`node defaults: ${SHIPPED.page} pages in flight, ${SHIPPED.item} items in flight, ${SHIPPED.pageSize} records a page; sandbox in its own process`,
		'',
	];
	console.error(header.join('\n'));
	const out: string[] = [];
	if (config.experiments.length) {
		applyExperiments(config.experiments, (config.rateLimit.retryAfterSeconds ?? 1) * 1000);
		header.push(`EXPERIMENT applied (not the node as shipped): ${config.experiments.join(', ')}`, '');
		console.error(header[header.length - 2]);
	}
	if (config.reads) await reads(config, out);
	if (config.writes) await writes(config, out);
	if (config.logCall) await logCallSection(config, out);
	if (config.actionstepLike) await actionstepLike(config, out);
	if (config.memoryRecords > 0) await memory(config, out);
	const footer = [
		`total ${ms((Date.now() - started) / 1000)} s; load average after: ${load()}`,
		...(problems.length ? ['', 'WRONG RESULTS:', ...problems.map((p) => `  ${p}`)] : []),
	];
	console.log(['', ...header, ...out, ...footer].join('\n'));
	if (config.json) writeFileSync(config.json, JSON.stringify({ config, loadBefore, samples: allSamples, problems }, null, 2));
	process.exitCode = problems.length ? 1 : 0;
}

main().catch((error: Error) => {
	console.error(error.stack ?? error.message);
	process.exit(2);
});
