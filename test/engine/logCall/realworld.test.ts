/**
 * Every call event phone systems have published (../shared/realworld/fixtures, read at test time, never
 * copied here) goes through Log Call with Source "Detect Automatically", in n8n's engine against the
 * sandbox, the way a firm would wire it: a Webhook item straight in, a list page split into one item per
 * record. Finished calls are logged with the right direction, instant, hours, number, outcome and party;
 * everything else is skipped with a reason; no well-formed delivery ends in an error item.
 */
import * as fs from 'fs';
import * as path from 'path';
import type { IDataObject } from 'n8n-workflow';

import { runNode } from '../../harness/engine';
import { openSandbox } from '../../harness/sandbox';
import type { SandboxFixture } from '../../harness/sandbox';
import { logOf, rl } from '../../harness/workflow';
import { logCallParams, rest } from './fixtures';

const FIXTURES = path.resolve(__dirname, '../../../../shared/realworld/fixtures');

/** Not call events: an Actionstep matter capture (the envelope's quirks are tested in test/transport). */
const NOT_CALL_EVENTS = new Set(['actionstep-actions-get-single-matter-real-capture']);

interface Logged {
	status: 'created';
	direction: 'in' | 'out';
	/** The call's instant, UTC. */
	at: string;
	actualHours?: number;
	phoneNumber?: string;
	outcome: string;
	/** The other side as logged: a participant id, or the name written on the record. */
	other: number | string;
	/** How the source was told apart. */
	source: string;
}
type Expected = Logged | { status: 'skipped'; reason: RegExp; source: string };

const rc = 'ringcentral';
/** `file` or `file#n` (the n-th record of a list page). */
const EXPECTED: Record<string, Expected> = {
	'rc-calllog-simple-inbound-recording': {
		status: 'created', source: rc, direction: 'in', at: '2023-06-06T23:07:20Z', actualHours: 0.02, phoneNumber: '+14155555900',
		outcome: 'Call completed', other: '+14155555900', // "SAN FRANCSCO CA" is where the number is, not a name
	},
	'rc-calllog-list-simple-tollfree-inbound-and-voip-outbound#0': {
		status: 'created', source: rc, direction: 'in', at: '2023-04-10T23:58:47Z', actualHours: 0.05, phoneNumber: '+14155555908', outcome: 'Call completed', other: '+14155555908',
	},
	'rc-calllog-list-simple-tollfree-inbound-and-voip-outbound#1': {
		status: 'created', source: rc, direction: 'out', at: '2023-04-11T07:26:35Z', actualHours: 0.02, phoneNumber: '+14155555908', outcome: 'Call completed', other: '+14155555908',
	},
	'rc-calllog-list-detailed-multileg-recorded-devtest#0': {
		status: 'created', source: rc, direction: 'in', at: '2016-06-06T23:07:20Z', actualHours: 0.02, phoneNumber: '+14158905908', outcome: 'Call completed', other: '+14158905908',
	},
	'rc-calllog-list-detailed-multileg-recorded-devtest#1': {
		status: 'created', source: rc, direction: 'out', at: '2016-06-06T18:12:30Z', actualHours: 0.02, phoneNumber: '+14158905908', outcome: 'Call completed', other: '+14158905908',
	},
	'rc-calllog-list-detailed-multileg-recorded-devtest#2': {
		status: 'created', source: rc, direction: 'out', at: '2016-06-06T18:07:41Z', actualHours: 0.02, phoneNumber: '+14158905908', outcome: 'Call completed', other: '+14158905908',
	},
	'rc-calllog-detailed-single-leg-master-billing': {
		status: 'created', source: rc, direction: 'in', at: '2018-09-11T13:24:09Z', actualHours: 0.01, phoneNumber: '+16504445566', outcome: 'Call completed', other: 'John Smith',
	},
	'rc-calllog-sync-fsync-from-has-no-number#0': {
		status: 'created', source: rc, direction: 'out', at: '2013-06-03T15:16:58Z', actualHours: 0, phoneNumber: '+2055551234', outcome: 'Unknown', other: '+2055551234',
	},
	'rc-calllog-sync-fsync-from-has-no-number#1': {
		status: 'created', source: rc, direction: 'out', at: '2013-06-03T15:16:52Z', actualHours: 0.01, phoneNumber: '+12055550010', outcome: 'Call completed', other: 'Allen',
	},
	'rc-calllog-sync-fsync-from-has-no-number#2': {
		status: 'created', source: rc, direction: 'out', at: '2013-06-03T15:14:56Z', actualHours: 0.01, phoneNumber: '+12055550010', outcome: 'Call completed', other: 'Allen',
	},
	'rc-calllog-list-2014-numbers-without-plus#0': {
		status: 'created', source: rc, direction: 'in', at: '2014-09-22T12:58:09Z', actualHours: 0.01, phoneNumber: '+16504445567', outcome: 'Call completed', other: 'TONY',
	},
	'rc-calllog-list-2014-numbers-without-plus#1': {
		status: 'created', source: rc, direction: 'out', at: '2014-09-22T12:58:06Z', actualHours: 0.01, phoneNumber: '+16504445567', outcome: 'Call completed', other: 'TONY',
	},
	'rc-calllog-list-ringout-and-fax-record#0': {
		status: 'created', source: rc, direction: 'out', at: '2017-09-04T12:31:50Z', actualHours: 0.01, phoneNumber: '+16505556678', outcome: 'Call completed', other: '+16505556678',
	},
	'rc-calllog-list-ringout-and-fax-record#1': { status: 'skipped', source: rc, reason: /^a fax, not a phone call$/ },
	'rc-calllog-sync-internal-extension-caller-no-answer#0': {
		status: 'created', source: rc, direction: 'out', at: '2018-07-27T09:29:26Z', actualHours: 0.02, phoneNumber: '+1812345678', outcome: 'Call completed', other: 'Something1 New1',
	},
	'rc-calllog-sync-internal-extension-caller-no-answer#1': { status: 'skipped', source: rc, reason: /^internal call between two extensions/ },
	'rc-calllog-simple-missed-appconnect-testdata': {
		status: 'created', source: rc, direction: 'in', at: '2026-07-14T02:30:00Z', actualHours: 0, phoneNumber: '+14155550177', outcome: 'Missed', other: '+14155550177',
	},
	'rc-calllog-simple-voicemail-appconnect-testdata': {
		status: 'created', source: rc, direction: 'in', at: '2026-07-14T02:30:00Z', actualHours: 0.01, phoneNumber: '+14155550199', outcome: 'Left voicemail', other: 'Test Contact',
	},
	'rc-activecalls-detailed-inbound-ringing-no-duration': {
		status: 'created', source: rc, direction: 'in', at: '2021-01-19T23:58:57Z', phoneNumber: '+16504366666', outcome: 'In progress', other: '+16504366666',
	},
	'rc-activecalls-detailed-inbound-finished-two-legs': {
		status: 'created', source: rc, direction: 'in', at: '2021-01-19T23:58:57Z', actualHours: 0.01, phoneNumber: '+16504366666', outcome: 'Call completed', other: '+16504366666',
	},
	'rc-activecalls-detailed-callqueue-direction-flip': {
		status: 'created', source: rc, direction: 'in', at: '2021-01-20T00:15:02Z', actualHours: 0.01, phoneNumber: '+16504366666', outcome: 'Call completed', other: '+16504366666',
	},
	'rc-activecalls-ringout-from-name-only-zero-duration': {
		status: 'created', source: rc, direction: 'out', at: '2014-08-15T15:16:12Z', actualHours: 0, phoneNumber: '+18556620006', outcome: 'Call completed', other: 'John Smith',
	},
	'rc-webhook-telephony-session-inbound-setup': { status: 'skipped', source: rc, reason: /^setup: the call is not answered or over yet/ },
	'rc-webhook-telephony-session-internal-ext-answered': { status: 'skipped', source: rc, reason: /^internal call between two extensions/ },
	'rc-webhook-telephony-session-queue-proceeding-pn-apns-wrapper': { status: 'skipped', source: rc, reason: /^proceeding: the call is not answered/ },
	'rc-webhook-telephony-session-outbound-setup': { status: 'skipped', source: rc, reason: /^setup: / },
	'rc-webhook-telephony-session-outbound-disconnected': {
		status: 'created', source: rc, direction: 'out', at: '2019-09-05T07:46:05Z', phoneNumber: '+16579991394', outcome: 'Call ended', other: '+16579991394',
	},
	'rc-webhook-telephony-session-account-level-inbound-proceeding': { status: 'skipped', source: rc, reason: /^proceeding: / },
	'rc-webhook-telephony-session-disconnected-partial-body': { status: 'skipped', source: rc, reason: /^the event tells only that a call ended, and no record/ },
	'rc-webhook-presence-missed-call-nocall': { status: 'skipped', source: rc, reason: /^presence event/ },
	'rc-webhook-presence-detailed-two-active-calls': { status: 'skipped', source: rc, reason: /^presence event/ },
	'rc-webhook-voicemail-message-event': { status: 'skipped', source: rc, reason: /^VoiceMail message event/ },
	'rc-webhook-delivery-headers-validation-token': { status: 'skipped', source: rc, reason: /validation request/ },
	// Aircall: talk time is ended_at − answered_at (its duration counts ringing); a missed call with voicemail.
	'aircall-webhook-call-ended-outbound-answered': {
		status: 'created', source: 'aircall', direction: 'out', at: '2022-03-04T10:28:55Z', actualHours: 0.01, phoneNumber: '+43720880079', outcome: 'Call completed', other: '+43720880079',
	},
	'aircall-webhook-call-ended-inbound-missed-voicemail': {
		status: 'created', source: 'aircall', direction: 'in', at: '2022-03-04T10:28:59Z', actualHours: 0, phoneNumber: '+443308186690', outcome: 'Left voicemail', other: '+443308186690',
	},
	// Twilio: every value a string, an RFC 2822 Timestamp; a child leg's "initiated" is not a call yet.
	'twilio-status-callback-busy-outbound-international': {
		status: 'created', source: 'twilio', direction: 'out', at: '2025-10-08T13:54:12Z', actualHours: 0, phoneNumber: '+441111111111', outcome: 'Busy', other: '+441111111111',
	},
	'twilio-status-callback-initiated-child-leg-outbound-dial': { status: 'skipped', source: 'twilio', reason: /^initiated: the call is not answered or over yet/ },
	// Zoom Phone: a hidden caller id logs no number; answered by another member of the queue.
	'zoom-phone-webhook-callee-call-history-completed': {
		status: 'created', source: 'zoom', direction: 'in', at: '2023-10-08T16:12:04Z', actualHours: 0.01, outcome: 'Answered elsewhere', other: 'Caller name',
	},
	'zoom-phone-webhook-callee-missed': {
		status: 'created', source: 'zoom', direction: 'in', at: '2021-08-19T21:15:29Z', actualHours: 0, phoneNumber: '+12092592844', outcome: 'Missed', other: '+12092592844',
	},
	// Microsoft Teams: a PSTN call-log row (7-digit fractions) is a call; a peer-to-peer callRecord has no caller to match.
	'msgraph-teams-pstn-call-log-row': {
		status: 'created', source: 'teams', direction: 'in', at: '2019-11-01T00:00:08Z', actualHours: 0.06, phoneNumber: '+0123456789', outcome: 'Call completed', other: '+0123456789',
	},
	'msgraph-teams-callrecord-peer-to-peer-no-numbers': { status: 'skipped', source: 'teams', reason: /^Teams peerToPeer record/ },
	// 3CX: the published body is the template itself, placeholders unfilled.
	'3cx-crm-call-journal-body-template': { status: 'skipped', source: 'threecx', reason: /^the 3CX call-journal template itself/ },
};

function fixtureNames(): string[] {
	return fs
		.readdirSync(FIXTURES)
		.filter((f) => f.endsWith('.json'))
		.map((f) => f.slice(0, -5))
		.filter((name) => !NOT_CALL_EVENTS.has(name))
		.sort();
}

/** What a firm's workflow hands Log Call: the event (as a Webhook item's body), or each record of a list page. */
function itemsOf(name: string): IDataObject[] {
	const data = JSON.parse(fs.readFileSync(path.join(FIXTURES, `${name}.json`), 'utf8')) as IDataObject;
	for (const key of ['records', 'value']) {
		const list = data[key];
		if (Array.isArray(list) && list.length > 1) return list as IDataObject[];
	}
	if (data.headers && !data.body) return [data];
	return [{ headers: { 'content-type': 'application/json' }, params: {}, query: {}, body: data }];
}

const cases = fixtureNames().flatMap((name) => itemsOf(name).map((item, n, all) => ({ key: all.length > 1 ? `${name}#${n}` : name, name, item })));

let fx: SandboxFixture;
let tony = 0;
beforeAll(async () => (fx = await openSandbox()));
afterAll(async () => fx.sandbox.close());
// Each event on its own (events of one call meet in the tests after these).
beforeEach(async () => {
	fx.sandbox.reset();
	// Tony Black is a client, his US number stored split as Actionstep keeps it.
	const created = await rest(fx.sandbox, fx.credential, 'POST', 'participants', {
		participants: { firstName: 'Tony', lastName: 'Black', isCompany: 'F', phone1Label: 'Mobile', phone1Country: '1', phone1Area: '650', phone1Number: '444 5567' },
	});
	tony = ((created.json as IDataObject).participants as IDataObject).id as number;
	fx.sandbox.clearLog();
});

test('every published event is expected here (a new fixture needs its expected outcome)', () => {
	const missing = cases.map((c) => c.key).filter((key) => !(key in EXPECTED));
	expect(missing).toEqual([]);
	expect(cases.length).toBeGreaterThanOrEqual(30);
});

describe.each(cases)('$key', ({ key, item }) => {
	const expected = EXPECTED[key];
	const run = expected ? test : test.skip;

	run('logged or skipped as it should be, with no error item', async () => {
		const result = await runNode({
			parameters: logCallParams({ source: 'auto', matterMode: 'none', createTimeEntry: true }),
			items: [item],
			credential: fx.credential,
			onError: 'continueErrorOutput',
			timezone: 'UTC',
		});
		expect(result.error).toBeUndefined();
		expect(result.errors).toEqual([]);
		const json = result.success[0].json;
		expect((json.call as IDataObject).source).toBe(expected.source);
		expect(json.status).toBe(expected.status);
		if (expected.status === 'skipped') {
			expect(json.skipReason).toMatch(expected.reason);
			expect(json.phoneRecord).toBeNull();
			return;
		}
		const record = json.phoneRecord as IDataObject;
		const stored = fx.sandbox.store.get('phonerecords', record.id as number) as IDataObject;
		expect(stored.direction).toBe(expected.direction);
		if (expected.at) expect(new Date(String(stored.callTimestamp)).toISOString().replace('.000', '')).toBe(expected.at);
		if (expected.actualHours !== undefined) expect(Number(stored.actualHours ?? 0)).toBe(expected.actualHours);
		if (expected.phoneNumber) expect(stored.phoneNumber).toBe(expected.phoneNumber);
		expect(stored.outcome).toBe(expected.outcome);
		if (expected.other === 'TONY') expect((stored.links as IDataObject)[expected.direction === 'in' ? 'fromParticipant' : 'toParticipant']).toBe(tony);
		else if (expected.other) expect(stored[expected.direction === 'in' ? 'fromParticipantOther' : 'toParticipantOther']).toBe(expected.other);
		// Not on a matter: nothing is billed, and nothing else is written.
		expect(json.timeEntry).toBeNull();
		expect(logOf(fx.sandbox, 'timeentries', 'POST')).toHaveLength(0);
	});
});

test('the same list page logged again: every call is a duplicate, nothing written', async () => {
	const items = itemsOf('rc-calllog-sync-fsync-from-has-no-number');
	const params = logCallParams({ source: 'auto', matter: rl('2002') });
	await runNode({ parameters: params, items, credential: fx.credential, timezone: 'UTC' });
	fx.sandbox.clearLog();
	const again = await runNode({ parameters: params, items, credential: fx.credential, timezone: 'UTC' });
	expect(again.success.map((i) => i.json.status)).toEqual(['duplicate', 'duplicate', 'duplicate']);
	expect(logOf(fx.sandbox).filter((r) => r.method !== 'GET')).toHaveLength(0);
	// One read of the phone records around all three calls served the whole batch.
	expect(logOf(fx.sandbox, 'phonerecords', 'GET')).toHaveLength(1);
});

test('a call seen in progress, then finished (two published records of one session): one record, completed with the final length and outcome', async () => {
	const params = logCallParams({ source: 'auto', matterMode: 'given', matter: rl('2002'), createTimeEntry: true });
	const ringing = await runNode({ parameters: params, items: itemsOf('rc-activecalls-detailed-inbound-ringing-no-duration'), credential: fx.credential, timezone: 'UTC' });
	expect(ringing.success[0].json).toMatchObject({
		status: 'created',
		phoneRecord: { outcome: 'In progress' },
		timeEntry: null,
		decisions: { timeEntry: 'not yet: the call is still going; it is billed when the call ends' },
	});
	const id = ((ringing.success[0].json).phoneRecord as IDataObject).id as number;
	fx.sandbox.clearLog();

	const finished = await runNode({ parameters: params, items: itemsOf('rc-activecalls-detailed-inbound-finished-two-legs'), credential: fx.credential, timezone: 'UTC' });
	expect(finished.success[0].json).toMatchObject({ status: 'updated', duplicate: true, phoneRecord: { id, outcome: 'Call completed', actualHours: 0.01 } });
	expect(logOf(fx.sandbox, 'phonerecords', 'POST')).toHaveLength(0);
	expect(logOf(fx.sandbox, 'phonerecords', 'PUT')).toHaveLength(1);
	// A partial update: only what the finished record adds.
	expect(Object.keys((logOf(fx.sandbox, 'phonerecords', 'PUT')[0].body as IDataObject).phonerecords as IDataObject).sort()).toEqual(['actualHours', 'outcome']);
	const entries = fx.sandbox.store.list('timeentries').filter((t) => t.links.phoneRecord === id);
	expect(entries).toHaveLength(1);
	expect(entries[0]).toMatchObject({ billableHours: 0.1 });
	expect(fx.sandbox.store.list('phonerecords').filter((r) => String(r.notes).includes('s-8f8125f1aeb944f486531c351a2f520e'))).toHaveLength(1);

	// Sent again, the finished record adds nothing: a duplicate, with no request beyond the look-ups.
	fx.sandbox.clearLog();
	const again = await runNode({ parameters: params, items: itemsOf('rc-activecalls-detailed-inbound-finished-two-legs'), credential: fx.credential, timezone: 'UTC' });
	expect(again.success[0].json).toMatchObject({ status: 'duplicate' });
	expect(logOf(fx.sandbox).filter((r) => r.method !== 'GET')).toHaveLength(0);
	expect(logOf(fx.sandbox)).toHaveLength(2);
});
