/**
 * The same call arriving twice at once in two executions (two queue-mode workers, or two webhook runs):
 * each searches, finds nothing and creates. The later copy must notice the earlier record, remove its own
 * and answer as a duplicate, so one call stays one phone record with one time entry.
 */
import { runNode } from '../../harness/engine';
import { openSandbox } from '../../harness/sandbox';
import type { SandboxFixture } from '../../harness/sandbox';
import { logCallParams, markedKeys, ringCentralInbound } from './fixtures';

let fx: SandboxFixture;
beforeAll(async () => (fx = await openSandbox()));
afterAll(async () => fx.sandbox.close());

test('two executions logging the same call at once leave one phone record and one time entry', async () => {
	// Latency on every request makes both executions search before either creates.
	fx.sandbox.setFaults({ latencyMs: 150 });
	const event = ringCentralInbound({ sessionId: 'race-4711', id: 'race-4711' });
	const params = logCallParams({ matterMode: 'given', matter: { __rl: true, mode: 'id', value: '2001' }, createTimeEntry: true });
	const [a, b] = await Promise.all([
		runNode({ parameters: params, items: [event], credential: fx.credential }),
		runNode({ parameters: params, items: [event], credential: fx.credential }),
	]);
	fx.sandbox.setFaults(null);

	expect(a.error).toBeUndefined();
	expect(b.error).toBeUndefined();
	const records = fx.sandbox.store.list('phonerecords').filter((r) => markedKeys(r.notes, fx.credential).includes('ringcentral:s-race-4711'));
	expect(records).toHaveLength(1);
	const entries = fx.sandbox.store.list('timeentries').filter((t) => t.links.phoneRecord === records[0].id);
	expect(entries).toHaveLength(1);
	// Both answered with the kept record; exactly one of them says it was a duplicate.
	const outputs = [a.success[0].json, b.success[0].json];
	expect(outputs.map((o) => (o.phoneRecord as { id: number }).id)).toEqual([records[0].id, records[0].id]);
	expect(outputs.filter((o) => o.duplicate === true)).toHaveLength(1);
	// Both searched before either created: the race really happened and was settled.
	const posts = fx.sandbox.requests().filter((r) => r.method === 'POST' && r.path.endsWith('/phonerecords'));
	expect(posts).toHaveLength(2);
});
