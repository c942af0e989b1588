'use strict';
/**
 * Measuring the queue-mode run: resident memory per process (from /proc, so Linux only), percentiles, and
 * the execution ids each n8n process logged.
 */
const fs = require('node:fs');

const TICKS_PER_SECOND = 100; // USER_HZ on Linux

/** @typedef {{ pid: number, ppid: number, pgid: number, rssKb: number, cpuMs: number, comm: string }} ProcessRow */
/** @typedef {{ first: number, peak: number, last: number }} MbFigures */
/** What the sampler found for one target. @typedef {{ selfMb: MbFigures, totalMb: MbFigures, procs: number, cpuMs: number }} MemoryStats */
/** A process tree to sample: its root's pid, or that process alone with selfOnly. @typedef {{ name: string, pid: number | undefined, selfOnly?: boolean }} SampleTarget */

/**
 * { pid, ppid, pgid, rssKb, cpuMs, comm } for every process, read from /proc.
 * @returns {ProcessRow[]}
 */
function processTable() {
	/** @type {ProcessRow[]} */
	const out = [];
	for (const name of fs.readdirSync('/proc')) {
		if (!/^\d+$/.test(name)) continue;
		try {
			const stat = fs.readFileSync(`/proc/${name}/stat`, 'utf8');
			const close = stat.lastIndexOf(')');
			const comm = stat.slice(stat.indexOf('(') + 1, close);
			const f = stat.slice(close + 2).split(' ');
			const status = fs.readFileSync(`/proc/${name}/status`, 'utf8');
			const m = /VmRSS:\s+(\d+)\s+kB/.exec(status);
			const cpuMs = ((Number(f[11]) + Number(f[12])) * 1000) / TICKS_PER_SECOND; // utime + stime
			out.push({ pid: Number(name), ppid: Number(f[1]), pgid: Number(f[2]), rssKb: m ? Number(m[1]) : 0, cpuMs, comm });
		} catch {
			/* exited while we looked */
		}
	}
	return out;
}

/**
 * The pid and all its descendants.
 * @param {ProcessRow[]} table
 * @param {number | undefined} pid
 */
function tree(table, pid) {
	/** @type {Map<number, ProcessRow[]>} */
	const byParent = new Map();
	for (const p of table) {
		if (!byParent.has(p.ppid)) byParent.set(p.ppid, []);
		/** @type {ProcessRow[]} */ (byParent.get(p.ppid)).push(p);
	}
	const root = table.find((p) => p.pid === pid);
	if (!root) return [];
	const all = [root];
	for (let i = 0; i < all.length; i++) all.push(...(byParent.get(all[i].pid) || []));
	return all;
}

/**
 * Samples RSS of named process trees every `intervalMs`: targets = [{ name, pid, selfOnly? }]. Each sample records
 * the root process alone (`self`) and the whole tree (`total`, e.g. n8n plus its task runner, or the
 * postmaster plus its backends), and the CPU time the tree used since the first sample (`cpuMs`; processes
 * that ended in between are not counted). stop() returns { name: { selfMb: {first, peak, last}, totalMb: {...},
 * procs, cpuMs } }.
 * @param {SampleTarget[]} targets
 * @param {{ intervalMs?: number }} [options]
 */
function startMemorySampler(targets, { intervalMs = 1000 } = {}) {
	/** @type {Record<string, MemoryStats>} */
	const stats = {};
	/** @type {Record<string, number>} */
	const cpuStart = {};
	const sample = () => {
		const table = processTable();
		for (const t of targets) {
			const procs = t.selfOnly ? table.filter((p) => p.pid === t.pid) : tree(table, t.pid);
			if (!procs.length) continue;
			const self = procs[0].rssKb / 1024;
			const total = procs.reduce((s, p) => s + p.rssKb, 0) / 1024;
			const cpu = procs.reduce((sum, p) => sum + p.cpuMs, 0);
			if (cpuStart[t.name] === undefined) cpuStart[t.name] = cpu;
			const s = (stats[t.name] ||= { selfMb: { first: self, peak: 0, last: 0 }, totalMb: { first: total, peak: 0, last: 0 }, procs: 0, cpuMs: 0 });
			s.cpuMs = Math.max(s.cpuMs, cpu - cpuStart[t.name]);
			s.selfMb.peak = Math.max(s.selfMb.peak, self);
			s.selfMb.last = self;
			s.totalMb.peak = Math.max(s.totalMb.peak, total);
			s.totalMb.last = total;
			s.procs = Math.max(s.procs, procs.length);
		}
	};
	sample();
	const timer = setInterval(sample, intervalMs);
	timer.unref();
	return {
		sample,
		stop() {
			clearInterval(timer);
			sample();
			return stats;
		},
	};
}

/**
 * The p-th percentile (0–100) of numbers, nearest-rank; undefined for none.
 * @param {number[]} values
 * @param {number} p
 */
function percentile(values, p) {
	const v = values.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
	if (!v.length) return undefined;
	const rank = Math.max(1, Math.ceil((p / 100) * v.length));
	return v[Math.min(rank, v.length) - 1];
}

/**
 * Count, min, p50, p95, max and mean of the finite numbers; { n: 0 } for none.
 * @param {number[]} values
 */
function summary(values) {
	const v = values.filter((x) => Number.isFinite(x));
	if (!v.length) return { n: 0 };
	return {
		n: v.length,
		min: Math.min(...v),
		p50: percentile(v, 50),
		p95: percentile(v, 95),
		max: Math.max(...v),
		mean: Math.round(v.reduce((s, x) => s + x, 0) / v.length),
	};
}

/**
 * Execution ids an n8n worker's log says it started and finished ("Worker started execution 12 (job 12)").
 * @param {string} logFile
 */
function workerExecutions(logFile) {
	let text = '';
	try {
		text = fs.readFileSync(logFile, 'utf8');
	} catch {
		return { started: [], finished: [] };
	}
	const ids = (/** @type {RegExp} */ re) => [...text.matchAll(re)].map((m) => String(m[1]));
	return {
		started: ids(/Worker started execution (\d+)/g),
		finished: ids(/Worker finished execution (\d+)/g),
	};
}

module.exports = { processTable, tree, startMemorySampler, percentile, summary, workerExecutions };
