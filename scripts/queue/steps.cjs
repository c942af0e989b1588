'use strict';
/**
 * The queue test's steps, in order: install, start, the burst, reading n8n back. Each reads what earlier
 * steps found from `found` and adds what it finds; `ctx` holds the options, the cleanup state and the output.
 */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const crypto = require('node:crypto');
const rt = require('../lib/n8n-runtime.cjs');
const { burst, postEvent } = require('./burst.cjs');
const measure = require('./measure.cjs');
const { startObservedSandbox } = require('./observedSandbox.cjs');
const { executionCounts, FINAL, readExecutions, waitForDrain } = require('./readBack.cjs');
const packages = require('./packages.cjs');
const services = require('./services.cjs');
const work = require('./workload.cjs');

/** @typedef {import('../../sandbox').SandboxHandle} SandboxHandle */
/** @typedef {import('./burst.cjs').AnsweredSend} AnsweredSend */
/** @typedef {import('./readBack.cjs').QueueExecution} QueueExecution */
/** @typedef {import('./observedSandbox.cjs').TokenLogEntry} TokenLogEntry */
/** @typedef {import('./checks.cjs').CheckFindings} CheckFindings */
/** @typedef {import('../lib/n8n-runtime.cjs').N8nProcess} N8nProcess */
/** An n8n main or worker of the run, named 'main' or 'worker-<n>'. @typedef {N8nProcess & { name: string }} QueueN8n */
/** Database and execution_data sizes in bytes (bigint columns arrive as strings). @typedef {{ db: string, data: string }} DbSize */

/**
 * The queue test's options (queue-test.mjs parses them from the command line).
 * @typedef {{ calls: number, repeats: number, clientConcurrency: number, workers: number, workerConcurrency: number, latency: number, rateLimit?: string, apt: boolean, tarball?: string, build: boolean, keep: boolean, json?: string, report: string, help: boolean }} QueueOptions
 */
/**
 * What the run has started, for shutdown.
 * @typedef {{
 *   scratch?: string,
 *   sandbox?: { close(): Promise<void> },
 *   redis?: { stop(): Promise<void> },
 *   pg?: { stop(): Promise<void> },
 *   n8n: Array<{ name?: string, logFile: string, stop(): Promise<unknown> }>,
 *   packDir?: string,
 *   stopping?: Promise<void>,
 * }} QueueState
 */
/** One check's outcome. @typedef {{ name: string, ok: boolean, detail?: string }} QueueCheck */
/**
 * What every step is given: the options, the cleanup state, the output and the timings.
 * @typedef {object} QueueContext
 * @property {QueueOptions} opts
 * @property {QueueState} state
 * @property {(line: string) => void} say
 * @property {<T>(name: string, fn: () => Promise<T>) => Promise<T>} timed runs fn, recording its time in timings[name]
 * @property {Record<string, number>} timings
 * @property {(ms: number) => string} secs
 * @property {(name: string, ok: unknown, detail?: string) => void} check
 * @property {QueueCheck[]} checks
 * @property {string} root
 */
/**
 * What the steps find, added step by step (each step reads only what the steps before it added; the checks add
 * CheckFindings for the report).
 * @typedef {object} StepFindings
 * @property {string} tag makes the run's call ids unique
 * @property {Awaited<ReturnType<typeof packages.ensurePackages>>} apt install
 * @property {string} encryptionKey install
 * @property {boolean} firstInstall install
 * @property {Awaited<ReturnType<typeof rt.createUserFolder>>[]} folders install: one per n8n process, main first
 * @property {string[]} names install
 * @property {string} tarball install
 * @property {QueueN8n[]} handles start: main first
 * @property {QueueN8n} mainN8n start
 * @property {QueueN8n[]} workers start
 * @property {import('./services.cjs').Postgres} pg start
 * @property {import('./services.cjs').Redis} redis start
 * @property {SandboxHandle} sandbox start
 * @property {Awaited<ReturnType<SandboxHandle['issueToken']>>} token start: the token the credential holds
 * @property {TokenLogEntry[]} tokenLog start
 * @property {Set<number>} afterIdx sendBurst: events sent again once logged
 * @property {Set<number>} withIdx sendBurst: events sent twice at once
 * @property {import('./burst.cjs').BurstResult} b sendBurst
 * @property {DbSize} dbBefore sendBurst
 * @property {() => Promise<DbSize>} dbSize sendBurst
 * @property {import('./readBack.cjs').Drain} drain sendBurst
 * @property {import('./workload.cjs').QueueEvent[]} events sendBurst
 * @property {Record<string, import('./measure.cjs').MemoryStats>} idleMemory sendBurst
 * @property {Record<string, import('./measure.cjs').MemoryStats>} memory sendBurst
 * @property {number} loadBefore sendBurst
 * @property {number} loadAfter sendBurst
 * @property {import('./readBack.cjs').Drain} probeDrain sendBurst
 * @property {import('./workload.cjs').QueueEvent} probeEvent sendBurst
 * @property {import('./burst.cjs').PostResult} probeSend sendBurst
 * @property {import('../../sandbox').LoggedRequest[]} restDuringBurst sendBurst
 * @property {TokenLogEntry[]} tokensDuringBurst sendBurst
 * @property {QueueExecution[]} burstExecs readBack: the executions of the burst's requests
 * @property {SendsBySeq} bySeq readBack
 * @property {DbSize} dbAfter readBack
 * @property {QueueExecution[]} executions readBack
 * @property {number} mainRan readBack: executions the main instance ran itself
 * @property {Record<string, Set<string>>} perWorker readBack: execution ids per worker
 * @property {QueueExecution | undefined} probeExec readBack
 */
/** @typedef {StepFindings & CheckFindings} QueueFound */
/**
 * The burst's requests by sequence number. Read only for burst executions, whose seq is in it by construction.
 * @typedef {{ get(seq: number | undefined): AnsweredSend, has(seq: number | undefined): boolean }} SendsBySeq
 */

/**
 * Redis and PostgreSQL (apt), the n8n runtime, this package packed and installed into a user folder per n8n process.
 * @param {QueueContext} ctx
 * @param {QueueFound} found
 */
async function install(ctx, found) {
	const { opts, state, say, timed, timings, secs } = ctx;
	say('install: Redis and PostgreSQL (apt), the n8n runtime, this package');
	state.scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'actionstep-queue-'));
	const apt = await timed('installApt', () => packages.ensurePackages({ logDir: /** @type {string} */ (state.scratch), onProgress: say, force: opts.apt }));
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
		Promise.all(names.map((name) => rt.createUserFolder({ tarball, encryptionKey, parentDir: path.join(/** @type {string} */ (state.scratch), name) }))),
	);
	say(`  ${path.basename(tarball)} installed into ${names.length} user folders (${names.join(', ')}) in ${secs(timings.userFolders)}`);
	timings.install = (timings.installApt || 0) + (timings.installRuntime || 0) + (timings.pack || 0) + timings.userFolders;

	Object.assign(found, { apt, encryptionKey, firstInstall, folders, names, tarball });
}

/**
 * Redis, PostgreSQL, the sandbox, the credential and workflow imported, n8n main and workers ready.
 * @param {QueueContext} ctx
 * @param {QueueFound} found
 */
async function start(ctx, found) {
	const { opts, state, say, timed, timings, secs } = ctx;
	const { encryptionKey, folders, names } = found;
	const startBegan = Date.now();
	say('start: Redis, PostgreSQL, the sandbox, n8n main and workers');
	const [redis, pg] = await Promise.all([
		timed('redis', () => services.startRedis({ dir: path.join(/** @type {string} */ (state.scratch), 'redis') })),
		timed('postgres', () => services.startPostgres({ dir: path.join(/** @type {string} */ (state.scratch), 'pg') })),
	]);
	state.redis = redis;
	state.pg = pg;
	say(`  Redis on 127.0.0.1:${redis.port} (pid ${redis.pid}), PostgreSQL ${pg.version} on 127.0.0.1:${pg.port} (pid ${pg.pid})`);
	const { sandbox, tokenLog } = await startObservedSandbox({ root: ctx.root, latency: opts.latency, rateLimit: opts.rateLimit });
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
		await rt.importCredentials(main, [work.sandboxCredential(sandbox, token)], { env: queueEnv });
		await rt.importWorkflows(main, [work.logCallWorkflow()], { env: queueEnv });
		await rt.publishWorkflow(main, work.WORKFLOW_ID, { env: queueEnv });
	});
	say(`  imported the credential and the workflow, published it (${secs(timings.import)}, migrations included)`);

	const progress = (/** @type {string} */ m) => say(`  ${m}`);
	const handles = await timed('n8nReady', () =>
		Promise.all(
			names.map((name, i) =>
				rt.startN8n(folders[i].userFolder, {
					command: i === 0 ? 'start' : 'worker',
					env: i === 0 ? queueEnv : Object.assign({ N8N_CONCURRENCY_PRODUCTION_LIMIT: String(opts.workerConcurrency) }, queueEnv),
					logFile: path.join(/** @type {string} */ (state.scratch), name, `n8n-${name}.log`),
					onProgress: progress,
				}).then((/** @type {N8nProcess & { name?: string }} */ h) => {
					h.name = name;
					state.n8n.push(h);
					return /** @type {QueueN8n} */ (h);
				}),
			),
		),
	);
	const [mainN8n, ...workers] = handles;
	const webhookMs = await rt.waitForWebhook(mainN8n.url, work.WEBHOOK_PATH, { method: 'POST', timeoutMs: 60000 });
	timings.start = Date.now() - startBegan;
	say(`  main ${mainN8n.url} (pid ${mainN8n.pid}), ${workers.map((w) => `${w.name} pid ${w.pid}`).join(', ')}; webhook live after ${secs(webhookMs)} more`);

	Object.assign(found, { handles, mainN8n, pg, redis, sandbox, token, tokenLog, workers });
}

/**
 * The burst, the drain, then one more token expiry and a call that must still log.
 * @param {QueueContext} ctx
 * @param {QueueFound} found
 */
async function sendBurst(ctx, found) {
	const { opts, say, timings, secs } = ctx;
	const { handles, mainN8n, pg, redis, sandbox, tokenLog } = found;
	const { tag } = found;
	const events = Array.from({ length: opts.calls }, (_, n) => Object.assign(work.callEvent(tag, n), { n }));
	const half = Math.ceil(opts.repeats / 2);
	/**
	 * `count` event numbers spread evenly over the calls, starting `offset` (a fraction) of a step in.
	 * @param {number} count
	 * @param {number} offset
	 */
	const spread = (count, offset) => {
		/** @type {Set<number>} */
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
	/** @returns {Promise<DbSize>} */
	const dbSize = async () => /** @type {DbSize[]} */ (await pg.query("select pg_database_size(current_database())::bigint as db, pg_total_relation_size('execution_data')::bigint as data"))[0];
	const dbBefore = await dbSize();
	sandbox.clearLog();
	tokenLog.length = 0;
	say(`burst: ${opts.calls} distinct calls + ${withIdx.size} sent twice at once + ${afterIdx.size} sent again after they were logged, ${opts.clientConcurrency} requests in flight`);
	const queueIdle = async (/** @type {number} */ expected) => {
		const counts = await executionCounts(pg);
		const finished = Object.entries(counts).reduce((sum, [k, n]) => sum + (FINAL.has(k) ? n : 0), 0);
		return finished >= expected && Number(redis.cli('llen', 'bull:jobs:wait') || 0) === 0 && Number(redis.cli('llen', 'bull:jobs:active') || 0) === 0;
	};
	const b = await burst({ url: mainN8n.url, sandbox, events, withIdx, afterIdx, concurrency: opts.clientConcurrency, queueIdle, say });
	timings.burstSend = b.sentAllAt - b.startedAt;
	say(`  ${b.sends.length} requests answered in ${secs(timings.burstSend)}; waiting for the queue to drain…`);
	const drain = await waitForDrain({ pg, redis, expected: b.sends.length, timeoutMs: 15 * 60 * 1000, say });
	timings.drain = Date.now() - b.sentAllAt;
	timings.burst = Date.now() - b.startedAt;
	const restDuringBurst = sandbox.requests();
	const tokensDuringBurst = tokenLog.slice();

	sandbox.expireAccessTokens();
	const probeEvent = Object.assign(work.callEvent(tag, opts.calls + 1), { n: opts.calls + 1 });
	const probeSend = await postEvent(mainN8n.url, 0, probeEvent.body);
	const probeDrain = await waitForDrain({ pg, redis, expected: b.sends.length + 1, timeoutMs: 120000, say });
	const loadAfter = os.loadavg()[0];
	const memory = sampler.stop();

	Object.assign(found, { afterIdx, b, dbBefore, dbSize, drain, events, idleMemory, loadAfter, loadBefore, memory, probeDrain, probeEvent, probeSend, restDuringBurst, tokensDuringBurst, withIdx });
}

/**
 * n8n's executions from PostgreSQL, each attributed to the worker whose log has it.
 * @param {QueueContext} ctx
 * @param {QueueFound} found
 */
async function readBack(ctx, found) {
	const { b, dbSize, mainN8n, pg, probeEvent, workers } = found;
	const dbAfter = await dbSize();
	const executions = await readExecutions(pg);
	const bySeq = /** @type {SendsBySeq} */ (new Map(b.sends.map((s) => [s.seq, s])));
	const burstExecs = executions.filter((e) => e.seq && bySeq.has(e.seq));
	const probeExec = executions.find((e) => e.sessionId === probeEvent.sessionId);
	const perWorker = Object.fromEntries(workers.map((w) => [w.name, new Set(measure.workerExecutions(w.logFile).finished)]));
	const mainRan = measure.workerExecutions(mainN8n.logFile).finished.length;
	const workerOf = (/** @type {string} */ id) => Object.keys(perWorker).find((name) => perWorker[name].has(id));
	for (const e of executions) e.worker = workerOf(e.id);

	Object.assign(found, { burstExecs, bySeq, dbAfter, executions, mainRan, perWorker, probeExec });
}

module.exports = { install, readBack, sendBurst, start };
