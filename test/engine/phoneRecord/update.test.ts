/** Phone Record → Update, run in n8n's engine against the sandbox: only the given fields are sent. */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { runNode } from '../../harness/engine';
import { openSandbox } from '../../harness/sandbox';
import type { SandboxFixture } from '../../harness/sandbox';
import { logOf, rl } from '../../harness/workflow';

let fx: SandboxFixture;
beforeAll(async () => (fx = await openSandbox()));
afterAll(async () => fx.sandbox.close());
beforeEach(() => fx.sandbox.reset());

function update(phoneRecordId: string, updateFields: INodeParameters): INodeParameters {
	return { resource: 'phoneRecord', operation: 'update', phoneRecordId, updateFields };
}

function putBodies(): IDataObject[] {
	return logOf(fx.sandbox, 'phonerecords', 'PUT').map((r) => (r.body as { phonerecords: IDataObject }).phonerecords);
}

test('only the given fields are sent, and only they change', async () => {
	const before = fx.sandbox.store.get('phonerecords', 5001)!;
	const result = await runNode({
		parameters: update('5001', { outcome: 'Left message', notes: 'Call back on Tuesday', actualHours: 0.4 }),
		credential: fx.credential,
	});
	expect(result.error).toBeUndefined();
	expect(putBodies()).toEqual([{ outcome: 'Left message', notes: 'Call back on Tuesday', actualHours: 0.4 }]);
	const put = logOf(fx.sandbox, 'phonerecords', 'PUT')[0];
	expect(put.path).toBe('/api/rest/phonerecords/5001');
	expect(put.status).toBe(200);

	const after = fx.sandbox.store.get('phonerecords', 5001)!;
	expect(after).toEqual({ ...before, outcome: 'Left message', notes: 'Call back on Tuesday', actualHours: 0.4 });
	expect(result.success).toEqual([
		{
			json: { ...before, outcome: 'Left message', notes: 'Call back on Tuesday', actualHours: 0.4 },
			pairedItem: { item: 0 },
		},
	]);
});

test('a bare local call time is sent with the workflow zone offset; direction words are normalised', async () => {
	await runNode({
		parameters: update('5002', { callTimestamp: '2026-06-15 08:00', direction: 'Outbound' }),
		credential: fx.credential,
	});
	expect(putBodies()).toEqual([{ direction: 'out', callTimestamp: '2026-06-15T08:00:00+10:00' }]);
	expect(fx.sandbox.store.get('phonerecords', 5002)).toMatchObject({ direction: 'out', callTimestamp: '2026-06-15T08:00:00+10:00' });
});

test('setting fromParticipant clears fromParticipantOther', async () => {
	expect(fx.sandbox.store.get('phonerecords', 5003)?.fromParticipantOther).toBe("Mark Jones (Coastal Builders' insurer)");
	const result = await runNode({ parameters: update('5003', { fromParticipant: rl('106') }), credential: fx.credential });
	expect(result.error).toBeUndefined();
	expect(putBodies()).toEqual([{ fromParticipantOther: '', links: { fromParticipant: 106 } }]);
	expect(fx.sandbox.store.get('phonerecords', 5003)).toMatchObject({
		fromParticipantOther: '',
		links: { action: 2002, fromParticipant: 106, toParticipant: 102 },
	});
	expect(result.success[0].json).toMatchObject({ fromParticipantOther: '', links: { fromParticipant: 106 } });
});

test('setting toParticipantOther clears the to participant', async () => {
	await runNode({ parameters: update('5001', { toParticipantOther: 'Reception, Westpac' }), credential: fx.credential });
	expect(putBodies()).toEqual([{ toParticipantOther: 'Reception, Westpac', links: { toParticipant: null } }]);
	expect(fx.sandbox.store.get('phonerecords', 5001)).toMatchObject({
		toParticipantOther: 'Reception, Westpac',
		links: { action: 2001, fromParticipant: 101, toParticipant: null },
	});
});

test('the matter by URL and participants from the list mode are unwrapped to ids', async () => {
	await runNode({
		parameters: update('5010', {
			matter: rl('https://go.actionstep.com/mym/asfw/workflow/action/overview/action_id/2003', 'url'),
			toParticipant: rl('107', 'list'),
		}),
		credential: fx.credential,
	});
	expect(putBodies()).toEqual([{ toParticipantOther: '', links: { action: 2003, toParticipant: 107 } }]);
	expect(fx.sandbox.store.get('phonerecords', 5010)?.links).toEqual({ action: 2003, fromParticipant: null, toParticipant: 107 });
});

describe('no request is sent when', () => {
	test.each<[string, INodeParameters, string]>([
		['Update Fields is empty', {}, 'updateFields is empty: add at least one field to update (item 0)'],
		[
			'a side is given both as a participant and as a name',
			{ fromParticipant: rl('106'), fromParticipantOther: 'Someone' },
			'fromParticipantOther cannot be set together with fromParticipant: a side of the call is either a participant or a name (item 0)',
		],
		['the direction is wrong', { direction: '={{ "sideways" }}' }, 'direction must be "in" or "out", got "sideways" (item 0)'],
		['the call time is impossible', { callTimestamp: '2026-02-29T10:00:00' }, 'callTimestamp "2026-02-29T10:00:00" is not a real date and time (item 0)'],
		['the outcome is blanked', { outcome: '' }, 'outcome is required (item 0)'],
		['the matter id is not numeric', { matter: rl('={{ "x1" }}') }, 'matter must be a numeric Actionstep ID, got "x1" (item 0)'],
		['notes hold control characters', { notes: 'a\u0000b' }, 'notes contains control characters (item 0)'],
	])('%s', async (_name, fields, message) => {
		const before = fx.sandbox.store.get('phonerecords', 5001);
		const result = await runNode({ parameters: update('5001', fields), credential: fx.credential });
		expect(result.error?.message).toBe(message);
		expect(fx.sandbox.requests()).toHaveLength(0);
		expect(fx.sandbox.store.get('phonerecords', 5001)).toEqual(before);
	});
});

test('updating a missing record fails with 404', async () => {
	const result = await runNode({ parameters: update('999999', { outcome: 'x' }), credential: fx.credential });
	expect(result.error?.message).toMatch(/^Not found in Actionstep: phonerecords\/999999/);
	expect(result.error?.httpCode).toBe('404');
});
