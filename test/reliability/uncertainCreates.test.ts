/**
 * Creates whose answer was lost, through the real engine against the sandbox. Actionstep has no
 * idempotency keys, so the node cannot make such a create exactly-once; it makes it safe instead:
 * (a) a create that timed out is looked for but never resent (the first POST may still land);
 * (b) a record another create of the same execution returned is never adopted;
 * (c) with a caller's recogniser, a run adopts only the record carrying its own marker;
 * (d) a create that gives up looks for its record first.
 */
import type { INodeParameters } from 'n8n-workflow';

import { recogniseByMarker } from '../../nodes/Actionstep/helpers/createdRecord';
import { runNode } from '../harness/engine';
import { openSandbox, restRequests } from '../harness/sandbox';
import type { SandboxFixture } from '../harness/sandbox';

/**
 * Stands in for Log Call (which the lead rewires separately): a create whose notes carry
 * `[attempt <id>]` passes a recogniser for that marker, as Log Call will.
 */
jest.mock('../../nodes/Actionstep/transport/records', () => {
	const actual = jest.requireActual('../../nodes/Actionstep/transport/records');
	const { recogniseByMarker: byMarker } = jest.requireActual('../../nodes/Actionstep/helpers/createdRecord');
	return {
		...actual,
		createRecord(this: unknown, resource: string, fields: Record<string, unknown>, itemIndex?: number, recognise?: unknown) {
			const marker = typeof fields.notes === 'string' ? /\[attempt [\w-]+\]/.exec(fields.notes)?.[0] : undefined;
			return actual.createRecord.call(this, resource, fields, itemIndex, recognise ?? (marker ? byMarker(resource, fields, 'notes', marker) : undefined));
		},
	};
});

let fx: SandboxFixture;
beforeAll(async () => (fx = await openSandbox()));
afterAll(async () => fx.sandbox.close());
beforeEach(() => fx.sandbox.reset());

const CALLER = 'Uncertain caller';
const createCall = (notes: string, options: INodeParameters = {}): INodeParameters => ({
	resource: 'phoneRecord',
	operation: 'create',
	direction: 'in',
	callTimestamp: '2026-05-04T10:15:00+10:00',
	outcome: 'Call completed',
	fromType: 'other',
	fromParticipantOther: CALLER,
	toType: 'participant',
	toParticipant: { __rl: true, mode: 'id', value: '101' },
	matter: { __rl: true, mode: 'id', value: '2001' },
	additionalFields: { durationSeconds: 120, notes },
	options,
});
const calls = () => fx.sandbox.store.list('phonerecords').filter((r) => r.fromParticipantOther === CALLER);
const methodsOf = (collection: string) => restRequests(fx.sandbox, collection).map((r) => r.method);

test('(a) a create that timed out while its POST was still in flight is not resent: one record, and an error saying where to look', async () => {
	// The sandbox holds each POST 2.5 s before applying it; the node gives up waiting after 1 s.
	fx.sandbox.setFaults({ slowResponse: { every: 1, delayMs: 2500, phase: 'before', methods: ['POST'] } });
	const started = Date.now();
	const result = await runNode({ parameters: createCall('timed out', { requestTimeout: 1 }), credential: fx.credential, onError: 'continueErrorOutput' });

	expect(result.success).toEqual([]);
	expect(result.errors).toHaveLength(1);
	const message = (result.errors[0].json as { error: string }).error;
	expect(message).toMatch(/may have been created, so it was not resent \(to avoid a duplicate\): check phonerecords around \d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z/);
	const around = Date.parse(/around (\S+)$/.exec(message)![1]);
	expect(Math.abs(around - started)).toBeLessThan(5000);

	// The first POST lands later: exactly one record, never two.
	await new Promise((r) => setTimeout(r, 2500));
	expect(calls()).toHaveLength(1);
	// It looked (while the POST was still held) before giving up, and sent the create once. The log
	// lists a request when it is answered, so the held POST comes after the lookup.
	expect(methodsOf('phonerecords')).toEqual(['GET', 'POST']);
});

test('(a) a create that timed out after it was applied is found and returned, not resent', async () => {
	fx.sandbox.setFaults({ slowResponse: { every: 1, delayMs: 2500, phase: 'after', methods: ['POST'] } });
	const result = await runNode({ parameters: createCall('applied, answer late', { requestTimeout: 1 }), credential: fx.credential });
	expect(result.error).toBeUndefined();
	expect(calls()).toHaveLength(1);
	expect(result.success[0].json.id).toBe(calls()[0].id);
	await new Promise((r) => setTimeout(r, 2000)); // until the held answer is written and logged
	expect(methodsOf('phonerecords')).toEqual(['GET', 'POST']);
	expect(calls()).toHaveLength(1);
});

test('(b) two identical time entries in one execution stay two: the second create never adopts the first one\'s record', async () => {
	const before = fx.sandbox.store.count('timeentries');
	// The second POST is dropped before Actionstep applied it; its lookup sees only the first entry.
	fx.sandbox.setFaults({ connectionReset: { every: 2, phase: 'before', methods: ['POST'] } });
	const result = await runNode({
		parameters: {
			resource: 'timeEntry',
			operation: 'create',
			timestampDate: '2026-05-04',
			actualHours: 0.3,
			additionalFields: { matter: { __rl: true, mode: 'id', value: '2001' }, description: 'Two identical attendances' },
			options: { concurrency: 1 },
		},
		items: [{ n: 1 }, { n: 2 }],
		credential: fx.credential,
	});
	expect(result.error).toBeUndefined();
	const ids = result.success.map((i) => i.json.id as number);
	expect(ids).toHaveLength(2);
	expect(new Set(ids).size).toBe(2);
	expect(fx.sandbox.store.count('timeentries')).toBe(before + 2);
	for (const id of ids) expect(fx.sandbox.store.get('timeentries', id)).toBeDefined();
});

describe('(c) with a recogniser, a run never adopts another run\'s record', () => {
	/** Run A logs the call; run B logs the same call, its first POST losing the connection (`phase`). */
	async function twoRuns(phase: 'before' | 'after') {
		const first = await runNode({ parameters: createCall('Call ID: rc:1\n[attempt run-a]'), credential: fx.credential });
		expect(first.error).toBeUndefined();
		fx.sandbox.setFaults({ connectionReset: { every: 1, phase, methods: ['POST'] } });
		const pending = runNode({ parameters: createCall('Call ID: rc:1\n[attempt run-b]'), credential: fx.credential });
		// Only B's first POST is dropped: stop injecting once it went out.
		await new Promise((r) => setTimeout(r, 50));
		fx.sandbox.setFaults(null);
		return { first, second: await pending };
	}

	test('its POST dropped before it was applied: it resends and keeps its own record, not the other run\'s', async () => {
		const { first, second } = await twoRuns('before');

		expect(second.error).toBeUndefined();
		expect(second.success[0].json.id).not.toBe(first.success[0].json.id);
		expect(String(second.success[0].json.notes)).toContain('[attempt run-b]');
		expect(calls()).toHaveLength(2);
	});

	test('its POST applied but the answer lost: it finds its own record, not the other run\'s', async () => {
		const { first, second } = await twoRuns('after');

		expect(second.error).toBeUndefined();
		expect(calls()).toHaveLength(2);
		const own = calls().find((r) => String(r.notes).includes('[attempt run-b]'))!;
		expect(second.success[0].json.id).toBe(own.id);
		expect(second.success[0].json.id).not.toBe(first.success[0].json.id);
		expect(methodsOf('phonerecords').filter((m) => m === 'POST')).toHaveLength(2); // one per run: found, not resent
	});

	test('recogniseByMarker matches the marker only, with the default narrowing query', () => {
		const body = { callTimestamp: '2026-05-04T00:15:00Z', direction: 'in', notes: 'x [attempt b]' };
		const lookup = recogniseByMarker('phonerecords', body, 'notes', '[attempt b]')!;
		expect(lookup.query).toMatchObject({ direction: 'in', sort: '-id' });
		expect(lookup.matches({ id: 1, ...body })).toBe(true);
		expect(lookup.matches({ id: 2, ...body, notes: 'x [attempt a]' })).toBe(false);
		expect(recogniseByMarker('phonerecords', body, 'notes', ' ')).toBeUndefined();
	});
});

test('(d) a create that gives up looks for its record after the last attempt too', async () => {
	fx.sandbox.setFaults({ serverError: { every: 1, status: 500, methods: ['POST'] } });
	const result = await runNode({ parameters: createCall('always 500'), credential: fx.credential });
	expect(result.error?.httpCode).toBe('500');
	const methods = methodsOf('phonerecords');
	expect(methods.filter((m) => m === 'POST').length).toBeGreaterThan(1);
	// Every POST, the last included, is followed by a lookup.
	methods.forEach((m, i) => {
		if (m === 'POST') expect(methods[i + 1]).toBe('GET');
	});
	expect(calls()).toHaveLength(0);
});
