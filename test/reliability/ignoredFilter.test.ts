/**
 * A server that ignores the `phoneRecord` filter (the sandbox's ignoreFilters fault) answers "which time
 * entries link to phone record X?" with every time entry. The node checks each record's own link, so
 * Delete with Unlink Time Entries unlinks only the entries of that phone record, and names only those
 * when Actionstep refuses the delete.
 */
import type { INodeParameters } from 'n8n-workflow';

import { timeEntryLinksTo } from '../../nodes/Actionstep/helpers/timeEntryLinks';
import { runNode } from '../harness/engine';
import { openSandbox, restRequests } from '../harness/sandbox';
import type { SandboxFixture } from '../harness/sandbox';

let fx: SandboxFixture;
beforeAll(async () => (fx = await openSandbox()));
afterAll(async () => fx.sandbox.close());
beforeEach(() => fx.sandbox.reset());

const remove = (phoneRecordId: string, options: INodeParameters = {}): INodeParameters => ({
	resource: 'phoneRecord',
	operation: 'delete',
	phoneRecordId,
	options,
});

const phoneRecordLinks = () => new Map(fx.sandbox.store.list('timeentries').map((e) => [e.id, e.links.phoneRecord]));

test('timeEntryLinksTo reads the link whatever its shape', () => {
	expect(timeEntryLinksTo({ id: 1, links: { phoneRecord: 5001 } }, 5001)).toBe(true);
	expect(timeEntryLinksTo({ id: 1, links: { phoneRecord: '5001' } }, 5001)).toBe(true);
	expect(timeEntryLinksTo({ id: 1, links: { phoneRecord: 5003 } }, 5001)).toBe(false);
	expect(timeEntryLinksTo({ id: 1, links: { phoneRecord: null } }, 5001)).toBe(false);
	expect(timeEntryLinksTo({ id: 1 }, 5001)).toBe(false);
	expect(timeEntryLinksTo({ id: 1, links: { phoneRecord: '' } }, 0)).toBe(false);
});

test('the sandbox fault really ignores the filter', async () => {
	const list = () =>
		runNode({
			parameters: { resource: 'timeEntry', operation: 'getMany', returnAll: true, filters: { phoneRecordId: 5001 } },
			credential: fx.credential,
		});
	expect((await list()).success.map((i) => i.json.id)).toEqual([7001]);
	fx.sandbox.setFaults({ ignoreFilters: ['phoneRecord'] });
	// Every time entry came back, including those linked to other calls or to none.
	expect((await list()).success.length).toBe(fx.sandbox.store.count('timeentries'));
});

test('Delete with Unlink Time Entries unlinks only the entries of that phone record when the filter is ignored', async () => {
	const before = phoneRecordLinks();
	expect(before.get(7001)).toBe(5001);
	expect(before.get(7002)).toBe(5003);
	fx.sandbox.setFaults({ ignoreFilters: ['phoneRecord'] });

	const result = await runNode({ parameters: remove('5001', { unlinkTimeEntries: true }), credential: fx.credential });

	expect(result.error).toBeUndefined();
	expect(result.success[0].json).toEqual({ deleted: true, id: 5001 });
	const after = phoneRecordLinks();
	for (const [id, link] of before) expect(after.get(id)).toBe(link === 5001 ? null : link);
	expect(after.get(7002)).toBe(5003);
	const puts = restRequests(fx.sandbox, 'timeentries').filter((r) => r.method === 'PUT');
	expect(puts.map((r) => r.path)).toEqual(['/api/rest/timeentries/7001']);
});

test('a refused delete names only the entries that link to the phone record when the filter is ignored', async () => {
	fx.sandbox.setFaults({ ignoreFilters: ['phoneRecord'] });
	const result = await runNode({ parameters: remove('5001'), credential: fx.credential });
	expect(result.error?.message).toBe('Phone record 5001 is linked to time entry 7001, so Actionstep will not delete it');
	expect(fx.sandbox.store.get('timeentries', 7002)?.links.phoneRecord).toBe(5003);
});
