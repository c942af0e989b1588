/**
 * The Log Call policies when two executions run at once (two queue-mode workers, two webhook runs), with
 * sandbox latency so that both look before either writes: two calls from one new number create one
 * participant, and one missed call logged twice at once leaves one record and one call-back task.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { runNode } from '../../harness/engine';
import { openSandbox } from '../../harness/sandbox';
import type { SandboxFixture } from '../../harness/sandbox';
import { logOf } from '../../harness/workflow';
import { logCallParams, markedKeys, ringCentralInbound } from './fixtures';

let fx: SandboxFixture;
beforeAll(async () => (fx = await openSandbox()));
afterAll(async () => fx.sandbox.close());
beforeEach(() => fx.sandbox.reset());

async function both(items: [IDataObject, IDataObject], parameters: INodeParameters): Promise<IDataObject[]> {
	fx.sandbox.setFaults({ latencyMs: 150 });
	try {
		const runs = await Promise.all(items.map(async (item) => await runNode({ parameters, items: [item], credential: fx.credential })));
		for (const run of runs) expect(run.error).toBeUndefined();
		return runs.map((run) => run.success[0].json);
	} finally {
		fx.sandbox.setFaults(null);
	}
}

test('two executions logging two calls from the same new number at once create one participant', async () => {
	const call = (id: string, startTime: string) => ringCentralInbound({ sessionId: id, id, startTime, from: { phoneNumber: '+61491570999', name: 'Jordan Blake' } });
	const outputs = await both(
		[call('race-p1', '2026-03-02T22:30:05.000Z'), call('race-p2', '2026-03-02T22:31:40.000Z')],
		logCallParams({ options: { unknownCaller: 'createParticipant' } }),
	);
	const created = fx.sandbox.store.list('participants').filter((p) => p.phone1Number === '570 999');
	expect(created).toHaveLength(1);
	expect(logOf(fx.sandbox, 'participants', 'POST')).toHaveLength(1);
	// Both runs created their call's record before either created the participant: the race really happened.
	const log = logOf(fx.sandbox);
	const participantPost = log.findIndex((r) => r.method === 'POST' && r.path.endsWith('/participants'));
	expect(log.slice(0, participantPost).filter((r) => r.method === 'POST' && r.path.endsWith('/phonerecords'))).toHaveLength(2);
	// The run whose record came first created the participant and linked it; the other kept the name (or,
	// had it looked later, found the participant): never a second participant.
	const [first, second] = [...outputs].sort((a, b) => ((a.phoneRecord as IDataObject).id as number) - ((b.phoneRecord as IDataObject).id as number));
	expect(first).toMatchObject({ participant: { id: created[0].id }, phoneRecord: { links: { fromParticipant: created[0].id } } });
	const secondHow = String((second.decisions as IDataObject).participant);
	expect(secondHow).toMatch(
		new RegExp(`not created here: phone record ${(first.phoneRecord as IDataObject).id} of another call from \\+61 491 570 999|not created: Blake, Jordan \\(${created[0].id}\\) has`),
	);
});

test('one missed call logged by two executions at once: one phone record, one call-back task', async () => {
	const missed = ringCentralInbound({ sessionId: 'race-cb', id: 'race-cb', result: 'Missed', duration: 0 });
	const outputs = await both([missed, missed], logCallParams({ matterMode: 'mostRecent', createCallBackTask: true }));
	const records = fx.sandbox.store.list('phonerecords').filter((r) => markedKeys(r.notes, fx.credential).includes('ringcentral:s-race-cb'));
	expect(records).toHaveLength(1);
	const tasks = fx.sandbox.store.list('tasks').filter((t) => markedKeys(t.description, fx.credential).includes('ringcentral:s-race-cb'));
	expect(tasks).toHaveLength(1);
	expect(outputs.filter((o) => o.duplicate === true)).toHaveLength(1);
	// Every DELETE a run sent was of its own copy, never of the record or task that stayed.
	for (const del of logOf(fx.sandbox).filter((r) => r.method === 'DELETE')) {
		expect([`/api/rest/phonerecords/${records[0].id}`, `/api/rest/tasks/${tasks[0].id}`]).not.toContain(del.path);
	}
});
