'use strict';
/**
 * What the queue-mode test sends and imports: the webhook workflow (Webhook → Actionstep Log Call on a
 * chosen matter, billing each call), the credential connected to the sandbox, and the RingCentral call-log
 * events of the burst (distinct call ids, callers from the sandbox's seeded firm).
 */
const rt = require('../lib/n8n-runtime.cjs');

const WORKFLOW_ID = 'asQueueLogCall01';
const WEBHOOK_PATH = 'actionstep-queue-calls';
const LOG_NODE = 'Log the call';
const HOOK_NODE = 'Call event';
const MATTER_ID = 2001; // SMI-2024-001, Active, in the sandbox's seed
const CREDENTIAL = Object.freeze({ id: 'asQueueCredential', name: 'Actionstep (queue test)' });

/** Webhook (POST, answers 200 at once) → Actionstep Phone Record → Log Call, matter 2001, time entry on. */
function logCallWorkflow() {
	return {
		id: WORKFLOW_ID,
		name: 'Queue test: RingCentral call → Log Call',
		nodes: [
			{
				parameters: { httpMethod: 'POST', path: WEBHOOK_PATH, responseMode: 'onReceived', options: {} },
				id: '0b6c1f0e-51a1-4c53-9d1e-5a7e9e0c0001',
				name: HOOK_NODE,
				type: 'n8n-nodes-base.webhook',
				typeVersion: 2,
				position: [0, 0],
				webhookId: '0b6c1f0e-51a1-4c53-9d1e-5a7e9e0c00aa',
			},
			{
				parameters: {
					resource: 'phoneRecord',
					operation: 'logCall',
					source: 'ringcentral',
					callData: '={{ $json }}',
					matterMode: 'given',
					matter: { __rl: true, mode: 'id', value: String(MATTER_ID) },
					createTimeEntry: true,
					timeEntryOptions: {},
					options: {},
				},
				id: '0b6c1f0e-51a1-4c53-9d1e-5a7e9e0c0002',
				name: LOG_NODE,
				type: rt.NODE_TYPE,
				typeVersion: 1,
				position: [240, 0],
				credentials: { [rt.CREDENTIAL_TYPE]: { id: CREDENTIAL.id, name: CREDENTIAL.name } },
			},
		],
		connections: { [HOOK_NODE]: { main: [[{ node: LOG_NODE, type: 'main', index: 0 }]] } },
		active: false,
		settings: { executionOrder: 'v1', timezone: 'Australia/Sydney' },
		pinData: {},
	};
}

/**
 * The plaintext credential for `import:credentials` (n8n encrypts it), connected to the sandbox: the runtime's one builder.
 * @param {Parameters<typeof rt.sandboxCredential>[0]} sandbox
 * @param {unknown} token
 */
function sandboxCredential(sandbox, token) {
	return rt.sandboxCredential(sandbox, token, CREDENTIAL);
}

/** Other parties from the seed (each number matches exactly one participant) and one stranger. */
const PARTIES = [
	{ number: '+61491570110', name: 'MICHAEL SMITH' }, // 105 (mobile)
	{ number: '+61491570111', name: 'SARAH THOMPSON' }, // 106
	{ number: '+61370104421', name: 'WEI CHEN' }, // 107
	{ number: '+6495550142', name: 'AROHA NGATA' }, // 108
	{ number: '+12125550187', name: 'GRACE WILLIAMS' }, // 110
	{ number: '+61491570159', name: 'ETHAN WALKER' }, // 117
	{ number: '+61255501234', name: 'NOAH CLARKE' }, // 119
	{ number: '+61491570042', name: 'SAMUEL LEE' }, // 125
	{ number: '+61255509876', name: 'NEW CALLER' }, // nobody: logged by name
];
const RESULTS = ['Accepted', 'Accepted', 'Accepted', 'Call connected', 'Voicemail', 'Accepted'];

/**
 * The n-th call-log notification of the run (RingCentral's shape, see docs/LOG-CALL.md). `tag` makes the
 * call ids unique per run; start times are distinct and in the past; every call has talk time, so each
 * one is billed. Returns { sessionId, body }.
 * @param {string} tag
 * @param {number} n
 * @param {{ now?: number }} [options]
 */
function callEvent(tag, n, { now = Date.now() } = {}) {
	const party = PARTIES[n % PARTIES.length];
	const inbound = n % 4 !== 3;
	const duration = 30 + ((n * 37) % 870); // 30 s … 15 min
	const start = new Date(Math.floor(now / 60000) * 60000 - (n + 30) * 60000 - (n % 50) * 1000);
	const firm = { phoneNumber: '+61255500101', name: 'Emma Smith', extensionNumber: '101' };
	const other = { phoneNumber: party.number, name: party.name };
	const sessionId = `${tag}-${String(n).padStart(4, '0')}`;
	return {
		sessionId,
		// A finished RingCentral call-log record (as the sync recipe hands Log Call each record).
		body: {
			id: `${tag}-rec-${n}`,
			sessionId,
			telephonySessionId: `s-${sessionId}`,
			startTime: start.toISOString(),
			duration,
			type: 'Voice',
			direction: inbound ? 'Inbound' : 'Outbound',
			action: 'Phone Call',
			result: RESULTS[n % RESULTS.length],
			from: inbound ? other : firm,
			to: inbound ? firm : other,
		},
	};
}

/** How the marker line the node writes into a phone record's notes begins, for a call of this workload. */
/** @param {string} sessionId */
function callIdLine(sessionId) {
	return `Call ID: ringcentral:s-${sessionId} [n8n `;
}

/** A call of the workload, numbered: what the burst sends. @typedef {ReturnType<typeof callEvent> & { n: number }} QueueEvent */

module.exports = { WORKFLOW_ID, WEBHOOK_PATH, LOG_NODE, HOOK_NODE, MATTER_ID, CREDENTIAL, logCallWorkflow, sandboxCredential, callEvent, callIdLine };
