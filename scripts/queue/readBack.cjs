'use strict';
/** Reading n8n back from its PostgreSQL database: execution counts, the drain, each execution's outcome. */
const rt = require('../lib/n8n-runtime.cjs');
const work = require('./workload.cjs');

/** @param {number} ms */
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

const FINAL = rt.FINAL_STATUSES;

/** @typedef {import('./services.cjs').Postgres} Postgres */
/** @typedef {import('./services.cjs').Redis} Redis */
/** @typedef {import('../lib/n8n-runtime/executions.cjs').IRunExecutionData} IRunExecutionData */
/** @typedef {{ counts: Record<string, number>, total: number, finished: number, waiting: number, active: number, ms: number, timedOut?: boolean }} Drain */
/**
 * One execution as read back: `seq` and `sessionId` from the webhook item, `out` the Log Call item.
 * `worker` is set afterwards, from the workers' logs.
 * @typedef {object} QueueExecution
 * @property {string} id
 * @property {string} status
 * @property {number} createdAt
 * @property {number} startedAt
 * @property {number} stoppedAt
 * @property {number | undefined} seq
 * @property {string | undefined} sessionId
 * @property {import('n8n-workflow').IDataObject | undefined} out
 * @property {string | undefined} error
 * @property {string} [worker]
 */

/**
 * Executions of the workflow per status.
 * @param {Postgres} pg
 * @returns {Promise<Record<string, number>>}
 */
async function executionCounts(pg) {
	/** @type {{ status: string, n: number }[]} */
	const rows = await pg.query('select status, count(*)::int as n from execution_entity where "workflowId" = $1 group by status', [work.WORKFLOW_ID]);
	return Object.fromEntries(rows.map((r) => [r.status, r.n]));
}

/**
 * Waits until `expected` executions finished and the Redis queue is empty (or `timeoutMs` passed: timedOut).
 * @param {{ pg: Postgres, redis: Redis, expected: number, timeoutMs: number, say: (line: string) => void }} options
 * @returns {Promise<Drain>}
 */
async function waitForDrain({ pg, redis, expected, timeoutMs, say }) {
	const started = Date.now();
	let last = '';
	for (;;) {
		const counts = await executionCounts(pg);
		const total = Object.values(counts).reduce((s, n) => s + n, 0);
		const finished = Object.entries(counts).reduce((s, [k, n]) => s + (FINAL.has(k) ? n : 0), 0);
		const waiting = Number(redis.cli('llen', 'bull:jobs:wait') || 0);
		const active = Number(redis.cli('llen', 'bull:jobs:active') || 0);
		const line = `${finished}/${expected} executions finished, queue: ${waiting} waiting, ${active} active`;
		if (line !== last && (Date.now() - started > 2000 || finished === expected)) {
			say(`  ${line}`);
			last = line;
		}
		if (total >= expected && finished === total && waiting === 0 && active === 0) return { counts, total, finished, waiting, active, ms: Date.now() - started };
		if (Date.now() - started > timeoutMs) return { counts, total, finished, waiting, active, ms: Date.now() - started, timedOut: true };
		await sleep(1000);
	}
}

/**
 * @param {IRunExecutionData | undefined} data
 * @param {string} nodeName
 */
function nodeOutput(data, nodeName) {
	const runs = data?.resultData?.runData?.[nodeName] || [];
	const task = runs[0];
	return { items: (task?.data?.main?.[0] || []).map((it) => it.json), error: task?.error };
}

/**
 * Every execution of the workflow with what it did: [{ id, status, startedAt, stoppedAt, createdAt, seq, sessionId, out, error }].
 * @param {Postgres} pg
 * @returns {Promise<QueueExecution[]>}
 */
async function readExecutions(pg) {
	/** @type {{ id: number, status: string, createdAt: Date, startedAt: Date, stoppedAt: Date, data: string | null }[]} */
	const rows = await pg.query(
		`select e.id, e.status, e."createdAt", e."startedAt", e."stoppedAt", d.data
		   from execution_entity e left join execution_data d on d."executionId" = e.id
		  where e."workflowId" = $1 order by e.id`,
		[work.WORKFLOW_ID],
	);
	return rows.map((r) => {
		let data;
		try {
			data = r.data ? rt.parseExecutionData(r.data) : undefined;
		} catch {
			data = undefined;
		}
		// The webhook item: the request's headers and body.
		const hook = /** @type {{ headers?: Record<string, string>, body?: { sessionId?: string } }} */ (nodeOutput(data, work.HOOK_NODE).items[0] || {});
		const log = nodeOutput(data, work.LOG_NODE);
		const err = data?.resultData?.error;
		return {
			id: String(r.id),
			status: r.status,
			createdAt: r.createdAt && new Date(r.createdAt).getTime(),
			startedAt: r.startedAt && new Date(r.startedAt).getTime(),
			stoppedAt: r.stoppedAt && new Date(r.stoppedAt).getTime(),
			seq: Number(hook.headers?.['x-queue-test-seq']) || undefined,
			sessionId: hook.body?.sessionId,
			out: log.items[0],
			error: err ? err.message || String(err) : log.error ? log.error.message || String(log.error) : undefined,
		};
	});
}

module.exports = { FINAL, executionCounts, readExecutions, waitForDrain };
