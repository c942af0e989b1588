import { AdaptiveLimiter } from './limiter';
import { DEFAULT_RETRY_POLICY } from './retry';
import type { RetryPolicy } from './retry';

/**
 * What one node execution shares across all its requests: the adaptive in-flight budget, the retry
 * policy, the request timeout the user chose, and the records its creates returned. Keyed by the execution's context
 * object, so it ends with it.
 */
export interface ExecutionSettings {
	limiter: AdaptiveLimiter;
	/** Used by every request that brings no policy of its own. */
	retryPolicy: RetryPolicy;
	timeoutMs: number;
	/** `resource/id` of every record a create of this execution returned: never adopted by another create. */
	claimedRecords: Set<string>;
	/** The checked `{api_endpoint}rest/` per item index (-1: none), so a page costs one credential read, n8n's own. */
	restBaseUrls: Map<number, string>;
	/** The credential's token and secret values as read, wiped from error texts whatever their shape. */
	knownSecrets: Set<string>;
}

export const MAX_IN_FLIGHT = 16;
/** The first page of a large filtered query can take Actionstep minutes to count. */
export const DEFAULT_TIMEOUT_MS = 180_000;
const executions = new WeakMap<object, ExecutionSettings>();

export function executionSettings(context: object): ExecutionSettings {
	let settings = executions.get(context);
	if (!settings) {
		settings = {
			limiter: new AdaptiveLimiter(MAX_IN_FLIGHT, MAX_IN_FLIGHT),
			retryPolicy: DEFAULT_RETRY_POLICY,
			timeoutMs: DEFAULT_TIMEOUT_MS,
			claimedRecords: new Set(),
			restBaseUrls: new Map(),
			knownSecrets: new Set(),
		};
		executions.set(context, settings);
	}
	return settings;
}

/**
 * Starts a new execution on a context n8n reuses: a poll node gets one context per activation and every
 * scheduled poll runs in it, so without this a credential edited meanwhile (another organisation or
 * environment) would keep its old, checked base URL and the new token would go there.
 */
export function startExecution(context: object): void {
	executions.delete(context);
}

/** Applies the node's Options → Request Timeout to every request of this execution. */
export function configureRequests(context: object, options: { timeoutSeconds?: unknown }): void {
	const seconds = Number(options.timeoutSeconds);
	if (Number.isFinite(seconds) && seconds > 0) executionSettings(context).timeoutMs = Math.round(Math.min(seconds, 600) * 1000);
}

/**
 * Replaces this execution's request budget and/or retry policy, before its first request. The node never
 * calls it: it is the seam through which `npm run bench -- --experiment` runs prototypes of other 429
 * handling without touching the shipped defaults.
 */
export function overrideRequestControls(context: object, controls: { limiter?: AdaptiveLimiter; retryPolicy?: RetryPolicy }): void {
	const settings = executionSettings(context);
	if (controls.limiter) settings.limiter = controls.limiter;
	if (controls.retryPolicy) settings.retryPolicy = controls.retryPolicy;
}
