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
import os from 'node:os';
import path from 'node:path';
import process from 'node:process';
import crypto from 'node:crypto';
import { setMaxListeners } from 'node:events';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

// The in-process sandbox holds one abort listener per delayed request (--latency): more than 10 at a time is expected.
setMaxListeners(500);
const require = createRequire(import.meta.url);
const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const rt = require('./lib/n8n-runtime.cjs');
const services = require('./queue/services.cjs');
const work = require('./queue/workload.cjs');
const measure = require('./queue/measure.cjs');

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

function parseArgs(argv) {
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
		let inline;
		if (a.startsWith('--') && a.includes('=')) [a, inline] = [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)];
		const next = () => {
			const v = inline ?? argv[++i];
			if (v === undefined) throw new Error(`${a} needs a value`);
			return v;
		};
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
const secs = (ms) => `${(ms / 1000).toFixed(1)} s`;
const say = (msg) => process.stdout.write(`[queue ${secs(Date.now() - t0).padStart(7)}] ${msg}\n`);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const timings = {};
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

const state = { scratch: undefined, sandbox: undefined, redis: undefined, pg: undefined, n8n: [], packDir: undefined, stopping: undefined };

/** Children of this process still running (e.g. an n8n CLI command mid-import), stopped by their own pid/group. */
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
		services.killAllNow();
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
			services.killAllNow();
			killChildren('SIGKILL');
			process.exit(code);
		}
		signalled = true;
		process.stdout.write('\n');
		say(`${sig}: stopping everything this run started…`);
		shutdown().finally(() => process.exit(code));
	});
}
process.on('exit', () => {
	rt.killAllNow();
	services.killAllNow();
	killChildren('SIGKILL');
});

// ---------------------------------------------------------------------------------------------
// the sandbox, with its token endpoint observed (grant, status, which refresh token, which one issued)

function tokenId(t) {
	return t ? crypto.createHash('sha256').update(String(t)).digest('hex').slice(0, 8) : null;
}

async function startObservedSandbox() {
	require('ts-node').register({ transpileOnly: true, project: path.join(root, 'tsconfig.json'), compilerOptions: { module: 'commonjs' } });
	const faults = {};
	if (opts.latency) faults.latencyMs = opts.latency;
	if (opts.rateLimit) faults.rateLimit = require(path.join(root, 'sandbox', 'cli.ts')).parseRateLimit(opts.rateLimit);
	const { OAuthServer } = require(path.join(root, 'sandbox', 'oauth.ts'));
	const { startSandbox } = require(path.join(root, 'sandbox', 'index.ts'));
	const tokenLog = [];
	if (!OAuthServer.prototype.__queueTestObserved) {
		const original = OAuthServer.prototype.token;
		OAuthServer.prototype.token = function observedToken(req) {
			const at = Date.now();
			let form;
			try {
				form = new URLSearchParams(Buffer.from(req.body || '').toString('utf8'));
			} catch {
				form = new URLSearchParams();
			}
			const reply = original.call(this, req);
			const record = (r) => {
				const json = r && r.json;
				this.__observer?.({
					at,
					grant: form.get('grant_type'),
					used: tokenId(form.get('refresh_token')),
					status: r && r.status,
					error: json && json.error,
					issued: json && tokenId(json.refresh_token),
				});
				return r;
			};
			return reply && typeof reply.then === 'function' ? reply.then(record) : record(reply);
		};
		OAuthServer.prototype.__queueTestObserved = true;
	}
	const sandbox = await startSandbox({ port: 0, quiet: true, faults });
	// The handle hides its OAuthServer; the observer is set on every instance through the prototype.
	OAuthServer.prototype.__observer = (entry) => tokenLog.push(entry);
	return { sandbox, tokenLog };
}

// ---------------------------------------------------------------------------------------------
// the burst

/** A counting semaphore: bounded concurrency for the webhook client. */
function semaphore(limit) {
	let used = 0;
	const waiting = [];
	return {
		async acquire() {
			if (used < limit) {
				used++;
				return;
			}
			await new Promise((r) => waiting.push(r));
		},
		release() {
			const next = waiting.shift();
			if (next) next();
			else used--;
		},
	};
}

async function postEvent(url, seq, body, timeoutMs = 120000) {
	const started = Date.now();
	try {
		const res = await fetch(`${url}/webhook/${work.WEBHOOK_PATH}`, {
			method: 'POST',
			headers: { 'content-type': 'application/json', 'x-queue-test-seq': String(seq) },
			body: JSON.stringify(body),
			signal: AbortSignal.timeout(timeoutMs),
		});
		const text = await res.text();
		return { status: res.status, text: text.slice(0, 300), sentAt: started, answeredAt: Date.now() };
	} catch (e) {
		return { status: 0, text: String(e.message || e), sentAt: started, answeredAt: Date.now() };
	}
}

/** The phone records in the sandbox that carry this call's Call ID line. */
function recordsOfCall(sandbox, sessionId) {
	const line = work.callIdLine(sessionId);
	return sandbox.store.list('phonerecords').filter((r) => String(r.notes || '').split('\n').some((l) => l.startsWith(line)));
}

/**
 * Sends the burst: every distinct event once, in order; `withIdx` events a second time at the same instant
 * (two copies in flight together); `afterIdx` events a second time once the sandbox holds the original's
 * phone record. Expires every access token when a third and when two thirds of the distinct calls have been
 * logged, so that executions are running on the workers when their token stops working.
 */
async function burst({ url, sandbox, events, withIdx, afterIdx, concurrency, queueIdle }) {
	const sem = semaphore(concurrency);
	const sends = [];
	const expiries = [];
	const inFlight = new Set();
	let seq = 0;
	const fire = (ev, kind) => {
		const s = { seq: ++seq, sessionId: ev.sessionId, n: ev.n, kind };
		sends.push(s);
		const p = postEvent(url, s.seq, ev.body)
			.then((r) => Object.assign(s, r))
			.finally(() => {
				sem.release();
				inFlight.delete(p);
			});
		inFlight.add(p);
		return p;
	};
	const pendingAfter = new Set(afterIdx);
	const burstStart = Date.now();

	let firstsDone = false;
	let done = false;
	const runPrefix = `${work.callIdLine(events[0].sessionId).replace(/-\d+ \[n8n $/, '')}-`;
	const callKeyOf = (line) => line && line.slice(0, line.indexOf(' [n8n '));
	const loggedCalls = () => new Set(sandbox.store.list('phonerecords').map((r) => callKeyOf(String(r.notes || '').split('\n').find((l) => l.startsWith(runPrefix)))).filter(Boolean)).size;
	const expiryWatcher = (async () => {
		const thresholds = [Math.ceil(events.length / 3), Math.ceil((2 * events.length) / 3)];
		while (thresholds.length && !done) {
			const logged = loggedCalls();
			if (logged >= thresholds[0]) {
				thresholds.shift();
				sandbox.expireAccessTokens();
				expiries.push({ at: Date.now(), logged, sent: sends.length });
				say(`  expired every access token in the sandbox (${logged} calls logged, ${sends.length} requests sent)`);
			}
			await sleep(50);
		}
	})();
	const afterWatcher = (async () => {
		const deadline = () => Date.now() - burstStart > 15 * 60 * 1000;
		let idleRounds = 0;
		while (pendingAfter.size && !deadline()) {
			// Once everything sent so far has run and an original still has no record, it never will (it failed).
			if (firstsDone && !inFlight.size && (await queueIdle(sends.length))) {
				if (++idleRounds >= 3) break;
			} else idleRounds = 0;
			for (const n of [...pendingAfter]) {
				if (recordsOfCall(sandbox, events[n].sessionId).length) {
					pendingAfter.delete(n);
					await sem.acquire();
					fire(events[n], 'after');
				}
			}
			await sleep(firstsDone ? 100 : 250);
		}
	})();

	for (const ev of events) {
		await sem.acquire();
		if (withIdx.has(ev.n)) {
			await sem.acquire();
			fire(ev, 'first');
			fire(ev, 'with');
		} else {
			fire(ev, 'first');
		}
	}
	firstsDone = true;
	await afterWatcher;
	await Promise.all([...inFlight]);
	// The expiries wait for calls to be logged, which goes on after the last request was answered.
	const until = Date.now() + 10 * 60 * 1000;
	while (expiries.length < 2 && Date.now() < until && !(await queueIdle(sends.length))) await sleep(200);
	done = true;
	await expiryWatcher;
	return { sends, expiries, notRepeated: [...pendingAfter], startedAt: burstStart, sentAllAt: Math.max(...sends.map((s) => s.answeredAt || 0)) };
}

// ---------------------------------------------------------------------------------------------
// reading n8n back (its PostgreSQL database)

const FINAL = new Set(['success', 'error', 'crashed', 'canceled']);

async function executionCounts(pg) {
	const rows = await pg.query('select status, count(*)::int as n from execution_entity where "workflowId" = $1 group by status', [work.WORKFLOW_ID]);
	return Object.fromEntries(rows.map((r) => [r.status, r.n]));
}

async function waitForDrain({ pg, redis, expected, timeoutMs }) {
	const started = Date.now();
	let last = '';
	for (;;) {
		const counts = await executionCounts(pg);
		const total = Object.values(counts).reduce((s, n) => s + n, 0);
		const finished = Object.entries(counts).reduce((s, [k, n]) => s + (FINAL.has(k) ? n : 0), 0);
		const waiting = Number(redis.cli('llen', 'bull:jobs:wait') || 0);
		const active = Number(redis.cli('llen', 'bull:jobs:active') || 0);
		const line = `${finished}/${expected} executions finished, queue: ${waiting} waiting, ${active} active`;
		if (line !== last && (Date.now() - started > 2000 || finished === expected)) {
			say(`  ${line}`);
			last = line;
		}
		if (total >= expected && finished === total && waiting === 0 && active === 0) return { counts, total, finished, waiting, active, ms: Date.now() - started };
		if (Date.now() - started > timeoutMs) return { counts, total, finished, waiting, active, ms: Date.now() - started, timedOut: true };
		await sleep(1000);
	}
}

let flattedParse;
function parseFlatted(text) {
	if (!flattedParse) {
		const req = createRequire(path.join(rt.runtimePaths().n8nPrefix, 'node_modules', 'n8n', 'package.json'));
		flattedParse = req('flatted').parse;
	}
	return flattedParse(text);
}

function nodeOutput(data, nodeName) {
	const runs = data?.resultData?.runData?.[nodeName] || [];
	const task = runs[0];
	return { items: (task?.data?.main?.[0] || []).map((it) => it.json), error: task?.error };
}

/** Every execution of the workflow with what it did: [{ id, status, startedAt, stoppedAt, createdAt, seq, sessionId, out, error }]. */
async function readExecutions(pg) {
	const rows = await pg.query(
		`select e.id, e.status, e."createdAt", e."startedAt", e."stoppedAt", d.data
		   from execution_entity e left join execution_data d on d."executionId" = e.id
		  where e."workflowId" = $1 order by e.id`,
		[work.WORKFLOW_ID],
	);
	return rows.map((r) => {
		let data;
		try {
			data = r.data ? parseFlatted(r.data) : undefined;
		} catch {
			data = undefined;
		}
		const hook = nodeOutput(data, work.HOOK_NODE).items[0] || {};
		const log = nodeOutput(data, work.LOG_NODE);
		const err = data?.resultData?.error;
		return {
			id: String(r.id),
			status: r.status,
			createdAt: r.createdAt && new Date(r.createdAt).getTime(),
			startedAt: r.startedAt && new Date(r.startedAt).getTime(),
			stoppedAt: r.stoppedAt && new Date(r.stoppedAt).getTime(),
			seq: Number(hook.headers?.['x-queue-test-seq']) || undefined,
			sessionId: hook.body?.sessionId,
			out: log.items[0],
			error: err ? err.message || String(err) : log.error ? log.error.message || String(log.error) : undefined,
		};
	});
}

// ---------------------------------------------------------------------------------------------
// main

const checks = [];
function check(name, ok, detail) {
	checks.push({ name, ok: Boolean(ok), detail });
	console.log(`${ok ? '  ✓' : '  ✗'} ${name}${detail ? ` — ${detail}` : ''}`);
}

const mb = (x) => (x === undefined ? '-' : `${Math.round(x)} MB`);
const ms = (x) => (x === undefined ? '-' : `${Math.round(x)} ms`);

async function main() {
	console.log(`Actionstep for n8n: queue-mode scale-out test (n8n ${rt.N8N_VERSION}, main + ${opts.workers} workers, Redis, PostgreSQL)\n`);
	const tag = `q${Date.now().toString(36)}`;

	// ---- install: apt packages, the n8n runtime, this package
	say('install: Redis and PostgreSQL (apt), the n8n runtime, this package');
	state.scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'actionstep-queue-'));
	const apt = await timed('installApt', () => services.ensurePackages({ logDir: state.scratch, onProgress: say, force: opts.apt }));
	say(apt.installed.length ? `  apt-get installed ${apt.installed.join(', ')} in ${secs(apt.ms)}` : '  redis-server and postgresql already installed');
	const firstInstall = !fs.existsSync(rt.runtimePaths().marker);
	if (firstInstall) say(`  first run: installing n8n ${rt.N8N_VERSION} into ${rt.runtimeDir()} (about 6 minutes, once)…`);
	await timed('installRuntime', () => rt.ensureRuntime({ onProgress: (m) => say(`  ${m}`) }));
	let tarball = opts.tarball;
	if (!tarball) {
		tarball = await timed('pack', () => rt.packPackage({ build: opts.build, onProgress: (m) => say(`  ${m}`) }));
		state.packDir = path.dirname(tarball);
	}
	if (!fs.existsSync(tarball)) throw new Error(`no tarball at ${tarball}`);
	const encryptionKey = crypto.randomBytes(24).toString('hex');
	const names = ['main', ...Array.from({ length: opts.workers }, (_, i) => `worker-${i + 1}`)];
	const folders = await timed('userFolders', () =>
		Promise.all(names.map((name) => rt.createUserFolder({ tarball, encryptionKey, parentDir: path.join(state.scratch, name) }))),
	);
	say(`  ${path.basename(tarball)} installed into ${names.length} user folders (${names.join(', ')}) in ${secs(timings.userFolders)}`);
	timings.install = (timings.installApt || 0) + (timings.installRuntime || 0) + (timings.pack || 0) + timings.userFolders;

	// ---- start: Redis, PostgreSQL, sandbox, import, n8n main and workers
	const startBegan = Date.now();
	say('start: Redis, PostgreSQL, the sandbox, n8n main and workers');
	const [redis, pg] = await Promise.all([
		timed('redis', () => services.startRedis({ dir: path.join(state.scratch, 'redis') })),
		timed('postgres', () => services.startPostgres({ dir: path.join(state.scratch, 'pg') })),
	]);
	state.redis = redis;
	state.pg = pg;
	say(`  Redis on 127.0.0.1:${redis.port} (pid ${redis.pid}), PostgreSQL ${pg.version} on 127.0.0.1:${pg.port} (pid ${pg.pid})`);
	const { sandbox, tokenLog } = await startObservedSandbox();
	state.sandbox = sandbox;
	const faultText = [opts.latency ? `${opts.latency} ms latency` : '', opts.rateLimit ? `rate limit ${opts.rateLimit}` : ''].filter(Boolean).join(', ');
	say(`  sandbox on ${sandbox.url}${faultText ? ` (${faultText} on every Actionstep request)` : ''}`);

	const queueEnv = Object.assign(
		{
			EXECUTIONS_MODE: 'queue',
			QUEUE_BULL_REDIS_HOST: '127.0.0.1',
			QUEUE_BULL_REDIS_PORT: String(redis.port),
			N8N_ENCRYPTION_KEY: encryptionKey,
			GENERIC_TIMEZONE: 'Australia/Sydney',
			EXECUTIONS_DATA_SAVE_ON_SUCCESS: 'all',
			EXECUTIONS_DATA_SAVE_ON_ERROR: 'all',
			EXECUTIONS_DATA_PRUNE: 'false',
			N8N_LOG_LEVEL: 'info',
		},
		pg.env,
	);
	const main = folders[0].userFolder;
	const token = await sandbox.issueToken({});
	await timed('import', async () => {
		const credFile = path.join(main, 'queue-credential.json');
		const wfFile = path.join(main, 'queue-workflow.json');
		fs.writeFileSync(credFile, JSON.stringify([work.sandboxCredential(sandbox, token)]));
		fs.writeFileSync(wfFile, JSON.stringify(work.logCallWorkflow()));
		try {
			await rt.n8nCommandOk(main, ['import:credentials', `--input=${credFile}`], { env: queueEnv });
		} finally {
			fs.rmSync(credFile, { force: true }); // a plaintext token
		}
		await rt.n8nCommandOk(main, ['import:workflow', `--input=${wfFile}`], { env: queueEnv });
		await rt.n8nCommandOk(main, ['publish:workflow', `--id=${work.WORKFLOW_ID}`], { env: queueEnv });
	});
	say(`  imported the credential and the workflow, published it (${secs(timings.import)}, migrations included)`);

	const progress = (m) => say(`  ${m}`);
	const handles = await timed('n8nReady', () =>
		Promise.all(
			names.map((name, i) =>
				rt.startN8n(folders[i].userFolder, {
					command: i === 0 ? 'start' : 'worker',
					env: i === 0 ? queueEnv : Object.assign({ N8N_CONCURRENCY_PRODUCTION_LIMIT: String(opts.workerConcurrency) }, queueEnv),
					logFile: path.join(state.scratch, name, `n8n-${name}.log`),
					onProgress: progress,
				}).then((h) => {
					h.name = name;
					state.n8n.push(h);
					return h;
				}),
			),
		),
	);
	const [mainN8n, ...workers] = handles;
	const webhookMs = await rt.waitForWebhook(mainN8n.url, work.WEBHOOK_PATH, { method: 'POST', timeoutMs: 60000 });
	timings.start = Date.now() - startBegan;
	say(`  main ${mainN8n.url} (pid ${mainN8n.pid}), ${workers.map((w) => `${w.name} pid ${w.pid}`).join(', ')}; webhook live after ${secs(webhookMs)} more`);

	// ---- burst
	const events = Array.from({ length: opts.calls }, (_, n) => Object.assign(work.callEvent(tag, n), { n }));
	const half = Math.ceil(opts.repeats / 2);
	const spread = (count, offset) => {
		const out = new Set();
		for (let k = 0; k < count; k++) out.add(Math.min(opts.calls - 1, Math.floor(((k + offset) * opts.calls) / count) % opts.calls));
		return out;
	};
	const withIdx = spread(half, 0.35); // two copies at the same instant
	const afterIdx = new Set([...spread(opts.repeats - half, 0.1)].filter((n) => !withIdx.has(n)));
	const targets = [
		...handles.map((h) => ({ name: h.name, pid: h.pid })),
		{ name: 'redis', pid: redis.pid },
		{ name: 'postgres', pid: pg.pid },
		{ name: 'test (sandbox + client)', pid: process.pid, selfOnly: true },
	];
	const idleMemory = measure.startMemorySampler(targets, { intervalMs: 100000 }).stop();
	const sampler = measure.startMemorySampler(targets, { intervalMs: 1000 });
	const loadBefore = os.loadavg()[0];
	const dbSize = async () => (await pg.query("select pg_database_size(current_database())::bigint as db, pg_total_relation_size('execution_data')::bigint as data"))[0];
	const dbBefore = await dbSize();
	sandbox.clearLog();
	tokenLog.length = 0;
	say(`burst: ${opts.calls} distinct calls + ${withIdx.size} sent twice at once + ${afterIdx.size} sent again after they were logged, ${opts.clientConcurrency} requests in flight`);
	const queueIdle = async (expected) => {
		const counts = await executionCounts(pg);
		const finished = Object.entries(counts).reduce((sum, [k, n]) => sum + (FINAL.has(k) ? n : 0), 0);
		return finished >= expected && Number(redis.cli('llen', 'bull:jobs:wait') || 0) === 0 && Number(redis.cli('llen', 'bull:jobs:active') || 0) === 0;
	};
	const b = await burst({ url: mainN8n.url, sandbox, events, withIdx, afterIdx, concurrency: opts.clientConcurrency, queueIdle });
	timings.burstSend = b.sentAllAt - b.startedAt;
	say(`  ${b.sends.length} requests answered in ${secs(timings.burstSend)}; waiting for the queue to drain…`);
	const drain = await waitForDrain({ pg, redis, expected: b.sends.length, timeoutMs: 15 * 60 * 1000 });
	timings.drain = Date.now() - b.sentAllAt;
	timings.burst = Date.now() - b.startedAt;
	const restDuringBurst = sandbox.requests();
	const tokensDuringBurst = tokenLog.slice();

	// ---- after the burst: one more rotation, then a call that must still log (the stored refresh token is live)
	sandbox.expireAccessTokens();
	const probeEvent = Object.assign(work.callEvent(tag, opts.calls + 1), { n: opts.calls + 1 });
	const probeSend = await postEvent(mainN8n.url, 0, probeEvent.body);
	const probeDrain = await waitForDrain({ pg, redis, expected: b.sends.length + 1, timeoutMs: 120000 });
	const loadAfter = os.loadavg()[0];
	const memory = sampler.stop();

	// ---- read back
	const dbAfter = await dbSize();
	const executions = await readExecutions(pg);
	const bySeq = new Map(b.sends.map((s) => [s.seq, s]));
	const burstExecs = executions.filter((e) => e.seq && bySeq.has(e.seq));
	const probeExec = executions.find((e) => e.sessionId === probeEvent.sessionId);
	const perWorker = Object.fromEntries(workers.map((w) => [w.name, new Set(measure.workerExecutions(w.logFile).finished)]));
	const mainRan = measure.workerExecutions(mainN8n.logFile).finished.length;
	const workerOf = (id) => Object.keys(perWorker).find((name) => perWorker[name].has(id));
	for (const e of executions) e.worker = workerOf(e.id);

	// ---- checks
	console.log('\nchecks:');
	const answered = b.sends.filter((s) => s.status === 200).length;
	check(
		`every webhook request answered 200`,
		answered === b.sends.length && probeSend.status === 200,
		`${answered}/${b.sends.length}${answered < b.sends.length ? `; first other: ${JSON.stringify(b.sends.find((s) => s.status !== 200))}` : ''}`,
	);

	check(
		'the queue drained: one finished execution per request, nothing left in Redis',
		!drain.timedOut && !probeDrain.timedOut && burstExecs.length === b.sends.length && probeDrain.waiting === 0 && probeDrain.active === 0,
		`${burstExecs.length}/${b.sends.length} executions matched to requests, statuses ${JSON.stringify(drain.counts)}, drained ${secs(timings.drain)} after the last answer`,
	);

	const failed = executions.filter((e) => e.status !== 'success' || e.error);
	check(
		'no failed executions',
		failed.length === 0,
		failed.length ? `${failed.length} failed, e.g. #${failed[0].id} ${failed[0].status}: ${failed[0].error}` : `${executions.length} executions, all success`,
	);

	const counts = Object.fromEntries(Object.entries(perWorker).map(([k, v]) => [k, burstExecs.filter((e) => v.has(e.id)).length]));
	const unattributed = burstExecs.filter((e) => !e.worker).length;
	check(
		`every worker executed some (and the main instance none)`,
		Object.values(counts).every((n) => n > 0) && mainRan === 0 && unattributed === 0,
		`${Object.entries(counts).map(([k, n]) => `${k} ${n}`).join(', ')}, main ${mainRan}${unattributed ? `, ${unattributed} not in any worker's log` : ''}`,
	);

	const store = sandbox.store;
	const timeEntries = store.list('timeentries');
	const perCall = events.map((ev) => {
		const records = recordsOfCall(sandbox, ev.sessionId);
		const entries = records.flatMap((r) => timeEntries.filter((t) => t.links && t.links.phoneRecord === r.id));
		return { n: ev.n, sessionId: ev.sessionId, records, entries };
	});
	const logged = perCall.filter((c) => c.records.length >= 1 && c.entries.length >= 1 && c.records.every((r) => r.links && r.links.action === work.MATTER_ID));
	check(
		'every distinct call logged (phone record on the matter, with a linked time entry)',
		logged.length === events.length,
		`${logged.length}/${events.length}${logged.length < events.length ? `; missing e.g. ${perCall.find((c) => !logged.includes(c)).sessionId}` : ''}`,
	);

	const twice = perCall.filter((c) => c.records.length > 1 || c.entries.length > 1);
	const dupDetail = twice.map((c) => {
		const execs = burstExecs.filter((e) => e.sessionId === c.sessionId);
		const kinds = execs.map((e) => bySeq.get(e.seq).kind);
		const overlap = execs.length === 2 && execs[0].startedAt < execs[1].stoppedAt && execs[1].startedAt < execs[0].stoppedAt;
		return {
			sessionId: c.sessionId,
			records: c.records.map((r) => r.id),
			timeEntries: c.entries.map((t) => t.id),
			executions: execs.map((e) => ({ id: e.id, worker: e.worker, kind: bySeq.get(e.seq).kind, startedAt: e.startedAt, stoppedAt: e.stoppedAt, duplicate: e.out?.duplicate })),
			kinds,
			overlap,
		};
	});
	check(
		`no call logged twice (${events.length} calls + ${withIdx.size + afterIdx.size} repeats → exactly one phone record and one time entry per call)`,
		twice.length === 0,
		twice.length
			? `${twice.length} calls logged twice: ${dupDetail
					.slice(0, 5)
					.map((d) => `${d.sessionId} → records ${d.records.join('+')} by ${d.executions.map((e) => `#${e.id}@${e.worker}(${e.kind})`).join(' & ')}${d.overlap ? ', ran at the same time' : ''}`)
					.join('; ')}`
			: `${perCall.filter((c) => c.records.length === 1).length} calls, one record each; ${store.list('phonerecords').length - 10} records created in all`,
	);

	const afterExecs = burstExecs.filter((e) => bySeq.get(e.seq).kind === 'after');
	const afterDup = afterExecs.filter((e) => e.out && e.out.duplicate === true);
	const afterOtherWorker = afterExecs.filter((e) => {
		const orig = burstExecs.find((o) => o.sessionId === e.sessionId && bySeq.get(o.seq).kind === 'first');
		return orig && orig.worker && e.worker && orig.worker !== e.worker;
	});
	check(
		'repeats sent after the original was logged are returned as duplicates, nothing created',
		afterIdx.size > 0 ? afterDup.length === afterIdx.size && b.notRepeated.length === 0 : true,
		`${afterDup.length}/${afterIdx.size} duplicate: true (${afterOtherWorker.length} of them on the other worker than their original)`,
	);

	const withExecs = burstExecs.filter((e) => bySeq.get(e.seq).kind === 'with');
	const withPairs = [...withIdx].map((n) => {
		const pair = burstExecs.filter((e) => e.sessionId === events[n].sessionId);
		const overlap = pair.length === 2 && pair[0].startedAt < pair[1].stoppedAt && pair[1].startedAt < pair[0].stoppedAt;
		return { n, pair, overlap, split: pair.length === 2 && pair[0].worker !== pair[1].worker, records: recordsOfCall(sandbox, events[n].sessionId).length };
	});

	const rest401 = restDuringBurst.filter((r) => r.status === 401);
	const refreshes = tokensDuringBurst.filter((t) => t.grant === 'refresh_token');
	const refreshOk = refreshes.filter((t) => t.status === 200);
	const refreshBad = refreshes.filter((t) => t.status !== 200);
	// The rotation chain: each refresh must present the token the previous one issued (no fork, no reuse).
	let chainOk = true;
	let expected = tokenId(token.refresh_token);
	for (const t of refreshOk) {
		if (t.used !== expected) chainOk = false;
		expected = t.issued;
	}
	const afterExpiry = b.expiries.map((x, i) => {
		const until = b.expiries[i + 1]?.at ?? Infinity;
		// Executions running across the expiry: they started with the old token and must all end well.
		const inFlight = Object.fromEntries(workers.map((w) => [w.name, burstExecs.filter((e) => e.worker === w.name && e.startedAt <= x.at && e.stoppedAt >= x.at).length]));
		return {
			at: x.at,
			inFlight,
			unauthorized: rest401.filter((r) => Date.parse(r.time) >= x.at && Date.parse(r.time) < until).length,
			refreshed: refreshOk.filter((t) => t.at >= x.at && t.at < until).length,
		};
	});
	const everyWorkerCrossed = afterExpiry.some((x) => Object.values(x.inFlight).every((n) => n > 0));
	check(
		'access token expired mid-burst and refreshed without breaking any execution (refresh tokens rotate)',
		b.expiries.length >= 1 &&
			afterExpiry.every((x) => x.unauthorized > 0 && x.refreshed >= 1) &&
			everyWorkerCrossed &&
			refreshBad.length === 0 &&
			chainOk &&
			failed.length === 0,
		`${b.expiries.length} expiries with executions in flight on ${afterExpiry.map((x) => Object.entries(x.inFlight).map(([k, n]) => `${k} ${n}`).join(' + ')).join(' / ')}; ${rest401.length} requests got 401; ${refreshOk.length} refresh grants OK (${afterExpiry.map((x) => x.refreshed).join(' + ')}), ${refreshBad.length} refused${refreshBad.length ? ` (${refreshBad.map((t) => t.error).join(', ')})` : ''}; rotation chain ${chainOk ? 'linear' : 'FORKED'}`,
	);

	const probeRecords = recordsOfCall(sandbox, probeEvent.sessionId);
	const probeRefresh = tokenLog.slice(tokensDuringBurst.length).filter((t) => t.grant === 'refresh_token');
	check(
		'after the burst the stored refresh token is still the live one (expire again → a new call logs)',
		probeSend.status === 200 && probeExec && probeExec.status === 'success' && probeRecords.length === 1 && probeRefresh.some((t) => t.status === 200) && probeRefresh.every((t) => t.status === 200),
		probeExec ? `execution #${probeExec.id} ${probeExec.status} on ${probeExec.worker}, ${probeRecords.length} record, ${probeRefresh.length} refresh (${probeRefresh.map((t) => t.status).join(', ')})` : 'no execution found',
	);

	// ---- figures
	const firstSend = Math.min(...b.sends.map((s) => s.sentAt));
	const lastStop = Math.max(...burstExecs.map((e) => e.stoppedAt || 0));
	const ack = measure.summary(b.sends.map((s) => s.answeredAt - s.sentAt));
	const e2e = measure.summary(burstExecs.map((e) => e.stoppedAt - bySeq.get(e.seq).sentAt));
	const queueWait = measure.summary(burstExecs.map((e) => e.startedAt - e.createdAt));
	const run = measure.summary(burstExecs.map((e) => e.stoppedAt - e.startedAt));
	const runNew = measure.summary(burstExecs.filter((e) => e.out && e.out.duplicate === false).map((e) => e.stoppedAt - e.startedAt));
	const wallS = (lastStop - firstSend) / 1000;
	const restCount = restDuringBurst.length;
	const report = {
		n8nVersion: rt.N8N_VERSION,
		postgres: pg.version,
		host: { cpus: os.cpus().length, memGb: Math.round(os.totalmem() / 1e9), load1BeforeBurst: loadBefore, load1AfterBurst: loadAfter },
		options: opts,
		timingsMs: timings,
		firstInstall,
		burst: {
			requests: b.sends.length,
			distinct: events.length,
			wallSeconds: wallS,
			executionsPerSecond: b.sends.length / wallS,
			distinctCallsPerSecond: events.length / wallS,
			sandboxRequests: restCount,
			sandboxRequestsPerSecond: restCount / wallS,
			latencyMs: { webhookAnswer: ack, endToEnd: e2e, queueWait, execution: run, executionNewCall: runNew },
		},
		workers: counts,
		database: { bytesPerExecution: Math.round((Number(dbAfter.db) - Number(dbBefore.db)) / (b.sends.length + 1)), executionDataBytesPerExecution: Math.round((Number(dbAfter.data) - Number(dbBefore.data)) / (b.sends.length + 1)) },
		memory,
		idleMemory,
		tokens: { expiries: b.expiries, afterExpiry, unauthorized: rest401.length, refreshes: refreshes.length, refreshOk: refreshOk.length, refused: refreshBad, chainOk, probe: probeRefresh },
		duplicates: dupDetail,
		sentTogether: withPairs.map((p) => ({ sessionId: events[p.n].sessionId, overlap: p.overlap, split: p.split, records: p.records, executions: p.pair.map((e) => ({ id: e.id, worker: e.worker, startedAt: e.startedAt, stoppedAt: e.stoppedAt, duplicate: e.out?.duplicate })) })),
		afterRepeats: { count: afterExecs.length, duplicates: afterDup.length, otherWorker: afterOtherWorker.length },
		checks,
	};

	console.log('\nfigures:');
	console.log(`  burst             ${b.sends.length} requests (${events.length} distinct calls) in ${wallS.toFixed(1)} s from first request to last execution finished`);
	console.log(`  throughput        ${(b.sends.length / wallS).toFixed(2)} executions/s, ${(events.length / wallS).toFixed(2)} distinct calls/s end to end; ${restCount} Actionstep requests (${(restCount / wallS).toFixed(1)}/s)`);
	console.log(`  webhook answer    p50 ${ms(ack.p50)}, p95 ${ms(ack.p95)}, max ${ms(ack.max)} (Respond Immediately: enqueue only)`);
	console.log(`  end to end        p50 ${ms(e2e.p50)}, p95 ${ms(e2e.p95)}, max ${ms(e2e.max)} (request sent → execution finished)`);
	console.log(`  in the queue      p50 ${ms(queueWait.p50)}, p95 ${ms(queueWait.p95)}; execution p50 ${ms(run.p50)}, p95 ${ms(run.p95)} (new calls p50 ${ms(runNew.p50)})`);
	console.log(`  per worker        ${Object.entries(counts).map(([k, n]) => `${k} ${n}`).join(', ')}`);
	console.log(`  sent together     ${withPairs.length} pairs: ${withPairs.filter((p) => p.overlap).length} ran at the same time (${withPairs.filter((p) => p.overlap && p.split).length} on two workers), ${withPairs.filter((p) => p.records > 1).length} logged twice`);
	console.log(`  tokens            ${b.expiries.length} expiries mid-burst + 1 after: ${rest401.length} requests got 401, ${refreshOk.length + probeRefresh.filter((t) => t.status === 200).length} refresh grants, ${refreshBad.length} refused`);
	console.log(`  database          +${Math.round(report.database.bytesPerExecution / 1024)} KB per execution (execution_data +${Math.round(report.database.executionDataBytesPerExecution / 1024)} KB), kept until pruned`);
	console.log(`  host              ${os.cpus().length} CPUs, load average ${loadBefore.toFixed(1)} before the burst, ${loadAfter.toFixed(1)} after (other work on the machine counts too)`);
	console.log('  memory and CPU    RSS peak during the burst, process alone / with children; CPU time during the burst');
	const execCount = b.sends.length + 1;
	let cpuAll = 0;
	for (const [name, m] of Object.entries(memory)) {
		const own = counts[name] !== undefined ? counts[name] + (probeExec && probeExec.worker === name ? 1 : 0) : execCount;
		cpuAll += m.cpuMs;
		console.log(
			`    ${name.padEnd(24)} ${mb(m.selfMb.peak).padStart(7)} / ${mb(m.totalMb.peak).padStart(7)}  (${m.procs} processes; idle before ${mb(idleMemory[name]?.totalMb.last)});` +
				` CPU ${secs(m.cpuMs)}, ${Math.round(m.cpuMs / Math.max(1, own))} ms per execution ${counts[name] !== undefined ? 'it ran' : 'in all'}`,
		);
	}
	console.log(`    all of the above: ${Math.round(cpuAll / execCount)} ms CPU per execution`);
	report.cpuMsPerExecution = Math.round(cpuAll / execCount);
	const installLine = [
		timings.installApt ? `apt ${secs(timings.installApt)}` : 'apt skipped',
		`n8n runtime ${secs(timings.installRuntime)}${firstInstall ? ' (first install)' : ' (cached)'}`,
		timings.pack !== undefined ? `pack ${secs(timings.pack)}` : 'given tarball',
		`user folders ${secs(timings.userFolders)}`,
	].join(', ');
	console.log(`  timings           install ${secs(timings.install)} (${installLine})`);
	console.log(`                    start ${secs(timings.start)} (Redis+PostgreSQL ${secs(Math.max(timings.redis, timings.postgres))}, import ${secs(timings.import)}, n8n ready ${secs(timings.n8nReady)})`);
	console.log(`                    burst ${secs(timings.burst)} (sending ${secs(timings.burstSend)}, draining ${secs(timings.drain)})`);

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
