/**
 * Log Call's policies — what a law firm does after a call — in n8n's engine against the sandbox: an unknown
 * caller logged, skipped or made a participant (once per number), a call-back task after a missed call, a
 * file note with the AI summary, the caller's only open matter or most recent one closed included, and a
 * time entry held for review. Every policy is reported in `decisions`, and none writes twice for one call.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { runNode } from '../../harness/engine';
import { openSandbox } from '../../harness/sandbox';
import type { SandboxFixture } from '../../harness/sandbox';
import { logOf, rl } from '../../harness/workflow';
import { logCallParams, markedKeys, posted, ringCentralInbound, writes } from './fixtures';

let fx: SandboxFixture;
beforeAll(async () => (fx = await openSandbox()));
afterAll(async () => fx.sandbox.close());
beforeEach(() => fx.sandbox.reset());

const NEW_NUMBER = '+61491570999';

/** A call from a number no participant has, named as the phone system names the caller. */
function fromStranger(overrides: IDataObject = {}, name = 'Jordan Blake'): IDataObject {
	return ringCentralInbound({ from: { phoneNumber: NEW_NUMBER, name }, ...overrides });
}

async function log(items: IDataObject[], parameters: INodeParameters): Promise<IDataObject[]> {
	const result = await runNode({ parameters, items, credential: fx.credential, timezone: 'Australia/Sydney' });
	expect(result.error).toBeUndefined();
	return result.success.map((s) => s.json);
}

async function fails(parameters: INodeParameters, item: IDataObject = ringCentralInbound()): Promise<string | undefined> {
	const result = await runNode({ parameters, items: [item], credential: fx.credential });
	expect(fx.sandbox.requests()).toHaveLength(0);
	return result.error?.message;
}

const withNumber = (nsnTail: string) => fx.sandbox.store.list('participants').filter((p) => String(p.phone1Number ?? '').replace(/\s/g, '') === nsnTail);

describe('unknown caller', () => {
	test('Log the Name or Number (the default): the name is logged, nothing else written', async () => {
		const [out] = await log([fromStranger()], logCallParams());
		expect(out).toMatchObject({ status: 'created', participant: null, phoneRecord: { fromParticipantOther: 'Jordan Blake' } });
		expect(String((out.decisions as IDataObject).participant)).toBe('no participant has +61491570999: logged as "Jordan Blake"');
		expect(logOf(fx.sandbox, 'participants', 'POST')).toHaveLength(0);
	});

	test('Skip the Call: status skipped, reason "unknown caller", nothing written', async () => {
		const [out] = await log([fromStranger()], logCallParams({ options: { unknownCaller: 'skip' } }));
		expect(out).toMatchObject({ status: 'skipped', skipReason: 'unknown caller', phoneRecord: null, duplicate: false, call: { phoneNumber: NEW_NUMBER } });
		expect((out.decisions as IDataObject).participant).toBe('no participant has +61491570999: skipped (Unknown Caller is "Skip the Call")');
		expect(writes(fx.sandbox)).toHaveLength(0);
	});

	test('Skip the Call leaves known callers alone', async () => {
		const [out] = await log([ringCentralInbound()], logCallParams({ options: { unknownCaller: 'skip' } }));
		expect(out).toMatchObject({ status: 'created', participant: { id: 106 } });
	});

	test('Create a Participant: a person from the call\'s name, the number split as Actionstep stores phones, linked on the record', async () => {
		const [out] = await log([fromStranger({}, 'JORDAN BLAKE')], logCallParams({ options: { unknownCaller: 'createParticipant' } }));
		expect(posted(fx.sandbox, 'participants')).toEqual({ isCompany: 'F', firstName: 'Jordan', lastName: 'Blake', phone1Country: 61, phone1Area: 491, phone1Number: '570 999' });
		const [created] = withNumber('570999');
		expect(created).toMatchObject({ displayName: 'Blake, Jordan' });
		expect(out).toMatchObject({ status: 'created', participant: { id: created.id }, phoneRecord: { links: { fromParticipant: created.id }, fromParticipantOther: '' } });
		expect((out.decisions as IDataObject).participant).toBe(`no participant has +61491570999: created Blake, Jordan (${created.id}) with +61 491 570 999`);
		// The next call from the number finds the participant by phone like any other.
		const [next] = await log([fromStranger({ sessionId: 'next-1', id: 'next-1' })], logCallParams({ options: { unknownCaller: 'createParticipant' } }));
		expect(next).toMatchObject({ participant: { id: created.id } });
		expect(logOf(fx.sandbox, 'participants', 'POST')).toHaveLength(1);
	});

	test('Create a Participant without a person\'s name (a caller-ID label): no participant, the number is logged, and decisions say why', async () => {
		const [out] = await log([fromStranger({}, 'WIRELESS CALLER')], logCallParams({ options: { unknownCaller: 'createParticipant' } }));
		expect(out).toMatchObject({ status: 'created', participant: null, phoneRecord: { fromParticipantOther: NEW_NUMBER } });
		expect((out.decisions as IDataObject).participant).toBe(
			'no participant has +61491570999; no participant created: the call names the caller "WIRELESS CALLER", not a first and last name. Logged as "+61491570999"',
		);
		expect(logOf(fx.sandbox, 'participants', 'POST')).toHaveLength(0);
	});

	test('two calls from the same new number in one execution create one participant, and both records link it', async () => {
		const out = await log(
			[fromStranger({ sessionId: 'one-1', id: 'one-1' }), fromStranger({ sessionId: 'one-2', id: 'one-2', startTime: '2026-03-02T23:40:00.000Z' })],
			logCallParams({ options: { unknownCaller: 'createParticipant' } }),
		);
		const created = withNumber('570999');
		expect(created).toHaveLength(1);
		expect(out.map((o) => (o.phoneRecord as IDataObject).links)).toEqual([
			expect.objectContaining({ fromParticipant: created[0].id }),
			expect.objectContaining({ fromParticipant: created[0].id }),
		]);
		expect(logOf(fx.sandbox, 'participants', 'POST')).toHaveLength(1);
	});

	test('the same call again (a duplicate) creates nothing more', async () => {
		const params = logCallParams({ options: { unknownCaller: 'createParticipant' } });
		await log([fromStranger()], params);
		const [again] = await log([fromStranger()], params);
		expect(again).toMatchObject({ duplicate: true });
		expect(logOf(fx.sandbox, 'participants', 'POST')).toHaveLength(1);
	});

	test.each<[string, INodeParameters, string]>([
		['an unknown policy', { options: { unknownCaller: 'ask' } }, 'unknownCaller must be one of logName, skip, createParticipant, got "ask" (item 0)'],
		[
			'a policy that needs matching, with matching off',
			{ options: { unknownCaller: 'createParticipant', matchParticipant: false } },
			'unknownCaller is "createParticipant", which needs "Match Participant by Phone" on: without a look-up no caller is known or unknown (item 0)',
		],
	])('bad value: %s fails naming the field, with no request', async (_what, extra, message) => {
		expect(await fails(logCallParams(extra), fromStranger())).toBe(message);
	});
});

describe('call-back task after a missed call, a voicemail or no answer', () => {
	const missed = (overrides: IDataObject = {}) => ringCentralInbound({ result: 'Missed', duration: 0, recording: undefined, ...overrides });
	const callBack = (extra: INodeParameters = {}) => logCallParams({ matterMode: 'mostRecent', createCallBackTask: true, ...extra });

	test("a missed call from Sarah Thompson: a task on her matter for the firm's side, due 2 hours after the call, marked with the call", async () => {
		const [out] = await log([missed()], callBack());
		const [task] = logOf(fx.sandbox, 'tasks', 'POST').map((r) => (r.body as { tasks: IDataObject }).tasks);
		expect(task).toMatchObject({
			status: 'Incomplete',
			name: 'Call back Sarah Thompson (+61 491 570 111)',
			dueTimestamp: '2026-03-03T11:30:05+11:00',
			links: { action: 2002, assignee: 101 },
		});
		const phoneRecordId = (out.phoneRecord as IDataObject).id;
		expect(String(task.description).split('\n')[0]).toBe(`Missed from Sarah Thompson (+61 491 570 111) at 2026-03-03T09:30:05+11:00: phone record ${phoneRecordId}.`);
		expect(markedKeys(task.description, fx.credential)).toEqual(['ringcentral:s-4503991004']);
		expect(out).toMatchObject({ status: 'created', task: { id: 8005, links: { action: 2002, assignee: 101 } } });
		expect((out.decisions as IDataObject).callBackTask).toBe("created 8005 for the firm's side of the call, participant 101, due 2 hours after the call");
	});

	test('the same missed call again finds its task: never two', async () => {
		await log([missed()], callBack());
		const [again] = await log([missed()], callBack());
		expect(again).toMatchObject({ duplicate: true, task: { id: 8005 } });
		expect((again.decisions as IDataObject).callBackTask).toBe("already there: tasks 8005 carries this call's marker");
		expect(logOf(fx.sandbox, 'tasks', 'POST')).toHaveLength(1);
	});

	test('assignee and delay from the options; business hours skip the night and the weekend', async () => {
		// Friday 16:30 in Sydney: half an hour on Friday, the other 1.5 h from 9:00 on Monday.
		await log(
			[missed({ startTime: '2026-03-06T05:30:00.000Z' })],
			callBack({ callBackTaskOptions: { assignee: '102', dueIn: 2, dueUnit: 'businessHours' } }),
		);
		const [task] = logOf(fx.sandbox, 'tasks', 'POST').map((r) => (r.body as { tasks: IDataObject }).tasks);
		expect(task).toMatchObject({ dueTimestamp: '2026-03-09T10:30:00+11:00', links: { action: 2002, assignee: 102 } });
	});

	test('a voicemail and a call nobody answered ask for a call-back too; a completed call does not', async () => {
		const [voicemail] = await log([missed({ result: 'Voicemail', sessionId: 'vm-1', id: 'vm-1' })], callBack());
		const [noAnswer] = await log([missed({ result: 'No Answer', sessionId: 'na-1', id: 'na-1', startTime: '2026-03-02T23:30:05.000Z' })], callBack());
		const [talked] = await log([ringCentralInbound({ sessionId: 'ok-1', id: 'ok-1', startTime: '2026-03-03T01:30:05.000Z' })], callBack());
		expect([voicemail, noAnswer].map((o) => (o.task as IDataObject).name)).toEqual(['Call back Sarah Thompson (+61 491 570 111)', 'Call back Sarah Thompson (+61 491 570 111)']);
		expect(talked).toMatchObject({ task: null, decisions: { callBackTask: 'not needed: the outcome is "Call completed"' } });
		expect(logOf(fx.sandbox, 'tasks', 'POST')).toHaveLength(2);
	});

	test('without a matter no task is created, and decisions say so', async () => {
		const [out] = await log([missed()], callBack({ matterMode: 'none' }));
		expect(out).toMatchObject({ status: 'created', task: null, decisions: { callBackTask: 'none: the call is not on a matter, and Actionstep tasks need one' } });
		expect(logOf(fx.sandbox, 'tasks')).toHaveLength(0);
	});

	test('a skipped event creates no task', async () => {
		const [out] = await log([fromStranger({ result: 'Missed', duration: 0 })], callBack({ options: { unknownCaller: 'skip' } }));
		expect(out).toMatchObject({ status: 'skipped' });
		expect(writes(fx.sandbox)).toHaveLength(0);
	});

	test.each<[string, IDataObject, string]>([
		['a negative delay', { dueIn: -1 }, 'dueIn must not be negative, got -1 (item 0)'],
		['an unknown unit', { dueUnit: 'days' }, 'dueUnit must be one of minutes, hours, businessHours, got "days" (item 0)'],
		['a delay too long', { dueIn: 501, dueUnit: 'businessHours' }, 'dueIn must be at most 500, got 501 (item 0)'],
		['an assignee that is not an id', { assignee: 'Emma' }, 'assignee must be a numeric Actionstep ID, got "Emma" (item 0)'],
	])('bad value: %s fails naming the field, with no request', async (_what, options, message) => {
		expect(await fails(callBack({ callBackTaskOptions: options as INodeParameters }), missed())).toBe(message);
	});
});

describe('file note with the AI summary', () => {
	const summary = 'Sarah wants to settle before the hearing.\nAction: send the offer by Friday.';
	const withAi = (overrides: IDataObject = {}) => ({ callLog: ringCentralInbound(overrides), aiNote: summary });
	const noted = (extra: INodeParameters = {}) => logCallParams({ matterMode: 'mostRecent', options: { fileNoteForAiNote: true }, ...extra });

	test('a file note on the matter, dated at the call, its text the summary (and the call\'s marker); once per call', async () => {
		const [out] = await log([withAi()], noted());
		const note = posted(fx.sandbox, 'filenotes');
		expect(note).toMatchObject({ noteTimestamp: '2026-03-03T09:30:05+11:00', links: { action: 2002 } });
		expect(String(note.text).startsWith(`${summary}\n\nCall ID: ringcentral:s-4503991004 [n8n `)).toBe(true);
		expect(markedKeys(note.text, fx.credential)).toEqual(['ringcentral:s-4503991004']);
		expect(out).toMatchObject({ fileNote: { id: 9005, links: { action: 2002 } }, decisions: { fileNote: 'created 9005, dated at the call' } });

		const [again] = await log([withAi()], noted());
		expect(again).toMatchObject({ duplicate: true, fileNote: { id: 9005 }, decisions: { fileNote: "already there: filenotes 9005 carries this call's marker" } });
		expect(logOf(fx.sandbox, 'filenotes', 'POST')).toHaveLength(1);
	});

	test('a summary that arrives in a later event of a logged call is filed then', async () => {
		await log([ringCentralInbound()], noted());
		expect(logOf(fx.sandbox, 'filenotes', 'POST')).toHaveLength(0);
		const [later] = await log([withAi()], noted());
		expect(later).toMatchObject({ status: 'updated', fileNote: { links: { action: 2002 } } });
		expect(logOf(fx.sandbox, 'filenotes', 'POST')).toHaveLength(1);
	});

	test('no summary, or no matter: no note, and decisions say why', async () => {
		const [plain] = await log([ringCentralInbound()], noted());
		expect(plain).toMatchObject({ fileNote: null, decisions: { fileNote: 'none: the event has no AI summary or transcript' } });
		const [loose] = await log([withAi({ sessionId: 'nm-1', id: 'nm-1' })], noted({ matterMode: 'none' }));
		expect(loose).toMatchObject({ fileNote: null, decisions: { fileNote: 'none: the call is not on a matter, and file notes need one' } });
		expect(logOf(fx.sandbox, 'filenotes')).toHaveLength(0);
	});

	test('bad value: a File Note option that is not a boolean fails naming it, with no request', async () => {
		expect(await fails(noted({ options: { fileNoteForAiNote: 'sometimes' } }))).toBe('fileNoteForAiNote must be true or false, got "sometimes" (item 0)');
	});
});

describe('matter policy', () => {
	/** Michael Smith (105) by his mobile: open matters 2001 and 2011. Ethan Walker (117): only 2012, closed. */
	const michael = () => ringCentralInbound({ from: { phoneNumber: '+61491570110', name: 'Michael Smith' }, sessionId: 'ms-1', id: 'ms-1' });
	const ethan = () => ringCentralInbound({ from: { phoneNumber: '+61491570159', name: 'Ethan Walker' }, sessionId: 'ew-1', id: 'ew-1' });

	test("Caller's Only Open Matter, Else None: Sarah Thompson's one open matter", async () => {
		const [out] = await log([ringCentralInbound()], logCallParams({ matterMode: 'onlyOpen' }));
		expect(out).toMatchObject({ matter: { id: 2002 }, phoneRecord: { links: { action: 2002 } }, decisions: { matter: 'the only open matter of Thompson, Sarah (106): 2002' } });
	});

	test("Caller's Only Open Matter, Else None: two open matters give none, and decisions name them", async () => {
		const [out] = await log([michael()], logCallParams({ matterMode: 'onlyOpen' }));
		expect(out).toMatchObject({ matter: null, phoneRecord: { links: { action: null } } });
		expect((out.decisions as IDataObject).matter).toMatch(/^none: Smith, Michael \(105\) has 2 open matters \((2001, 2011|2011, 2001)\), so none is the only one$/);
	});

	test("Caller's Most Recent Matter, Closed Included: Ethan Walker's closed sale; the open-only policies give none", async () => {
		const [any] = await log([ethan()], logCallParams({ matterMode: 'mostRecentAny' }));
		expect(any).toMatchObject({ matter: { id: 2012 }, decisions: { matter: 'most recently active matter of Walker, Ethan (117), closed ones included: 2012 (Closed)' } });
		fx.sandbox.reset();
		const [open] = await log([ethan()], logCallParams({ matterMode: 'mostRecent' }));
		expect(open).toMatchObject({ matter: null, decisions: { matter: 'none: Walker, Ethan (117) has no open matter' } });
		fx.sandbox.reset();
		const [only] = await log([ethan()], logCallParams({ matterMode: 'onlyOpen' }));
		expect(only).toMatchObject({ matter: null, decisions: { matter: 'none: Walker, Ethan (117) has no open matter' } });
	});

	test('bad value: an unknown matter policy fails naming the field, with no request', async () => {
		expect(await fails(logCallParams({ matterMode: 'latest' }))).toBe('matterMode must be one of given, mostRecent, onlyOpen, mostRecentAny, none, got "latest" (item 0)');
	});
});

describe('time entry held for review', () => {
	const billed = (timeEntryOptions: IDataObject = {}) =>
		logCallParams({ matterMode: 'given', matter: rl('2002'), createTimeEntry: true, timeEntryOptions: timeEntryOptions as INodeParameters });

	test('Hold for Review: created non-billable, its description saying it awaits review; decisions say so', async () => {
		const [out] = await log([ringCentralInbound()], billed({ holdForReview: true }));
		expect(posted(fx.sandbox, 'timeentries')).toMatchObject({
			isBillable: 'F',
			billableHours: 0.2,
			description: 'Awaiting review (logged non-billable by n8n): Phone call from Thompson, Sarah (Call completed)',
		});
		expect(String((out.decisions as IDataObject).timeEntry)).toBe('created: 361 s → 0.2 h billable (rounded up to 6-minute units); held for review: non-billable until someone approves it');
	});

	test('the default bills now', async () => {
		await log([ringCentralInbound()], billed());
		expect(posted(fx.sandbox, 'timeentries')).toMatchObject({ isBillable: 'T', description: 'Phone call from Thompson, Sarah (Call completed)' });
	});

	test('bad value: Hold for Review that is not a boolean fails naming it, with no request', async () => {
		expect(await fails(billed({ holdForReview: 'later' }))).toBe('holdForReview must be true or false, got "later" (item 0)');
	});
});
