'use strict';
/** What the demo prints after its run: the executions, what Actionstep (the sandbox) now holds, the requests, the URLs. */
const path = require('node:path');
const rt = require('../lib/n8n-runtime.cjs');
const { FIRM_TIME_ZONE } = require('./calls.cjs');

/**
 * @typedef {import('../../sandbox').SandboxHandle} SandboxHandle
 * @typedef {import('../../sandbox').LoggedRequest} LoggedRequest
 * @typedef {import('../../sandbox').RecordMap['phonerecords']} PhoneRecord
 * @typedef {import('./calls.cjs').LogCallOutput} LogCallOutput
 * @typedef {import('./calls.cjs').DemoRun} DemoRun
 * @typedef {import('./scenario.cjs').ScenarioResult} ScenarioResult
 */

/**
 * Where the demo ran: the report prints its URLs and the owner's login.
 * @typedef {object} DemoSetting
 * @property {SandboxHandle} sandbox
 * @property {{ url: string, port: number }} n8n the started n8n
 * @property {{ email: string, password: string }} owner
 * @property {string} webhookUrl the live workflow's production webhook
 * @property {string} workflowId the live workflow
 * @property {string} dataFile the sandbox's data file
 */

/** "GET participants?phone2Number_ilike=*5*7*0*1*1*0* → 200": the request as the sandbox logged it, without paging and field lists. */
/** @param {LoggedRequest} q */
function describeRequest(q) {
	const params = new URLSearchParams(q.rawQuery || '');
	for (const k of ['fields', 'page', 'pageSize']) params.delete(k);
	if (params.get('sort') === 'id') params.delete('sort');
	const query = [...params].map(([k, v]) => `${k}=${v}`).join('&');
	return `${q.method.padEnd(4)} ${q.path.replace(/^\/api\/rest\//, '')}${query ? '?' + query : ''} → ${q.status}`;
}

/**
 * The report's lines, from runScenario's result.
 * @param {DemoSetting} setting
 * @param {ScenarioResult} result
 * @returns {string[]}
 */
function reportLines({ sandbox, n8n, owner, webhookUrl, workflowId, dataFile }, { live, sync, callCentre, start, end }) {
	const sydney = (/** @type {string | undefined} */ iso) =>
		iso ? new Date(iso).toLocaleString('en-AU', { timeZone: FIRM_TIME_ZONE, dateStyle: 'short', timeStyle: 'medium' }) : '-';
	const who = (/** @type {PhoneRecord} */ r) => {
		const id = r.direction === 'in' ? r.links.fromParticipant : r.links.toParticipant;
		const p = typeof id === 'number' && sandbox.store.get('participants', id);
		return p ? `${p.displayName} (${p.id})` : `${(r.direction === 'in' ? r.fromParticipantOther : r.toParticipantOther) ?? '-'} (no participant)`;
	};
	const held = (/** @type {string} */ what, /** @type {LogCallOutput | undefined} */ o) => {
		const r = o?.phoneRecord && sandbox.store.get('phonerecords', o.phoneRecord.id);
		if (!r) return [`  ${what}`, `    no phone record (Log Call: ${o ? o.status : 'no output'})`];
		const t = sandbox.store.list('timeentries').find((e) => e.links.phoneRecord === r.id);
		return [
			`  ${what}`,
			`    phone record ${r.id}: ${r.direction}, ${r.callTimestamp}, "${r.outcome}", ${r.actualHours === null ? 'no duration' : `${r.actualHours} h`}, ${r.phoneNumber}, ${who(r)}, matter ${r.links.action ?? '-'}`,
			`    time entry   ${t ? `${t.id}: ${t.actualHours} h actual, ${t.billableHours} h billable, "${t.description}"` : `none (${o?.decisions && o.decisions.timeEntry})`}`,
		];
	};
	const events = (/** @type {{ runs: DemoRun[] }} */ played) => played.runs.map((r) => `${r.label} #${r.id} ${r.out ? r.out.status : '-'}`).join(' → ');
	const rc = sandbox.ringcentral;
	const hs = sandbox.hostedsuite;
	const pages = callCentre.requests.map((q) => `page ${q.body?.Page ?? 1} → ${q.status}`).join(', ');
	const wfUrl = `${n8n.url}/workflow/${workflowId}`;
	const requests = live.requests.map(describeRequest);
	const dataPath = path.relative(rt.REPO_ROOT, dataFile);
	return [
		'',
		`(a) live: telephony-session webhook (event filter /restapi/v1.0/account/~/extension/~/telephony/sessions)`,
		`  subscription ${live.subscription.id}: Validation-Token echoed by execution #${live.validationRun.id}, status ${live.subscription.status}`,
		`  live call     ${events(live.live)}   (${sydney(live.live.call.times.answered)} to ${sydney(live.live.call.times.disconnected)})`,
		`  repeat        Disconnected delivered again → #${live.repeatRun.id} ${live.repeat.status}, phone record ${live.repeat.phoneRecord?.id}; nothing written`,
		`  missed call   ${events(live.missed)}`,
		`(b) sync: GET /restapi/v1.0/account/~/extension/~/call-log?view=Detailed&type=Voice (${sync.syncedCalls.length} records)`,
		`  ${sync.synced.map((o, i) => `${sync.syncedCalls[i] === sync.offline.telephonySessionId ? 'offline call' : `live call (record ${o.phoneRecord?.id})`} → ${o.status}`).join(', ')}`,
		`(c) call centre: HostedSuite poll, POST /api/calls for the last 60 minutes (${pages}; ${callCentre.read.length} call records)`,
		`  ${callCentre.read.map((c, i) => `${c.Id} ${c.CallerName} → ${callCentre.logged[i]?.status}`).join(', ')}`,
		'',
		`What Actionstep (the sandbox) now holds (${end.records - start.records} phone records, ${end.entries - start.entries} time entries new):`,
		...held('Michael Smith calls, Emma answers (live)', live.done),
		...held('Wei Chen rings, nobody answers (live)', live.missedOut),
		...held('Emma calls Aroha Ngata while n8n is down (sync)', sync.offlineOut),
		...callCentre.read.map((c, i) => held(`${c.CallerName}: the call centre ${c.Type === 'Outgoing' ? 'calls back' : 'takes the call'}, ${c.TalkTimeInSeconds} s talk time (HostedSuite ${c.Id})`, callCentre.logged[i])).flat(),
		'',
		`Requests the node made to Actionstep for the live call's four events (${requests.length}):`,
		...requests.map((r) => `  ${r}`),
		'',
		`n8n editor   ${n8n.url}/   (log in as ${owner.email} / ${owner.password})`,
		`workflow     ${wfUrl}`,
		`execution    ${wfUrl}/executions/${live.live.runs[3].id}`,
		`webhook      POST ${webhookUrl}`,
		`sandbox      ${sandbox.url}   (client id ${sandbox.clientId}; data in ${dataPath})`,
		`ringcentral  ${rc.baseUrl}   (client id ${rc.clientId}; play a call: POST ${rc.baseUrl}/_sandbox/calls)`,
		`hostedsuite  ${hs.baseUrl}   (CustomerName ${hs.customerName}, UserName ${hs.userName}; add a call: POST ${hs.baseUrl}/_sandbox/calls)`,
		`ports        n8n ${n8n.port}, sandbox ${new URL(sandbox.url).port}`,
		'',
	];
}

module.exports = { describeRequest, reportLines };
