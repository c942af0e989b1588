/** Phone Record → Link to Time Entry (create / existing) and Unlink From Time Entry, in n8n's engine against the sandbox. */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { runNode, sandboxCredential } from '../../harness/engine';
import { openSandbox } from '../../harness/sandbox';
import type { SandboxFixture } from '../../harness/sandbox';
import { logOf, sandboxRest } from '../../harness/workflow';

let fx: SandboxFixture;
beforeAll(async () => (fx = await openSandbox()));
afterAll(async () => fx.sandbox.close());
beforeEach(() => fx.sandbox.reset());

function link(phoneRecordId: string, extra: INodeParameters = {}): INodeParameters {
	return { resource: 'phoneRecord', operation: 'linkTimeEntry', phoneRecordId, timeEntryMode: 'create', ...extra };
}

/** A call put straight into the sandbox for the test. */
async function addCall(fields: IDataObject, links: IDataObject = { action: 2001, toParticipant: 101 }): Promise<number> {
	const created = await sandboxRest(fx.sandbox, fx.credential, 'POST', 'phonerecords', {
		phonerecords: {
			direction: 'in',
			callTimestamp: '2026-03-02T09:30:00+11:00',
			outcome: 'Call completed',
			fromParticipantOther: 'Westpac Home Loans',
			...fields,
			links,
		},
	});
	expect(created.status).toBe(200);
	fx.sandbox.clearLog();
	return (created.json?.phonerecords as IDataObject).id as number;
}

function postedEntries(): IDataObject[] {
	return logOf(fx.sandbox, 'timeentries', 'POST').map((r) => (r.body as { timeentries: IDataObject }).timeentries);
}

describe('create a time entry for the call', () => {
	test("on the call's matter, for the call's hours, owned by the connected user, linked to the call", async () => {
		const call = await addCall({ actualHours: 0.25, notes: 'Discharge figures' });
		const before = fx.sandbox.store.count('timeentries');
		const result = await runNode({ parameters: link(String(call)), credential: fx.credential });
		expect(result.error).toBeUndefined();

		expect(postedEntries()).toEqual([
			{
				timestampDate: '2026-03-02T00:00:00+11:00',
				actualHours: 0.25,
				billableHours: 0.25,
				description: 'Phone call from Westpac Home Loans (Call completed): Discharge figures',
				links: { action: 2001, phoneRecord: call, owner: 101, createdBy: 101 },
			},
		]);
		expect(logOf(fx.sandbox).map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual([
			`GET /api/rest/phonerecords/${call} 200`,
			'GET /api/rest/users/current 200',
			'POST /api/rest/timeentries 200',
		]);

		expect(fx.sandbox.store.count('timeentries')).toBe(before + 1);
		const item = result.success[0];
		expect(item.pairedItem).toEqual({ item: 0 });
		const stored = fx.sandbox.store.get('timeentries', item.json.id as number);
		expect(stored).toMatchObject({
			actualHours: 0.25,
			billableHours: 0.25,
			isBillable: 'T',
			links: { action: 2001, phoneRecord: call, owner: 101, createdBy: 101 },
		});
		expect(item.json).toMatchObject({ id: stored!.id, links: { action: 2001, phoneRecord: call, owner: 101, createdBy: 101 } });
	});

	test('the owner is the participant of whoever connected the credential', async () => {
		const call = await addCall({ actualHours: 0.5 });
		const priya = sandboxCredential(fx.sandbox.url, (await fx.sandbox.issueToken({ userId: 3 })) as unknown as IDataObject, fx.sandbox);
		const result = await runNode({ parameters: link(String(call)), credential: priya });
		expect(result.error).toBeUndefined();
		expect(postedEntries()[0].links).toEqual({ action: 2001, phoneRecord: call, owner: 103, createdBy: 103 });
		expect(fx.sandbox.store.get('timeentries', result.success[0].json.id as number)?.links.owner).toBe(103);
	});

	test('an outgoing call is described with who was called', async () => {
		const call = await addCall({ direction: 'out', fromParticipantOther: null, toParticipantOther: 'NSW Land Registry Services', outcome: 'No answer', actualHours: 0.05 }, { action: 2001, fromParticipant: 101 });
		await runNode({ parameters: link(String(call)), credential: fx.credential });
		expect(postedEntries()[0].description).toBe('Phone call to NSW Land Registry Services (No answer)');
	});

	test('Round Up to 6 Minutes: 0.25 h bills 0.3 and a 7-minute call (0.12 h) bills 0.2', async () => {
		const quarter = await addCall({ actualHours: 0.25 });
		const seven = await addCall({ actualHours: 7 / 60 });
		expect(fx.sandbox.store.get('phonerecords', seven)?.actualHours).toBe(0.12);
		const result = await runNode({
			parameters: link('={{ $json.call }}', { timeEntryFields: { roundToSixMinutes: true } }),
			items: [{ call: quarter }, { call: seven }],
			credential: fx.credential,
		});
		expect(result.error).toBeUndefined();
		// Actual hours stay what the call took; billable hours are rounded up to the unit.
		expect(postedEntries().map((e) => [e.actualHours, e.billableHours])).toEqual([
			[0.25, 0.3],
			[0.12, 0.2],
		]);
		expect(result.success.map((i) => [i.json.billableHours, (i.json.links as IDataObject).phoneRecord, i.pairedItem])).toEqual([
			[0.3, quarter, { item: 0 }],
			[0.2, seven, { item: 1 }],
		]);
	});

	test('given fields override the defaults', async () => {
		const call = await addCall({ actualHours: 0.25 });
		await runNode({
			parameters: link(String(call), {
				timeEntryFields: {
					owner: '102',
					description: 'Telephone attendance on lender',
					actualHours: 0.4,
					billableHours: 0.3,
					isBillable: false,
					timestampDate: '2026-03-05',
				},
			}),
			credential: fx.credential,
		});
		expect(postedEntries()).toEqual([
			{
				timestampDate: '2026-03-05T00:00:00+11:00',
				actualHours: 0.4,
				billableHours: 0.3,
				description: 'Telephone attendance on lender',
				isBillable: 'F',
				links: { action: 2001, phoneRecord: call, owner: 102, createdBy: 101 },
			},
		]);
	});

	test('users/current is asked once per execution, however many items', async () => {
		const calls = [await addCall({ actualHours: 0.1 }), await addCall({ actualHours: 0.2 }), await addCall({ actualHours: 0.3 })];
		const result = await runNode({
			parameters: link('={{ $json.call }}'),
			items: calls.map((call) => ({ call })),
			credential: fx.credential,
		});
		expect(result.success).toHaveLength(3);
		expect(logOf(fx.sandbox, 'users')).toHaveLength(1);
		expect(postedEntries().map((e) => (e.links as IDataObject).phoneRecord)).toEqual(calls);
		// A new execution asks again.
		await runNode({ parameters: link(String(calls[0])), credential: fx.credential });
		expect(logOf(fx.sandbox, 'users')).toHaveLength(2);
	});

	test('a phone record without a matter fails clearly and creates no time entry', async () => {
		const before = fx.sandbox.store.count('timeentries');
		const result = await runNode({ parameters: link('5010'), credential: fx.credential });
		expect(result.error?.message).toBe(
			'phoneRecordId points at phone record 5010, which is not on a matter, so there is nothing to bill it to (item 0)',
		);
		expect(result.error?.description).toBe('Update the phone record with a matter first, or link it to an existing time entry.');
		expect(logOf(fx.sandbox, 'timeentries')).toHaveLength(0);
		expect(fx.sandbox.store.count('timeentries')).toBe(before);
	});

	test('a missing phone record fails with 404 and creates nothing', async () => {
		const before = fx.sandbox.store.count('timeentries');
		const result = await runNode({ parameters: link('999999'), credential: fx.credential });
		expect(result.error?.message).toMatch(/^Not found in Actionstep: phonerecords\/999999/);
		expect(fx.sandbox.store.count('timeentries')).toBe(before);
	});

	test.each<[string, INodeParameters, string]>([
		['owner', { owner: 'emma' }, 'owner must be a numeric Actionstep ID, got "emma" (item 0)'],
		['actualHours', { actualHours: -1 }, 'actualHours must not be negative, got -1 (item 0)'],
		['billableHours', { billableHours: '={{ "lots" }}' }, 'billableHours must be a number, got "lots" (item 0)'],
		['timestampDate', { timestampDate: '2026-02-30' }, 'timestampDate "2026-02-30" is not a real date and time (item 0)'],
		['description', { description: 'a\u0001b' }, 'description contains control characters (item 0)'],
	])('a bad %s is refused before any request', async (_field, timeEntryFields, message) => {
		const result = await runNode({ parameters: link('5004', { timeEntryFields }), credential: fx.credential });
		expect(result.error?.message).toBe(message);
		expect(fx.sandbox.requests()).toHaveLength(0);
	});
});

describe('link an existing time entry', () => {
	test('sets links.phoneRecord on the given time entry and returns it', async () => {
		expect(fx.sandbox.store.get('timeentries', 7004)?.links.phoneRecord).toBeNull();
		const result = await runNode({
			parameters: link('5004', { timeEntryMode: 'existing', timeEntryId: '7004' }),
			credential: fx.credential,
		});
		expect(result.error).toBeUndefined();
		expect(logOf(fx.sandbox).map((r) => `${r.method} ${r.path}`)).toEqual(['PUT /api/rest/timeentries/7004']);
		expect(logOf(fx.sandbox)[0].body).toEqual({ timeentries: { links: { phoneRecord: 5004 } } });
		const stored = fx.sandbox.store.get('timeentries', 7004)!;
		expect(stored.links).toEqual({ action: 2004, owner: 101, createdBy: 101, phoneRecord: 5004 });
		expect(stored.actualHours).toBe(0.8);
		expect(result.success).toEqual([
			{ json: expect.objectContaining({ id: 7004, actualHours: 0.8, links: { action: 2004, owner: 101, createdBy: 101, phoneRecord: 5004 } }), pairedItem: { item: 0 } },
		]);
	});

	test("a phone record that does not exist is refused by Actionstep and the entry keeps its link", async () => {
		const result = await runNode({
			parameters: link('999999', { timeEntryMode: 'existing', timeEntryId: '7002' }),
			credential: fx.credential,
		});
		expect(result.error?.message).toBe(
			'Actionstep refused PUT timeentries/7002: links.phoneRecord refers to phonerecords 999999, which does not exist.',
		);
		expect(fx.sandbox.store.get('timeentries', 7002)?.links.phoneRecord).toBe(5003);
	});

	test('a missing time entry id is refused before any request', async () => {
		const result = await runNode({
			parameters: link('5004', { timeEntryMode: 'existing', timeEntryId: '={{ $json.entry }}' }),
			items: [{}],
			credential: fx.credential,
		});
		expect(result.error?.message).toBe('timeEntryId is required (item 0)');
		expect(fx.sandbox.requests()).toHaveLength(0);
	});
});

describe('unlink', () => {
	test('sets links.phoneRecord to null and returns the updated time entry', async () => {
		const result = await runNode({
			parameters: { resource: 'phoneRecord', operation: 'unlinkTimeEntry', timeEntryId: '7001' },
			credential: fx.credential,
		});
		expect(result.error).toBeUndefined();
		expect(logOf(fx.sandbox).map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual(['PUT /api/rest/timeentries/7001 200']);
		expect(logOf(fx.sandbox)[0].body).toEqual({ timeentries: { links: { phoneRecord: null } } });
		expect(fx.sandbox.store.get('timeentries', 7001)?.links).toEqual({ action: 2001, owner: 101, createdBy: 101, phoneRecord: null });
		expect(fx.sandbox.store.get('phonerecords', 5001)).toBeDefined();
		expect(result.success).toEqual([
			{
				json: expect.objectContaining({
					id: 7001,
					actualHours: 0.25,
					description: 'Telephone attendance on client re contract of sale',
					links: { action: 2001, owner: 101, createdBy: 101, phoneRecord: null },
				}),
				pairedItem: { item: 0 },
			},
		]);
	});

	test('after unlinking, the phone record can be deleted', async () => {
		await runNode({ parameters: { resource: 'phoneRecord', operation: 'unlinkTimeEntry', timeEntryId: '7001' }, credential: fx.credential });
		const result = await runNode({ parameters: { resource: 'phoneRecord', operation: 'delete', phoneRecordId: '5001' }, credential: fx.credential });
		expect(result.success[0].json).toEqual({ deleted: true, id: 5001 });
		expect(fx.sandbox.store.get('phonerecords', 5001)).toBeUndefined();
	});
});
