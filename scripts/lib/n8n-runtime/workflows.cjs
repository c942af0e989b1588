'use strict';
/** Workflows in a user folder through n8n's CLI: import, publish, execute once and read the run it prints. */
const fs = require('node:fs');
const path = require('node:path');
const { n8nCommand, n8nCommandOk, parseRawOutput } = require('./userFolder.cjs');

/**
 * Imports workflow exports (each must carry its `id`) in one `import:workflow --separate` call: each CLI command
 * boots n8n (~5–10 s), so many workflows go in together.
 * @param {string} userFolder
 * @param {Array<{ id?: string }>} workflows
 * @param {{ env?: Record<string, string> }} [options]
 */
async function importWorkflows(userFolder, workflows, { env } = {}) {
	if (!workflows.length) return;
	const dir = path.join(userFolder, `import-workflows-${Date.now()}-${Math.random().toString(36).slice(2, 8)}`);
	fs.mkdirSync(dir, { recursive: true });
	workflows.forEach((wf, i) => fs.writeFileSync(path.join(dir, `${String(i).padStart(2, '0')}-${wf.id || 'workflow'}.json`), JSON.stringify(wf, null, 2)));
	try {
		await n8nCommandOk(userFolder, ['import:workflow', '--separate', `--input=${dir}`], { env });
	} finally {
		fs.rmSync(dir, { recursive: true, force: true });
	}
}

/**
 * Makes a workflow's triggers (webhooks) live for the next `n8n start`.
 * @param {string} userFolder
 * @param {string} workflowId
 * @param {{ env?: Record<string, string> }} [options]
 */
async function publishWorkflow(userFolder, workflowId, { env } = {}) {
	await n8nCommandOk(userFolder, ['publish:workflow', `--id=${workflowId}`], { env });
}

/**
 * `n8n execute --id=<id> --rawOutput` (also while `n8n start` runs on the folder). Resolves the command's result
 * plus `run`, the IRun it printed (undefined when none: read stdout/stderr). Exit code 1 with a run means a node
 * error: read run.data.resultData.error.
 * @param {string} userFolder
 * @param {string} workflowId
 * @param {{ env?: Record<string, string>, timeoutMs?: number }} [options]
 */
async function executeWorkflow(userFolder, workflowId, { env, timeoutMs } = {}) {
	const r = await n8nCommand(userFolder, ['execute', `--id=${workflowId}`, '--rawOutput'], { env, timeoutMs });
	let run;
	try {
		run = parseRawOutput(r.stdout);
	} catch {
		run = undefined;
	}
	return { ...r, run };
}

module.exports = { executeWorkflow, importWorkflows, publishWorkflow };
