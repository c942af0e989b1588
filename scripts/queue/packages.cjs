'use strict';
/**
 * Debian's redis-server and postgresql for the queue test: found on this machine, or installed with apt-get
 * (root only; otherwise the error says what to run).
 */
const fs = require('node:fs');
const path = require('node:path');
const { spawnSync } = require('node:child_process');

const rt = require('../lib/n8n-runtime.cjs');

/** @param {string} cmd */
function which(cmd) {
	const r = spawnSync('sh', ['-c', `command -v ${cmd}`], { encoding: 'utf8' });
	return r.status === 0 ? r.stdout.trim() : undefined;
}

/** The newest PostgreSQL server binaries Debian installed (/usr/lib/postgresql/<major>/bin), or undefined. */
function postgresBin() {
	const root = '/usr/lib/postgresql';
	if (!fs.existsSync(root)) return undefined;
	const majors = fs
		.readdirSync(root)
		.filter((d) => /^\d+$/.test(d) && fs.existsSync(path.join(root, d, 'bin', 'postgres')) && fs.existsSync(path.join(root, d, 'bin', 'initdb')))
		.sort((a, b) => Number(b) - Number(a));
	return majors.length ? { dir: path.join(root, majors[0], 'bin'), major: Number(majors[0]) } : undefined;
}

function missingPackages() {
	/** @type {string[]} */
	const missing = [];
	if (!which('redis-server') || !which('redis-cli')) missing.push('redis-server');
	if (!postgresBin() || !which('psql')) missing.push('postgresql');
	return missing;
}

/**
 * Installs redis-server and postgresql with apt-get when either is missing. Resolves
 * { installed: [...packages], ms }. Throws with the command to run when not root.
 */
/** @param {{ logDir: string, onProgress?: (line: string) => void, force?: boolean }} options */
async function ensurePackages({ logDir, onProgress, force = false }) {
	const missing = force ? ['redis-server', 'postgresql'] : missingPackages();
	if (!missing.length) return { installed: [], ms: 0 };
	if (process.getuid && process.getuid() !== 0) {
		throw new Error(`${missing.join(' and ')} missing; install with: sudo apt-get update && sudo apt-get install -y redis-server postgresql`);
	}
	const started = Date.now();
	const logFile = path.join(logDir, 'apt.log');
	const env = Object.assign(rt.cleanEnv(), { DEBIAN_FRONTEND: 'noninteractive' });
	onProgress && onProgress(`installing ${missing.join(', ')} with apt-get (log ${logFile})…`);
	let r = await rt.run('apt-get', ['update'], { env, logFile });
	if (r.code !== 0) throw new Error(`apt-get update failed (exit ${r.code}); see ${logFile}`);
	// The packages' own services are never used: ours run on ports of their own, whatever apt starts or not.
	r = await rt.run('apt-get', ['install', '-y', '--no-install-recommends', 'redis-server', 'postgresql'], { env, logFile });
	if (r.code !== 0) throw new Error(`apt-get install redis-server postgresql failed (exit ${r.code}); see ${logFile}`);
	const still = missingPackages();
	if (still.length) throw new Error(`still missing after apt-get: ${still.join(', ')}; see ${logFile}`);
	return { installed: missing, ms: Date.now() - started };
}

module.exports = { ensurePackages, missingPackages, postgresBin, which };
