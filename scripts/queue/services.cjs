'use strict';
/**
 * Redis and PostgreSQL for the queue-mode test, run by this process on loopback ports of their own (no
 * systemd, no system-wide service; packages.cjs installs Debian's packages when missing, serviceProcess.cjs
 * spawns and stops the children): `redis-server` and a throwaway PostgreSQL cluster (`initdb` in a scratch folder, trust auth on
 * 127.0.0.1) are started as child processes and stopped by process id.
 *
 * Node built-ins only. The `pg` client used for queries is n8n's own copy in the runtime cache.
 */
const fs = require('node:fs');
const path = require('node:path');
const { spawnSync } = require('node:child_process');
const { createRequire } = require('node:module');

const rt = require('../lib/n8n-runtime.cjs');
const { postgresBin, which } = require('./packages.cjs');
const { spawnService, stopService, tail } = require('./serviceProcess.cjs');

/** @param {number} ms */
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// ---------------------------------------------------------------------------------------------
// Redis

/** redis-server on 127.0.0.1:<port>, no persistence. Resolves { pid, port, stop(), logFile }. */
/** @param {{ dir: string, port?: number, timeoutMs?: number }} options */
async function startRedis({ dir, port, timeoutMs = 20000 }) {
	port = port || (await rt.freePort());
	fs.mkdirSync(dir, { recursive: true });
	const logFile = path.join(dir, 'redis.log');
	const svc = spawnService('redis', which('redis-server') || 'redis-server', [
		'--bind', '127.0.0.1',
		'--port', String(port),
		'--dir', dir,
		'--save', '',
		'--appendonly', 'no',
		'--daemonize', 'no',
		'--protected-mode', 'yes',
	], { logFile });
	const started = Date.now();
	for (;;) {
		if (svc.exited()) throw new Error(`redis-server exited (${JSON.stringify(svc.exited())}); log ${logFile}:\n${tail(logFile)}`);
		const r = spawnSync('redis-cli', ['-h', '127.0.0.1', '-p', String(port), 'ping'], { encoding: 'utf8', timeout: 3000 });
		if (r.stdout && r.stdout.trim() === 'PONG') break;
		if (Date.now() - started > timeoutMs) {
			await stopService(svc);
			throw new Error(`redis-server not answering on ${port} after ${timeoutMs} ms; log ${logFile}`);
		}
		await sleep(100);
	}
	return {
		name: 'redis',
		pid: svc.pid,
		port,
		logFile,
		readyMs: Date.now() - started,
		cli: (/** @type {string[]} */ ...args) => spawnSync('redis-cli', ['-h', '127.0.0.1', '-p', String(port), ...args], { encoding: 'utf8', timeout: 5000 }).stdout.trim(),
		stop: () => stopService(svc, 'SIGTERM'),
	};
}

// ---------------------------------------------------------------------------------------------
// PostgreSQL

/**
 * A fresh PostgreSQL cluster in `dir` on 127.0.0.1:<port>: `initdb --auth=trust`, then `postgres`, then a
 * role and a database for n8n. As root, both run as the `postgres` system user (initdb refuses root).
 * Resolves { pid, port, major, database, user, password, query(sql), stop() }.
 */
/** @param {{ dir: string, port?: number, database?: string, user?: string, password?: string, timeoutMs?: number, settings?: string[] }} options */
async function startPostgres({ dir, port, database = 'n8n', user = 'n8n', password = 'n8n-queue-test', timeoutMs = 60000, settings = [] }) {
	const bin = postgresBin();
	if (!bin) throw new Error('PostgreSQL server binaries not found under /usr/lib/postgresql');
	port = port || (await rt.freePort());
	const dataDir = path.join(dir, 'data');
	const sockDir = path.join(dir, 'sock');
	fs.mkdirSync(sockDir, { recursive: true });
	/** @type {{ uid: number, gid: number } | { uid?: undefined, gid?: undefined }} */
	let ids = {};
	if (process.getuid && process.getuid() === 0) {
		const pw = spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' });
		const gw = spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' });
		if (pw.status !== 0) throw new Error('running as root, but there is no "postgres" system user to run PostgreSQL as');
		ids = { uid: Number(pw.stdout.trim()), gid: Number(gw.stdout.trim()) };
		// The scratch folder's parents are root's; postgres must be able to reach its own folder.
		for (let d = dir; d !== path.dirname(d); d = path.dirname(d)) {
			const st = fs.statSync(d);
			if (st.uid === 0 && (st.mode & 0o001) === 0) fs.chmodSync(d, st.mode | 0o711);
			if (d === '/tmp' || d === path.parse(d).root) break;
		}
		fs.chownSync(dir, ids.uid, ids.gid);
		fs.chownSync(sockDir, ids.uid, ids.gid);
	}
	const env = Object.assign(rt.cleanEnv(), { LC_ALL: 'C.UTF-8', LANG: 'C.UTF-8' });
	delete env.PGDATA;
	const initLog = path.join(dir, 'initdb.log');
	const init = spawnSync(path.join(bin.dir, 'initdb'), ['-D', dataDir, '-U', 'postgres', '--auth=trust', '--encoding=UTF8', '--no-instructions'], {
		encoding: 'utf8',
		uid: ids.uid,
		gid: ids.gid,
		env,
		cwd: dir,
		timeout: 120000,
	});
	fs.writeFileSync(initLog, `${init.stdout || ''}\n${init.stderr || ''}`);
	if (init.status !== 0) throw new Error(`initdb failed (exit ${init.status}); log ${initLog}:\n${tail(initLog)}`);
	const logFile = path.join(dir, 'postgres.log');
	const args = [
		'-D', dataDir,
		'-c', 'listen_addresses=127.0.0.1',
		'-c', `port=${port}`,
		'-c', `unix_socket_directories=${sockDir}`,
		'-c', 'fsync=off', // a throwaway cluster: durability is not under test here
		'-c', 'synchronous_commit=off',
		'-c', 'full_page_writes=off',
		'-c', 'max_connections=100',
		...settings.flatMap((s) => ['-c', s]),
	];
	const svc = spawnService('postgres', path.join(bin.dir, 'postgres'), args, { logFile, uid: ids.uid, gid: ids.gid, env, cwd: dir });
	const started = Date.now();
	/**
	 * @param {string} sql
	 * @param {string} [db]
	 * @param {string} [as]
	 */
	const psql = (sql, db = 'postgres', as = 'postgres') =>
		spawnSync('psql', ['-h', '127.0.0.1', '-p', String(port), '-U', as, '-d', db, '-v', 'ON_ERROR_STOP=1', '-Atqc', sql], {
			encoding: 'utf8',
			timeout: 15000,
			env,
		});
	for (;;) {
		if (svc.exited()) throw new Error(`postgres exited (${JSON.stringify(svc.exited())}); log ${logFile}:\n${tail(logFile)}`);
		const r = psql('select 1');
		if (r.status === 0 && r.stdout.trim() === '1') break;
		if (Date.now() - started > timeoutMs) {
			await stopService(svc, 'SIGINT');
			throw new Error(`postgres not answering on ${port} after ${timeoutMs} ms; log ${logFile}:\n${tail(logFile)}`);
		}
		await sleep(200);
	}
	for (const sql of [`create role ${user} login password '${password}'`, `create database ${database} owner ${user}`]) {
		const r = psql(sql);
		if (r.status !== 0) throw new Error(`psql "${sql}" failed: ${r.stderr}`);
	}
	const version = psql('show server_version').stdout.trim();
	/** @type {PgPool | undefined} */
	let pool;
	const handle = {
		name: 'postgres',
		pid: svc.pid,
		port,
		major: bin.major,
		version,
		database,
		user,
		password,
		logFile,
		readyMs: Date.now() - started,
		/**
		 * Runs SQL through n8n's own `pg` module (the runtime's copy). Resolves the rows, whose shape the caller names.
		 * @template [Row=Record<string, unknown>]
		 * @param {string} sql
		 * @param {unknown[]} [params]
		 * @returns {Promise<Row[]>}
		 */
		query: async (sql, params) => {
			if (!pool) {
				const req = createRequire(path.join(rt.runtimePaths().n8nPrefix, 'node_modules', 'n8n', 'package.json'));
				const { Pool } = req('pg');
				pool = /** @type {PgPool} */ (new Pool({ host: '127.0.0.1', port, database, user, password, max: 2 }));
				pool.on('error', () => {}); // a backend killed at shutdown must not crash the test
			}
			const r = await pool.query(sql, params);
			return /** @type {Row[]} */ (r.rows);
		},
		env: {
			DB_TYPE: 'postgresdb',
			DB_POSTGRESDB_HOST: '127.0.0.1',
			DB_POSTGRESDB_PORT: String(port),
			DB_POSTGRESDB_DATABASE: database,
			DB_POSTGRESDB_USER: user,
			DB_POSTGRESDB_PASSWORD: password,
		},
		stop: async () => {
			if (pool) await pool.end().catch(() => {});
			pool = undefined;
			await stopService(svc, 'SIGINT', 15000); // "fast" shutdown
		},
	};
	return handle;
}

/**
 * The part of a `pg` Pool used here (n8n's copy in the runtime cache, so its types are not available).
 * @typedef {object} PgPool
 * @property {(sql: string, params?: unknown[]) => Promise<{ rows: unknown[] }>} query
 * @property {() => Promise<void>} end
 * @property {(event: 'error', listener: (e: Error) => void) => void} on
 */
/** @typedef {Awaited<ReturnType<typeof startRedis>>} Redis */
/** @typedef {Awaited<ReturnType<typeof startPostgres>>} Postgres */

module.exports = { startRedis, startPostgres };
