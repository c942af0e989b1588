/**
 * Log Call's "never twice" promises for its follow-ups (docs/LOG-CALL.md, Policies) under input real firms and
 * phone systems produce: a matter that already holds more tasks and file notes than one read returns, a missed
 * call repeated, the real RingCentral and Aircall events delivered twice.
 */
import * as fs from 'fs';
import * as path from 'path';
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { runNode } from '../../harness/engine';
import { openSandbox } from '../../harness/sandbox';
import type { SandboxFixture } from '../../harness/sandbox';
import { logOf, rl } from '../../harness/workflow';
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

/** A published call event (../shared/realworld/fixtures), read at test time. */
function realEvent(name: string): IDataObject {
	return JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../../../shared/realworld/fixtures', `${name}.json`), 'utf8')) as IDataObject;
}

describe("Aircall's real missed call with a voicemail (call.ended), delivered in hostile ways", () => {
	const AIRCALL_KEY = 'aircall:780836754';
	/** The caller (+44 330 818 6690) is nobody's number, so the call goes on a matter given. */
	const params = (extra: INodeParameters = {}) =>
		logCallParams({ source: 'auto', matterMode: 'given', matter: rl('2002'), createCallBackTask: true, ...extra });
	const ended = () => realEvent('aircall-webhook-call-ended-inbound-missed-voicemail');
	/** The same call.ended before Aircall had the voicemail: a plain missed call. */
	const beforeVoicemail = () => {
		const event = ended();
		Object.assign(event.data as IDataObject, { voicemail: null, asset: null });
		return event;
	};
	const tasks = () => marked('tasks', 'description', AIRCALL_KEY);

	test('logged missed, then the voicemail arrives (the record is updated): still one call-back task', async () => {
		const [first] = await log([beforeVoicemail()], params());
		expect(first).toMatchObject({ status: 'created', phoneRecord: { outcome: 'Missed' } });
		const [later] = await log([ended()], params());
		expect(later).toMatchObject({ status: 'updated', phoneRecord: { outcome: 'Left voicemail' }, task: { id: (first.task as IDataObject).id } });
		expect(tasks()).toHaveLength(1);
		expect(logOf(fx.sandbox, 'tasks', 'POST')).toHaveLength(1);
	});

	test('the same event twice in one execution (two items): one record, one task', async () => {
		const out = await log([ended(), ended()], params());
		expect(out.map((o) => o.status)).toEqual(['created', 'duplicate']);
		expect(fx.sandbox.store.list('phonerecords').filter((r) => markedKeys(r.notes, fx.credential).includes(AIRCALL_KEY))).toHaveLength(1);
		expect(tasks()).toHaveLength(1);
	});

	test('the missed call repeated three times across executions: one task, every repeat pointing at it', async () => {
		const outs = [];
		for (let n = 0; n < 3; n++) outs.push(...(await log([ended()], params())));
		expect(new Set(outs.map((o) => (o.task as IDataObject).id)).size).toBe(1);
		expect(tasks()).toHaveLength(1);
	});

	test('two executions at once, one with the event before the voicemail, one after: one record, one task', async () => {
		fx.sandbox.setFaults({ latencyMs: 150 });
		try {
			const runs = await Promise.all(
				[beforeVoicemail(), ended()].map(async (item) => await runNode({ parameters: params(), items: [item], credential: fx.credential, timezone: 'Australia/Sydney' })),
			);
			for (const run of runs) expect(run.error).toBeUndefined();
		} finally {
			fx.sandbox.setFaults(null);
		}
		const records = fx.sandbox.store.list('phonerecords').filter((r) => markedKeys(r.notes, fx.credential).includes(AIRCALL_KEY));
		expect(records).toHaveLength(1);
		expect(tasks()).toHaveLength(1);
	});
});
