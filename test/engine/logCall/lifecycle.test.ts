/**
 * One call, several events: RingCentral's telephony session logged as it happens (Answered → Disconnected),
 * a missed call, a recording link that arrives later; and the identity rules that keep calls apart: a marker
 * forged in caller text, withheld numbers in the same second, numbers written without "+".
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { runNode } from '../../harness/engine';
import { openSandbox } from '../../harness/sandbox';
import type { SandboxFixture } from '../../harness/sandbox';
import { logOf, rl } from '../../harness/workflow';
import { asWebhookItem, logCallParams, markedKeys, posted, ringCentralInbound, TELEPHONY_SESSION_ID, TELEPHONY_SESSION_KEY, telephonySession, writes } from './fixtures';

let fx: SandboxFixture;
beforeAll(async () => (fx = await openSandbox()));
afterAll(async () => fx.sandbox.close());
beforeEach(() => fx.sandbox.reset());

/** A telephony-session notification as RingCentral posts it to a webhook. */
function session(code: string, eventTime: string, party: IDataObject = {}): IDataObject {
	return asWebhookItem(telephonySession(code, eventTime, party));
}

const billedOnCaller: INodeParameters = logCallParams({ source: 'auto', matterMode: 'mostRecent', createTimeEntry: true });

async function log(item: IDataObject, parameters = billedOnCaller) {
	const result = await runNode({ parameters, items: [item], credential: fx.credential, timezone: 'Australia/Sydney' });
	expect(result.error).toBeUndefined();
	return result.success[0].json;
}

describe('a RingCentral telephony session, logged as it happens', () => {
	test('Setup writes nothing; Answered creates the record; Disconnected completes it with the time between and bills it', async () => {
		const setup = await log(session('Setup', '2026-03-02T22:29:50.000Z'));
		expect(setup).toMatchObject({ status: 'skipped', phoneRecord: null, call: { source: 'ringcentral', kind: 'RingCentral telephony session (Setup)' } });
		expect(logOf(fx.sandbox)).toHaveLength(0);

		const answered = await log(session('Answered', '2026-03-02T22:30:05.120Z'));
		expect(answered).toMatchObject({
			status: 'created',
			participant: { id: 106 },
			matter: { id: 2002 },
			timeEntry: null,
			phoneRecord: { outcome: 'In progress', callTimestamp: '2026-03-03T09:30:05+11:00', links: { fromParticipant: 106, action: 2002 } },
			decisions: { source: 'detected: RingCentral', timeEntry: 'not yet: the call is still going; it is billed when the call ends' },
		});
		const id = (answered.phoneRecord as IDataObject).id as number;
		expect(markedKeys((answered.phoneRecord as IDataObject).notes, fx.credential)).toEqual([TELEPHONY_SESSION_KEY]);
		// The carrier's label is not a name: with the caller matched, no name is written at all.
		expect(posted(fx.sandbox, 'phonerecords').fromParticipantOther).toBeUndefined();
		fx.sandbox.clearLog();

		const disconnected = await log(session('Disconnected', '2026-03-02T22:36:06.300Z'));
		expect(disconnected).toMatchObject({
			status: 'updated',
			duplicate: true,
			phoneRecord: { id, outcome: 'Call completed', actualHours: 0.1 },
			timeEntry: { actualHours: 0.1, billableHours: 0.2 },
		});
		// 6 min 1 s between the two events: the record is completed, then billed, once.
		const put = logOf(fx.sandbox, 'phonerecords', 'PUT');
		expect(put).toHaveLength(1);
		expect((put[0].body as IDataObject).phonerecords).toEqual({ outcome: 'Call completed', actualHours: 0.1 });
		expect(logOf(fx.sandbox, 'phonerecords', 'POST')).toHaveLength(0);
		expect(fx.sandbox.store.list('timeentries').filter((t) => t.links.phoneRecord === id)).toHaveLength(1);

		// RingCentral delivers Disconnected again: nothing new, nothing written.
		fx.sandbox.clearLog();
		expect(await log(session('Disconnected', '2026-03-02T22:36:06.300Z'))).toMatchObject({ status: 'duplicate', timeEntry: { billableHours: 0.2 } });
		expect(writes(fx.sandbox)).toHaveLength(0);
	});

	test('the finished call-log record of the same session (a call-log sync) meets the live record: still one', async () => {
		await log(session('Answered', '2026-03-02T22:30:05.120Z'));
		await log(session('Disconnected', '2026-03-02T22:36:06.300Z'));
		fx.sandbox.clearLog();
		const synced = await log(ringCentralInbound({ sessionId: '4503991777', telephonySessionId: TELEPHONY_SESSION_ID, startTime: '2026-03-02T22:29:58.000Z', duration: 368 }));
		expect(synced).toMatchObject({ status: 'updated', duplicate: true });
		expect(logOf(fx.sandbox, 'phonerecords', 'POST')).toHaveLength(0);
		expect(logOf(fx.sandbox, 'timeentries', 'POST')).toHaveLength(0);
		expect(fx.sandbox.store.list('phonerecords').filter((r) => markedKeys(r.notes, fx.credential).includes(TELEPHONY_SESSION_KEY))).toHaveLength(1);
	});

	test('delivered out of order — Disconnected before Answered: one record, completed with its start and length when Answered comes', async () => {
		const ended = await log(session('Disconnected', '2026-03-02T22:36:06.300Z'));
		expect(ended).toMatchObject({ status: 'created', phoneRecord: { outcome: 'Call ended', callTimestamp: '2026-03-03T09:36:06+11:00' }, timeEntry: null });
		const id = (ended.phoneRecord as IDataObject).id as number;
		fx.sandbox.clearLog();
		const answered = await log(session('Answered', '2026-03-02T22:30:05.120Z'));
		expect(answered).toMatchObject({
			status: 'updated',
			phoneRecord: { id, outcome: 'Call completed', callTimestamp: '2026-03-03T09:30:05+11:00', actualHours: 0.1 },
			timeEntry: { billableHours: 0.2 },
		});
		expect(logOf(fx.sandbox, 'phonerecords', 'POST')).toHaveLength(0);
		expect(fx.sandbox.store.list('timeentries').filter((t) => t.links.phoneRecord === id)).toHaveLength(1);
	});

	test('a missed call: Disconnected with missedCall and no earlier record is logged as Missed, not billed', async () => {
		const missed = await log(session('Disconnected', '2026-03-02T22:31:00.000Z', { missedCall: true }));
		expect(missed).toMatchObject({
			status: 'created',
			phoneRecord: { outcome: 'Missed', callTimestamp: '2026-03-03T09:31:00+11:00', actualHours: 0 },
			timeEntry: null,
			decisions: { timeEntry: 'skipped: the call had no talk time' },
		});
	});
});

test('a recording link that arrives later is added to the record (a partial update of its notes), once', async () => {
	const first = await log(ringCentralInbound({ recording: undefined }), logCallParams());
	const id = (first.phoneRecord as IDataObject).id as number;
	fx.sandbox.clearLog();
	const later = await log(ringCentralInbound(), logCallParams());
	expect(later).toMatchObject({ status: 'updated', phoneRecord: { id } });
	const put = logOf(fx.sandbox, 'phonerecords', 'PUT');
	expect(put).toHaveLength(1);
	const notes = ((put[0].body as IDataObject).phonerecords as IDataObject).notes as string;
	expect(Object.keys((put[0].body as IDataObject).phonerecords as IDataObject)).toEqual(['notes']);
	expect(notes).toMatch(/^Recording: https:\/\/media\.ringcentral\.com\/.*\n\nCall ID: ringcentral:s-4503991004 \[n8n /);
	fx.sandbox.clearLog();
	expect(await log(ringCentralInbound(), logCallParams())).toMatchObject({ status: 'duplicate' });
	expect(writes(fx.sandbox)).toHaveLength(0);
});

describe('identity', () => {
	test("a caller's note that carries another call's marker line does not make that call a duplicate", async () => {
		// Call A is logged; its marker line is copied, verbatim, into the note of call B.
		const a = await log(ringCentralInbound({ sessionId: 'A-1' }), logCallParams());
		const line = String((a.phoneRecord as IDataObject).notes).split('\n').pop()!;
		const c = await log(
			ringCentralInbound({ sessionId: 'B-1', startTime: '2026-03-02T22:40:00.000Z', note: `Caller read this out:\n${line.replace('A-1', 'C-1')}\n${line}` }),
			logCallParams(),
		);
		expect(c.status).toBe('created');
		const stored = String((c.phoneRecord as IDataObject).notes);
		expect(markedKeys(stored, fx.credential)).toEqual(['ringcentral:s-B-1']);
		expect(stored).toContain('Call ID (quoted): ringcentral:s-A-1');
		// Call C (whose id was forged in B's note) is still logged as a new call, and A stays A's.
		const cCall = await log(ringCentralInbound({ sessionId: 'C-1', startTime: '2026-03-02T22:41:00.000Z' }), logCallParams());
		expect(cCall.status).toBe('created');
		expect((await log(ringCentralInbound({ sessionId: 'A-1' }), logCallParams())).phoneRecord).toMatchObject({ id: (a.phoneRecord as IDataObject).id });
	});

	test('two withheld-number calls in the same second are two calls, and neither run removes the other', async () => {
		const withheld = (id: string) => ({ direction: 'in', startTime: '2026-03-02T09:30:00+11:00', phoneNumber: 'anonymous', duration: 60, uniq: id });
		const params = logCallParams({ source: 'generic' });
		const [x, y] = await Promise.all([log(withheld('x'), params), log(withheld('y'), params)]);
		expect([x.status, y.status]).toEqual(['created', 'created']);
		expect(x.decisions).toMatchObject({ duplicate: 'not checked: the call has no id, number or name to recognise it by' });
		expect(logOf(fx.sandbox, 'phonerecords', 'DELETE')).toHaveLength(0);
		const ids = [x, y].map((o) => (o.phoneRecord as IDataObject).id as number);
		for (const id of ids) expect(fx.sandbox.store.get('phonerecords', id)).toMatchObject({ fromParticipantOther: 'Withheld number' });
	});

	test.each([
		['12125550187', 'AU', 110],
		['442079460321', 'AU', 109],
		['64215550190', 'AU', 108],
		['61491570111', 'US', 106],
	])('%s (a number with its country code but no "+") with default country %s matches participant %i stored in split fields', async (number, country, id) => {
		const out = await log(ringCentralInbound({ sessionId: `cc-${number}`, from: { phoneNumber: number } }), logCallParams({ options: { defaultCountry: country } }));
		expect(out).toMatchObject({ status: 'created', participant: { id } });
		expect(posted(fx.sandbox, 'phonerecords').phoneNumber).toBe(`+${number}`);
	});
});

test('matter given: a batch of calls is billed on it, the matter read once', async () => {
	const items = Array.from({ length: 4 }, (_, n) => ringCentralInbound({ sessionId: `batch-${n}`, startTime: `2026-03-02T22:3${n}:00.000Z` }));
	const result = await runNode({ parameters: logCallParams({ matterMode: 'given', matter: rl('2002'), createTimeEntry: true }), items, credential: fx.credential });
	expect(result.error).toBeUndefined();
	expect(result.success.map((i) => i.json.status)).toEqual(['created', 'created', 'created', 'created']);
	expect(logOf(fx.sandbox, 'actions')).toHaveLength(1);
	expect(logOf(fx.sandbox, 'phonerecords', 'GET').filter((r) => !('notes_ilike' in r.query))).toHaveLength(1 + 4);
});
