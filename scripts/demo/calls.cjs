'use strict';
/**
 * The demo's phone calls for the sandbox's firm, played by the sandbox's RingCentral corner to a started n8n, and
 * plain webhook POSTs for the other phone systems' examples.
 */
const rt = require('../lib/n8n-runtime.cjs');

/**
 * @typedef {import('../../sandbox').SandboxHandle} SandboxHandle
 * @typedef {Parameters<SandboxHandle['ringcentral']['playCall']>[0]} RcCallSpec a call for the RingCentral corner
 * @typedef {Awaited<ReturnType<SandboxHandle['ringcentral']['playCall']>>} RcPlayResult the call and its deliveries
 */

/**
 * The first item a node output in a run, if any, as the shape T the caller expects of it.
 * @template [T=import('n8n-workflow').IDataObject]
 * @param {unknown} data the run's IRunExecutionData
 * @param {string} nodeName
 * @returns {T | undefined}
 */
const firstOut = (data, nodeName) =>
	/** @type {T[]} */ (/** @type {unknown} */ (rt.executionNodeJson(/** @type {import('n8n-workflow').IRunExecutionData | undefined} */ (data), nodeName) || []))[0];

/**
 * What "Log the call" outputs for one call: the fields the demo reads.
 * @typedef {object} LogCallOutput
 * @property {string} status created, updated, duplicate, skipped, …
 * @property {{ id: number }} [phoneRecord]
 * @property {{ id: number } | null} [timeEntry]
 * @property {Record<string, string>} [decisions]
 */

/**
 * An n8n execution one call event started, with the first item "Log the call" output (undefined when the event
 * stopped earlier).
 * @typedef {Awaited<ReturnType<typeof rt.waitForExecutions>>[number] & { label: string, out: LogCallOutput | undefined }} DemoRun
 */

/** The time zone of the sandbox's firm (Harbourside Legal, Sydney); the demo runs n8n in it. */
const FIRM_TIME_ZONE = 'Australia/Sydney';

/**
 * Calls for the firm in the sandbox's seed. `live`: Michael Smith (participant 105, mobile +61 491 570 110)
 * calls Emma Smith's extension and talks 7 min 1 s. `missed`: Wei Chen (107, home +61 3 7010 4421) rings, nobody
 * answers.
 * `offline`: Emma calls Aroha Ngata (108) while n8n is down: only the call log has it.
 */
/** @type {Readonly<Record<'live' | 'missed' | 'offline', RcCallSpec>>} */
const DEMO_CALLS = Object.freeze({
	live: { scenario: 'answered', other: { phoneNumber: '+61491570110', name: 'MICHAEL SMITH', location: 'Sydney, NSW' }, talkSeconds: 421 },
	missed: { scenario: 'missed', other: { phoneNumber: '+61370104421', name: 'WEI CHEN', location: 'Melbourne, VIC' } },
	offline: { scenario: 'answered', direction: 'Outbound', other: { phoneNumber: '+64215550190', location: 'New Zealand' }, talkSeconds: 190 },
});

/**
 * Plays a call through the sandbox's RingCentral corner to every subscribed webhook and, after each event,
 * waits for the n8n execution it started (RingCentral's events of one call are seconds apart; this keeps
 * them apart). Resolves the call, its deliveries, one run per event and the last execution id.
 * @param {SandboxHandle} sandbox
 * @param {string} n8nUrl
 * @param {string} cookie
 * @param {string} workflowId
 * @param {RcCallSpec} spec
 * @param {{ afterId?: number, nodeName?: string }} [options]
 * @returns {Promise<RcPlayResult & { runs: DemoRun[], lastId: number }>}
 */
async function playCallThroughN8n(sandbox, n8nUrl, cookie, workflowId, spec, { afterId = 0, nodeName = 'Log the call' } = {}) {
	let last = afterId;
	/** @type {DemoRun[]} */
	const runs = [];
	const result = await sandbox.ringcentral.playCall(spec, {
		afterEach: async (delivery) => {
			const [run] = await rt.waitForExecutions(n8nUrl, cookie, workflowId, { afterId: last });
			last = Number(run.id);
			runs.push({ label: delivery.label, ...run, out: /** @type {LogCallOutput | undefined} */ (firstOut(run.data, nodeName)) });
		},
	});
	return { ...result, runs, lastId: last };
}

/**
 * POSTs JSON to a production webhook. Resolves { status, headers, text, body } (the runtime's REST request, no cookie).
 * @param {string} url
 * @param {string} webhookPath
 * @param {unknown} body
 * @param {{ headers?: Record<string, string>, timeoutMs?: number }} [options]
 */
async function postWebhook(url, webhookPath, body, { headers = {}, timeoutMs = 30000 } = {}) {
	const { status, headers: answered, text, body: parsed } = await rt.restRequest(url, undefined, 'POST', `/webhook/${webhookPath}`, body, {
		headers: Object.assign({ 'content-type': 'application/json' }, headers),
		timeoutMs,
	});
	return { status, headers: answered, text, body: parsed };
}

module.exports = { FIRM_TIME_ZONE, DEMO_CALLS, firstOut, playCallThroughN8n, postWebhook };
