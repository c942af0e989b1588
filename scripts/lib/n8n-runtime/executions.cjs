'use strict';
/**
 * Executions of a started n8n: waiting for them over the REST API (with the owner's cookie) and reading what their
 * nodes output. n8n stores execution data with `flatted`; its parser is taken from the n8n runtime, never from
 * this package.
 */
const path = require('node:path');
const { createRequire } = require('node:module');
const { runtimePaths, sleep } = require('./config.cjs');
const { rest } = require('./rest.cjs');

/** @typedef {import('n8n-workflow').IRunExecutionData} IRunExecutionData */
/**
 * One row of GET /rest/executions (the fields these scripts read).
 * @typedef {{ id: string | number, status: string, finished?: boolean, mode?: string, startedAt?: string, stoppedAt?: string }} ExecutionSummary
 */
/**
 * A finished execution as `waitForExecutions` returns it.
 * @typedef {{ id: string, status: string, data: IRunExecutionData }} FinishedExecution
 */

/** The statuses an execution ends in. */
const FINAL_STATUSES = new Set(['success', 'error', 'crashed', 'canceled']);

/** @type {((text: string) => IRunExecutionData) | undefined} */
let flattedParse;
/**
 * An execution's `data` as n8n stores it (a flatted string) or already parsed: IRunExecutionData.
 * @param {string | IRunExecutionData} data
 * @returns {IRunExecutionData}
 */
function parseExecutionData(data) {
	if (data && typeof data === 'object') return data;
	if (!flattedParse) {
		const req = createRequire(path.join(runtimePaths().n8nPrefix, 'node_modules', 'n8n', 'package.json'));
		flattedParse = /** @type {(text: string) => IRunExecutionData} */ (req('flatted').parse);
	}
	return flattedParse(data);
}

/**
 * The `json` of each item a node output in an execution's run data (undefined when the node did not run).
 * The caller names the shape it expects of those items as T (n8n stores them untyped).
 * @template [T=import('n8n-workflow').IDataObject]
 * @param {IRunExecutionData | undefined} data
 * @param {string} nodeName
 * @param {{ output?: number, runIndex?: number }} [options]
 * @returns {T[] | undefined}
 */
function executionNodeJson(data, nodeName, { output = 0, runIndex = 0 } = {}) {
	const runs = (data && data.resultData && data.resultData.runData && data.resultData.runData[nodeName]) || [];
	const task = runs[runIndex];
	if (!task) return undefined;
	const items = (task.data && task.data.main && task.data.main[output]) || [];
	return items.map((it) => /** @type {T} */ (it.json));
}

/**
 * The error message of an execution or of one of its nodes, if any.
 * @param {IRunExecutionData | undefined} data
 */
function executionError(data) {
	/** @type {Partial<IRunExecutionData['resultData']>} */
	const rd = (data && data.resultData) || {};
	if (rd.error) return rd.error.message || String(rd.error);
	for (const [name, runs] of Object.entries(rd.runData || {})) {
		for (const r of runs || []) if (r && r.error) return `${name}: ${r.error.message || r.error}`;
	}
	return undefined;
}

/**
 * The executions of one workflow, newest first: [{ id, status, finished, mode, startedAt, stoppedAt }].
 * @param {string} url
 * @param {string} cookie
 * @param {string} workflowId
 * @param {{ limit?: number }} [options]
 * @returns {Promise<ExecutionSummary[]>}
 */
async function listExecutions(url, cookie, workflowId, { limit = 50 } = {}) {
	const q = new URLSearchParams({ filter: JSON.stringify({ workflowId }), limit: String(limit) });
	const data = await rest(url, cookie, 'GET', `/rest/executions?${q}`);
	return (data && data.results) || [];
}

/**
 * The highest execution id of a workflow so far (0 when none).
 * @param {string} url
 * @param {string} cookie
 * @param {string} workflowId
 */
async function lastExecutionId(url, cookie, workflowId) {
	const list = await listExecutions(url, cookie, workflowId, { limit: 1 });
	return list.length ? Number(list[0].id) : 0;
}

/**
 * Waits until `count` executions of the workflow with an id above `afterId` have finished, then returns
 * them oldest first, each with its parsed run data: [{ id, status, data: IRunExecutionData }].
 * @param {string} url
 * @param {string} cookie
 * @param {string} workflowId
 * @param {{ afterId?: number | string, count?: number, timeoutMs?: number }} [options]
 * @returns {Promise<FinishedExecution[]>}
 */
async function waitForExecutions(url, cookie, workflowId, { afterId = 0, count = 1, timeoutMs = 60000 } = {}) {
	const started = Date.now();
	for (;;) {
		const list = (await listExecutions(url, cookie, workflowId)).filter((e) => Number(e.id) > Number(afterId));
		const done = list.filter((e) => FINAL_STATUSES.has(e.status));
		if (done.length >= count && done.length === list.length) {
			const oldestFirst = done.sort((a, b) => Number(a.id) - Number(b.id)).slice(0, count);
			const out = [];
			for (const e of oldestFirst) {
				const full = await rest(url, cookie, 'GET', `/rest/executions/${e.id}`);
				out.push({ id: String(e.id), status: full.status || e.status, data: parseExecutionData(full.data) });
			}
			return out;
		}
		if (Date.now() - started > timeoutMs) {
			throw new Error(`workflow ${workflowId}: ${done.length} of ${count} execution(s) after #${afterId} finished within ${timeoutMs / 1000} s (seen: ${JSON.stringify(list.map((e) => [e.id, e.status]))})`);
		}
		await sleep(300);
	}
}

module.exports = { FINAL_STATUSES, executionError, executionNodeJson, lastExecutionId, listExecutions, parseExecutionData, waitForExecutions };
