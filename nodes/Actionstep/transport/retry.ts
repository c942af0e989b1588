/**
 * When a failed request may be sent again, and after how long. A 429 means Actionstep refused the
 * request before doing anything, so every method retries it, waiting as Retry-After says (never less
 * than the exponential backoff with jitter, so `Retry-After: 0` cannot turn into a burst) or with that
 * backoff alone. Server errors and dropped connections may come after a write
 * was applied, so only idempotent requests (GET, PUT, DELETE) are retried blindly; a refused
 * connection never reached the server, so even a POST may be sent again.
 */

export interface RetryPolicy {
	maxAttempts: number;
	/** A 429 was not applied and says only "later": it may be tried more often than other failures, within maxTotalWaitMs. */
	maxRateLimitedAttempts: number;
	baseDelayMs: number;
	maxDelayMs: number;
	/** Total time one request may spend waiting between attempts. */
	maxTotalWaitMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
	maxAttempts: 6,
	maxRateLimitedAttempts: 12,
	baseDelayMs: 500,
	maxDelayMs: 30_000,
	maxTotalWaitMs: 120_000,
};

export interface FailureFacts {
	status?: number;
	/** Network-level error code (ECONNRESET, ETIMEDOUT, ...), when there was no HTTP response. */
	code?: string;
	retryAfter?: string;
}

const RETRYABLE_STATUS = new Set([500, 502, 503, 504]);
const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN']);
const MAYBE_APPLIED_CODES = new Set([
	'ECONNRESET',
	'ECONNABORTED',
	'ETIMEDOUT',
	'EPIPE',
	'UND_ERR_SOCKET',
	'UND_ERR_HEADERS_TIMEOUT',
	'UND_ERR_BODY_TIMEOUT',
	'ERR_BAD_RESPONSE',
	'MALFORMED_RESPONSE',
]);

/** The request reached the server and its effect is unknown: a write may have been applied. */
export function mayHaveBeenApplied(failure: FailureFacts): boolean {
	if (failure.status !== undefined) return failure.status >= 500;
	return failure.code !== undefined && MAYBE_APPLIED_CODES.has(failure.code);
}

const CLIENT_TIMEOUT_CODES = new Set(['ECONNABORTED', 'ETIMEDOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT']);

/** We stopped waiting; the server may still be working on the request and apply it later. */
export function isClientTimeout(failure: FailureFacts): boolean {
	return failure.status === undefined && failure.code !== undefined && CLIENT_TIMEOUT_CODES.has(failure.code);
}

/** Retry-After in seconds or as an HTTP date → milliseconds to wait (undefined when absent or unreadable). */
export function parseRetryAfter(value: string | undefined, nowMs: number): number | undefined {
	if (value === undefined || value === null) return undefined;
	const text = String(value).trim();
	if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
	const date = Date.parse(text);
	if (Number.isNaN(date)) return undefined;
	return Math.max(0, date - nowMs);
}

export function backoffDelay(attempt: number, policy: RetryPolicy, random: () => number = Math.random): number {
	const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
	return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

export type RetryDecision = { retry: false } | { retry: true; delayMs: number };

/**
 * @param attempt the attempt that just failed, from 1
 * @param waitedMs time already spent waiting for this request
 */
export function decideRetry(
	failure: FailureFacts,
	attempt: number,
	idempotent: boolean,
	waitedMs: number,
	policy: RetryPolicy = DEFAULT_RETRY_POLICY,
	nowMs: number = Date.now(),
	random: () => number = Math.random,
): RetryDecision {
	if (attempt >= (failure.status === 429 ? policy.maxRateLimitedAttempts : policy.maxAttempts)) return { retry: false };

	let retryable = false;
	if (failure.status === 429) retryable = true;
	else if (failure.status !== undefined) retryable = idempotent && RETRYABLE_STATUS.has(failure.status);
	else if (failure.code && NOT_SENT_CODES.has(failure.code)) retryable = true;
	else if (failure.code && MAYBE_APPLIED_CODES.has(failure.code)) retryable = idempotent;
	if (!retryable) return { retry: false };

	// A server-given wait is honoured in full (retrying sooner only earns another 429), but never taken as
	// less than our own backoff: a tiny or zero Retry-After would otherwise spend every attempt at once.
	const asked = failure.status === 429 || failure.status === 503 ? parseRetryAfter(failure.retryAfter, nowMs) : undefined;
	const backoff = backoffDelay(attempt, policy, random);
	const delayMs = asked === undefined ? backoff : Math.max(asked, backoff);
	if (waitedMs + delayMs > policy.maxTotalWaitMs) return { retry: false };
	return { retry: true, delayMs };
}
