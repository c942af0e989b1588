/**
 * Failed items and pairing, in n8n's engine against the sandbox: "Continue (using error output)",
 * "Continue" (regular output) and "Stop" (the default), and pairedItem on every output item of every
 * operation.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { runNode } from './../harness/engine';
import { openSandbox } from './../harness/sandbox';
import type { SandboxFixture } from './../harness/sandbox';
import { logOf, rl } from './../harness/workflow';

let fx: SandboxFixture;
beforeAll(async () => (fx = await openSandbox()));
afterAll(async () => fx.sandbox.close());
beforeEach(() => fx.sandbox.reset());

/** Three calls to log; the second has a direction no phone system would send. */
const CALLS: IDataObject[] = [
	{ direction: 'in', at: '2026-03-02T09:30:00', who: 'Caller zero' },
	{ direction: 'sideways', at: '2026-03-02T10:30:00', who: 'Caller one' },
	{ direction: 'out', at: '2026-03-02T11:30:00', who: 'Caller two' },
];

const createFromItems: INodeParameters = {
	resource: 'phoneRecord',
	operation: 'create',
	direction: '={{ $json.direction }}',
	callTimestamp: '={{ $json.at }}',
	outcome: 'Call completed',
	fromType: 'other',
	fromParticipantOther: '={{ $json.who }}',
	toType: 'participant',
	toParticipant: rl('101'),
	matter: rl('2001'),
};

const ITEM_1_ERROR = {
	error: 'direction must be "in" or "out", got "sideways" (item 1)',
	details: 'Fix "direction" for this item; no request was sent for it.',
};

const postedNames = () =>
	logOf(fx.sandbox, 'phonerecords', 'POST').map((r) => (r.body as { phonerecords: IDataObject }).phonerecords.fromParticipantOther);

test('Continue (using error output): items 0 and 2 succeed, item 1 goes to the error output, and nothing was sent for it', async () => {
	const before = fx.sandbox.store.count('phonerecords');
	const result = await runNode({ parameters: createFromItems, items: CALLS, credential: fx.credential, onError: 'continueErrorOutput' });
	expect(result.error).toBeUndefined();

	expect(result.success.map((i) => [i.json.fromParticipantOther, i.json.direction, i.pairedItem])).toEqual([
		['Caller zero', 'in', { item: 0 }],
		['Caller two', 'out', { item: 2 }],
	]);
	expect(result.errors).toHaveLength(1);
	expect(result.errors[0].json).toEqual(ITEM_1_ERROR);
	expect(Object.keys(result.errors[0].json).every((k) => ['error', 'message', 'details'].includes(k))).toBe(true);
	expect(result.errors[0].pairedItem).toEqual({ item: 1 });

	expect(postedNames()).toEqual(['Caller zero', 'Caller two']);
	expect(fx.sandbox.store.count('phonerecords')).toBe(before + 2);
	const stored = result.success.map((i) => fx.sandbox.store.get('phonerecords', i.json.id as number)?.fromParticipantOther);
	expect(stored).toEqual(['Caller zero', 'Caller two']);
});

test('Continue (regular output): the error item stays on the main output, in order', async () => {
	const result = await runNode({ parameters: createFromItems, items: CALLS, credential: fx.credential, onError: 'continueRegularOutput' });
	expect(result.error).toBeUndefined();
	expect(result.errors).toEqual([]);
	expect(result.success).toHaveLength(3);
	expect(result.success.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
	expect(result.success[0].json.fromParticipantOther).toBe('Caller zero');
	expect(result.success[1].json).toEqual(ITEM_1_ERROR);
	expect(result.success[2].json.fromParticipantOther).toBe('Caller two');
	expect(postedNames()).toEqual(['Caller zero', 'Caller two']);
});

test('Stop (the default): the execution fails naming the item, with no output; nothing was sent for the bad item', async () => {
	const result = await runNode({ parameters: createFromItems, items: CALLS, credential: fx.credential });
	expect(result.success).toEqual([]);
	expect(result.errors).toEqual([]);
	expect(result.error?.message).toBe(ITEM_1_ERROR.error);
	expect(result.error?.description).toBe(ITEM_1_ERROR.details);
	expect(result.error?.context?.itemIndex).toBe(1);
	// Items run several at a time: those already in flight (0, and 2 here) finish; item 1 never reaches Actionstep.
	expect(postedNames()).toContain('Caller zero');
	expect(postedNames()).not.toContain('Caller one');
});

test('Stop with many items: items not yet started when one fails are not run', async () => {
	const items = Array.from({ length: 12 }, (_, n) => ({ direction: n === 1 ? 'sideways' : 'in', at: '2026-03-02T09:30:00', who: `Caller ${n}` }));
	const result = await runNode({ parameters: createFromItems, items, credential: fx.credential });
	expect(result.error?.message).toBe(ITEM_1_ERROR.error);
	const sent = postedNames();
	expect(sent).not.toContain('Caller 1');
	expect(sent.length).toBeLessThan(11);
	expect(sent).not.toContain('Caller 11');
});

test('an API failure of one item (404) goes to the error output with its message; the others succeed', async () => {
	const result = await runNode({
		parameters: { resource: 'phoneRecord', operation: 'get', phoneRecordId: '={{ $json.id }}' },
		items: [{ id: 5001 }, { id: 777777 }, { id: 5002 }],
		credential: fx.credential,
		onError: 'continueErrorOutput',
	});
	expect(result.success.map((i) => [i.json.id, i.pairedItem])).toEqual([
		[5001, { item: 0 }],
		[5002, { item: 2 }],
	]);
	expect(result.errors).toHaveLength(1);
	expect(result.errors[0].pairedItem).toEqual({ item: 1 });
	expect(result.errors[0].json.error).toBe('Not found in Actionstep: phonerecords/777777: No phonerecords with id 777777.');
	expect(Object.keys(result.errors[0].json).every((k) => ['error', 'message', 'details'].includes(k))).toBe(true);
	expect(logOf(fx.sandbox).map((r) => r.status)).toEqual([200, 404, 200]);
});

test('Stop on an API failure: the execution error carries the item index and the HTTP code', async () => {
	const result = await runNode({
		parameters: { resource: 'timeEntry', operation: 'get', timeEntryId: '={{ $json.id }}' },
		items: [{ id: 7001 }, { id: 7999 }],
		credential: fx.credential,
	});
	expect(result.error?.message).toMatch(/^Not found in Actionstep: timeentries\/7999/);
	expect(result.error?.context?.itemIndex).toBe(1);
	expect(result.error?.httpCode).toBe('404');
});

describe('every output item is paired with its input item', () => {
	const two = [{ n: 0 }, { n: 1 }];
	const cases: Array<[string, INodeParameters, IDataObject[]?]> = [
		['phoneRecord create', { ...createFromItems, direction: 'in', callTimestamp: '2026-03-02T09:30:00', fromParticipantOther: '={{ "Caller " + $json.n }}' }],
		['phoneRecord get', { resource: 'phoneRecord', operation: 'get', phoneRecordId: '={{ 5001 + $json.n }}' }],
		['phoneRecord getMany', { resource: 'phoneRecord', operation: 'getMany', returnAll: true, filters: { matterId: '={{ 2001 + $json.n }}' } }],
		['phoneRecord update', { resource: 'phoneRecord', operation: 'update', phoneRecordId: '={{ 5001 + $json.n }}', updateFields: { outcome: 'Updated' } }],
		['phoneRecord delete', { resource: 'phoneRecord', operation: 'delete', phoneRecordId: '={{ 5004 + $json.n }}' }],
		['phoneRecord linkTimeEntry', { resource: 'phoneRecord', operation: 'linkTimeEntry', phoneRecordId: '={{ 5004 + $json.n }}', timeEntryMode: 'create' }],
		['phoneRecord unlinkTimeEntry', { resource: 'phoneRecord', operation: 'unlinkTimeEntry', timeEntryId: '={{ 7001 + $json.n }}' }],
		['timeEntry create', { resource: 'timeEntry', operation: 'create', timestampDate: '2026-03-02', actualHours: '={{ 0.5 + $json.n }}' }],
		['timeEntry get', { resource: 'timeEntry', operation: 'get', timeEntryId: '={{ 7001 + $json.n }}' }],
		['timeEntry getMany', { resource: 'timeEntry', operation: 'getMany', returnAll: true, filters: { ownerId: '={{ 101 + $json.n }}' } }],
		['timeEntry update', { resource: 'timeEntry', operation: 'update', timeEntryId: '={{ 7001 + $json.n }}', updateFields: { description: 'Updated' } }],
		['timeEntry delete', { resource: 'timeEntry', operation: 'delete', timeEntryId: '={{ 7004 + $json.n }}' }],
	];

	test.each(cases)('%s', async (_name, parameters, items = two) => {
		const result = await runNode({ parameters, items, credential: fx.credential });
		expect(result.error).toBeUndefined();
		expect(result.success.length).toBeGreaterThanOrEqual(2);
		const pairs = result.success.map((i) => (i.pairedItem as { item: number }).item);
		// Items of input 0 come first, then those of input 1, and both inputs produced output.
		expect(pairs).toEqual([...pairs].sort());
		expect(new Set(pairs)).toEqual(new Set([0, 1]));
		// Each output belongs to the input it was made from.
		for (const item of result.success) {
			const n = (item.pairedItem as { item: number }).item;
			const json = item.json as IDataObject & { links?: IDataObject };
			if (json.deleted) expect([5004 + n, 7004 + n]).toContain(json.id);
			else if (json.fromParticipantOther?.toString().startsWith('Caller')) expect(json.fromParticipantOther).toBe(`Caller ${n}`);
			else if (parameters.operation === 'getMany' && parameters.resource === 'phoneRecord') expect(json.links?.action).toBe(2001 + n);
			else if (parameters.operation === 'getMany') expect(json.links?.owner).toBe(101 + n);
			else if (parameters.operation === 'linkTimeEntry') expect(json.links?.phoneRecord).toBe(5004 + n);
			else if (parameters.resource === 'timeEntry' && parameters.operation === 'create') expect(json.actualHours).toBe(0.5 + n);
			else if (parameters.resource === 'phoneRecord' && parameters.operation !== 'unlinkTimeEntry') expect(json.id).toBe(5001 + n);
			else expect(json.id).toBe(7001 + n);
		}
	});
});
