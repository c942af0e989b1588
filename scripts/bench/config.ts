/** The benchmark's flags: usage text and parsing. */
import { parseArgs } from 'node:util';
import type { FaultConfig } from '../../sandbox';
import { EXPERIMENTS } from './experiment';
import type { Experiment } from './experiment';

export const USAGE = `npm run bench -- [flags]

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
  --experiment LIST    run the node with prototypes of proposed 429 changes: time-budget, halve-in-flight
                       (see scripts/bench/experiment.ts); the tables then measure the prototype
  --skip-reads, --skip-writes, --skip-sweep, --skip-log-call   leave parts out
  --log-call-rate      also run the Log Call batch under 1 request per second (about 90 s)
  --json FILE          also write every sample as JSON
  --quick              a smoke run: few records, one run each
  --help`;

export interface Config {
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

export function parseConfig(argv: string[]): Config {
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
	const isKnown = (v: string): v is Experiment => (EXPERIMENTS as readonly string[]).includes(v);
	const list = value.split(',').map((v) => v.trim());
	const unknown = list.filter((v) => !isKnown(v));
	if (unknown.length) throw new Error(`unknown --experiment ${unknown.join(', ')}; known: ${EXPERIMENTS.join(', ')}`);
	return list.filter(isKnown);
}
