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
import { asWebhookItem, logCallParams, markedKeys, rest, ringCentralInbound, TELEPHONY_SESSION_KEY, telephonySession, writes } from './fixtures';

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
	async function fill(collection: 'tasks' | 'filenotes', count: number) {
		const body = (n: number): IDataObject =>
			collection === 'tasks'
				? { tasks: { name: `Workflow step ${n}`, status: 'Complete', dueTimestamp: '2025-01-01T17:00:00+11:00', description: 'Done.', links: { action: '2002', assignee: '101' } } }
				: { filenotes: { text: `Filed email ${n}`, links: { action: '2002' } } };
		for (let n = 0; n < count; n += 50) {
			const answers = await Promise.all(Array.from({ length: 50 }, async (_x, k) => await rest(fx.sandbox, fx.credential, 'POST', collection, body(n + k))));
			for (const answer of answers) expect([answer.status, answer.status === 200 ? 'ok' : JSON.stringify(answer.json)]).toEqual([200, 'ok']);
		}
		fx.sandbox.clearLog();
	}

	test('the same missed call twice: one call-back task, found among the newest', async () => {
		await fill('tasks', 1_200);
		await log([missed()], callBack());
		const [again] = await log([missed()], callBack());
		expect(marked('tasks', 'description', 'ringcentral:s-4503991004')).toHaveLength(1);
		expect(logOf(fx.sandbox, 'tasks', 'POST')).toHaveLength(1);
		expect(again).toMatchObject({ duplicate: true });
	});

	test('the same AI summary twice: one file note', async () => {
		await fill('filenotes', 1_200);
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

describe('an unknown caller whose number arrives written differently', () => {
	const stranger = (id: string, number: string, startTime: string, name = 'Jordan Blake') =>
		ringCentralInbound({ sessionId: id, id, startTime, from: { phoneNumber: number, name } });
	const create = logCallParams({ options: { unknownCaller: 'createParticipant' } });
	const created = () => fx.sandbox.store.list('participants').filter((p) => String(p.phone1Number ?? '').replace(/\s/g, '') === '570999');

	test('one execution, +61 491 570 999 then 0491 570 999 then 61491570999: one participant, all three linked', async () => {
		const out = await log(
			[
				stranger('fmt-1', '+61 491 570 999', '2026-03-02T22:30:05.000Z'),
				stranger('fmt-2', '0491 570 999', '2026-03-02T23:30:05.000Z'),
				stranger('fmt-3', '61491570999', '2026-03-03T00:30:05.000Z'),
			],
			create,
		);
		expect(created()).toHaveLength(1);
		expect(out.map((o) => ((o.phoneRecord as IDataObject).links as IDataObject).fromParticipant)).toEqual([created()[0].id, created()[0].id, created()[0].id]);
	});

	test('two executions at once, one with +61491570999, one with (04) 9157 0999: one participant', async () => {
		fx.sandbox.setFaults({ latencyMs: 150 });
		try {
			const runs = await Promise.all(
				[stranger('fmt-a', '+61491570999', '2026-03-02T22:30:05.000Z'), stranger('fmt-b', '(04) 9157 0999', '2026-03-02T22:31:40.000Z')].map(
					async (item) => await runNode({ parameters: create, items: [item], credential: fx.credential, timezone: 'Australia/Sydney' }),
				),
			);
			for (const run of runs) expect(run.error).toBeUndefined();
		} finally {
			fx.sandbox.setFaults(null);
		}
		expect(created()).toHaveLength(1);
		expect(logOf(fx.sandbox, 'participants', 'POST')).toHaveLength(1);
	});

	test('hostile names: 60,000 characters, NUL, zero-width and RTL marks, a forged marker — one item each, nothing twice', async () => {
		const names = [
			'Jordan ' + 'B'.repeat(60_000),
			'Jordan\u0000 Blake',
			'\u202EJordan\u200B Blake\u200F',
			'Call ID: ringcentral:s-4503991004 [n8n 2026-03-02T22:30:09.120Z 3f2a9c0d1b7e4a55]',
		];
		const out = await log(
			names.map((name, n) => stranger(`hn-${n}`, '+61491570999', `2026-03-0${n + 2}T22:30:05.000Z`, name)),
			create,
		);
		expect(out).toHaveLength(4);
		expect(out.map((o) => o.status)).toEqual(['created', 'created', 'created', 'created']);
		expect(created()).toHaveLength(1);
		for (const o of out) {
			const record = o.phoneRecord as IDataObject;
			expect(markedKeys(record.notes, fx.credential)).toEqual([`ringcentral:s-${String((o.call as IDataObject).callId).replace(/^s-/, '')}`]);
		}
		const participant = created()[0];
		expect(String(participant.firstName) + String(participant.lastName)).not.toContain('\u0000');
		expect(String(participant.lastName).length).toBeLessThanOrEqual(100);
	});
});

describe('calls at the daylight-saving changes in Australia/Sydney', () => {
	const billed = logCallParams({ matterMode: 'given', matter: rl('2002'), createTimeEntry: true, createCallBackTask: true });
	const timeEntryDate = () => ((logOf(fx.sandbox, 'timeentries', 'POST')[0].body as { timeentries: IDataObject }).timeentries).timestampDate;

	test('DST starts (Sunday 4 October 2026, 2:00 → 3:00): a call at 11:30 AEDT is billed on that day, whose midnight was AEST (+10:00)', async () => {
		const [out] = await log([ringCentralInbound({ startTime: '2026-10-04T00:30:00.000Z' })], billed);
		expect(out).toMatchObject({ phoneRecord: { callTimestamp: '2026-10-04T11:30:00+11:00' } });
		// "2026-10-04T00:00:00+11:00" would be 23:00 on Saturday 3 October in Sydney: the day before the call.
		expect(timeEntryDate()).toBe('2026-10-04T00:00:00+10:00');
	});

	test('DST ends (Sunday 5 April 2026, 3:00 → 2:00): a call at 10:00 AEST is billed on that day, whose midnight was AEDT (+11:00)', async () => {
		const [out] = await log([ringCentralInbound({ startTime: '2026-04-05T00:00:00.000Z' })], billed);
		expect(out).toMatchObject({ phoneRecord: { callTimestamp: '2026-04-05T10:00:00+10:00' } });
		expect(timeEntryDate()).toBe('2026-04-05T00:00:00+11:00');
	});

	test('a missed call in the repeated hour (02:30 AEDT, then 02:30 AEST): two calls, two records, each task due 2 real hours later', async () => {
		const out = await log(
			[
				ringCentralInbound({ sessionId: 'dst-1', id: 'dst-1', result: 'Missed', duration: 0, startTime: '2026-04-04T15:30:00.000Z' }),
				ringCentralInbound({ sessionId: 'dst-2', id: 'dst-2', result: 'Missed', duration: 0, startTime: '2026-04-04T16:30:00.000Z' }),
			],
			billed,
		);
		expect(out.map((o) => (o.phoneRecord as IDataObject).callTimestamp)).toEqual(['2026-04-05T02:30:00+11:00', '2026-04-05T02:30:00+10:00']);
		expect(out.map((o) => (o.task as IDataObject).dueTimestamp)).toEqual(['2026-04-05T03:30:00+10:00', '2026-04-05T04:30:00+10:00']);
	});
});

describe("a call's length as phone systems mangle it (RingCentral's real call-log record)", () => {
	const record = (duration: number | string): IDataObject => ({ ...realEvent('rc-calllog-simple-inbound-recording'), duration });
	const billed = logCallParams({ matterMode: 'given', matter: rl('2002'), createTimeEntry: true });

	test('"00:05:12" is 312 s: 0.09 h actual, 0.1 h billable', async () => {
		const [out] = await log([record('00:05:12')], billed);
		expect(out).toMatchObject({ status: 'created', call: { durationSeconds: 312 }, phoneRecord: { actualHours: 0.09 }, timeEntry: { billableHours: 0.1 } });
	});

	test.each<[string, number | string, string]>([
		['a negative number', -312, 'callData duration must be a number of seconds ≥ 0, got -312 (item 0)'],
		['a negative clock', '-00:05:12', 'callData duration must be seconds (e.g. 361 or "00:06:01"), got "-00:05:12" (item 0)'],
		['seconds past 59', '00:05:99', 'callData duration must be seconds (e.g. 361 or "00:06:01"), got "00:05:99" (item 0)'],
		['minutes past 59 after hours', '01:75:00', 'callData duration must be seconds (e.g. 361 or "00:06:01"), got "01:75:00" (item 0)'],
	])('%s fails the item naming the field, with no request', async (_what, duration, message) => {
		const result = await runNode({ parameters: billed, items: [record(duration)], credential: fx.credential });
		expect(result.error?.message).toBe(message);
		expect(fx.sandbox.requests()).toHaveLength(0);
	});
});

describe('the other party an extension on one event and an E.164 number on the other', () => {
	const params = logCallParams({ matterMode: 'given', matter: rl('2002'), createTimeEntry: true });
	const asExtension = { from: { phoneNumber: '102', extensionNumber: '102', name: 'Reception' } };

	const ofTheCall = () => fx.sandbox.store.list('phonerecords').filter((r) => markedKeys(r.notes, fx.credential).includes(TELEPHONY_SESSION_KEY));
	const answered = (party: IDataObject) => asWebhookItem(telephonySession('Answered', '2026-03-02T22:30:05.000Z', party));
	const disconnected = (party: IDataObject) => asWebhookItem(telephonySession('Disconnected', '2026-03-02T22:36:06.000Z', party));

	test('Answered from +61 491 570 111, Disconnected from extension 102 (transferred): the record is completed and billed once', async () => {
		const [first] = await log([answered({})], params);
		const [ended] = await log([disconnected(asExtension)], params);
		expect(first).toMatchObject({ status: 'created', phoneRecord: { outcome: 'In progress', phoneNumber: '+61491570111' } });
		expect(ended).toMatchObject({
			status: 'updated',
			phoneRecord: { id: (first.phoneRecord as IDataObject).id, outcome: 'Call completed', actualHours: 0.1, phoneNumber: '+61491570111' },
		});
		expect(ofTheCall()).toHaveLength(1);
		expect(logOf(fx.sandbox, 'timeentries', 'POST')).toHaveLength(1);
	});

	test('an internal call (extension 102 on every event) stays unlogged: Answered and Disconnected both skipped', async () => {
		const out = [...(await log([answered(asExtension)], params)), ...(await log([disconnected(asExtension)], params))];
		expect(out.map((o) => o.skipReason)).toEqual([
			'internal call between two extensions: not logged (turn on Log Internal Calls to log it)',
			'internal call between two extensions: not logged (turn on Log Internal Calls to log it)',
		]);
		expect(writes(fx.sandbox)).toHaveLength(0);
	});

	test('Answered from extension 102 (skipped), Disconnected from +61 491 570 111: one record, from the ending', async () => {
		const [first] = await log([answered(asExtension)], params);
		const [ended] = await log([disconnected({})], params);
		expect(first).toMatchObject({ status: 'skipped' });
		expect(ended).toMatchObject({ status: 'created' });
		expect(ofTheCall()).toHaveLength(1);
	});
});
