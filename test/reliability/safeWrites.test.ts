/**
 * Writes under faults that may hide whether they were applied: the node never creates a record twice,
 * and resends a create only when it found that the first attempt made nothing.
 */
import { runNode } from '../harness/engine';
import { openSandbox, restRequests } from '../harness/sandbox';
import type { SandboxFixture } from '../harness/sandbox';

let fx: SandboxFixture;
beforeAll(async () => (fx = await openSandbox()));
afterAll(async () => fx.sandbox.close());
beforeEach(() => fx.sandbox.reset());

const createCall = (minute: number) => ({
	resource: 'phoneRecord',
	operation: 'create',
	direction: 'in',
	callTimestamp: `2026-05-04T10:${String(minute).padStart(2, '0')}:00+10:00`,
	outcome: 'Call completed',
	fromType: 'other',
	fromParticipantOther: 'Reliability Caller',
	toType: 'participant',
	toParticipant: { __rl: true, mode: 'id', value: '101' },
	matter: { __rl: true, mode: 'id', value: '2001' },
	additionalFields: { durationSeconds: 300, notes: `call ${minute}` },
});

const callsByCaller = () =>
	fx.sandbox.store.list('phonerecords').filter((r) => r.fromParticipantOther === 'Reliability Caller');

test.each([
	['after the write was applied', 'after' as const],
	['before the write was applied', 'before' as const],
])('a connection dropped %s leaves exactly one record', async (_what, phase) => {
	fx.sandbox.setFaults({ connectionReset: { every: 1, phase, methods: ['POST'] } });
	// Let the second POST through, so a resend (when one is right) can succeed.
	const result = await (async () => {
		const pending = runNode({ parameters: createCall(1), credential: fx.credential });
		// Faults are counted per request: once the first POST has met its fault, stop injecting (the node waits
		// a backoff before any resend, so the resend meets none). Waiting for the POST, not a fixed time, keeps
		// this right on a busy machine.
		const started = Date.now();
		while (!restRequests(fx.sandbox, 'phonerecords').some((r) => r.method === 'POST') && Date.now() - started < 10_000) {
			await new Promise((r) => setTimeout(r, 2));
		}
		fx.sandbox.setFaults(null);
		return await pending;
	})();
	expect(result.error).toBeUndefined();
	expect(callsByCaller()).toHaveLength(1);
	expect(result.success[0].json.id).toBe(callsByCaller()[0].id);
	const posts = restRequests(fx.sandbox, 'phonerecords').filter((r) => r.method === 'POST');
	expect(posts.length).toBe(phase === 'after' ? 1 : 2);
});

test('a create answered 500 is resent only after a lookup found nothing, and never duplicated', async () => {
	fx.sandbox.setFaults({ serverError: { every: 1, status: 500, methods: ['POST'] } });
	// The sandbox answers 500 without applying: the node looks, finds nothing, and resends (still 500);
	// in the end it reports the error and the store holds no record and no duplicate.
	const result = await runNode({ parameters: createCall(2), credential: fx.credential });
	expect(result.error?.httpCode).toBe('500');
	expect(callsByCaller()).toHaveLength(0);
	const log = restRequests(fx.sandbox, 'phonerecords');
	// Every resend was preceded by a lookup.
	const methods = log.map((r) => r.method);
	for (let i = 1; i < methods.length; i++) if (methods[i] === 'POST') expect(methods[i - 1]).toBe('GET');
});

test('100 creates through dropped connections and 503s: every item accounted for, no duplicates', async () => {
	fx.sandbox.setFaults({
		connectionReset: { every: 7, phase: 'after', methods: ['POST'] },
		serverError: { every: 11, status: 503 },
	});
	const items = Array.from({ length: 100 }, (_, i) => ({ minute: i % 60, hour: 10 + Math.floor(i / 60), n: i }));
	const result = await runNode({
		parameters: {
			...createCall(0),
			callTimestamp: "={{ '2026-05-05T' + String($json.hour).padStart(2,'0') + ':' + String($json.minute).padStart(2,'0') + ':00+10:00' }}",
			additionalFields: { notes: '={{ "bulk " + $json.n }}' },
		},
		items,
		credential: fx.credential,
		onError: 'continueErrorOutput',
	});
	const faults = fx.sandbox.requests().map((r) => r.fault);
	expect(faults).toContain('connectionReset:after');
	expect(faults).toContain('serverError');
	const created = callsByCaller();
	const notes = created.map((r) => r.notes);
	expect(new Set(notes).size).toBe(notes.length); // no duplicates
	expect(result.success.length + result.errors.length).toBe(100); // nothing lost
	expect(result.success.length).toBe(created.length);
	const paired = [...result.success, ...result.errors].map((i) => (i.pairedItem as { item: number }).item).sort((a, b) => a - b);
	expect(paired).toEqual(items.map((i) => i.n));
});
