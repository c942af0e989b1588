/** Log Call never logs the same call twice: across runs, within one run, with and without a call id. */
import type { IDataObject } from 'n8n-workflow';

import { runNode } from '../../harness/engine';
import { openSandbox } from '../../harness/sandbox';
import type { SandboxFixture } from '../../harness/sandbox';
import { logOf, rl } from '../../harness/workflow';
import { markerLine } from '../../../nodes/Actionstep/actions/phoneRecord/logCall/rules/identity';
import { logCallParams, markedKeys, posted, rest, ringCentralInbound, writes } from './fixtures';

let fx: SandboxFixture;
beforeAll(async () => (fx = await openSandbox()));
afterAll(async () => fx.sandbox.close());
beforeEach(() => fx.sandbox.reset());

function recordsWithCallId(key: string) {
	return fx.sandbox.store.list('phonerecords').filter((r) => markedKeys(r.notes, fx.credential).includes(key));
}

test('the same RingCentral event sent twice (two runs) creates one record; the second run returns it as a duplicate', async () => {
	const before = fx.sandbox.store.count('phonerecords');
	const first = await runNode({ parameters: logCallParams(), items: [ringCentralInbound()], credential: fx.credential });
	expect(first.error).toBeUndefined();
	const created = (first.success[0].json).phoneRecord as IDataObject;

	fx.sandbox.clearLog();
	const second = await runNode({ parameters: logCallParams(), items: [ringCentralInbound()], credential: fx.credential });
	expect(second.error).toBeUndefined();
	expect(fx.sandbox.store.count('phonerecords')).toBe(before + 1);
	expect(recordsWithCallId('ringcentral:s-4503991004')).toHaveLength(1);

	// The second run only read: one look-up of the records around the call's time, no participant search, no write.
	expect(writes(fx.sandbox)).toHaveLength(0);
	const reads = logOf(fx.sandbox);
	expect(reads).toHaveLength(1);
	expect(reads[0].path).toBe('/api/rest/phonerecords');
	expect(reads[0].query).toMatchObject({ callTimestamp_gteq: '2026-03-02T22:00:05', callTimestamp_lteq: '2026-03-02T23:00:05' });

	const json = second.success[0].json;
	expect(json).toMatchObject({
		status: 'duplicate',
		duplicate: true,
		phoneRecord: { id: created.id, notes: created.notes },
		participant: { id: 106 },
		matter: null,
		timeEntry: null,
		decisions: {
			duplicate: `phone record ${created.id as number} is this call and this event adds nothing: returned it, nothing written`,
		},
	});
	expect(second.success[0].pairedItem).toEqual({ item: 0 });
});

test('the same event twice in one execution (two input items) creates one record; item 1 is the duplicate', async () => {
	const before = fx.sandbox.store.count('phonerecords');
	const result = await runNode({
		parameters: logCallParams(),
		items: [ringCentralInbound(), ringCentralInbound({ recording: undefined })],
		credential: fx.credential,
	});
	expect(result.error).toBeUndefined();
	expect(result.success).toHaveLength(2);
	expect(fx.sandbox.store.count('phonerecords')).toBe(before + 1);
	expect(logOf(fx.sandbox, 'phonerecords', 'POST')).toHaveLength(1);
	const [a, b] = result.success.map((item) => item.json);
	expect(a.duplicate).toBe(false);
	expect(b.duplicate).toBe(true);
	expect((b.phoneRecord as IDataObject).id).toBe((a.phoneRecord as IDataObject).id);
	expect(result.success.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
});

test('five copies of one event in one execution, four items at a time, make one record and one time entry', async () => {
	const copies = Array.from({ length: 5 }, () => ringCentralInbound());
	const result = await runNode({
		parameters: logCallParams({ matterMode: 'given', matter: rl('2002'), createTimeEntry: true, options: { concurrency: 4 } }),
		items: copies,
		credential: fx.credential,
	});
	expect(result.error).toBeUndefined();
	expect(logOf(fx.sandbox, 'phonerecords', 'POST')).toHaveLength(1);
	expect(logOf(fx.sandbox, 'timeentries', 'POST')).toHaveLength(1);
	expect(result.success.map((i) => i.json.duplicate)).toEqual([false, true, true, true, true]);
	const ids = new Set(result.success.map((i) => (i.json.timeEntry as IDataObject).id));
	expect(ids.size).toBe(1);
});

test('two different calls in one execution are both logged', async () => {
	const result = await runNode({
		parameters: logCallParams(),
		items: [ringCentralInbound(), ringCentralInbound({ sessionId: '4503991005', startTime: '2026-03-02T23:10:00.000Z' })],
		credential: fx.credential,
	});
	expect(result.error).toBeUndefined();
	expect(logOf(fx.sandbox, 'phonerecords', 'POST')).toHaveLength(2);
	expect(result.success.map((i) => i.json.duplicate)).toEqual([false, false]);
});

test('a call id that is a prefix of another is a different call (the notes line is compared whole)', async () => {
	await runNode({ parameters: logCallParams(), items: [ringCentralInbound({ sessionId: '45039910041' })], credential: fx.credential });
	const second = await runNode({ parameters: logCallParams(), items: [ringCentralInbound({ sessionId: '4503991004' })], credential: fx.credential });
	expect(second.error).toBeUndefined();
	expect((second.success[0].json).duplicate).toBe(false);
	expect(logOf(fx.sandbox, 'phonerecords', 'POST')).toHaveLength(2);
});

test('without a call id, the same start, direction and number is the same call', async () => {
	const event = { direction: 'in', startTime: '2026-03-02T09:30:00+11:00', phoneNumber: '0491 570 111', name: 'Sarah', duration: 120 };
	const params = logCallParams({ source: 'generic' });
	const first = await runNode({ parameters: params, items: [event], credential: fx.credential });
	expect(first.error).toBeUndefined();
	expect(markedKeys(posted(fx.sandbox, 'phonerecords').notes, fx.credential)).toEqual(['generic:~in~1772404200~+61491570111']);
	fx.sandbox.clearLog();

	// The same call with the number written differently and the time in UTC.
	const again = { ...event, startTime: '2026-03-01T22:30:00Z', phoneNumber: '+61491570111' };
	const second = await runNode({ parameters: params, items: [again], credential: fx.credential });
	expect(second.error).toBeUndefined();
	expect(writes(fx.sandbox)).toHaveLength(0);
	expect((second.success[0].json).duplicate).toBe(true);
	const lookup = logOf(fx.sandbox, 'phonerecords')[0];
	expect(lookup.query).toMatchObject({ callTimestamp_gteq: '2026-03-01T22:00:00', callTimestamp_lteq: '2026-03-01T23:00:00' });
	expect(((second.success[0].json).decisions as IDataObject).duplicate).toMatch(/is this call/);

	// A second later, or another number, is another call.
	const later = await runNode({ parameters: params, items: [{ ...event, startTime: '2026-03-02T09:30:01+11:00' }], credential: fx.credential });
	const other = await runNode({ parameters: params, items: [{ ...event, phoneNumber: '0491 570 159' }], credential: fx.credential });
	expect([later, other].map((r) => (r.success[0].json).duplicate)).toEqual([false, false]);
});

test('dedupe switched off: the same event makes a second record', async () => {
	const params = logCallParams({ options: { dedupe: false } });
	await runNode({ parameters: params, items: [ringCentralInbound()], credential: fx.credential });
	const second = await runNode({ parameters: params, items: [ringCentralInbound()], credential: fx.credential });
	expect(recordsWithCallId('ringcentral:s-4503991004')).toHaveLength(2);
	expect(((second.success[0].json).decisions as IDataObject).duplicate).toBe(
		'not checked (Find Earlier Record of the Same Call is off)',
	);
});

describe('time entries and duplicates', () => {
	const billed = logCallParams({ matterMode: 'given', matter: rl('2002'), createTimeEntry: true });

	test('a repeat returns the time entry already linked, and creates none', async () => {
		const first = await runNode({ parameters: billed, items: [ringCentralInbound()], credential: fx.credential });
		const entry = (first.success[0].json).timeEntry as IDataObject;
		expect(entry.id).toEqual(expect.any(Number));
		fx.sandbox.clearLog();
		const second = await runNode({ parameters: billed, items: [ringCentralInbound()], credential: fx.credential });
		expect(writes(fx.sandbox)).toHaveLength(0);
		expect(second.success[0].json).toMatchObject({
			duplicate: true,
			matter: { id: 2002 },
			timeEntry: { id: entry.id },
			decisions: { timeEntry: `already billed: time entry ${entry.id as number}` },
		});
	});

	test('a repeat while the first run may still be billing leaves the billing to it (never two time entries)', async () => {
		// The first run logged the call; its time entry is not there yet (as if it were still on its way).
		const first = await runNode({ parameters: logCallParams({ matterMode: 'given', matter: rl('2002') }), items: [ringCentralInbound()], credential: fx.credential });
		const phoneRecordId = ((first.success[0].json).phoneRecord as IDataObject).id as number;
		fx.sandbox.clearLog();
		const repeat = await runNode({ parameters: billed, items: [ringCentralInbound()], credential: fx.credential });
		expect(repeat.error).toBeUndefined();
		expect(writes(fx.sandbox)).toHaveLength(0);
		expect(repeat.success[0].json).toMatchObject({
			status: 'duplicate',
			timeEntry: null,
			decisions: { timeEntry: expect.stringMatching(/^left to the run that logged the call \d+ s ago, which bills it$/) },
		});
		expect(fx.sandbox.store.list('timeentries').filter((t) => t.links.phoneRecord === phoneRecordId)).toHaveLength(0);
	});

	test('a repeat long after a run that logged the call but failed to bill it creates the missing time entry, once', async () => {
		const first = await runNode({ parameters: billed, items: [ringCentralInbound()], credential: fx.credential });
		const record = (first.success[0].json).phoneRecord as IDataObject;
		const phoneRecordId = record.id as number;
		const entryId = ((first.success[0].json).timeEntry as IDataObject).id as number;
		// As if the time-entry POST had never happened, and the call had been logged 20 minutes ago.
		expect((await rest(fx.sandbox, fx.credential, 'DELETE', `timeentries/${entryId}`)).status).toBe(204);
		const aged = String(record.notes).replace(/Call ID: .*$/, markerLine('ringcentral:s-4503991004', String(fx.credential.data.clientSecret), Date.now() - 20 * 60_000));
		expect((await rest(fx.sandbox, fx.credential, 'PUT', `phonerecords/${phoneRecordId}`, { phonerecords: { notes: aged } })).status).toBe(200);
		fx.sandbox.clearLog();

		const retry = await runNode({ parameters: billed, items: [ringCentralInbound()], credential: fx.credential });
		expect(retry.error).toBeUndefined();
		expect(logOf(fx.sandbox, 'phonerecords', 'POST')).toHaveLength(0);
		expect(logOf(fx.sandbox, 'timeentries', 'POST')).toHaveLength(1);
		expect(posted(fx.sandbox, 'timeentries')).toMatchObject({ billableHours: 0.2, links: { phoneRecord: phoneRecordId, action: 2002, owner: 101 } });
		expect(((retry.success[0].json).decisions as IDataObject).timeEntry).toBe(
			'created: 361 s → 0.2 h billable (rounded up to 6-minute units) (the call was logged earlier but not billed)',
		);
		const again = await runNode({ parameters: billed, items: [ringCentralInbound()], credential: fx.credential });
		expect(again.error).toBeUndefined();
		expect(fx.sandbox.store.list('timeentries').filter((t) => t.links.phoneRecord === phoneRecordId)).toHaveLength(1);
	});
});
