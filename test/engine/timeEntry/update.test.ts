/** Time Entry → Update, run in n8n's engine against the sandbox: only the given fields are sent. */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { runNode } from '../../harness/engine';
import { openSandbox } from '../../harness/sandbox';
import type { SandboxFixture } from '../../harness/sandbox';
import { logOf, rl } from '../../harness/workflow';

let fx: SandboxFixture;
beforeAll(async () => (fx = await openSandbox()));
afterAll(async () => fx.sandbox.close());
beforeEach(() => fx.sandbox.reset());

function update(timeEntryId: string, updateFields: INodeParameters): INodeParameters {
	return { resource: 'timeEntry', operation: 'update', timeEntryId, updateFields };
}

const puts = () => logOf(fx.sandbox, 'timeentries', 'PUT').map((r) => (r.body as { timeentries: IDataObject }).timeentries);

test('only the given fields are sent and only they change', async () => {
	const before = fx.sandbox.store.get('timeentries', 7003)!;
	const result = await runNode({
		parameters: update('7003', { description: 'Drafting amended statement of claim', billableHours: 1.2, isBillable: false }),
		credential: fx.credential,
	});
	expect(result.error).toBeUndefined();
	expect(puts()).toEqual([{ description: 'Drafting amended statement of claim', billableHours: 1.2, isBillable: 'F' }]);
	expect(logOf(fx.sandbox).map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual(['PUT /api/rest/timeentries/7003 200']);
	const after = fx.sandbox.store.get('timeentries', 7003)!;
	expect(after).toMatchObject({
		description: 'Drafting amended statement of claim',
		billableHours: 1.2,
		isBillable: 'F',
		actualHours: before.actualHours,
		timestampDate: before.timestampDate,
		links: before.links,
	});
	expect(result.success).toEqual([{ json: expect.objectContaining({ id: 7003, isBillable: 'F', billableHours: 1.2 }), pairedItem: { item: 0 } }]);
});

test('links: matter by URL, owner and phone record by id', async () => {
	await runNode({
		parameters: update('7004', {
			matter: rl('https://go.actionstep.com/mym/asfw/workflow/action/overview/action_id/2014', 'url'),
			owner: '103',
			phoneRecord: '5004',
			timestampDate: '2024-03-08',
		}),
		credential: fx.credential,
	});
	expect(puts()).toEqual([{ timestampDate: '2024-03-08T00:00:00+11:00', links: { owner: 103, action: 2014, phoneRecord: 5004 } }]);
	expect(fx.sandbox.store.get('timeentries', 7004)).toMatchObject({
		timestampDate: '2024-03-08T00:00:00+11:00',
		links: { action: 2014, owner: 103, createdBy: 101, phoneRecord: 5004 },
	});
});

test.each<[string, INodeParameters, string]>([
	['Update Fields is empty', {}, 'updateFields is empty: add at least one field to update (item 0)'],
	['hours are negative', { actualHours: -2 }, 'actualHours must not be negative, got -2 (item 0)'],
	['the owner is not an id', { owner: 'James' }, 'owner must be a numeric Actionstep ID, got "James" (item 0)'],
	['the date is impossible', { timestampDate: '2024-02-30' }, 'timestampDate "2024-02-30" is not a real date and time (item 0)'],
])('no request when %s', async (_name, fields, message) => {
	const before = fx.sandbox.store.get('timeentries', 7003);
	const result = await runNode({ parameters: update('7003', fields), credential: fx.credential });
	expect(result.error?.message).toBe(message);
	expect(fx.sandbox.requests()).toHaveLength(0);
	expect(fx.sandbox.store.get('timeentries', 7003)).toEqual(before);
});
