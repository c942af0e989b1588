/**
 * `--experiment a,b`: prototypes of the changes docs/PERFORMANCE.md weighs for the node's 429 handling,
 * applied to the loaded modules of the benchmark's own process (the node's files are not touched), so the
 * same scenarios can be measured with and without them. Today a 429 is retried a fixed number of times
 * (6, then 12 since 4479a3c) and halves a budget that starts at 16, so with 4 workers the first two
 * halvings change nothing. Under a tight limit, while one request sleeps out its Retry-After the others
 * spend the window, and some request loses every time: its item fails. The limiter is not told the
 * Retry-After (rateLimited() takes no argument), so 'pause' uses the sandbox's configured Retry-After.
 */
import { sleep } from 'n8n-workflow';

import { AdaptiveLimiter } from '../../nodes/Actionstep/transport/limiter';
import { DEFAULT_RETRY_POLICY } from '../../nodes/Actionstep/transport/retry';

interface LimiterInternals {
	limit: number;
	inFlight: number;
	successes: number;
	pausedUntil?: number;
	acquire(): Promise<void>;
	rateLimited(): void;
}

export type Experiment = 'time-budget' | 'halve-in-flight' | 'pause';

/**
 * Applies prototypes of the proposed changes to the loaded modules of this process; returns the undo.
 *   time-budget      a 429 is retried until the 120 s wait budget is spent, not given up after N attempts
 *   halve-in-flight  a 429 halves what was really in flight, not the nominal budget of 16
 *   pause            after a 429 nobody starts a request until the Retry-After (here: pauseMs) has passed
 */
export function applyExperiments(experiments: Experiment[], pauseMs: number): () => void {
	const proto = AdaptiveLimiter.prototype as unknown as LimiterInternals;
	const { acquire, rateLimited } = proto;
	if (typeof acquire !== 'function' || typeof rateLimited !== 'function') {
		throw new Error('AdaptiveLimiter no longer has acquire()/rateLimited(): update scripts/bench/experiment.ts');
	}
	// Older policies had one attempt limit for every failure; newer ones a separate one for 429s.
	const policy = DEFAULT_RETRY_POLICY as { maxAttempts: number; maxRateLimitedAttempts?: number };
	const saved = { ...policy };
	if (experiments.includes('time-budget')) {
		if ('maxRateLimitedAttempts' in policy) policy.maxRateLimitedAttempts = Number.MAX_SAFE_INTEGER;
		else policy.maxAttempts = Number.MAX_SAFE_INTEGER;
	}
	if (experiments.includes('halve-in-flight') || experiments.includes('pause')) {
		proto.rateLimited = function (this: LimiterInternals) {
			if (experiments.includes('halve-in-flight')) {
				// release() ran before rateLimited(): the refused request is no longer counted in inFlight.
				this.limit = Math.max(1, Math.floor(Math.min(this.limit, this.inFlight + 1) / 2));
				this.successes = 0;
			} else rateLimited.call(this);
			if (experiments.includes('pause')) this.pausedUntil = Math.max(this.pausedUntil ?? 0, Date.now() + pauseMs);
		};
	}
	if (experiments.includes('pause')) {
		// The pause is checked after a slot is granted: a request queued for a slot must not go out the
		// moment the slot frees while a 429 said to wait.
		proto.acquire = async function (this: LimiterInternals) {
			await acquire.call(this);
			while (this.pausedUntil !== undefined && Date.now() < this.pausedUntil) await sleep(this.pausedUntil - Date.now());
		};
	}
	return () => {
		proto.acquire = acquire;
		proto.rateLimited = rateLimited;
		Object.assign(policy, saved);
	};
}
