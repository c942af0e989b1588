'use strict';
/**
 * What the demo does in a started n8n, and the checks `--once` exits on: recipe (a), live RingCentral events to
 * the published webhook (the subscription's handshake, a live call, a repeat delivery, a missed call), then
 * recipe (b), one run of the call-log sync, then (c) one poll of the call centre (HostedSuite). Resolves what
 * happened, for the report.
 */
const { isDeepStrictEqual } = require('node:util');
const rt = require('../lib/n8n-runtime.cjs');
const { EXAMPLES } = require('./examples.cjs');
const { DEMO_CALLS, FIRM_TIME_ZONE, firstOut, playCallThroughN8n } = require('./calls.cjs');

/**
 * @typedef {import('./calls.cjs').SandboxHandle} SandboxHandle
 * @typedef {import('./calls.cjs').LogCallOutput} LogCallOutput
 */

/**
 * What the scenario runs against: the sandbox, a started n8n with the live workflow published, its owner's cookie
 * and its user folder (for `n8n execute`).
 * @typedef {object} ScenarioTarget
 * @property {SandboxHandle} sandbox
 * @property {string} n8nUrl
 * @property {string} cookie
 * @property {string} userFolder
 */

/** A check of the demo failed: its message says which, and is all the demo prints. */
class DemoFailure extends Error {}

/**
 * @param {unknown} ok
 * @param {string} what
 * @returns {asserts ok}
 */
function check(ok, what) {
	if (!ok) throw new DemoFailure(what);
}

const LOG_NODE = 'Log the call';


/**
 * `n8n execute` of an example, which must succeed. Resolves its run.
 * @param {string} userFolder
 * @param {string} workflowId
 * @param {string} what the example, for the failure message
 */
async function executeExample(userFolder, workflowId, what) {
	const r = await rt.executeWorkflow(userFolder, workflowId, { env: { GENERIC_TIMEZONE: FIRM_TIME_ZONE } });
	check(r.run && r.run.status === 'success', `${what} failed: ${r.run ? rt.executionError(r.run.data) : (r.stdout + r.stderr).slice(-3000)}`);
	return r.run;
}

/**
 * Recipe (a): the subscription, a live call, its repeated last event, a missed call.
 * @param {ScenarioTarget} target
 */
async function liveRecipe({ sandbox, n8nUrl, cookie, userFolder }) {
	const hook = EXAMPLES.logCall.id;
	const rc = sandbox.ringcentral;

	// 1. The webhook subscription, by the subscription example: RingCentral validates the address first.
	let lastId = await rt.lastExecutionId(n8nUrl, cookie, hook);
	const sub = await executeExample(userFolder, EXAMPLES.rcSubscribe.id, 'the subscription example');
	/** @type {{ id: string, status: string } | undefined} RingCentral's subscription, as the example output it */
	const subscription = firstOut(sub.data, 'Create the webhook subscription');
	check(subscription && subscription.status === 'Active', `no Active subscription: ${JSON.stringify(subscription)}`);
	const validation = rc.deliveries().find((d) => d.label === 'validation');
	check(validation && validation.status === 200 && validation.echoedToken === validation.headers['validation-token'], 'the Validation-Token was not echoed');
	const [validationRun] = await rt.waitForExecutions(n8nUrl, cookie, hook, { afterId: lastId });
	lastId = Number(validationRun.id);
	check(rt.executionNodeJson(validationRun.data, LOG_NODE) === undefined, 'the validation request reached Log Call');

	// 2. A live call: Michael Smith calls, Emma answers, 7 min 1 s.
	sandbox.clearLog();
	const live = await playCallThroughN8n(sandbox, n8nUrl, cookie, hook, DEMO_CALLS.live, { afterId: lastId });
	lastId = live.lastId;
	const requests = [...sandbox.requests()]; // the live call's four events only
	for (const r of live.runs) check(r.status === 'success', `${r.label} event: execution #${r.id} ended ${r.status}: ${rt.executionError(r.data)}`);
	const statuses = live.runs.map((r) => r.out && r.out.status).join();
	check(statuses === 'skipped,skipped,created,updated', `live call: Log Call answered ${statuses}`);
	const done = live.runs[3].out;
	check(done && done.phoneRecord, `live call: Log Call output no phone record: ${JSON.stringify(done)}`);
	const record = sandbox.store.get('phonerecords', done.phoneRecord.id);
	const entry = done.timeEntry && sandbox.store.get('timeentries', done.timeEntry.id);
	check(record && record.outcome === 'Call completed' && record.actualHours === 0.12, `live call: record ${JSON.stringify(record)}`);
	check(record.links.action === 2011 && record.links.fromParticipant === 105, `live call: matter ${record.links.action}, participant ${record.links.fromParticipant}`);
	check(entry && entry.links.phoneRecord === record.id && entry.billableHours === 0.2, `live call: time entry ${JSON.stringify(entry)}`);

	// 3. RingCentral delivers the Disconnected event again.
	await rc.redeliver(live.deliveries[3].seq);
	const [repeatRun] = await rt.waitForExecutions(n8nUrl, cookie, hook, { afterId: lastId });
	lastId = Number(repeatRun.id);
	/** @type {LogCallOutput | undefined} */
	const repeat = firstOut(repeatRun.data, LOG_NODE);
	check(repeat && repeat.status === 'duplicate' && repeat.phoneRecord?.id === record.id, `repeat delivery: ${JSON.stringify(repeat && repeat.status)}`);

	// 4. A missed call: Wei Chen rings, nobody answers.
	const missed = await playCallThroughN8n(sandbox, n8nUrl, cookie, hook, DEMO_CALLS.missed, { afterId: lastId });
	const missedOut = missed.runs.at(-1)?.out;
	const missedRecord = missedOut && missedOut.phoneRecord && sandbox.store.get('phonerecords', missedOut.phoneRecord.id);
	check(
		missedRecord && missedRecord.outcome === 'Missed' && Number(missedRecord.actualHours ?? 0) === 0 && !missedOut.timeEntry,
		`missed call: ${JSON.stringify(missedOut && missedOut.decisions)}`,
	);
	return { subscription, validationRun, live, requests, done, record, repeatRun, repeat, missed, missedOut, missedRecord };
}

/**
 * Recipe (b): a call made while n8n was down is only in the call log; one run of the sync example.
 * @param {Pick<ScenarioTarget, 'sandbox' | 'userFolder'>} target
 * @param {LiveRecipeResult} live
 */
async function syncRecipe({ sandbox, userFolder }, live) {
	const offline = sandbox.ringcentral.addCall(DEMO_CALLS.offline);
	const sync = await executeExample(userFolder, EXAMPLES.rcSync.id, 'the sync example');
	/** @type {LogCallOutput[]} */
	const synced = rt.executionNodeJson(sync.data, LOG_NODE) || [];
	const syncedCalls = (rt.executionNodeJson(sync.data, 'One item per call') || []).map((c) => c.telephonySessionId);
	const offlineOut = synced[syncedCalls.indexOf(offline.telephonySessionId)];
	check(offlineOut && offlineOut.status === 'created' && offlineOut.phoneRecord, `sync: the offline call was ${offlineOut && offlineOut.status}`);
	// The live calls are found again by their telephonySessionId: the same records (completed with what the call-log
	// record adds, if anything), never second ones.
	const liveIds = [live.record.id, live.missedRecord.id].sort().join();
	const again = synced.filter((o) => o !== offlineOut);
	check(
		again.every((o) => o.status === 'duplicate' || o.status === 'updated') && again.map((o) => o.phoneRecord?.id).sort().join() === liveIds,
		`sync: ${synced.map((o) => o.status).join(', ')}`,
	);
	check(sandbox.store.list('timeentries').filter((t) => t.links.phoneRecord === live.record.id).length === 1, 'sync: the live call was billed twice');
	const offlineRecord = sandbox.store.get('phonerecords', offlineOut.phoneRecord.id);
	check(offlineRecord && offlineRecord.outcome === 'Call completed' && offlineRecord.direction === 'out', `sync: record ${JSON.stringify(offlineRecord)}`);
	return { offline, synced, syncedCalls, offlineOut };
}

/**
 * (c) The call centre: HostedSuite has no webhook, so its example polls the last hour's call records (the corner's
 * seeded calls) once. Each must be logged as the corner says its seeded calls become in Actionstep: participant,
 * matter, talk-time hours and time entry (sandbox/hostedsuite/outcome.ts, the outcome the engine and e2e tests check).
 * @param {Pick<ScenarioTarget, 'sandbox' | 'userFolder'>} target
 */
async function callCentrePoll({ sandbox, userFolder }) {
	const hs = sandbox.hostedsuite;
	const poll = await executeExample(userFolder, EXAMPLES.hostedsuite.id, 'the HostedSuite example');
	const requests = hs.requests();
	check(requests.length > 0 && requests.every((q) => q.status === 200), `HostedSuite poll: ${requests.map((q) => `${q.method} ${q.path} → ${q.status}`).join(', ') || 'no request'}`);
	/** @type {LogCallOutput[]} */
	const logged = rt.executionNodeJson(poll.data, LOG_NODE) || [];
	/** @type {Array<{ Id: string, CallerName: string, Type: string, TalkTimeInSeconds: number }>} */
	const read = rt.executionNodeJson(poll.data, 'Read the call records') || [];
	check(logged.length === hs.seededWindowLogged.length, `HostedSuite poll: Log Call answered ${logged.length} calls, expected ${hs.seededWindowLogged.length}`);
	const got = hs.loggedInActionstep(logged);
	got.forEach((g, i) => {
		const want = hs.seededWindowLogged[i];
		check(isDeepStrictEqual(g, want), `HostedSuite call ${read[i]?.Id} (${g.caller}): logged ${JSON.stringify(g)}, expected ${JSON.stringify(want)}`);
	});
	return { requests, read, logged };
}

/**
 * @typedef {Awaited<ReturnType<typeof liveRecipe>>} LiveRecipeResult
 * @typedef {Awaited<ReturnType<typeof runScenario>>} ScenarioResult what happened, for the report
 */

/**
 * Runs both RingCentral recipes and the call-centre poll against a started n8n (the live workflow published) and
 * checks the sandbox's totals.
 * @param {ScenarioTarget} target
 */
async function runScenario({ sandbox, n8nUrl, cookie, userFolder }) {
	const count = () => ({ records: sandbox.store.count('phonerecords'), entries: sandbox.store.count('timeentries') });
	const start = count();
	const live = await liveRecipe({ sandbox, n8nUrl, cookie, userFolder });
	const sync = await syncRecipe({ sandbox, userFolder }, live);
	const callCentre = await callCentrePoll({ sandbox, userFolder });
	const end = count();
	check(end.records === start.records + 6, `expected 6 new phone records (3 RingCentral, 3 HostedSuite), found ${end.records - start.records}`);
	check(end.entries === start.entries + 4, `expected 4 new time entries (2 RingCentral, 2 HostedSuite), found ${end.entries - start.entries}`);
	return { live, sync, callCentre, start, end };
}

module.exports = { DemoFailure, runScenario };
