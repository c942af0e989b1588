/** Time Entry → Get, run in n8n's engine against the sandbox. */
import { runNode } from '../../harness/engine';
import { openSandbox } from '../../harness/sandbox';
import type { SandboxFixture } from '../../harness/sandbox';
import { logOf } from '../../harness/workflow';

let fx: SandboxFixture;
beforeAll(async () => (fx = await openSandbox()));
afterAll(async () => fx.sandbox.close());
beforeEach(() => fx.sandbox.clearLog());

test('get by id returns the time entry as Actionstep holds it, link ids as numbers', async () => {
	const result = await runNode({ parameters: { resource: 'timeEntry', operation: 'get', timeEntryId: '7002' }, credential: fx.credential });
	expect(result.error).toBeUndefined();
	expect(result.success).toHaveLength(1);
	expect(result.success[0].pairedItem).toEqual({ item: 0 });
	expect(result.success[0].json).toMatchObject({
		id: 7002,
		timestampDate: '2024-03-06T00:00:00+11:00',
		description: "Telephone attendance on defendant's insurer",
		actualHours: 0.5,
		billableHours: 0.5,
		isBillable: 'T',
		links: { action: 2002, owner: 102, createdBy: 102, phoneRecord: 5003 },
	});
	expect(logOf(fx.sandbox).map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual(['GET /api/rest/timeentries/7002 200']);
});

test('a missing id fails with 404 naming the path', async () => {
	const result = await runNode({ parameters: { resource: 'timeEntry', operation: 'get', timeEntryId: '7999' }, credential: fx.credential });
	expect(result.error?.message).toBe('Not found in Actionstep: timeentries/7999: No timeentries with id 7999.');
	expect(result.error?.httpCode).toBe('404');
});

test('an empty id from an expression fails before any request', async () => {
	const result = await runNode({
		parameters: { resource: 'timeEntry', operation: 'get', timeEntryId: '={{ $json.entry }}' },
		items: [{ entry: '' }],
		credential: fx.credential,
	});
	expect(result.error?.message).toBe('timeEntryId is required (item 0)');
	expect(fx.sandbox.requests()).toHaveLength(0);
});
