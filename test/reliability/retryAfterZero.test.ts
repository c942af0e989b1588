/**
 * `Retry-After: 0` from the sandbox's rate-limit fault, through the real engine: the node never takes a
 * zero wait literally (each retry waits at least the exponential backoff), and gives up after 12 attempts
 * within the 2-minute budget, as docs/RELIABILITY.md says. The give-up test runs on a virtual clock:
 * n8n's `sleep` and `Date.now` advance together, so minutes of backoff take milliseconds, and the
 * sandbox's rate-limit window reads the same clock.
 */
import { backoffDelay, DEFAULT_RETRY_POLICY } from '../../nodes/Actionstep/transport/retry';
import { runNode } from '../harness/engine';
import { openSandbox, restRequests } from '../harness/sandbox';
import type { SandboxFixture } from '../harness/sandbox';
import { useVirtualNow, virtualClock } from '../harness/virtualClock';

jest.mock('n8n-workflow', () => jest.requireActual<typeof import('../harness/virtualClock')>('../harness/virtualClock').n8nWorkflowWithVirtualSleep());

let fx: SandboxFixture;
beforeAll(async () => (fx = await openSandbox()));
afterAll(async () => fx.sandbox.close());
beforeEach(() => {
	fx.sandbox.reset();
	virtualClock.on = false;
	virtualClock.offsetMs = 0;
});
afterEach(() => jest.restoreAllMocks());

const getRecord = (id: number) =>
	runNode({
		parameters: { resource: 'phoneRecord', operation: 'get', phoneRecordId: '={{ $json.id }}' },
		items: [{ id }],
		credential: fx.credential,
	});

test('Retry-After: 0 is floored at the backoff: a few spaced retries, then success', async () => {
	fx.sandbox.setFaults({ rateLimit: { requests: 1, windowMs: 1000, retryAfterSeconds: 0 } });
	const result = await runNode({
		parameters: { resource: 'phoneRecord', operation: 'get', phoneRecordId: '={{ $json.id }}' },
		items: [{ id: 5001 }, { id: 5002 }],
		credential: fx.credential,
	});
	expect(result.error).toBeUndefined();
	expect(result.success.map((i) => i.json.id)).toEqual([5001, 5002]);
	const log = restRequests(fx.sandbox, 'phonerecords');
	const refused = log.filter((r) => r.status === 429);
	expect(refused.length).toBeGreaterThan(0);
	// Taken literally, Retry-After: 0 sent dozens of requests inside the 1 s window.
	expect(refused.length).toBeLessThanOrEqual(4);
	for (let i = 1; i < log.length; i++) {
		if (log[i - 1].status === 429) {
			expect(Date.parse(log[i].time) - Date.parse(log[i - 1].time)).toBeGreaterThanOrEqual(backoffDelay(1, DEFAULT_RETRY_POLICY, () => 0) - 5);
		}
	}
});

test('a request refused with Retry-After: 0 forever gives up after 12 attempts, within 2 minutes of waiting', async () => {
	virtualClock.on = true;
	useVirtualNow();
	jest.spyOn(Math, 'random').mockReturnValue(0.01); // near the shortest backoffs: the most attempts that fit in 2 minutes
	fx.sandbox.setFaults({ rateLimit: { requests: 0, windowMs: 1000, retryAfterSeconds: 0 } });

	const result = await getRecord(5001);

	expect(result.error?.httpCode).toBe('429');
	expect(result.error?.message).toMatch(/rate limit.*after 12 attempts/i);
	const log = restRequests(fx.sandbox, 'phonerecords');
	expect(log).toHaveLength(12);
	for (let i = 1; i < log.length; i++) {
		const gap = Date.parse(log[i].time) - Date.parse(log[i - 1].time);
		expect(gap).toBeGreaterThanOrEqual(backoffDelay(i, DEFAULT_RETRY_POLICY, () => 0));
	}
	expect(Date.parse(log[11].time) - Date.parse(log[0].time)).toBeLessThanOrEqual(DEFAULT_RETRY_POLICY.maxTotalWaitMs + 1000);
});
