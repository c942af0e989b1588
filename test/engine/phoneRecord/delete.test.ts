/** Phone Record → Delete, run in n8n's engine against the sandbox, including records linked to time entries. */
import type { INodeParameters } from 'n8n-workflow';

import { runNode } from '../../harness/engine';
import { openSandbox } from '../../harness/sandbox';
import type { SandboxFixture } from '../../harness/sandbox';
import { logOf, sandboxRest } from '../../harness/workflow';

let fx: SandboxFixture;
beforeAll(async () => (fx = await openSandbox()));
afterAll(async () => fx.sandbox.close());
beforeEach(() => fx.sandbox.reset());

function remove(phoneRecordId: string, options: INodeParameters = {}): INodeParameters {
	return { resource: 'phoneRecord', operation: 'delete', phoneRecordId, options };
}

const trail = () => logOf(fx.sandbox).map((r) => `${r.method} ${r.path}${r.rawQuery ? '?' + r.rawQuery : ''} ${r.status}`);

test('delete returns {deleted: true, id} and the record is gone', async () => {
	const result = await runNode({ parameters: remove('5002'), credential: fx.credential });
	expect(result.error).toBeUndefined();
	expect(result.success).toEqual([{ json: { deleted: true, id: 5002 }, pairedItem: { item: 0 } }]);
	expect(fx.sandbox.store.get('phonerecords', 5002)).toBeUndefined();
	expect(trail()).toEqual(['DELETE /api/rest/phonerecords/5002 204']);
});

test('a record linked to a time entry is refused with an error naming the time entry and the fix; it stays', async () => {
	expect(fx.sandbox.store.get('timeentries', 7001)?.links.phoneRecord).toBe(5001);
	const result = await runNode({ parameters: remove('5001'), credential: fx.credential });
	expect(result.success).toHaveLength(0);
	expect(result.error?.message).toBe('Phone record 5001 is linked to time entry 7001, so Actionstep will not delete it');
	expect(result.error?.context?.itemIndex).toBe(0);
	expect(result.error?.description).toMatch(/Options → Unlink Time Entries/);
	expect(result.error?.description).toMatch(/time entries are kept/);
	expect(fx.sandbox.store.get('phonerecords', 5001)).toBeDefined();
	expect(fx.sandbox.store.get('timeentries', 7001)?.links.phoneRecord).toBe(5001);
	expect(trail()).toEqual([
		'DELETE /api/rest/phonerecords/5001 400',
		'GET /api/rest/timeentries?phoneRecord=5001&page=1&pageSize=200 200',
	]);
});

test('several linked time entries are all named', async () => {
	const second = await sandboxRest(fx.sandbox, fx.credential, 'POST', 'timeentries', {
		timeentries: { timestampDate: '2024-03-05T00:00:00+11:00', actualHours: 0.1, links: { owner: 101, createdBy: 101, action: 2001, phoneRecord: 5001 } },
	});
	const secondId = (second.json?.timeentries as { id: number }).id;
	fx.sandbox.clearLog();
	const result = await runNode({ parameters: remove('5001'), credential: fx.credential });
	expect(result.error?.message).toBe(`Phone record 5001 is linked to time entries 7001, ${secondId}, so Actionstep will not delete it`);
	expect(fx.sandbox.store.get('phonerecords', 5001)).toBeDefined();
});

test('with Unlink Time Entries the links are cleared first, the time entries stay and the record is gone', async () => {
	const second = await sandboxRest(fx.sandbox, fx.credential, 'POST', 'timeentries', {
		timeentries: { timestampDate: '2024-03-05T00:00:00+11:00', actualHours: 0.1, links: { owner: 101, createdBy: 101, action: 2001, phoneRecord: 5001 } },
	});
	const secondId = (second.json?.timeentries as { id: number }).id;
	fx.sandbox.clearLog();
	const entriesBefore = fx.sandbox.store.count('timeentries');

	const result = await runNode({ parameters: remove('5001', { unlinkTimeEntries: true }), credential: fx.credential });
	expect(result.error).toBeUndefined();
	expect(result.success).toEqual([{ json: { deleted: true, id: 5001 }, pairedItem: { item: 0 } }]);
	expect(fx.sandbox.store.get('phonerecords', 5001)).toBeUndefined();
	expect(fx.sandbox.store.count('timeentries')).toBe(entriesBefore);
	for (const id of [7001, secondId]) {
		expect(fx.sandbox.store.get('timeentries', id)?.links.phoneRecord).toBeNull();
		expect(fx.sandbox.store.get('timeentries', id)?.links.action).toBe(2001);
	}
	expect(trail()).toEqual([
		'GET /api/rest/timeentries?phoneRecord=5001&page=1&pageSize=200 200',
		'PUT /api/rest/timeentries/7001 200',
		`PUT /api/rest/timeentries/${secondId} 200`,
		'DELETE /api/rest/phonerecords/5001 204',
	]);
	for (const put of logOf(fx.sandbox, 'timeentries', 'PUT')) {
		expect(put.body).toEqual({ timeentries: { links: { phoneRecord: null } } });
	}
});

test('with Unlink Time Entries and nothing linked, only the delete is sent after the look-up', async () => {
	const result = await runNode({ parameters: remove('5004', { unlinkTimeEntries: true }), credential: fx.credential });
	expect(result.success[0].json).toEqual({ deleted: true, id: 5004 });
	expect(trail()).toEqual([
		'GET /api/rest/timeentries?phoneRecord=5004&page=1&pageSize=200 204',
		'DELETE /api/rest/phonerecords/5004 204',
	]);
});

test('deleting a missing record fails with 404 and deletes nothing', async () => {
	const before = fx.sandbox.store.count('phonerecords');
	const result = await runNode({ parameters: remove('424242'), credential: fx.credential });
	expect(result.error?.message).toMatch(/^Not found in Actionstep: phonerecords\/424242/);
	expect(result.error?.httpCode).toBe('404');
	expect(fx.sandbox.store.count('phonerecords')).toBe(before);
});

test('a non-numeric id is refused before any request', async () => {
	const result = await runNode({ parameters: remove('5001,5002'), credential: fx.credential });
	expect(result.error?.message).toBe('phoneRecordId must be a numeric Actionstep ID, got "5001,5002" (item 0)');
	expect(fx.sandbox.requests()).toHaveLength(0);
	expect(fx.sandbox.store.get('phonerecords', 5002)).toBeDefined();
});
