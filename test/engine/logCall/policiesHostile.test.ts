/**
 * Log Call's "never twice" promises for its follow-ups (docs/LOG-CALL.md, Policies) under input real firms and
 * phone systems produce: a matter that already holds more tasks and file notes than one read returns, a missed
 * call repeated, the real RingCentral and Aircall events delivered twice.
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

async function log(items: IDataObject[], parameters: INodeParameters): Promise<IDataObject[]> {
	const result = await runNode({ parameters, items, credential: fx.credential, timezone: 'Australia/Sydney' });
	expect(result.error).toBeUndefined();
	return result.success.map((s) => s.json);
}

const missed = (overrides: IDataObject = {}) => ringCentralInbound({ result: 'Missed', duration: 0, recording: undefined, ...overrides });
const callBack = (extra: INodeParameters = {}) => logCallParams({ matterMode: 'mostRecent', createCallBackTask: true, ...extra });
const marked = (collection: 'tasks' | 'filenotes', field: string, key: string) =>
	fx.sandbox.store.list(collection).filter((r) => markedKeys((r as IDataObject)[field], fx.credential).includes(key));

describe('a busy matter (more than a thousand tasks and file notes already)', () => {
	/** Sarah Thompson's matter 2002 with `count` older records, as years of Actionstep workflow steps and filed emails leave. */
	function fill(collection: 'tasks' | 'filenotes', count: number) {
		for (let n = 0; n < count; n++) {
			if (collection === 'tasks') {
				fx.sandbox.store.insert('tasks', { name: `Workflow step ${n}`, status: 'Complete', priority: 'Normal', description: 'Done.', links: { action: 2002, assignee: 101 } });
			} else {
				fx.sandbox.store.insert('filenotes', { text: `Filed email ${n}`, source: 'User', noteTimestamp: '2025-01-01T09:00:00+11:00', links: { action: 2002, participant: 101 } });
			}
		}
	}

	test('the same missed call twice: one call-back task, found among the newest', async () => {
		fill('tasks', 1_200);
		await log([missed()], callBack());
		const [again] = await log([missed()], callBack());
		expect(marked('tasks', 'description', 'ringcentral:s-4503991004')).toHaveLength(1);
		expect(logOf(fx.sandbox, 'tasks', 'POST')).toHaveLength(1);
		expect(again).toMatchObject({ duplicate: true });
	});

	test('the same AI summary twice: one file note', async () => {
		fill('filenotes', 1_200);
		const withAi = { callLog: ringCentralInbound(), aiNote: 'Sarah wants to settle before the hearing.' };
		const params = logCallParams({ matterMode: 'mostRecent', options: { fileNoteForAiNote: true } });
		await log([withAi], params);
		await log([withAi], params);
		expect(marked('filenotes', 'text', 'ringcentral:s-4503991004')).toHaveLength(1);
		expect(logOf(fx.sandbox, 'filenotes', 'POST')).toHaveLength(1);
	});
});
