/**
 * `npm run bench -- --experiment`: the prototypes reach the node's requests through the transport's seam
 * (overrideRequestControls), and the node as shipped is untouched by them. Runs on a virtual clock (n8n's
 * `sleep` and `Date.now` advance together), as test/reliability/retryAfterZero.test.ts does.
 */
import { DEFAULT_RETRY_POLICY } from '../../nodes/Actionstep/transport';
import { runNodeOnce, runWithExperiments } from '../../scripts/bench/engine';
import { openSandbox, restRequests } from '../harness/sandbox';
import type { SandboxFixture } from '../harness/sandbox';
import { useVirtualNow, virtualClock } from '../harness/virtualClock';

jest.mock('n8n-workflow', () => jest.requireActual<typeof import('../harness/virtualClock')>('../harness/virtualClock').n8nWorkflowWithVirtualSleep());

let fx: SandboxFixture;
beforeAll(async () => (fx = await openSandbox()));
afterAll(async () => fx.sandbox.close());
beforeEach(() => {
	fx.sandbox.reset();
	virtualClock.on = true;
	virtualClock.offsetMs = 0;
	useVirtualNow();
	jest.spyOn(Math, 'random').mockReturnValue(0.01);
	// Refused forever, Retry-After 0: only the retry policy decides when the node gives up.
	fx.sandbox.setFaults({ rateLimit: { requests: 0, windowMs: 1000, retryAfterSeconds: 0 } });
});
afterEach(() => {
	runWithExperiments([]);
	jest.restoreAllMocks();
});

const getRecord = () =>
	runNodeOnce({
		parameters: { resource: 'phoneRecord', operation: 'get', phoneRecordId: '5001' },
		credential: fx.credential,
	});

test('as shipped, a request refused forever gives up after 12 attempts', async () => {
	const { error } = await getRecord();
	expect(error).toMatch(/after 12 attempts/i);
	expect(restRequests(fx.sandbox, 'phonerecords')).toHaveLength(DEFAULT_RETRY_POLICY.maxRateLimitedAttempts);
});

test('--experiment time-budget: the same request is retried until the 2-minute wait is spent, then the shipped node is back', async () => {
	runWithExperiments(['time-budget']);
	const { error } = await getRecord();
	expect(error).toMatch(/rate limit/i);
	const attempts = restRequests(fx.sandbox, 'phonerecords').length;
	expect(attempts).toBeGreaterThan(DEFAULT_RETRY_POLICY.maxRateLimitedAttempts);
	expect(virtualClock.offsetMs).toBeLessThanOrEqual(DEFAULT_RETRY_POLICY.maxTotalWaitMs);

	runWithExperiments([]);
	fx.sandbox.reset();
	fx.sandbox.setFaults({ rateLimit: { requests: 0, windowMs: 1000, retryAfterSeconds: 0 } });
	expect((await getRecord()).error).toMatch(/after 12 attempts/i);
	expect(DEFAULT_RETRY_POLICY.maxRateLimitedAttempts).toBe(12);
});
