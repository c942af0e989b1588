'use strict';
/** Long-running `n8n start` / `n8n worker` processes: start, wait until ready, stop. */
const fs = require('node:fs');
const path = require('node:path');
const { spawn } = require('node:child_process');
const { fmtSeconds, log, sleep } = require('./config.cjs');
const { freePort, groupAlive, killGroup, tail } = require('./processes.cjs');
const { ensureRuntime } = require('./install.cjs');
const { n8nEnv } = require('./userFolder.cjs');


/** @type {Set<{ stop: () => Promise<unknown>, killNow: () => void }>} */
const liveProcesses = new Set();

/**
 * Starts `n8n start` (or `n8n worker` with command:'worker') on 127.0.0.1, waits for
 * /healthz/readiness (and, for start, until published workflows are active) and returns
 * { url, port, pid, logFile, readyMs, stop() }. For a worker, `port` is its health-check port. The process runs in its own
 * process group, so stop() (SIGTERM, then SIGKILL after stopTimeoutMs) also ends the task runner.
 * @param {string} userFolder
 * @param {{ port?: number, command?: string, env?: Record<string, string>, readyTimeoutMs?: number, stopTimeoutMs?: number, waitForActivation?: boolean, logFile?: string, onProgress?: (line: string) => void }} [options]
 */
async function startN8n(
	userFolder,
	{ port, command = 'start', env = {}, readyTimeoutMs = 180000, stopTimeoutMs = 15000, waitForActivation = true, logFile, onProgress } = {},
) {
	const rt = await ensureRuntime({ onProgress });
	port = port || (await freePort());
	const brokerPort = env.N8N_RUNNERS_BROKER_PORT || String(await freePort());
	const url = `http://127.0.0.1:${port}`;
	const extra = { N8N_RUNNERS_BROKER_PORT: brokerPort };
	if (command === 'worker') {
		Object.assign(extra, {
			QUEUE_HEALTH_CHECK_ACTIVE: 'true',
			QUEUE_HEALTH_CHECK_PORT: String(port),
			N8N_WORKER_SERVER_ADDRESS: '127.0.0.1',
		});
	} else {
		Object.assign(extra, {
			N8N_PORT: String(port),
			WEBHOOK_URL: `${url}/`,
			N8N_EDITOR_BASE_URL: `${url}/`,
		});
	}
	const fullEnv = n8nEnv(rt, userFolder, Object.assign(extra, env));
	logFile = logFile || path.join(userFolder, `n8n-${command}-${port}.log`);
	fs.mkdirSync(path.dirname(logFile), { recursive: true });
	const fd = fs.openSync(logFile, 'a');
	const started = Date.now();
	log(onProgress, `starting n8n ${command} on ${url} (log ${logFile})…`);
	const child = spawn(rt.nodeBin, [rt.n8nBin, command], { cwd: userFolder, env: fullEnv, stdio: ['ignore', fd, fd], detached: true });
	fs.closeSync(fd);
	/** @type {{ code: number | null, signal: NodeJS.Signals | null, error?: Error } | null} */
	let exited = null;
	const exitPromise = new Promise((resolve) => {
		child.on('exit', (code, signal) => {
			exited = { code, signal };
			resolve(exited);
		});
		child.on('error', (e) => {
			exited = { code: -1, signal: null, error: e };
			resolve(exited);
		});
	});
	const handle = {
		url,
		port,
		brokerPort: Number(brokerPort),
		pid: child.pid,
		command,
		userFolder,
		logFile,
		env: fullEnv,
		exited: () => exited,
		/** @type {number | undefined} */
		readyMs: undefined,
		/** @type {Promise<unknown> | undefined} */
		_stopped: undefined,
		stop: async () => {
			if (handle._stopped) return handle._stopped;
			handle._stopped = (async () => {
				killGroup(child.pid, 'SIGTERM');
				const deadline = Date.now() + stopTimeoutMs;
				while (Date.now() < deadline && (groupAlive(/** @type {number} */ (child.pid)) || exited === null)) await sleep(200);
				if (groupAlive(/** @type {number} */ (child.pid))) killGroup(child.pid, 'SIGKILL');
				let t;
				await Promise.race([exitPromise, new Promise((r) => (t = setTimeout(r, 5000)))]);
				clearTimeout(t);
				liveProcesses.delete(handle);
				return exited;
			})();
			return handle._stopped;
		},
		killNow: () => {
			killGroup(child.pid, 'SIGKILL');
			liveProcesses.delete(handle);
		},
	};
	liveProcesses.add(handle);
	const deadline = Date.now() + readyTimeoutMs;
	for (;;) {
		const ended = handle.exited(); // set by the 'exit' listener, which the compiler does not follow
		if (ended) {
			liveProcesses.delete(handle);
			throw new Error(`n8n ${command} exited (${ended.code ?? ended.signal}) before it was ready; log ${logFile}:\n${tail(logFile)}`);
		}
		try {
			const res = await fetch(`${url}/healthz/readiness`, { signal: AbortSignal.timeout(2000) });
			if (res.ok) break;
		} catch {
			/* not listening yet */
		}
		if (Date.now() > deadline) {
			await handle.stop();
			throw new Error(`n8n ${command} not ready after ${fmtSeconds(readyTimeoutMs)}; log ${logFile}:\n${tail(logFile)}`);
		}
		await sleep(500);
	}
	// /healthz/readiness turns 200 when the HTTP server is up, before `start` has activated published
	// workflows (webhooks answer 404 until then). `start` logs "Editor is now accessible via" after that.
	if (command === 'start' && waitForActivation) {
		while (!fs.readFileSync(logFile, 'utf8').includes('Editor is now accessible via')) {
			const ended = handle.exited();
			if (ended) {
				liveProcesses.delete(handle);
				throw new Error(`n8n ${command} exited (${ended.code ?? ended.signal}) during startup; log ${logFile}:\n${tail(logFile)}`);
			}
			if (Date.now() > deadline) {
				await handle.stop();
				throw new Error(`n8n ${command} did not finish activating workflows after ${fmtSeconds(readyTimeoutMs)}; log ${logFile}:\n${tail(logFile)}`);
			}
			await sleep(250);
		}
	}
	handle.readyMs = Date.now() - started;
	log(onProgress, `n8n ${command} ready on ${url} after ${fmtSeconds(handle.readyMs)}`);
	return handle;
}

/** A started `n8n start` / `n8n worker`: what startN8n resolves. @typedef {Awaited<ReturnType<typeof startN8n>>} N8nProcess */

/**
 * Waits until a production webhook answers a CORS preflight (OPTIONS, which runs no workflow) with 2xx/3xx. In queue mode the main instance registers webhooks a second or two after
 * its startup finished. Resolves the time waited in ms.
 * @param {string} url
 * @param {string} webhookPath
 * @param {{ timeoutMs?: number, method?: string }} [options]
 */
async function waitForWebhook(url, webhookPath, { timeoutMs = 30000, method = 'GET' } = {}) {
	const started = Date.now();
	const target = `${url.replace(/\/$/, '')}/webhook/${webhookPath.replace(/^\//, '')}`;
	for (;;) {
		try {
			const res = await fetch(target, {
				method: 'OPTIONS',
				headers: { origin: url, 'access-control-request-method': method },
				signal: AbortSignal.timeout(5000),
			});
			await res.arrayBuffer();
			// 2.41.1 answers a preflight for an unregistered webhook with 500 ("… is not registered" in its log).
			if (res.status >= 200 && res.status < 400) return Date.now() - started;
		} catch {
			/* not answering yet */
		}
		if (Date.now() - started > timeoutMs) throw new Error(`webhook ${method} ${target} still not registered after ${fmtSeconds(timeoutMs)}`);
		await sleep(250);
	}
}

/** Stops every n8n process this module started and that is still running (await it). */
async function stopAll() {
	await Promise.all([...liveProcesses].map((h) => h.stop()));
}

/** Synchronous last resort (process 'exit' handlers): SIGKILL every live group. */
function killAllNow() {
	for (const h of [...liveProcesses]) h.killNow();
}

module.exports = { killAllNow, startN8n, stopAll, waitForWebhook };
