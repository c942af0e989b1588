'use strict';
/**
 * The queue test's long-running children (redis-server, postgres): each spawned in its own process group with
 * its output appended to a log file, stopped by process id, and killed at once by an 'exit' handler if need be.
 */
const fs = require('node:fs');
const path = require('node:path');
const { spawn } = require('node:child_process');

const rt = require('../lib/n8n-runtime.cjs');

/**
 * @typedef {{ code: number | null, signal: NodeJS.Signals | null, error?: Error }} ServiceExit
 * @typedef {object} Service
 * @property {string} name
 * @property {number} pid
 * @property {string} logFile
 * @property {() => ServiceExit | null} exited null while it runs
 * @property {Promise<ServiceExit>} exitPromise
 * @property {boolean} [stopped]
 */

/** @type {Set<Service>} Every child started here that is still running. */
const live = new Set();

/** @param {number} pid */
function alive(pid) {
	try {
		process.kill(pid, 0);
		return true;
	} catch (e) {
		return /** @type {NodeJS.ErrnoException} */ (e).code === 'EPERM';
	}
}

/**
 * Spawns a long-running child in its own process group, output appended to logFile.
 * @param {string} name
 * @param {string} cmd
 * @param {string[]} args
 * @param {{ logFile: string, uid?: number, gid?: number, env?: NodeJS.ProcessEnv, cwd?: string }} options
 * @returns {Service}
 */
function spawnService(name, cmd, args, { logFile, uid, gid, env, cwd }) {
	fs.mkdirSync(path.dirname(logFile), { recursive: true });
	const fd = fs.openSync(logFile, 'a');
	const child = spawn(cmd, args, { stdio: ['ignore', fd, fd], detached: true, uid, gid, env: env || rt.cleanEnv(), cwd });
	fs.closeSync(fd);
	/** @type {ServiceExit | null} */
	let exited = null;
	/** @type {Promise<ServiceExit>} */
	const exitPromise = new Promise((resolve) => {
		child.on('exit', (code, signal) => resolve((exited = { code, signal })));
		child.on('error', (error) => resolve((exited = { code: -1, signal: null, error })));
	});
	if (child.pid === undefined) throw new Error(`${name}: ${cmd} could not be started`);
	/** @type {Service} */
	const svc = { name, pid: child.pid, logFile, exited: () => exited, exitPromise };
	live.add(svc);
	return svc;
}

/**
 * Sends `signal` to the service's pid, waits for it to exit, SIGKILLs its group after timeoutMs.
 * @param {Service | undefined} svc
 * @param {NodeJS.Signals} [signal]
 */
async function stopService(svc, signal = 'SIGTERM', timeoutMs = 10000) {
	if (!svc || svc.stopped) return;
	svc.stopped = true;
	if (!svc.exited() && alive(svc.pid)) {
		try {
			process.kill(svc.pid, signal);
		} catch {
			/* gone */
		}
		/** @type {NodeJS.Timeout | undefined} */
		let t;
		await Promise.race([svc.exitPromise, new Promise((r) => (t = setTimeout(r, timeoutMs)))]);
		clearTimeout(t);
	}
	// Whatever is left in its group (postgres backends, a hung server) goes now.
	try {
		process.kill(-svc.pid, 'SIGKILL');
	} catch {
		/* empty group */
	}
	live.delete(svc);
}

/** The last `n` lines of a log file ('' when unreadable). @param {string} file */
function tail(file, n = 20) {
	try {
		return fs.readFileSync(file, 'utf8').trim().split('\n').slice(-n).join('\n');
	} catch {
		return '';
	}
}

/** Synchronous last resort for 'exit' handlers: SIGKILL every service group still running. */
function killAllNow() {
	for (const svc of [...live]) {
		try {
			process.kill(-svc.pid, 'SIGKILL');
		} catch {
			try {
				process.kill(svc.pid, 'SIGKILL');
			} catch {
				/* gone */
			}
		}
		live.delete(svc);
	}
}

function liveServices() {
	return [...live].map((s) => ({ name: s.name, pid: s.pid }));
}

module.exports = { killAllNow, liveServices, spawnService, stopService, tail };
