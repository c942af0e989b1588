'use strict';
/** This package packed and installed into a throwaway n8n user folder, and single n8n CLI commands in it. */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const crypto = require('node:crypto');
const { REPO_ROOT, cleanEnv, log } = require('./config.cjs');
const { freePort, run } = require('./processes.cjs');
const { ensureRuntime, readJson } = require('./install.cjs');


/**
 * `npm run build` (unless build=false) then `npm pack` of this repo into a fresh temp dir.
 * Returns the absolute path of the tarball.
 * @param {{ repoRoot?: string, build?: boolean, outDir?: string, onProgress?: (line: string) => void }} [options]
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
			throw Object.assign(new Error(`npm run build failed (exit ${b.code}); see ${logFile}\n${(b.stdout + b.stderr).trim().split('\n').slice(-15).join('\n')}`), { logFile });
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
 * @param {{ tarball?: string, tarballs?: string[], encryptionKey?: string, parentDir?: string, onProgress?: (line: string) => void }} [options]
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
	const list = [...(tarballs || []), ...(tarball ? [tarball] : [])];
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

/** @param {string} userFolder */
function userFolderKey(userFolder) {
	const meta = readJson(path.join(userFolder, 'runtime.json'));
	if (meta && meta.encryptionKey) return meta.encryptionKey;
	return crypto.createHash('sha256').update(path.resolve(userFolder)).digest('hex').slice(0, 48);
}

/**
 * The environment of an n8n process for a user folder. `extra` wins over the defaults.
 * The broker port must be distinct per process; pass it in extra or it stays unset here.
 * @param {import('./install.cjs').Runtime} rt
 * @param {string} userFolder
 * @param {Record<string, string>} [extra]
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
 * @param {string} userFolder
 * @param {string[]} args
 * @param {{ env?: Record<string, string>, timeoutMs?: number, logFile?: string }} [options]
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

/**
 * Like n8nCommand, but throws (with the output's tail) unless the exit code is 0.
 * @param {string} userFolder
 * @param {string[]} args
 * @param {Parameters<typeof n8nCommand>[2]} [opts]
 */
async function n8nCommandOk(userFolder, args, opts) {
	const r = await n8nCommand(userFolder, args, opts);
	if (r.code !== 0) {
		const out = (r.stdout + '\n' + r.stderr).trim().split('\n').slice(-25).join('\n');
		throw Object.assign(new Error(`n8n ${args.join(' ')} exited ${r.code}${r.signal ? ' (' + r.signal + ')' : ''}:\n${out}`), { result: r });
	}
	return r;
}

/**
 * The IRun JSON printed by `n8n execute --rawOutput`: log lines come first, then the pretty-printed
 * object starting with a line that is exactly "{" and ending with a line "}". Throws if none parses.
 * @param {string} stdout
 */
function parseRawOutput(stdout) {
	const lines = String(stdout).split('\n');
	/** @type {number[]} */
	const starts = [];
	/** @type {number[]} */
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

module.exports = { createUserFolder, n8nCommand, n8nCommandOk, n8nEnv, packPackage, parseRawOutput };
