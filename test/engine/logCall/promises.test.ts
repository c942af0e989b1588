/**
 * Log Call's promises (README "One record per call, completed as it goes", docs/ACTIONSTEP-API.md,
 * docs/PHONE-NUMBERS.md, docs/RELIABILITY.md) held under attack, through the n8n engine against the sandbox
 * over HTTP: events of one call racing each other, a repeat racing the billing, a tenant that ignores a
 * filter, a timed-out create, forged markers, call ids that nearly collide, notes at the cap, hostile strings.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { runNode } from '../../harness/engine';
import { openSandbox } from '../../harness/sandbox';
import type { SandboxFixture } from '../../harness/sandbox';
import { logOf, rl } from '../../harness/workflow';
import { logCallParams, markedKeys, rest, ringCentralInbound, TELEPHONY_SESSION_KEY, telephonySession as session } from './fixtures';

let fx: SandboxFixture;
beforeAll(async () => (fx = await openSandbox()));
afterAll(async () => fx.sandbox.close());
beforeEach(() => fx.sandbox.reset());
afterEach(() => {
	fx.sandbox.setFaults(null);
	jest.restoreAllMocks();
});

const billed: INodeParameters = logCallParams({ source: 'auto', matterMode: 'given', matter: rl('2002'), createTimeEntry: true });

async function run(item: IDataObject, parameters = billed) {
	const result = await runNode({ parameters, items: [item], credential: fx.credential, timezone: 'Australia/Sydney' });
	expect(result.error).toBeUndefined();
	return result.success[0].json;
}

function recordsOf(key: string) {
	return fx.sandbox.store.list('phonerecords').filter((r) => markedKeys(r.notes, fx.credential).includes(key));
}

function entriesOf(phoneRecordId: number) {
	return fx.sandbox.store.list('timeentries').filter((t) => t.links.phoneRecord === phoneRecordId);
}

describe('one record per call, completed as it goes: events of one call racing each other', () => {
	test('Answered and Disconnected of a 6-minute call delivered at once (two executions) leave one record, completed and billed once', async () => {
		// RingCentral posts each telephony event to the webhook on its own; with a slow tenant both executions
		// search before either creates, and the two events' own times (22:30:05, 22:36:06) are 6 minutes apart.
		fx.sandbox.setFaults({ latencyMs: 150 });
		const [answered, disconnected] = await Promise.all([
			run(session('Answered', '2026-03-02T22:30:05.000Z')),
			run(session('Disconnected', '2026-03-02T22:36:06.000Z')),
		]);
		fx.sandbox.setFaults(null);
		// The look after a create reads the call's whole range, and the run whose copy goes applies its event
		// to the record kept.
		expect([answered.status, disconnected.status].sort()).toEqual(['created', 'updated']);
		const records = recordsOf(TELEPHONY_SESSION_KEY);
		expect(records.map((r) => r.outcome)).toEqual(['Call completed']);
		expect(records[0]).toMatchObject({ actualHours: 0.1 });
		expect(entriesOf(records[0].id)).toHaveLength(1);
	});

	test('Answered and Disconnected of a 2-minute call delivered at once: the record kept gets what the removed copy knew, completed and billed once', async () => {
		// Here each sees the other after creating and the younger record is removed: what its event knew (the
		// end, or the start) must reach the record kept, or it stays "In progress" or "Call ended", 0 h, unbilled.
		fx.sandbox.setFaults({ latencyMs: 150 });
		const outs = await Promise.all([run(session('Answered', '2026-03-02T22:30:05.000Z')), run(session('Disconnected', '2026-03-02T22:32:06.000Z'))]);
		fx.sandbox.setFaults(null);
		expect(outs.map((o) => o.status).sort()).toEqual(['created', 'updated']);
		const records = recordsOf(TELEPHONY_SESSION_KEY);
		expect(records).toHaveLength(1);
		expect(records[0]).toMatchObject({ outcome: 'Call completed', actualHours: 0.03 });
		expect(entriesOf(records[0].id)).toHaveLength(1);
	});

	test('Disconnected delivered twice at once (two executions) to an "In progress" record: completed once, billed once', async () => {
		const answered = await run(session('Answered', '2026-03-02T22:30:05.000Z'));
		const id = (answered.phoneRecord as IDataObject).id as number;
		fx.sandbox.setFaults({ latencyMs: 150 });
		const outs = await Promise.all([run(session('Disconnected', '2026-03-02T22:36:06.000Z')), run(session('Disconnected', '2026-03-02T22:36:06.000Z'))]);
		fx.sandbox.setFaults(null);
		expect(outs.map((o) => o.status)).toEqual(['updated', 'updated']);
		expect(recordsOf(TELEPHONY_SESSION_KEY)).toHaveLength(1);
		expect(fx.sandbox.store.get('phonerecords', id)).toMatchObject({ outcome: 'Call completed', actualHours: 0.1 });
		expect(entriesOf(id)).toHaveLength(1);
		// The copy removed was the run's own, and both outputs name the one kept.
		expect(outs.map((o) => (o.timeEntry as IDataObject).id)).toEqual([entriesOf(id)[0].id, entriesOf(id)[0].id]);
	});
});

describe("billed once, and billed: a repeat racing the billing, an ignored filter, a user's edit, a timed-out create", () => {
	test('a repeat arriving between the create and the bill (time entry POST held 1.5 s) leaves the billing to the first run: one time entry', async () => {
		fx.sandbox.setFaults({ slowResponse: { every: 1, delayMs: 1500, phase: 'before', methods: ['POST'] } });
		const first = run(ringCentralInbound({ sessionId: 'between-1' }));
		// Wait until the phone record exists (its POST is held too), then deliver the same event again.
		while (!recordsOf('ringcentral:s-between-1').length) await new Promise((r) => setTimeout(r, 50));
		const repeat = await run(ringCentralInbound({ sessionId: 'between-1' }));
		const created = await first;
		expect(created.status).toBe('created');
		expect(repeat).toMatchObject({ status: 'duplicate', timeEntry: null });
		const records = recordsOf('ringcentral:s-between-1');
		expect(records).toHaveLength(1);
		expect(entriesOf(records[0].id)).toHaveLength(1);
	});

	test('on a tenant that ignores `phoneRecord` on time entries, with more than 50 of them, a call-log sync 20 minutes later does not bill the call again', async () => {
		// 50 ordinary time entries of the firm (older ids than the call's).
		for (let n = 0; n < 50; n++) {
			const made = await rest(fx.sandbox, fx.credential, 'POST', 'timeentries', {
				timeentries: { timestampDate: '2026-03-01T00:00:00+11:00', actualHours: 0.5, description: `other work ${n}`, links: { action: '2001', owner: '101', createdBy: '101' } },
			});
			expect(made.status).toBeLessThan(300);
		}
		fx.sandbox.clearLog();
		fx.sandbox.setFaults({ ignoreFilters: ['phoneRecord'] });
		const first = await run(ringCentralInbound({ sessionId: 'sync-1' }));
		expect(first).toMatchObject({ status: 'created', timeEntry: { billableHours: 0.2 } });
		const id = (first.phoneRecord as IDataObject).id as number;

		// The same finished record delivered again by a call-log sync 20 minutes later (past the grace).
		const realNow = Date.now.bind(Date);
		jest.spyOn(Date, 'now').mockImplementation(() => realNow() + 20 * 60_000);
		const again = await run(ringCentralInbound({ sessionId: 'sync-1' }));
		expect(again.status).toBe('duplicate');
		// The filter ignored, the list is unfiltered: the check for the call's time entry (and the settling look)
		// must read past its first 50.
		expect(entriesOf(id)).toHaveLength(1);
		expect(logOf(fx.sandbox, 'timeentries', 'POST')).toHaveLength(1);
	});

	test('a Disconnected for a call whose "In progress" record a user already gave an outcome completes it and bills it, once', async () => {
		const answered = await run(session('Answered', '2026-03-02T22:30:05.000Z'));
		const id = (answered.phoneRecord as IDataObject).id as number;
		// During the call, the lawyer sets the outcome in Actionstep (the record is no longer "open").
		const edit = await rest(fx.sandbox, fx.credential, 'PUT', `phonerecords/${id}`, { phonerecords: { outcome: 'Call completed' } });
		expect(edit.status).toBeLessThan(300);
		const disconnected = await run(session('Disconnected', '2026-03-02T22:36:06.000Z'));
		expect(disconnected).toMatchObject({ status: 'updated', phoneRecord: { id, actualHours: 0.1 } });
		// The run that logged the call in progress billed nothing: this one bills it, though the record is no
		// longer "open".
		expect(disconnected.timeEntry).toMatchObject({ billableHours: 0.2 });
		expect(entriesOf(id)).toHaveLength(1);
	});

	test('a retry of a run whose create timed out finds the record and, within the grace, leaves the billing; a repeat after the grace bills the call once', async () => {
		// The sandbox holds the POST 2.5 s before applying it; the node waits 1 s, then fails the item (not resent).
		fx.sandbox.setFaults({ slowResponse: { every: 1, delayMs: 2500, phase: 'before', methods: ['POST'] } });
		const params = { ...billed, options: { requestTimeout: 1 } } as INodeParameters;
		const failed = await runNode({ parameters: params, items: [ringCentralInbound({ sessionId: 'slow-1' })], credential: fx.credential, onError: 'continueErrorOutput' });
		expect(failed.errors).toHaveLength(1);
		await new Promise((r) => setTimeout(r, 2600));
		fx.sandbox.setFaults(null);
		const [record] = recordsOf('ringcentral:s-slow-1');
		expect(record).toBeDefined();
		// The user (or the phone system's webhook) runs it again, as the error invites. Within the grace (2 min
		// after the failed run's marker time) a repeat cannot tell a dead run from a slow one: it leaves the billing.
		const retry = await run(ringCentralInbound({ sessionId: 'slow-1' }));
		expect(retry).toMatchObject({ status: 'duplicate', phoneRecord: { id: record.id }, timeEntry: null });
		expect((retry.decisions as IDataObject).timeEntry).toMatch(/^left to the run that logged the call \d+ s ago/);
		// Past the grace the failed run is taken for dead: a repeat 3 minutes later bills the call, and the next reuses that time entry.
		const realNow = Date.now.bind(Date);
		jest.spyOn(Date, 'now').mockImplementation(() => realNow() + 3 * 60_000);
		const later = await run(ringCentralInbound({ sessionId: 'slow-1' }));
		expect(later.timeEntry).toMatchObject({ billableHours: 0.2 });
		expect((await run(ringCentralInbound({ sessionId: 'slow-1' }))).timeEntry).toMatchObject({ id: (later.timeEntry as IDataObject).id });
		expect(entriesOf(record.id)).toHaveLength(1);
	});
});

describe('a repeat is `duplicate`, also with notes at the 32,000-character cap', () => {
	test('a recording link arriving for a record whose notes are at the cap is left out: each repeat is a duplicate that writes nothing, the marker whole', async () => {
		const long = 'Client dictated the whole affidavit over the phone. '.repeat(700).slice(0, 31_990);
		const first = await run(ringCentralInbound({ sessionId: 'full-1', recording: undefined, note: long }), logCallParams());
		expect(first.status).toBe('created');
		const id = (first.phoneRecord as IDataObject).id as number;
		// The call-log sync delivers the same record with its recording. Notes at the cap are left as they are:
		// the link has no room, so nothing is written (cutting the body to fit it would rewrite it on every repeat).
		const before = String(fx.sandbox.store.get('phonerecords', id)!.notes);
		fx.sandbox.clearLog();
		for (const _ of [1, 2]) {
			const repeat = await run(ringCentralInbound({ sessionId: 'full-1', note: long }), logCallParams());
			expect(repeat.status).toBe('duplicate');
		}
		expect(logOf(fx.sandbox, 'phonerecords', 'PUT')).toHaveLength(0);
		expect(String(fx.sandbox.store.get('phonerecords', id)!.notes)).toBe(before);
		expect(markedKeys(before, fx.credential)).toEqual(['ringcentral:s-full-1']);
	});
});

describe('the marker cannot be forged from caller or agent text', () => {
	test('a marker line copied from another record with a leading no-break space is quoted, not taken as genuine', async () => {
		const a = await run(ringCentralInbound({ sessionId: 'A-7' }), logCallParams());
		const line = String((a.phoneRecord as IDataObject).notes).split('\n').pop()!;
		expect(line).toMatch(/^Call ID: ringcentral:s-A-7 \[n8n /);
		// Copied out of Actionstep's web page, the line comes with a no-break space (U+00A0) in front.
		const b = await run(
			ringCentralInbound({ sessionId: 'B-7', startTime: '2026-03-02T22:40:00.000Z', note: `Caller gave this reference:\n\u00a0${line}` }),
			logCallParams(),
		);
		expect(b.status).toBe('created');
		const notes = String((b.phoneRecord as IDataObject).notes);
		// Quoted, the copied line is no marker: B's record carries only its own.
		expect(notes).toContain('Call ID (quoted): ringcentral:s-A-7');
		expect(markedKeys(notes, fx.credential)).toEqual(['ringcentral:s-B-7']);
	});

	test("once call A's own record is gone, call A's next event creates a new record and leaves call B's record (quoting A's marker) alone", async () => {
		const a = await run(ringCentralInbound({ sessionId: 'A-8', duration: 0, result: 'Missed' }), logCallParams());
		const aId = (a.phoneRecord as IDataObject).id as number;
		const line = String((a.phoneRecord as IDataObject).notes).split('\n').pop()!;
		const b = await run(
			ringCentralInbound({ sessionId: 'B-8', startTime: '2026-03-02T22:40:00.000Z', note: `Ref:\n\u00a0${line}` }),
			logCallParams(),
		);
		const bId = (b.phoneRecord as IDataObject).id as number;
		// A user tidies up: deletes A's missed-call record in Actionstep.
		expect((await rest(fx.sandbox, fx.credential, 'DELETE', `phonerecords/${aId}`)).status).toBeLessThan(300);
		// Call A's call-log record is synced again (now with its voicemail): it must be a new record of A.
		const aAgain = await run(ringCentralInbound({ sessionId: 'A-8', duration: 0, result: 'Voicemail' }), logCallParams());
		// B's record quotes A's marker and must not be taken for A's: its outcome is not overwritten with A's.
		expect(aAgain.status).toBe('created');
		expect(fx.sandbox.store.get('phonerecords', bId)).toMatchObject({ outcome: 'Call completed' });
	});
});

describe('different calls are never matched to one another', () => {
	test('two calls whose ids differ only after the 200th character, or only in "[", "]" or a space, are logged as two calls', async () => {
		const params = logCallParams({ source: 'generic' });
		const stem = 'urn:pbx:tenant-7f3a:'.padEnd(200, 'x');
		const one = await run({ direction: 'in', startTime: '2026-03-02T09:30:00+11:00', phoneNumber: '+61491570111', duration: 60, callId: `${stem}-call-1` }, params);
		const two = await run({ direction: 'in', startTime: '2026-03-02T09:31:00+11:00', phoneNumber: '+61491570111', duration: 600, callId: `${stem}-call-2` }, params);
		expect(one.status).toBe('created');
		// Taken for one call, the second (10 minutes) would be folded into the first call's record, never logged nor billed.
		expect(two.status).toBe('created');
		const brackets = await run({ direction: 'in', startTime: '2026-03-02T10:00:00+11:00', phoneNumber: '+61491570111', duration: 60, callId: 'q[1]' }, params);
		const spaced = await run({ direction: 'in', startTime: '2026-03-02T10:01:00+11:00', phoneNumber: '+61491570111', duration: 60, callId: 'q 1' }, params);
		expect([brackets.status, spaced.status]).toEqual(['created', 'created']);
	});
});

describe('every item ends quickly, as an output or a named error', () => {
	test('huge and hostile strings in every field of a RingCentral event and of a Generic mapping: each item ends quickly, as an output or a named error', async () => {
		const huge = (c: string) => c.repeat(1_000_000);
		const hostile = [
			ringCentralInbound({
				sessionId: `${huge('1')}`,
				telephonySessionId: huge('s'),
				from: { phoneNumber: `+61${huge('1')} x${huge(' ')}`, name: huge('WIRELESS CALLER ') },
				to: { phoneNumber: huge('+'), name: huge('a') },
				result: huge('missed '),
				note: `${huge('\t')}Call ID:${huge(' ')}`,
				recording: { contentUri: `https://${huge('a')}` },
			}),
			ringCentralInbound({ sessionId: 'bad-time', startTime: `2026-03-02T22:30:05${huge('0')}Z` }),
			ringCentralInbound({ sessionId: 'ok-2', from: { phoneNumber: `x1 ${'x1 '.repeat(500_000)}`, name: huge('\u00a0') }, note: 'Call ID: '.repeat(200_000) }),
		];
		const started = Date.now();
		const result = await runNode({ parameters: logCallParams({ source: 'auto' }), items: hostile, credential: fx.credential, onError: 'continueErrorOutput' });
		expect(Date.now() - started).toBeLessThan(15_000);
		expect(result.success.map((o) => (o.json).status)).toEqual(['created', 'created']);
		expect(result.errors).toHaveLength(1);
		expect((result.errors[0].json).error).toMatch(/callData/);

		const generic = logCallParams({
			source: 'generic',
			callDirection: 'in',
			callTime: '2026-03-02T09:30:00+11:00',
			callDuration: '00:06:01',
			otherNumber: '(0'.repeat(500_000),
			otherName: 'queue - '.repeat(300_000),
			callNotes: '\nCall ID: x [n8n 2026-01-01T00:00:00.000Z 0123456789abcdef]'.repeat(30_000),
			callId: huge(']'),
			callResult: huge('-'),
			recordingLink: `http://${huge('/')}`,
		});
		const g0 = Date.now();
		const g = await runNode({ parameters: generic, items: [{}], credential: fx.credential, onError: 'continueErrorOutput' });
		expect(Date.now() - g0).toBeLessThan(10_000);
		expect(g.errors).toEqual([]);
		expect(g.success[0].json).toMatchObject({ status: 'created' });
		const notes = String(((g.success[0].json).phoneRecord as IDataObject).notes);
		expect(notes.length).toBeLessThanOrEqual(32_000);
		expect(markedKeys(notes, fx.credential)).toHaveLength(1);
	});
});
