'use strict';
/** The queue test's figures: printed, and gathered into the report written to docs' data. */
const os = require('node:os');
const rt = require('../lib/n8n-runtime.cjs');
const measure = require('./measure.cjs');

/** @typedef {import('./steps.cjs').QueueContext} QueueContext */
/** @typedef {import('./steps.cjs').QueueFound} QueueFound */
/** @typedef {import('./observedSandbox.cjs').TokenLogEntry} TokenLogEntry */
/** @typedef {Record<string, import('./measure.cjs').MemoryStats>} MemoryByProcess */
/**
 * The report written to test-results/queue/report.json (docs/SCALING.md quotes it).
 * @typedef {object} QueueReport
 * @property {string} n8nVersion
 * @property {string} postgres
 * @property {{ cpus: number, memGb: number, load1BeforeBurst: number, load1AfterBurst: number }} host
 * @property {import('./steps.cjs').QueueOptions} options
 * @property {Record<string, number>} timingsMs
 * @property {boolean} firstInstall
 * @property {{ requests: number, distinct: number, wallSeconds: number, executionsPerSecond: number, distinctCallsPerSecond: number, sandboxRequests: number, sandboxRequestsPerSecond: number, latencyMs: Record<string, ReturnType<typeof measure.summary>> }} burst
 * @property {Record<string, number>} workers burst executions per worker
 * @property {{ bytesPerExecution: number, executionDataBytesPerExecution: number }} database
 * @property {MemoryByProcess} memory during the burst
 * @property {MemoryByProcess} idleMemory before it
 * @property {{ expiries: import('./burst.cjs').TokenExpiry[], afterExpiry: import('./checks.cjs').AfterExpiry[], unauthorized: number, refreshes: number, refreshOk: number, refused: TokenLogEntry[], chainOk: boolean, probe: TokenLogEntry[] }} tokens
 * @property {import('./checks.cjs').DuplicateDetail[]} duplicates
 * @property {Array<{ sessionId: string, overlap: boolean, split: boolean, records: number, executions: Array<{ id: string, worker?: string, startedAt: number, stoppedAt: number, duplicate: unknown }> }>} sentTogether
 * @property {{ count: number, duplicates: number, otherWorker: number }} afterRepeats
 * @property {import('./steps.cjs').QueueCheck[]} checks
 * @property {number} [cpuMsPerExecution] CPU time of every process measured, per execution
 */

/** @param {number | undefined} x */
const mb = (x) => (x === undefined ? '-' : `${Math.round(x)} MB`);
/** @param {number | undefined} x */
const ms = (x) => (x === undefined ? '-' : `${Math.round(x)} ms`);

/**
 * Prints the figures and returns the report.
 * @param {QueueContext} ctx
 * @param {QueueFound} found
 * @returns {QueueReport}
 */
function figures(ctx, found) {
	const { opts, timings, secs, checks } = ctx;
	const { afterDup, afterExecs, afterExpiry, afterOtherWorker, b, burstExecs, bySeq, chainOk, counts, dbAfter, dbBefore, dupDetail, events, firstInstall, idleMemory, loadAfter, loadBefore, memory, pg, probeExec, probeRefresh, refreshBad, refreshOk, refreshes, rest401, restDuringBurst, withPairs } = found;
	const firstSend = Math.min(...b.sends.map((s) => s.sentAt));
	const lastStop = Math.max(...burstExecs.map((e) => e.stoppedAt || 0));
	const ack = measure.summary(b.sends.map((s) => s.answeredAt - s.sentAt));
	const e2e = measure.summary(burstExecs.map((e) => e.stoppedAt - bySeq.get(e.seq).sentAt));
	const queueWait = measure.summary(burstExecs.map((e) => e.startedAt - e.createdAt));
	const run = measure.summary(burstExecs.map((e) => e.stoppedAt - e.startedAt));
	const runNew = measure.summary(burstExecs.filter((e) => e.out && e.out.duplicate === false).map((e) => e.stoppedAt - e.startedAt));
	const wallS = (lastStop - firstSend) / 1000;
	const restCount = restDuringBurst.length;
	/** @type {QueueReport} */
	const report = {
		n8nVersion: rt.N8N_VERSION,
		postgres: pg.version,
		host: { cpus: os.cpus().length, memGb: Math.round(os.totalmem() / 1e9), load1BeforeBurst: loadBefore, load1AfterBurst: loadAfter },
		options: opts,
		timingsMs: timings,
		firstInstall,
		burst: {
			requests: b.sends.length,
			distinct: events.length,
			wallSeconds: wallS,
			executionsPerSecond: b.sends.length / wallS,
			distinctCallsPerSecond: events.length / wallS,
			sandboxRequests: restCount,
			sandboxRequestsPerSecond: restCount / wallS,
			latencyMs: { webhookAnswer: ack, endToEnd: e2e, queueWait, execution: run, executionNewCall: runNew },
		},
		workers: counts,
		database: { bytesPerExecution: Math.round((Number(dbAfter.db) - Number(dbBefore.db)) / (b.sends.length + 1)), executionDataBytesPerExecution: Math.round((Number(dbAfter.data) - Number(dbBefore.data)) / (b.sends.length + 1)) },
		memory,
		idleMemory,
		tokens: { expiries: b.expiries, afterExpiry, unauthorized: rest401.length, refreshes: refreshes.length, refreshOk: refreshOk.length, refused: refreshBad, chainOk, probe: probeRefresh },
		duplicates: dupDetail,
		sentTogether: withPairs.map((p) => ({ sessionId: events[p.n].sessionId, overlap: p.overlap, split: p.split, records: p.records, executions: p.pair.map((e) => ({ id: e.id, worker: e.worker, startedAt: e.startedAt, stoppedAt: e.stoppedAt, duplicate: e.out?.duplicate })) })),
		afterRepeats: { count: afterExecs.length, duplicates: afterDup.length, otherWorker: afterOtherWorker.length },
		checks,
	};

	console.log('\nfigures:');
	console.log(`  burst             ${b.sends.length} requests (${events.length} distinct calls) in ${wallS.toFixed(1)} s from first request to last execution finished`);
	console.log(`  throughput        ${(b.sends.length / wallS).toFixed(2)} executions/s, ${(events.length / wallS).toFixed(2)} distinct calls/s end to end; ${restCount} Actionstep requests (${(restCount / wallS).toFixed(1)}/s)`);
	console.log(`  webhook answer    p50 ${ms(ack.p50)}, p95 ${ms(ack.p95)}, max ${ms(ack.max)} (Respond Immediately: enqueue only)`);
	console.log(`  end to end        p50 ${ms(e2e.p50)}, p95 ${ms(e2e.p95)}, max ${ms(e2e.max)} (request sent → execution finished)`);
	console.log(`  in the queue      p50 ${ms(queueWait.p50)}, p95 ${ms(queueWait.p95)}; execution p50 ${ms(run.p50)}, p95 ${ms(run.p95)} (new calls p50 ${ms(runNew.p50)})`);
	console.log(`  per worker        ${Object.entries(counts).map(([k, n]) => `${k} ${n}`).join(', ')}`);
	console.log(`  sent together     ${withPairs.length} pairs: ${withPairs.filter((p) => p.overlap).length} ran at the same time (${withPairs.filter((p) => p.overlap && p.split).length} on two workers), ${withPairs.filter((p) => p.records > 1).length} logged twice`);
	console.log(`  tokens            ${b.expiries.length} expiries mid-burst + 1 after: ${rest401.length} requests got 401, ${refreshOk.length + probeRefresh.filter((t) => t.status === 200).length} refresh grants, ${refreshBad.length} refused`);
	console.log(`  database          +${Math.round(report.database.bytesPerExecution / 1024)} KB per execution (execution_data +${Math.round(report.database.executionDataBytesPerExecution / 1024)} KB), kept until pruned`);
	console.log(`  host              ${os.cpus().length} CPUs, load average ${loadBefore.toFixed(1)} before the burst, ${loadAfter.toFixed(1)} after (other work on the machine counts too)`);
	console.log('  memory and CPU    RSS peak during the burst, process alone / with children; CPU time during the burst');
	const execCount = b.sends.length + 1;
	let cpuAll = 0;
	for (const [name, m] of Object.entries(memory)) {
		const own = counts[name] !== undefined ? counts[name] + (probeExec && probeExec.worker === name ? 1 : 0) : execCount;
		cpuAll += m.cpuMs;
		console.log(
			`    ${name.padEnd(24)} ${mb(m.selfMb.peak).padStart(7)} / ${mb(m.totalMb.peak).padStart(7)}  (${m.procs} processes; idle before ${mb(idleMemory[name]?.totalMb.last)});` +
				` CPU ${secs(m.cpuMs)}, ${Math.round(m.cpuMs / Math.max(1, own))} ms per execution ${counts[name] !== undefined ? 'it ran' : 'in all'}`,
		);
	}
	console.log(`    all of the above: ${Math.round(cpuAll / execCount)} ms CPU per execution`);
	report.cpuMsPerExecution = Math.round(cpuAll / execCount);
	const installLine = [
		timings.installApt ? `apt ${secs(timings.installApt)}` : 'apt skipped',
		`n8n runtime ${secs(timings.installRuntime)}${firstInstall ? ' (first install)' : ' (cached)'}`,
		timings.pack !== undefined ? `pack ${secs(timings.pack)}` : 'given tarball',
		`user folders ${secs(timings.userFolders)}`,
	].join(', ');
	console.log(`  timings           install ${secs(timings.install)} (${installLine})`);
	console.log(`                    start ${secs(timings.start)} (Redis+PostgreSQL ${secs(Math.max(timings.redis, timings.postgres))}, import ${secs(timings.import)}, n8n ready ${secs(timings.n8nReady)})`);
	console.log(`                    burst ${secs(timings.burst)} (sending ${secs(timings.burstSend)}, draining ${secs(timings.drain)})`);
	return report;
}

module.exports = { figures };
