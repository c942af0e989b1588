#!/usr/bin/env node
/**
 * Real n8n for this package: install the runtime once, pack the package, start n8n with it loaded.
 *
 *   node scripts/n8n-runtime.mjs install              Node 24 + n8n 2.41.1 into the cache (once, ~6 min)
 *   node scripts/n8n-runtime.mjs info                 where the runtime is and what is installed
 *   node scripts/n8n-runtime.mjs pack [--no-build] [--out DIR]
 *   node scripts/n8n-runtime.mjs start [--port N] [--tarball T | --no-package] [--no-build]
 *                                      [--user-folder DIR] [--detach] [--keep] [--email E --password P]
 *   node scripts/n8n-runtime.mjs stop [--port N | --all]
 *   node scripts/n8n-runtime.mjs n8n --user-folder DIR -- <n8n args…>   e.g. -- execute --id=wf1 --rawOutput
 *   node scripts/n8n-runtime.mjs screenshot --url URL --workflow-id ID --out shot.png [--email E --password P]
 *
 * The command line only: scripts and tests `require('scripts/lib/n8n-runtime.cjs')` (see docs/RUNTIME.md).
 */
import fs from 'node:fs';
import path from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';
import core from './lib/n8n-runtime.cjs';

const { DEFAULT_OWNER, createUserFolder, ensureRuntime, killAllNow, login, n8nCommand, packPackage, runtimePaths, screenshotWorkflow, setupOwner, startN8n, stopAll } = core;

// ---------------------------------------------------------------------------------------------
// CLI

/**
 * The command line: positional words in `_`, the words after `--` in `rest`, each --flag's value (true when it has none).
 * @typedef {{ _: string[], rest?: string[], [flag: string]: string | boolean | string[] | undefined }} ParsedArgs
 */

/**
 * @param {string[]} argv
 * @returns {ParsedArgs}
 */
function parseArgs(argv) {
	/** @type {ParsedArgs} */
	const opts = { _: [] };
	for (let i = 0; i < argv.length; i++) {
		const a = argv[i];
		if (a === '--') {
			opts.rest = argv.slice(i + 1);
			break;
		}
		if (a.startsWith('--')) {
			const [k, v] = a.slice(2).split(/=(.*)/s);
			if (v !== undefined) opts[k] = v;
			else if (argv[i + 1] !== undefined && !argv[i + 1].startsWith('--')) opts[k] = argv[++i];
			else opts[k] = true;
		} else opts._.push(a);
	}
	return opts;
}

/**
 * A flag's value (undefined when absent); a flag that needs a value and was given none is an error.
 * @param {ParsedArgs} o
 * @param {string} name
 * @returns {string | undefined}
 */
function valueOf(o, name) {
	const v = o[name];
	if (v === undefined || typeof v === 'string') return v;
	throw new Error(`--${name} needs a value`);
}

/** @param {string} m */
const progress = (m) => process.stderr.write(`[n8n-runtime] ${m}\n`);

/**
 * Where `start` records a running n8n for `stop`.
 * @param {number | string} port
 */
function stateFile(port) {
	return path.join(runtimePaths().runState, `${port}.json`);
}

/** @type {string[]} files and folders removed when this process ends */
const cleanupFiles = [];

function removeCleanupFiles() {
	for (const f of cleanupFiles.splice(0)) fs.rmSync(f, { recursive: true, force: true });
}

function installCleanup() {
	let stopping = false;
	/** @param {NodeJS.Signals} sig */
	const onSignal = async (sig) => {
		if (stopping) return;
		stopping = true;
		progress(`${sig}: stopping n8n…`);
		await stopAll();
		removeCleanupFiles();
		process.exit(sig === 'SIGINT' ? 130 : 143);
	};
	process.on('SIGINT', (sig) => void onSignal(sig));
	process.on('SIGTERM', (sig) => void onSignal(sig));
	process.on('exit', () => {
		killAllNow();
		removeCleanupFiles();
	});
}

/** @param {ParsedArgs} o the parsed flags */
async function cmdStart(o) {
	installCleanup();
	await ensureRuntime({ onProgress: progress });
	const tarballFlag = valueOf(o, 'tarball');
	let userFolder = valueOf(o, 'user-folder');
	let fresh = false;
	if (!userFolder) {
		let tarball;
		if (!o['no-package']) tarball = tarballFlag ? path.resolve(tarballFlag) : await packPackage({ build: !o['no-build'], onProgress: progress });
		({ userFolder } = await createUserFolder({ tarball, onProgress: progress }));
		if (tarball && !tarballFlag) fs.rmSync(path.dirname(tarball), { recursive: true, force: true }); // installed; the pack dir is ours
		fresh = true;
	}
	const portFlag = valueOf(o, 'port');
	const port = portFlag ? Number(portFlag) : undefined;
	const n8n = await startN8n(userFolder, { port, onProgress: progress });
	const owner = { email: valueOf(o, 'email') || DEFAULT_OWNER.email, password: valueOf(o, 'password') || DEFAULT_OWNER.password };
	if (fresh) await setupOwner(n8n.url, owner);
	fs.mkdirSync(runtimePaths().runState, { recursive: true });
	const removeFolder = fresh && !o.keep;
	const state = { pid: n8n.pid, url: n8n.url, port: n8n.port, userFolder, removeFolder, logFile: n8n.logFile, owner, startedAt: new Date().toISOString() };
	fs.writeFileSync(stateFile(n8n.port), JSON.stringify(state, null, 2));
	cleanupFiles.push(stateFile(n8n.port));
	if (removeFolder) cleanupFiles.push(userFolder);
	console.log(JSON.stringify(state, null, 2));
	if (o.detach) {
		progress(`left running (process group ${n8n.pid}); stop it with: node scripts/n8n-runtime.mjs stop --port ${n8n.port}`);
		process.removeAllListeners('exit');
		process.exit(0); // the user folder stays until `stop` (removed then unless --keep was given)
	}
	progress(`n8n is running at ${n8n.url} (owner ${owner.email} / ${owner.password}); Ctrl-C stops it`);
	await new Promise(() => {});
}

/**
 * Stops the n8n a state file records (its process group) and removes the file (and the user folder if `start` made it).
 * @param {string} file
 */
async function stopState(file) {
	const s = JSON.parse(fs.readFileSync(file, 'utf8'));
	const alive = (/** @type {number} */ pid) => {
		try {
			process.kill(-pid, 0);
			return true;
		} catch {
			return false;
		}
	};
	if (alive(s.pid)) {
		progress(`stopping n8n at ${s.url} (process group ${s.pid})…`);
		process.kill(-s.pid, 'SIGTERM');
		const deadline = Date.now() + 15000;
		while (alive(s.pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
		if (alive(s.pid)) process.kill(-s.pid, 'SIGKILL');
	}
	if (s.removeFolder && s.userFolder && path.basename(s.userFolder).startsWith('n8n-user-')) fs.rmSync(s.userFolder, { recursive: true, force: true });
	fs.rmSync(file, { force: true });
}

/** @param {ParsedArgs} o */
async function cmdStop(o) {
	const dir = runtimePaths().runState;
	const files = fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith('.json')).map((f) => path.join(dir, f)) : [];
	const chosen = o.port ? files.filter((f) => path.basename(f) === `${o.port}.json`) : files;
	if (!o.port && !o.all && files.length > 1) throw new Error(`several n8n processes are recorded (${files.map((f) => path.basename(f, '.json')).join(', ')}); pass --port N or --all`);
	if (!chosen.length) {
		progress('nothing to stop');
		return;
	}
	for (const f of chosen) await stopState(f);
}

async function main() {
	const o = parseArgs(process.argv.slice(2));
	const cmd = o._[0];
	switch (cmd) {
		case 'install': {
			const rt = await ensureRuntime({ onProgress: progress });
			console.log(JSON.stringify({ dir: rt.dir, nodeBin: rt.nodeBin, n8nBin: rt.n8nBin, n8nVersion: rt.n8nVersion }, null, 2));
			break;
		}
		case 'info': {
			const p = runtimePaths();
			let marker = null;
			try {
				marker = JSON.parse(fs.readFileSync(p.marker, 'utf8'));
			} catch {
				/* not installed */
			}
			console.log(JSON.stringify({ dir: p.dir, installed: Boolean(marker), marker, nodeBin: p.nodeBin, n8nBin: p.n8nBin }, null, 2));
			break;
		}
		case 'pack': {
			const tarball = await packPackage({ build: !o['no-build'], outDir: valueOf(o, 'out'), onProgress: progress });
			console.log(tarball);
			break;
		}
		case 'start':
			await cmdStart(o);
			break;
		case 'stop':
			await cmdStop(o);
			break;
		case 'n8n': {
			const userFolder = valueOf(o, 'user-folder');
			if (!userFolder || !o.rest) throw new Error('usage: n8n --user-folder DIR -- <n8n args…>');
			const r = await n8nCommand(userFolder, o.rest, { timeoutMs: o.timeout ? Number(o.timeout) * 1000 : 600000 });
			process.stdout.write(r.stdout);
			process.stderr.write(r.stderr);
			process.exitCode = r.code ?? 1;
			break;
		}
		case 'screenshot': {
			const [url, workflowId, out] = [valueOf(o, 'url'), valueOf(o, 'workflow-id'), valueOf(o, 'out')];
			if (!url || !workflowId || !out) throw new Error('usage: screenshot --url URL --workflow-id ID --out FILE.png');
			const cookie = await login(url, { email: valueOf(o, 'email') || DEFAULT_OWNER.email, password: valueOf(o, 'password') || DEFAULT_OWNER.password });
			const r = await screenshotWorkflow(url, cookie, workflowId, path.resolve(out), { onProgress: progress });
			console.log(JSON.stringify(r));
			break;
		}
		default:
			process.stderr.write(fs.readFileSync(fileURLToPath(import.meta.url), 'utf8').split('\n').slice(2, 15).join('\n').replace(/^ \*\/?/gm, '') + '\n');
			process.exitCode = cmd ? 2 : 0;
	}
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
	main().catch((e) => {
		progress(`error: ${e.message}`);
		process.exitCode = 1;
	});
}
