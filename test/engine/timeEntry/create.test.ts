/** Time Entry → Create, run in n8n's engine against the sandbox. */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { runNode, sandboxCredential } from '../../harness/engine';
import { openSandbox } from '../../harness/sandbox';
import type { SandboxFixture } from '../../harness/sandbox';
import { logOf, rl } from '../../harness/workflow';

let fx: SandboxFixture;
beforeAll(async () => (fx = await openSandbox()));
afterAll(async () => fx.sandbox.close());
beforeEach(() => fx.sandbox.reset());

function create(timestampDate: string, actualHours: number | string, additionalFields: INodeParameters = {}): INodeParameters {
	return { resource: 'timeEntry', operation: 'create', timestampDate, actualHours, additionalFields };
}

const posted = () => logOf(fx.sandbox, 'timeentries', 'POST').map((r) => (r.body as { timeentries: IDataObject }).timeentries);

test('owner and creator default to the connected user; every given field is sent as Actionstep names it', async () => {
	const before = fx.sandbox.store.count('timeentries');
	const result = await runNode({
		parameters: create('2026-03-02', 1.25, {
			matter: rl('2002'),
			description: 'Drafting the defence',
			billableHours: 1,
			isBillable: true,
			phoneRecord: '5002',
		}),
		credential: fx.credential,
	});
	expect(result.error).toBeUndefined();
	expect(posted()).toEqual([
		{
			timestampDate: '2026-03-02T00:00:00+11:00',
			actualHours: 1.25,
			billableHours: 1,
			description: 'Drafting the defence',
			isBillable: 'T',
			links: { action: 2002, phoneRecord: 5002, owner: 101, createdBy: 101 },
		},
	]);
	expect(logOf(fx.sandbox).map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual([
		'GET /api/rest/users/current 200',
		'POST /api/rest/timeentries 200',
	]);
	expect(fx.sandbox.store.count('timeentries')).toBe(before + 1);
	const item = result.success[0];
	expect(item.pairedItem).toEqual({ item: 0 });
	expect(fx.sandbox.store.get('timeentries', item.json.id as number)).toMatchObject({
		timestampDate: '2026-03-02T00:00:00+11:00',
		actualHours: 1.25,
		billableHours: 1,
		description: 'Drafting the defence',
		isBillable: 'T',
		links: { action: 2002, phoneRecord: 5002, owner: 101, createdBy: 101 },
	});
	expect(item.json).toMatchObject({ actualHours: 1.25, links: { action: 2002, phoneRecord: 5002, owner: 101, createdBy: 101 } });
});

test('a given owner is kept; the creator is still the connected user', async () => {
	const james = sandboxCredential(fx.sandbox.url, (await fx.sandbox.issueToken({ userId: 2 })) as unknown as IDataObject, fx.sandbox);
	const result = await runNode({ parameters: create('2026-03-02T15:00:00+10:00', 0.5, { owner: '104', matter: rl('2010', 'list') }), credential: james });
	expect(result.error).toBeUndefined();
	expect(posted()[0]).toEqual({ timestampDate: '2026-03-02T15:00:00+10:00', actualHours: 0.5, links: { owner: 104, action: 2010, createdBy: 102 } });
	expect(fx.sandbox.store.get('timeentries', result.success[0].json.id as number)?.links).toEqual({ action: 2010, owner: 104, createdBy: 102, phoneRecord: null });
});

test('values from expressions per item, users/current asked once', async () => {
	const result = await runNode({
		parameters: create('={{ $json.day }}', '={{ $json.hours }}', { matter: rl('={{ $json.matter }}'), description: '={{ $json.what }}' }),
		items: [
			{ day: '2026-04-01', hours: 0.3, matter: '2001', what: 'Letter to client' },
			{ day: '2026-04-02', hours: '1.5', matter: 2004, what: 'Conference' },
		],
		credential: fx.credential,
	});
	expect(result.error).toBeUndefined();
	expect(posted().map((b) => [b.timestampDate, b.actualHours, (b.links as IDataObject).action, b.description])).toEqual([
		['2026-04-01T00:00:00+11:00', 0.3, 2001, 'Letter to client'],
		['2026-04-02T00:00:00+11:00', 1.5, 2004, 'Conference'],
	]);
	expect(result.success.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
	expect(logOf(fx.sandbox, 'users')).toHaveLength(1);
});

describe('required and invalid fields fail with no request (not even users/current)', () => {
	test.each<[string, INodeParameters, IDataObject, string]>([
		['missing date', create('={{ $json.day }}', 1), {}, 'timestampDate is required (item 0)'],
		['impossible date', create('={{ $json.day }}', 1), { day: '2026-02-30' }, 'timestampDate "2026-02-30" is not a real date and time (item 0)'],
		['missing hours', create('2026-03-02', '={{ $json.hours }}'), {}, 'actualHours is required (item 0)'],
		['negative hours', create('2026-03-02', -1), {}, 'actualHours must not be negative, got -1 (item 0)'],
		['text hours', create('2026-03-02', '={{ "an hour" }}'), {}, 'actualHours must be a number, got "an hour" (item 0)'],
		['non-numeric owner', create('2026-03-02', 1, { owner: 'Emma' }), {}, 'owner must be a numeric Actionstep ID, got "Emma" (item 0)'],
		['non-numeric matter', create('2026-03-02', 1, { matter: rl('={{ "SMI-2024-001" }}') }), {}, 'matter must be a numeric Actionstep ID, got "SMI-2024-001" (item 0)'],
		['non-numeric phone record', create('2026-03-02', 1, { phoneRecord: 'call 5' }), {}, 'phoneRecord must be a numeric Actionstep ID, got "call 5" (item 0)'],
	])('%s', async (_name, parameters, json, message) => {
		const before = fx.sandbox.store.count('timeentries');
		const result = await runNode({ parameters, items: [json], credential: fx.credential });
		expect(result.error?.message).toBe(message);
		expect(fx.sandbox.requests()).toHaveLength(0);
		expect(fx.sandbox.store.count('timeentries')).toBe(before);
	});
});

test("Actionstep's own refusal (an owner who is not a user) comes back with its detail", async () => {
	const result = await runNode({ parameters: create('2026-03-02', 1, { owner: '105' }), credential: fx.credential });
	expect(result.error?.message).toBe(
		'Actionstep refused POST timeentries: links.owner must be the participant id of an Actionstep user; participant 105 is not a user.',
	);
	expect(result.error?.httpCode).toBe('400');
});
