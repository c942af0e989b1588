import { backoffDelay, decideRetry, DEFAULT_RETRY_POLICY, parseRetryAfter } from '../../nodes/Actionstep/transport/retry';

const now = Date.UTC(2026, 10, 24, 0, 0, 0);

test('Retry-After in seconds and as an HTTP date', () => {
	expect(parseRetryAfter('2', now)).toBe(2000);
	expect(parseRetryAfter('0.5', now)).toBe(500);
	expect(parseRetryAfter(new Date(now + 7000).toUTCString(), now)).toBe(7000);
	expect(parseRetryAfter('soon', now)).toBeUndefined();
	expect(parseRetryAfter(undefined, now)).toBeUndefined();
});

test('429 is retried for every method, waiting what the server asked', () => {
	expect(decideRetry({ status: 429, retryAfter: '3' }, 1, false, 0, DEFAULT_RETRY_POLICY, now, () => 1)).toEqual({ retry: true, delayMs: 3000 });
	expect(decideRetry({ status: 429 }, 1, true, 0).retry).toBe(true);
});

test('server errors and dropped connections are retried only for idempotent requests', () => {
	for (const failure of [{ status: 500 }, { status: 502 }, { status: 503 }, { code: 'ECONNRESET' }, { code: 'ETIMEDOUT' }, { code: 'MALFORMED_RESPONSE' }]) {
		expect(decideRetry(failure, 1, true, 0).retry).toBe(true);
		expect(decideRetry(failure, 1, false, 0).retry).toBe(false);
	}
});

test('a refused connection never reached the server, so even a POST is retried', () => {
	expect(decideRetry({ code: 'ECONNREFUSED' }, 1, false, 0).retry).toBe(true);
});

test('client errors are final', () => {
	for (const status of [400, 401, 403, 404, 405, 415]) expect(decideRetry({ status }, 1, true, 0).retry).toBe(false);
});

test('bounded by attempts and by total waiting time', () => {
	expect(decideRetry({ status: 503 }, DEFAULT_RETRY_POLICY.maxAttempts, true, 0).retry).toBe(false);
	// A 429 was not applied: it may be waited out more often than other failures, still bounded.
	expect(decideRetry({ status: 429 }, DEFAULT_RETRY_POLICY.maxAttempts, true, 0).retry).toBe(true);
	expect(decideRetry({ status: 429 }, DEFAULT_RETRY_POLICY.maxRateLimitedAttempts, true, 0).retry).toBe(false);
	expect(decideRetry({ status: 429, retryAfter: '100' }, 1, true, 30_000, DEFAULT_RETRY_POLICY, now).retry).toBe(false);
});

test('exponential backoff with jitter stays within its ceiling', () => {
	const policy = { ...DEFAULT_RETRY_POLICY, baseDelayMs: 100, maxDelayMs: 1000 };
	expect(backoffDelay(1, policy, () => 0)).toBe(50);
	expect(backoffDelay(1, policy, () => 1)).toBe(100);
	expect(backoffDelay(3, policy, () => 1)).toBe(400);
	expect(backoffDelay(10, policy, () => 1)).toBe(1000);
});

test('a tiny or zero Retry-After is floored at the exponential backoff, jitter included', () => {
	const policy = DEFAULT_RETRY_POLICY;
	for (const attempt of [1, 3, 6]) {
		for (const random of [() => 0, () => 0.5, () => 1]) {
			const decision = decideRetry({ status: 429, retryAfter: '0' }, attempt, true, 0, policy, now, random);
			expect(decision).toEqual({ retry: true, delayMs: backoffDelay(attempt, policy, random) });
			expect((decision as { delayMs: number }).delayMs).toBeGreaterThan(0);
		}
	}
	// A longer Retry-After still wins.
	expect(decideRetry({ status: 429, retryAfter: '20' }, 1, true, 0, policy, now, () => 1)).toEqual({ retry: true, delayMs: 20_000 });
});

test('429 is tried at most 12 times, as RELIABILITY.md says', () => {
	expect(DEFAULT_RETRY_POLICY.maxRateLimitedAttempts).toBe(12);
	expect(decideRetry({ status: 429 }, 11, true, 0, DEFAULT_RETRY_POLICY, now, () => 0).retry).toBe(true);
	expect(decideRetry({ status: 429 }, 12, true, 0, DEFAULT_RETRY_POLICY, now, () => 0).retry).toBe(false);
});
