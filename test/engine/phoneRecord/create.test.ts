/** Phone Record → Create, run in n8n's engine against the sandbox. */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { runNode } from '../../harness/engine';
import { openSandbox } from '../../harness/sandbox';
import type { SandboxFixture } from '../../harness/sandbox';
import { logOf, rl } from '../../harness/workflow';

let fx: SandboxFixture;
beforeAll(async () => (fx = await openSandbox()));
afterAll(async () => fx.sandbox.close());
beforeEach(() => fx.sandbox.reset());

const MATTER_URL = 'https://go.actionstep.com/mym/asfw/workflow/action/overview/action_id/2001';

function createParams(overrides: INodeParameters = {}): INodeParameters {
	return {
		resource: 'phoneRecord',
		operation: 'create',
		direction: 'out',
		callTimestamp: '2026-03-02T09:30:00',
		outcome: 'Call completed',
		fromType: 'participant',
		fromParticipant: rl('101'),
		toType: 'participant',
		toParticipant: rl('105'),
		matter: rl('2001'),
		...overrides,
	};
}

function postedBody(index = 0): IDataObject {
	const posts = logOf(fx.sandbox, 'phonerecords', 'POST');
	return (posts[index].body as { phonerecords: IDataObject }).phonerecords;
}

describe('participants on both sides', () => {
	test('both sides as participant ids, matter by id, 900 s → 0.25 h, Sydney local time gets +11:00', async () => {
		const before = fx.sandbox.store.count('phonerecords');
		const result = await runNode({
			parameters: createParams({ additionalFields: { durationSeconds: 900, phoneNumber: '+61 2 9876 5432', notes: 'Settlement date' } }),
			credential: fx.credential,
			timezone: 'Australia/Sydney',
		});
		expect(result.error).toBeUndefined();
		expect(result.success).toHaveLength(1);

		expect(postedBody()).toEqual({
			direction: 'out',
			callTimestamp: '2026-03-02T09:30:00+11:00',
			outcome: 'Call completed',
			phoneNumber: '+61 2 9876 5432',
			actualHours: 0.25,
			notes: 'Settlement date',
			links: { action: 2001, fromParticipant: 101, toParticipant: 105 },
		});
		const posts = logOf(fx.sandbox, 'phonerecords', 'POST');
		expect(posts).toHaveLength(1);
		expect(posts[0].status).toBe(200);
		expect(posts[0].headers.contentType).toMatch(/application\/vnd\.api\+json/);

		const item = result.success[0];
		expect(item.pairedItem).toEqual({ item: 0 });
		const id = item.json.id as number;
		expect(typeof id).toBe('number');
		expect(item.json).toMatchObject({
			direction: 'out',
			callTimestamp: '2026-03-02T09:30:00+11:00',
			actualHours: 0.25,
			fromParticipantOther: null,
			toParticipantOther: null,
			links: { action: 2001, fromParticipant: 101, toParticipant: 105 },
		});

		expect(fx.sandbox.store.count('phonerecords')).toBe(before + 1);
		expect(fx.sandbox.store.get('phonerecords', id)).toMatchObject({
			direction: 'out',
			callTimestamp: '2026-03-02T09:30:00+11:00',
			outcome: 'Call completed',
			actualHours: 0.25,
			phoneNumber: '+61 2 9876 5432',
			links: { action: 2001, fromParticipant: 101, toParticipant: 105 },
		});
	});

	test('matter by URL and from the list mode both send links.action 2001', async () => {
		const queryStyleUrl = 'https://go.actionstep.com/frontend/application/action/overview?action_id=2001&tab=phone';
		for (const matter of [rl(MATTER_URL, 'url'), rl(queryStyleUrl, 'url'), rl('2001', 'list')]) {
			fx.sandbox.clearLog();
			const result = await runNode({ parameters: createParams({ matter }), credential: fx.credential });
			expect(result.error).toBeUndefined();
			expect((postedBody().links as IDataObject).action).toBe(2001);
			expect(fx.sandbox.store.get('phonerecords', result.success[0].json.id as number)?.links.action).toBe(2001);
		}
	});

	test('participants from the list mode', async () => {
		const result = await runNode({
			parameters: createParams({ fromParticipant: rl('102', 'list'), toParticipant: rl('106', 'list') }),
			credential: fx.credential,
		});
		expect(result.error).toBeUndefined();
		expect(postedBody().links).toEqual({ action: 2001, fromParticipant: 102, toParticipant: 106 });
	});

	test('no matter: the body has no links.action and the record has none', async () => {
		const result = await runNode({ parameters: createParams({ matter: rl('', 'list') }), credential: fx.credential });
		expect(result.error).toBeUndefined();
		expect(postedBody().links).toEqual({ fromParticipant: 101, toParticipant: 105 });
		expect(fx.sandbox.store.get('phonerecords', result.success[0].json.id as number)?.links.action).toBeNull();
	});
});

test('matter left out of the saved parameters (its default): no links.action', async () => {
	const { matter: _omitted, ...parameters } = createParams();
	const result = await runNode({ parameters, credential: fx.credential });
	expect(result.error).toBeUndefined();
	expect(postedBody().links).toEqual({ fromParticipant: 101, toParticipant: 105 });
});

describe('names not in Actionstep', () => {
	test('both sides as free-text names send the *ParticipantOther fields and no participant links', async () => {
		const result = await runNode({
			parameters: createParams({
				direction: 'in',
				fromType: 'other',
				fromParticipantOther: 'Mark Jones (insurer)',
				toType: 'other',
				toParticipantOther: 'Front desk',
				outcome: 'Left message',
			}),
			credential: fx.credential,
		});
		expect(result.error).toBeUndefined();
		expect(postedBody()).toEqual({
			direction: 'in',
			callTimestamp: '2026-03-02T09:30:00+11:00',
			outcome: 'Left message',
			fromParticipantOther: 'Mark Jones (insurer)',
			toParticipantOther: 'Front desk',
			links: { action: 2001 },
		});
		const stored = fx.sandbox.store.get('phonerecords', result.success[0].json.id as number);
		expect(stored).toMatchObject({
			fromParticipantOther: 'Mark Jones (insurer)',
			toParticipantOther: 'Front desk',
			links: { action: 2001, fromParticipant: null, toParticipant: null },
		});
	});

	test('one side a participant, the other a name', async () => {
		const result = await runNode({
			parameters: createParams({ toType: 'other', toParticipantOther: 'Registry, Fair Work Commission' }),
			credential: fx.credential,
		});
		expect(result.error).toBeUndefined();
		expect(postedBody()).toMatchObject({
			toParticipantOther: 'Registry, Fair Work Commission',
			links: { action: 2001, fromParticipant: 101 },
		});
		expect(postedBody()).not.toHaveProperty('fromParticipantOther');
		expect(postedBody().links).not.toHaveProperty('toParticipant');
	});
});

describe('duration and time', () => {
	test('actualHours wins over durationSeconds; 7 minutes of seconds is 0.12 h', async () => {
		await runNode({ parameters: createParams({ additionalFields: { actualHours: 1.5, durationSeconds: 900 } }), credential: fx.credential });
		expect(postedBody(0).actualHours).toBe(1.5);
		await runNode({ parameters: createParams({ additionalFields: { durationSeconds: 420 } }), credential: fx.credential });
		expect(postedBody(1).actualHours).toBe(0.12);
	});

	test('a time with an offset keeps its offset; a Sydney winter time gets +10:00; another zone its own', async () => {
		await runNode({ parameters: createParams({ callTimestamp: '2026-03-02T09:30:00+05:30' }), credential: fx.credential });
		expect(postedBody(0).callTimestamp).toBe('2026-03-02T09:30:00+05:30');
		await runNode({ parameters: createParams({ callTimestamp: '2026-07-01T14:00:00' }), credential: fx.credential });
		expect(postedBody(1).callTimestamp).toBe('2026-07-01T14:00:00+10:00');
		await runNode({
			parameters: createParams({ callTimestamp: '2026-07-01T14:00:00' }),
			credential: fx.credential,
			timezone: 'Europe/London',
		});
		expect(postedBody(2).callTimestamp).toBe('2026-07-01T14:00:00+01:00');
		await runNode({ parameters: createParams({ callTimestamp: '2026-03-02T09:30:00Z' }), credential: fx.credential });
		expect(postedBody(3).callTimestamp).toBe('2026-03-02T09:30:00+00:00');
	});
});

describe('call times from expressions and around daylight saving', () => {
	test.each<[string, string]>([
		['2026-10-04T02:30:00', '2026-10-04T03:30:00+11:00'], // Sydney skips 02:00–03:00: moved forward
		['2026-04-05T02:30:00', '2026-04-05T02:30:00+10:00'], // 02:00–03:00 happens twice: the later (standard) one
		['2026-03-02 09:30', '2026-03-02T09:30:00+11:00'],
		['2026-03-02T09:30:00.123+11:00', '2026-03-02T09:30:00+11:00'],
		['={{ DateTime.fromISO("2026-03-02T09:30:00", { zone: "Europe/London" }) }}', '2026-03-02T09:30:00+00:00'],
		['={{ new Date("2026-03-02T09:30:00Z") }}', '2026-03-02T09:30:00+00:00'],
	])('%s → %s', async (given, sent) => {
		const result = await runNode({ parameters: createParams({ callTimestamp: given }), credential: fx.credential });
		expect(result.error).toBeUndefined();
		expect(postedBody().callTimestamp).toBe(sent);
		expect(fx.sandbox.store.get('phonerecords', result.success[0].json.id as number)?.callTimestamp).toBe(sent);
	});
});

describe('values from expressions over input items', () => {
	test('each input item makes its own record from its own values, paired to it', async () => {
		const items = [
			{ dir: 'Inbound', callTime: '2026-03-02T09:30:00', who: 'Westpac Home Loans', secs: 900, outcome: 'Call completed' },
			{ dir: 'outgoing', callTime: '2026-03-03T16:05:00+11:00', who: 'Dr Helen Park', secs: 61, outcome: 'No answer' },
		];
		const result = await runNode({
			parameters: createParams({
				direction: '={{ $json.dir }}',
				callTimestamp: '={{ $json.callTime }}',
				outcome: '={{ $json.outcome }}',
				fromType: 'other',
				fromParticipantOther: '={{ $json.who }}',
				toParticipant: rl('={{ 100 + $itemIndex + 1 }}'),
				additionalFields: { durationSeconds: '={{ $json.secs }}' },
			}),
			items,
			credential: fx.credential,
		});
		expect(result.error).toBeUndefined();
		expect(result.success.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		expect(postedBody(0)).toEqual({
			direction: 'in',
			callTimestamp: '2026-03-02T09:30:00+11:00',
			outcome: 'Call completed',
			fromParticipantOther: 'Westpac Home Loans',
			actualHours: 0.25,
			links: { action: 2001, toParticipant: 101 },
		});
		expect(postedBody(1)).toEqual({
			direction: 'out',
			callTimestamp: '2026-03-03T16:05:00+11:00',
			outcome: 'No answer',
			fromParticipantOther: 'Dr Helen Park',
			actualHours: 0.02,
			links: { action: 2001, toParticipant: 102 },
		});
		const [first, second] = result.success.map((i) => fx.sandbox.store.get('phonerecords', i.json.id as number));
		expect(first?.fromParticipantOther).toBe('Westpac Home Loans');
		expect(second?.links.toParticipant).toBe(102);
	});
});

describe('validation: the item fails naming the field and no request is sent', () => {
	// Values arrive from the input item through expressions, as they do from a phone system: n8n's own
	// "required" and RL-regex checks skip expressions, so these reach the node's validation.
	const fromItem = (name: string) => `={{ $json.${name} }}`;
	const cases: Array<[string, INodeParameters, IDataObject, RegExp]> = [
		['missing direction', { direction: fromItem('v') }, {}, /^direction is required \(item 0\)$/],
		['empty direction', { direction: fromItem('v') }, { v: '' }, /^direction is required \(item 0\)$/],
		['bad direction', { direction: fromItem('v') }, { v: 'sideways' }, /^direction must be "in" or "out", got "sideways" \(item 0\)$/],
		['missing callTimestamp', { callTimestamp: fromItem('v') }, {}, /^callTimestamp is required \(item 0\)$/],
		['unparseable callTimestamp', { callTimestamp: fromItem('v') }, { v: 'yesterday at 3' }, /^callTimestamp "yesterday at 3" is not an ISO 8601 date and time .* \(item 0\)$/],
		['impossible date', { callTimestamp: fromItem('v') }, { v: '2026-02-30T10:00:00' }, /^callTimestamp "2026-02-30T10:00:00" is not a real date and time \(item 0\)$/],
		['impossible date with offset', { callTimestamp: fromItem('v') }, { v: '2026-02-30T10:00:00+11:00' }, /^callTimestamp "2026-02-30T10:00:00\+11:00" is not a real date and time \(item 0\)$/],
		['impossible hour', { callTimestamp: fromItem('v') }, { v: '2026-03-02T24:30:00' }, /^callTimestamp .*not a real date and time \(item 0\)$/],
		['missing outcome', { outcome: fromItem('v') }, {}, /^outcome is required \(item 0\)$/],
		['blank outcome', { outcome: '   ' }, {}, /^outcome is required \(item 0\)$/],
		['empty from participant id', { fromParticipant: rl(fromItem('v')) }, { v: '' }, /^fromParticipant is required \(item 0\)$/],
		['non-numeric to participant id', { toParticipant: rl(fromItem('v')) }, { v: 'abc' }, /^toParticipant must be a numeric Actionstep ID, got "abc" \(item 0\)$/],
		['zero participant id', { toParticipant: rl(fromItem('v')) }, { v: '0' }, /^toParticipant must be a numeric Actionstep ID, got "0" \(item 0\)$/],
		['empty from name', { fromType: 'other', fromParticipantOther: fromItem('v') }, { v: '' }, /^fromParticipantOther is required \(item 0\)$/],
		['blank to name', { toType: 'other', toParticipantOther: '  ' }, {}, /^toParticipantOther is required \(item 0\)$/],
		['negative duration', { additionalFields: { durationSeconds: -5 } }, {}, /^durationSeconds must not be negative, got -5 \(item 0\)$/],
		['NaN duration', { additionalFields: { durationSeconds: '={{ Number("x") }}' } }, {}, /^durationSeconds must be a number, got NaN \(item 0\)$/],
		['text duration', { additionalFields: { durationSeconds: fromItem('v') } }, { v: 'ten minutes' }, /^durationSeconds must be a number, got "ten minutes" \(item 0\)$/],
		['negative hours', { additionalFields: { actualHours: -0.5 } }, {}, /^actualHours must not be negative, got -0.5 \(item 0\)$/],
		['non-numeric matter id', { matter: rl(fromItem('v')) }, { v: '20x1' }, /^matter must be a numeric Actionstep ID, got "20x1" \(item 0\)$/],
		['matter URL without an action_id (n8n extracts the id and refuses)', { matter: rl(fromItem('v'), 'url') }, { v: 'https://go.actionstep.com/mym/asfw/workflow/action/overview' }, /Matter parameter's value is invalid/],
		['notes with control characters', { additionalFields: { notes: fromItem('v') } }, { v: 'bell\u0007here' }, /^notes contains control characters \(item 0\)$/],
		['phone number with a line break', { additionalFields: { phoneNumber: fromItem('v') } }, { v: '0298\n765432' }, /^phoneNumber must be one line without control characters \(item 0\)$/],
	];

	test.each(cases)('%s', async (_name, overrides, json, message) => {
		const before = fx.sandbox.store.count('phonerecords');
		const result = await runNode({ parameters: createParams(overrides), items: [json], credential: fx.credential });
		expect(result.success).toHaveLength(0);
		expect(result.error?.message).toMatch(message);
		expect(fx.sandbox.requests()).toHaveLength(0);
		expect(fx.sandbox.store.count('phonerecords')).toBe(before);
	});

	test('the item number is the failing item\'s own: item 2 of 3 fails, and only items 0 and 1 were sent', async () => {
		const result = await runNode({
			parameters: createParams({ callTimestamp: fromItem('at') }),
			items: [{ at: '2026-03-02T09:30:00' }, { at: '2026-03-02T10:30:00' }, { at: '2026-13-02T10:30:00' }],
			credential: fx.credential,
		});
		expect(result.error?.message).toBe('callTimestamp "2026-13-02T10:30:00" is not a real date and time (item 2)');
		expect(logOf(fx.sandbox, 'phonerecords', 'POST').map((r) => (r.body as { phonerecords: IDataObject }).phonerecords.callTimestamp)).toEqual([
			'2026-03-02T09:30:00+11:00',
			'2026-03-02T10:30:00+11:00',
		]);
	});

	test('the error description says no request was sent', async () => {
		const result = await runNode({ parameters: createParams({ direction: 'sideways' }), credential: fx.credential });
		expect(result.error?.description).toBe('Fix "direction" for this item; no request was sent for it.');
		expect(fx.sandbox.requests()).toHaveLength(0);
	});

	test('literal empty required values and non-numeric literal ids are stopped by n8n itself before the node runs', async () => {
		for (const overrides of [{ direction: '' }, { callTimestamp: '' }, { outcome: '' }, { toParticipant: rl('abc') }, { matter: rl('2001x') }]) {
			await expect(runNode({ parameters: createParams(overrides), credential: fx.credential })).rejects.toThrow(/node has issues/);
		}
		expect(fx.sandbox.requests()).toHaveLength(0);
	});
});
