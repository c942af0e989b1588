/** Time Entry → Delete, run in n8n's engine against the sandbox. */
import { runNode } from '../../harness/engine';
import { openSandbox } from '../../harness/sandbox';
import type { SandboxFixture } from '../../harness/sandbox';
import { logOf } from '../../harness/workflow';

let fx: SandboxFixture;
beforeAll(async () => (fx = await openSandbox()));
afterAll(async () => fx.sandbox.close());
beforeEach(() => fx.sandbox.reset());

test('delete returns {deleted: true, id} and the entry is gone; its phone record stays', async () => {
	const result = await runNode({ parameters: { resource: 'timeEntry', operation: 'delete', timeEntryId: '7002' }, credential: fx.credential });
	expect(result.error).toBeUndefined();
	expect(result.success).toEqual([{ json: { deleted: true, id: 7002 }, pairedItem: { item: 0 } }]);
	expect(fx.sandbox.store.get('timeentries', 7002)).toBeUndefined();
	expect(fx.sandbox.store.get('phonerecords', 5003)).toBeDefined();
	expect(logOf(fx.sandbox).map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual(['DELETE /api/rest/timeentries/7002 204']);
});

test('several items delete several entries, each paired', async () => {
	const result = await runNode({
		parameters: { resource: 'timeEntry', operation: 'delete', timeEntryId: '={{ $json.id }}' },
		items: [{ id: 7005 }, { id: '7006' }],
		credential: fx.credential,
	});
	expect(result.success).toEqual([
		{ json: { deleted: true, id: 7005 }, pairedItem: { item: 0 } },
		{ json: { deleted: true, id: 7006 }, pairedItem: { item: 1 } },
	]);
	expect(fx.sandbox.store.get('timeentries', 7005)).toBeUndefined();
	expect(fx.sandbox.store.get('timeentries', 7006)).toBeUndefined();
});

test('a missing entry fails with 404 and nothing is deleted', async () => {
	const before = fx.sandbox.store.count('timeentries');
	const result = await runNode({ parameters: { resource: 'timeEntry', operation: 'delete', timeEntryId: '7999' }, credential: fx.credential });
	expect(result.error?.message).toMatch(/^Not found in Actionstep: timeentries\/7999/);
	expect(result.error?.httpCode).toBe('404');
	expect(fx.sandbox.store.count('timeentries')).toBe(before);
});
