#!/usr/bin/env node
/**
 * `npm run test:queue`: the Actionstep node in n8n queue mode (issue 11).
 *
 * Starts, on loopback ports of its own: Redis and PostgreSQL (apt-installed when missing), the Actionstep
 * sandbox, one n8n main and two `n8n worker` processes, each with this package installed from its packed
 * tarball into its own user folder (shared encryption key, database and Redis). Imports a credential
 * connected to the sandbox and a webhook workflow (Webhook → Actionstep Log Call on matter 2001 with a time
 * entry), fires 200 distinct RingCentral call events plus 20 repeats at the webhook with bounded concurrency,
 * expires the sandbox's access tokens twice mid-burst (refresh tokens rotate), waits for the queue to drain
 * and checks the outcome in n8n's database, the workers' logs and the sandbox's records. Ends with
 * `N passed, M failed` (exit 1 on any failure). Everything it started is stopped by process id, also on
 * an error or Ctrl-C. Findings: docs/SCALING.md.
 *
 * Flags: --calls N (200), --repeats N (20: half sent together with their original, half after it was
 * logged), --client-concurrency N (16 requests in flight), --workers N (2), --worker-concurrency N (10),
 * --latency MS and --rate-limit K/W[:R] (sandbox faults, for the figures in docs/SCALING.md), --apt,
 * --tarball T | --no-build, --keep, --json FILE (jest-style counts for CI), --report FILE, --help.
 */
import fs from 'node:fs';
import path from 'node:path';
import process from 'node:process';
import { setMaxListeners } from 'node:events';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

// The in-process sandbox holds one abort listener per delayed request (--latency): more than 10 at a time is expected.
setMaxListeners(500);
const require = createRequire(import.meta.url);
const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const rt = require('./lib/n8n-runtime.cjs');
const { killAllNow } = require('./queue/serviceProcess.cjs');
const measure = require('./queue/measure.cjs');
const steps = require('./queue/steps.cjs');
const { checkCalls, checkExecutions, checkTokens } = require('./queue/checks.cjs');
const { figures } = require('./queue/report.cjs');

/** @typedef {import('./queue/steps.cjs').QueueOptions} QueueOptions */
/** @typedef {import('./queue/steps.cjs').QueueState} QueueState */
/** @typedef {import('./queue/steps.cjs').QueueContext} QueueContext */
/** @typedef {import('./queue/steps.cjs').QueueFound} QueueFound */
/** @typedef {import('./queue/steps.cjs').QueueCheck} QueueCheck */

const USAGE = `Usage: npm run test:queue -- [options]

  --calls N               distinct call events in the burst (default 200)
  --repeats N             repeated events (default 20): half sent together with their original (two copies
                          in flight at once), half sent again after the original was logged
  --client-concurrency N  webhook requests in flight at once (default 16)
  --workers N             n8n worker processes (default 2)
  --worker-concurrency N  executions per worker at once (default 10, n8n's default)
  --latency MS            the sandbox delays every Actionstep request MS ms (default 0; real Actionstep
                          answers in roughly 100–300 ms)
  --rate-limit K/W[:R]    the sandbox answers 429 after K requests per window W (e.g. 20/1s:1, R =
                          Retry-After seconds), like Actionstep's per-user rate limit
  --apt                   run apt-get update/install even when Redis and PostgreSQL are installed
  --tarball FILE          install this packed package instead of building and packing the checkout
  --no-build              pack dist/ as it is (skip npm run build)
  --keep                  keep the scratch folder (logs of every process) after the run
  --json FILE             write {numPassedTests, numFailedTests} for CI
  --report FILE           the full measurements (default test-results/queue/report.json)
  --help                  this text`;

/** @param {string[]} argv */
function parseArgs(argv) {
	/** @type {QueueOptions} */
	const o = {
		calls: 200,
		repeats: 20,
		clientConcurrency: 16,
		workers: 2,
		workerConcurrency: 10,
		latency: 0,
		rateLimit: undefined,
		apt: false,
		tarball: undefined,
		build: true,
		keep: false,
		json: undefined,
		report: path.join(root, 'test-results', 'queue', 'report.json'),
		help: false,
	};
	for (let i = 0; i < argv.length; i++) {
		let a = argv[i];
		/** @type {string | undefined} */
		let inline;
		if (a.startsWith('--') && a.includes('=')) [a, inline] = [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)];
		const next = () => {
			const v = inline ?? argv[++i];
			if (v === undefined) throw new Error(`${a} needs a value`);
			return v;
		};
		/**
		 * The flag's value as a whole number in min…max.
		 * @param {number} min
		 * @param {number} max
		 */
		const int = (min, max) => {
			const v = next();
			const n = Number(v);
			if (!Number.isInteger(n) || n < min || n > max) throw new Error(`${a}: expected a whole number ${min}–${max}, got ${v}`);
			return n;
		};
		if (a === '--calls') o.calls = int(10, 5000);
		else if (a === '--repeats') o.repeats = int(0, 1000);
		else if (a === '--client-concurrency') o.clientConcurrency = int(1, 200);
		else if (a === '--workers') o.workers = int(1, 8);
		else if (a === '--worker-concurrency') o.workerConcurrency = int(1, 100);
		else if (a === '--latency') o.latency = int(0, 10000);
		else if (a === '--rate-limit') o.rateLimit = next();
		else if (a === '--apt') o.apt = true;
		else if (a === '--tarball') o.tarball = path.resolve(next());
		else if (a === '--no-build') o.build = false;
		else if (a === '--keep') o.keep = true;
		else if (a === '--json') o.json = path.resolve(next());
		else if (a === '--report') o.report = path.resolve(next());
		else if (a === '--help' || a === '-h') o.help = true;
		else throw new Error(`unknown option ${a}`);
	}
	if (o.repeats > o.calls) throw new Error('--repeats cannot exceed --calls');
	return o;
}

/** @type {QueueOptions} */
let opts;
try {
	opts = parseArgs(process.argv.slice(2));
} catch (e) {
	console.error(`test:queue: ${e.message}\n\n${USAGE}`);
	process.exit(2);
}
if (opts.help) {
	console.log(USAGE);
	process.exit(0);
}

const t0 = Date.now();
/** @param {number} ms */
const secs = (ms) => `${(ms / 1000).toFixed(1)} s`;
/** @param {string} msg */
const say = (msg) => process.stdout.write(`[queue ${secs(Date.now() - t0).padStart(7)}] ${msg}\n`);
/** @type {Record<string, number>} */
const timings = {};
/**
 * Runs fn, recording how long it took in timings[name].
 * @template T
 * @param {string} name
 * @param {() => Promise<T>} fn
 * @returns {Promise<T>}
 */
async function timed(name, fn) {
	const s = Date.now();
	try {
		return await fn();
	} finally {
		timings[name] = Date.now() - s;
	}
}

// ---------------------------------------------------------------------------------------------
// cleanup: everything started here is stopped by process id, on success, failure, Ctrl-C or SIGTERM

/** What the run has started, for shutdown. @type {QueueState} */
const state = { scratch: undefined, sandbox: undefined, redis: undefined, pg: undefined, n8n: [], packDir: undefined, stopping: undefined };

/** Children of this process still running (e.g. an n8n CLI command mid-import), stopped by their own pid/group. */
/** @param {NodeJS.Signals} signal */
function killChildren(signal) {
	for (const p of measure.processTable()) {
		if (p.ppid !== process.pid) continue;
		try {
			process.kill(p.pgid === p.pid ? -p.pid : p.pid, signal);
		} catch {
			/* gone */
		}
	}
}

/** @param {{ keep?: boolean }} [options] */
async function shutdown({ keep = opts.keep } = {}) {
	if (state.stopping) return state.stopping;
	state.stopping = (async () => {
		const s = Date.now();
		await Promise.all(state.n8n.map((h) => h.stop().catch(() => {})));
		await rt.stopAll().catch(() => {});
		if (state.pg) await state.pg.stop().catch(() => {});
		if (state.redis) await state.redis.stop().catch(() => {});
		if (state.sandbox) await state.sandbox.close().catch(() => {});
		killChildren('SIGKILL');
		killAllNow();
		if (state.packDir) fs.rmSync(state.packDir, { recursive: true, force: true });
		if (state.scratch) {
			if (keep) say(`kept ${state.scratch} (logs: main/, worker-*/, redis/, pg/)`);
			else fs.rmSync(state.scratch, { recursive: true, force: true });
		}
		timings.stop = Date.now() - s;
		say(`stopped n8n (${state.n8n.length} processes), PostgreSQL, Redis and the sandbox in ${secs(timings.stop)}`);
	})();
	return state.stopping;
}

let signalled = false;
for (const sig of ['SIGINT', 'SIGTERM']) {
	process.on(sig, () => {
		const code = sig === 'SIGINT' ? 130 : 143;
		if (signalled) {
			rt.killAllNow();
			killAllNow();
			killChildren('SIGKILL');
			process.exit(code);
		}
		signalled = true;
		process.stdout.write('\n');
		say(`${sig}: stopping everything this run started…`);
		void shutdown().finally(() => process.exit(code));
	});
}
process.on('exit', () => {
	rt.killAllNow();
	killAllNow();
	killChildren('SIGKILL');
});

// ---------------------------------------------------------------------------------------------
// main

/** @type {QueueCheck[]} */
const checks = [];
/**
 * Records and prints one check.
 * @param {string} name
 * @param {unknown} ok
 * @param {string} [detail]
 */
function check(name, ok, detail) {
	checks.push({ name, ok: Boolean(ok), detail });
	console.log(`${ok ? '  ✓' : '  ✗'} ${name}${detail ? ` — ${detail}` : ''}`);
}


async function main() {
	console.log(`Actionstep for n8n: queue-mode scale-out test (n8n ${rt.N8N_VERSION}, main + ${opts.workers} workers, Redis, PostgreSQL)\n`);
	/** @type {QueueContext} */
	const ctx = { opts, state, say, timed, timings, secs, check, checks, root };
	// Filled in by the steps and the checks, in order: each reads only what the ones before it added.
	const found = /** @type {QueueFound} */ ({ tag: `q${Date.now().toString(36)}` });
	await steps.install(ctx, found);
	await steps.start(ctx, found);
	await steps.sendBurst(ctx, found);
	await steps.readBack(ctx, found);
	console.log('\nchecks:');
	checkExecutions(ctx, found);
	checkCalls(ctx, found);
	checkTokens(ctx, found);
	const report = figures(ctx, found);
	fs.mkdirSync(path.dirname(opts.report), { recursive: true });
	fs.writeFileSync(opts.report, JSON.stringify(report, null, 2));
	say(`report written to ${path.relative(root, opts.report)}`);
	return report;
}

let exitCode = 0;
try {
	await main();
} catch (e) {
	if (signalled) await new Promise(() => {}); // the signal handler is stopping everything and exits
	console.error(`\ntest:queue FAILED to run: ${e.stack || e.message}`);
	for (const h of state.n8n) console.error(`  ${h.name} log: ${h.logFile}`);
	check('the run completed', false, e.message.split('\n')[0]);
	opts.keep = true;
}
await shutdown();
timings.total = Date.now() - t0;
const passed = checks.filter((c) => c.ok).length;
const failedCount = checks.length - passed;
if (opts.json) {
	fs.mkdirSync(path.dirname(opts.json), { recursive: true });
	fs.writeFileSync(opts.json, JSON.stringify({ numPassedTests: passed, numFailedTests: failedCount, numRuntimeErrorTestSuites: 0, checks, timingsMs: timings }, null, 2));
}
say(`total ${secs(timings.total)}`);
console.log(`\n${passed} passed, ${failedCount} failed`);
exitCode = failedCount === 0 && checks.length > 0 ? 0 : 1;
process.exit(exitCode);
