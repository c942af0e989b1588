'use strict';
/** Child processes: running a command, process groups, free ports, and the install lock. */
const fs = require('node:fs');
const path = require('node:path');
const net = require('node:net');
const { spawn } = require('node:child_process');
const { fmtSeconds, log, sleep } = require('./config.cjs');

/**
 * What `run` resolves with.
 * @typedef {{ code: number | null, signal: NodeJS.Signals | null, timedOut: boolean, stdout: string, stderr: string, ms: number }} RunResult
 */

/**
 * Runs a command. Output goes to `logFile` (appended) when given, and is also collected and returned.
 * Resolves { code, signal, stdout, stderr, ms }; never rejects on a non-zero exit.
 * @param {string} cmd
 * @param {string[]} args
 * @param {{ cwd?: string, env?: NodeJS.ProcessEnv, logFile?: string, timeoutMs?: number, input?: string }} [options]
 * @returns {Promise<RunResult>}
 */
function run(cmd, args, { cwd, env, logFile, timeoutMs, input } = {}) {
	return new Promise((resolve, reject) => {
		const started = Date.now();
		/** @type {number | undefined} */
		let logFd;
		if (logFile) {
			fs.mkdirSync(path.dirname(logFile), { recursive: true });
			logFd = fs.openSync(logFile, 'a');
			fs.writeSync(logFd, `\n$ ${cmd} ${args.join(' ')}   (cwd ${cwd || process.cwd()}, ${new Date().toISOString()})\n`);
		}
		const child = spawn(cmd, args, { cwd, env: env || process.env, stdio: ['pipe', 'pipe', 'pipe'], detached: Boolean(timeoutMs) });
		/** @type {Buffer[]} */
		const out = [];
		/** @type {Buffer[]} */
		const err = [];
		child.stdout.on('data', (d) => {
			out.push(d);
			if (logFd !== undefined) fs.writeSync(logFd, d);
		});
		child.stderr.on('data', (d) => {
			err.push(d);
			if (logFd !== undefined) fs.writeSync(logFd, d);
		});
		/** @type {NodeJS.Timeout | undefined} */
		let timer;
		let timedOut = false;
		if (timeoutMs) {
			timer = setTimeout(() => {
				timedOut = true;
				killGroup(child.pid, 'SIGKILL');
			}, timeoutMs);
		}
		child.on('error', (e) => {
			if (timer) clearTimeout(timer);
			if (logFd !== undefined) fs.closeSync(logFd);
			reject(e);
		});
		child.on('close', (code, signal) => {
			if (timer) clearTimeout(timer);
			const ms = Date.now() - started;
			if (logFd !== undefined) {
				fs.writeSync(logFd, `\n[exit ${code}${signal ? ' ' + signal : ''}${timedOut ? ' (timed out)' : ''} after ${fmtSeconds(ms)}]\n`);
				fs.closeSync(logFd);
			}
			resolve({
				code,
				signal,
				timedOut,
				stdout: Buffer.concat(out).toString('utf8'),
				stderr: Buffer.concat(err).toString('utf8'),
				ms,
			});
		});
		if (input !== undefined) child.stdin.end(input);
		else child.stdin.end();
	});
}

/**
 * Signals the process group of `pid` (falling back to the process alone). False when neither could be signalled.
 * @param {number | undefined} pid
 * @param {NodeJS.Signals | number} signal
 */
function killGroup(pid, signal) {
	if (!pid) return false;
	try {
		process.kill(-pid, signal);
		return true;
	} catch {
		try {
			process.kill(pid, signal);
			return true;
		} catch {
			return false;
		}
	}
}

/** @param {number} pid */
function groupAlive(pid) {
	try {
		process.kill(-pid, 0);
		return true;
	} catch (e) {
		if (e.code === 'EPERM') return true;
		try {
			process.kill(pid, 0);
			return true;
		} catch {
			return false;
		}
	}
}

/** @param {number} pid */
function pidAlive(pid) {
	try {
		process.kill(pid, 0);
		return true;
	} catch (e) {
		return e.code === 'EPERM';
	}
}

/**
 * The last `lines` lines of a file ('' when it cannot be read).
 * @param {string} file
 */
function tail(file, lines = 30) {
	try {
		const text = fs.readFileSync(file, 'utf8');
		return text.split('\n').slice(-lines).join('\n');
	} catch {
		return '';
	}
}


const handedOut = new Set();

/** A free TCP port on 127.0.0.1 (not one this process already handed out). */
async function freePort() {
	for (let i = 0; i < 50; i++) {
		/** @type {number} */
		const port = await new Promise((resolve, reject) => {
			const srv = net.createServer();
			srv.unref();
			srv.on('error', reject);
			srv.listen(0, '127.0.0.1', () => {
				const { port } = /** @type {import('node:net').AddressInfo} */ (srv.address());
				srv.close(() => resolve(port));
			});
		});
		if (!handedOut.has(port)) {
			handedOut.add(port);
			return port;
		}
	}
	throw new Error('freePort: no free port found');
}


/**
 * Takes an exclusive lock file (O_EXCL) holding our pid. A lock whose pid is dead is taken over.
 * Waits while another live process holds it. Returns a release function.
 * @param {string} lockFile
 * @param {{ onProgress?: (line: string) => void, what?: string, timeoutMs?: number }} [options]
 */
async function acquireLock(lockFile, { onProgress, what = 'install', timeoutMs = 30 * 60 * 1000 } = {}) {
	fs.mkdirSync(path.dirname(lockFile), { recursive: true });
	const started = Date.now();
	let announced = false;
	for (;;) {
		try {
			const fd = fs.openSync(lockFile, 'wx');
			fs.writeSync(fd, JSON.stringify({ pid: process.pid, since: new Date().toISOString() }));
			fs.closeSync(fd);
			let released = false;
			return () => {
				if (released) return;
				released = true;
				try {
					const held = JSON.parse(fs.readFileSync(lockFile, 'utf8'));
					if (held.pid === process.pid) fs.unlinkSync(lockFile);
				} catch {
					/* already gone */
				}
			};
		} catch (e) {
			if (e.code !== 'EEXIST') throw e;
		}
		let holder;
		try {
			holder = JSON.parse(fs.readFileSync(lockFile, 'utf8'));
		} catch {
			holder = undefined; // being written right now, or garbage: look again shortly
		}
		if (holder && holder.pid && !pidAlive(holder.pid)) {
			log(onProgress, `removing stale ${what} lock of dead process ${holder.pid}`);
			try {
				fs.unlinkSync(lockFile);
			} catch {
				/* someone else removed it */
			}
			continue;
		}
		if (!holder) {
			const st = fs.statSync(lockFile, { throwIfNoEntry: false });
			if (st && Date.now() - st.mtimeMs > 10000) {
				try {
					fs.unlinkSync(lockFile);
				} catch {
					/* ignore */
				}
			}
		}
		if (!announced && holder) {
			log(onProgress, `waiting for another ${what} (process ${holder.pid}, lock ${lockFile})…`);
			announced = true;
		}
		if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for lock ${lockFile}`);
		await sleep(1000);
	}
}

module.exports = { acquireLock, freePort, groupAlive, killGroup, run, tail };
