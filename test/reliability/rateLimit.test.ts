/**
 * A tight per-user rate limit (1 request a second, as a throttled Actionstep account may have) costs
 * time, never an item: the execution's budget pauses for Retry-After, so no request loses every race.
 */
import { runNode } from '../harness/engine';
import { openSandbox } from '../harness/sandbox';
import type { SandboxFixture } from '../harness/sandbox';

jest.setTimeout(120_000);

let fx: SandboxFixture;
beforeAll(async () => (fx = await openSandbox()));
afterAll(async () => fx.sandbox.close());

test('12 creates at Concurrency 4 under 1 request/s all succeed, with about as many 429s as one by one', async () => {
	fx.sandbox.setFaults({ rateLimit: { requests: 1, windowMs: 1000, retryAfterSeconds: 1 } });
	const items = Array.from({ length: 12 }, (_, n) => ({ n }));
	const result = await runNode({
		parameters: {
			resource: 'phoneRecord',
			operation: 'create',
			direction: 'in',
			callTimestamp: '={{ "2026-08-01T09:" + String($json.n).padStart(2, "0") + ":00+10:00" }}',
			outcome: 'Call completed',
			fromType: 'other',
			fromParticipantOther: 'Rate limited caller',
			toType: 'participant',
			toParticipant: { __rl: true, mode: 'id', value: '101' },
			options: { concurrency: 4 },
		},
		items,
		credential: fx.credential,
		onError: 'continueErrorOutput',
	});
	fx.sandbox.setFaults(null);
	expect(result.errors).toEqual([]);
	expect(result.success).toHaveLength(12);
	const refused = fx.sandbox.requests().filter((r) => r.status === 429).length;
	expect(refused).toBeGreaterThan(0);
	// Without the shared pause, 4 in flight sent several refused requests per record.
	expect(refused).toBeLessThanOrEqual(24);
});
