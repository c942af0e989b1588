/** Log Call → time entry: six-minute units, rounding choices, billable flag, owner, and when nothing is billed. */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { runNode } from '../../harness/engine';
import { openSandbox } from '../../harness/sandbox';
import type { SandboxFixture } from '../../harness/sandbox';
import { logOf, rl } from '../../harness/workflow';
import { logCallParams, posted, ringCentralInbound } from './fixtures';

let fx: SandboxFixture;
beforeAll(async () => (fx = await openSandbox()));
afterAll(async () => fx.sandbox.close());
beforeEach(() => fx.sandbox.reset());

function billed(timeEntryOptions: IDataObject = {}, more: INodeParameters = {}): INodeParameters {
	return logCallParams({ matterMode: 'given', matter: rl('2002'), createTimeEntry: true, timeEntryOptions: timeEntryOptions as INodeParameters, ...more });
}

async function bill(seconds: number, timeEntryOptions: IDataObject = {}) {
	const result = await runNode({
		parameters: billed(timeEntryOptions),
		items: [ringCentralInbound({ sessionId: `len-${seconds}`, duration: seconds })],
		credential: fx.credential,
	});
	expect(result.error).toBeUndefined();
	return result.success[0].json;
}

test('rounding up to six minutes: 1 s → 0.1 h, 6 min → 0.1 h, 6 min 1 s → 0.2 h (in the body sent and as stored)', async () => {
	const cases: Array<[number, number, number]> = [
		[1, 0.01, 0.1],
		[360, 0.1, 0.1],
		[361, 0.1, 0.2],
		[1800, 0.5, 0.5],
		[3601, 1, 1.1],
	];
	for (const [n, [seconds, actual, billable]] of cases.entries()) {
		const json = await bill(seconds);
		expect(posted(fx.sandbox, 'phonerecords', n).actualHours).toBe(actual);
		expect(posted(fx.sandbox, 'timeentries', n)).toMatchObject({ actualHours: actual, billableHours: billable });
		const stored = fx.sandbox.store.get('timeentries', (json.timeEntry as IDataObject).id as number);
		expect(stored).toMatchObject({ actualHours: actual, billableHours: billable, isBillable: 'T', billingBehavior: 'Bill' });
		expect((json.decisions as IDataObject).timeEntry).toBe(`created: ${seconds} s → ${billable} h billable (rounded up to 6-minute units)`);
	}
});

test('nearest unit (at least one), no rounding, and a 15-minute unit', async () => {
	expect((await bill(200, { rounding: 'nearest' })).timeEntry).toMatchObject({ billableHours: 0.1 });
	expect((await bill(539, { rounding: 'nearest' })).timeEntry).toMatchObject({ billableHours: 0.1 });
	expect((await bill(541, { rounding: 'nearest' })).timeEntry).toMatchObject({ billableHours: 0.2 });
	expect((await bill(361, { rounding: 'none' })).timeEntry).toMatchObject({ billableHours: 0.1, actualHours: 0.1 });
	expect((await bill(1000, { rounding: 'none' })).timeEntry).toMatchObject({ billableHours: 0.28 });
	expect((await bill(61, { unitMinutes: 15 })).timeEntry).toMatchObject({ billableHours: 0.25 });
});

test('not billable, another owner, own description; the time entry is linked to the phone record and dated on the call day', async () => {
	const json = await bill(600, { isBillable: false, owner: '102', description: 'Telephone attendance on client' });
	const record = json.phoneRecord as IDataObject;
	expect(posted(fx.sandbox, 'timeentries')).toEqual({
		timestampDate: '2026-03-03T00:00:00+11:00',
		actualHours: 0.17,
		billableHours: 0.2,
		description: 'Telephone attendance on client',
		isBillable: 'F',
		links: { action: 2002, phoneRecord: record.id, owner: 102, createdBy: 101 },
	});
	expect(fx.sandbox.store.get('timeentries', (json.timeEntry as IDataObject).id as number)).toMatchObject({
		isBillable: 'F',
		billingBehavior: 'No charge',
		links: { owner: 102, createdBy: 101, phoneRecord: record.id },
	});
});

test('the owner defaults to the firm side of the call', async () => {
	const result = await runNode({
		parameters: billed({}, { options: { firmParticipant: '103' } }),
		items: [ringCentralInbound()],
		credential: fx.credential,
	});
	expect(result.error).toBeUndefined();
	expect(posted(fx.sandbox, 'timeentries').links).toMatchObject({ owner: 103, createdBy: 101 });
});

test('no time entry without a matter, or for a call with no talk time; the phone record is still logged', async () => {
	const noMatter = await runNode({
		parameters: logCallParams({ createTimeEntry: true }),
		items: [ringCentralInbound()],
		credential: fx.credential,
	});
	expect(noMatter.error).toBeUndefined();
	expect(((noMatter.success[0].json).decisions as IDataObject).timeEntry).toBe(
		'skipped: the call is not on a matter, so there is nothing to bill it to',
	);
	const missed = await runNode({
		parameters: billed(),
		items: [ringCentralInbound({ sessionId: 'missed-1', duration: 0, result: 'Missed' })],
		credential: fx.credential,
	});
	expect(missed.error).toBeUndefined();
	expect(missed.success[0].json).toMatchObject({
		timeEntry: null,
		phoneRecord: { outcome: 'Missed', actualHours: 0 },
		decisions: { timeEntry: 'skipped: the call had no talk time' },
	});
	expect(logOf(fx.sandbox, 'timeentries')).toHaveLength(0);
	expect(logOf(fx.sandbox, 'phonerecords', 'POST')).toHaveLength(2);
});
