import { AdaptiveLimiter } from './limiter';

/**
 * What one node execution shares across all its requests: the adaptive in-flight budget, the request
 * timeout the user chose, and the records its creates returned. Keyed by the execution's context
 * object, so it ends with it.
 */
export interface ExecutionSettings {
	limiter: AdaptiveLimiter;
	timeoutMs: number;
	/** `resource/id` of every record a create of this execution returned: never adopted by another create. */
	claimedRecords: Set<string>;
	/** The checked `{api_endpoint}rest/` per item index (-1: none), so a page costs one credential read, n8n's own. */
	restBaseUrls: Map<number, string>;
}

const MAX_IN_FLIGHT = 16;
/** The first page of a large filtered query can take Actionstep minutes to count. */
export const DEFAULT_TIMEOUT_MS = 180_000;
const executions = new WeakMap<object, ExecutionSettings>();

export function executionSettings(context: object): ExecutionSettings {
	let settings = executions.get(context);
	if (!settings) {
		settings = { limiter: new AdaptiveLimiter(MAX_IN_FLIGHT, MAX_IN_FLIGHT), timeoutMs: DEFAULT_TIMEOUT_MS, claimedRecords: new Set(), restBaseUrls: new Map() };
		executions.set(context, settings);
	}
	return settings;
}

/** Applies the node's Options → Request Timeout to every request of this execution. */
export function configureRequests(context: object, options: { timeoutSeconds?: unknown }): void {
	const seconds = Number(options.timeoutSeconds);
	if (Number.isFinite(seconds) && seconds > 0) executionSettings(context).timeoutMs = Math.round(Math.min(seconds, 600) * 1000);
}
