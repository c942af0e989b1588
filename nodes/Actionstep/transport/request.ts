import { NodeOperationError, sleep } from 'n8n-workflow';
import type {
	IDataObject,
	IExecuteFunctions,
	IHookFunctions,
	IHttpRequestMethods,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	IPollFunctions,
	IWebhookFunctions,
} from 'n8n-workflow';

import type { Query } from '../helpers/interfaces';
import { resolveRestBaseUrl } from './baseUrl';
import type { ActionstepCredentialData } from './baseUrl';
import { notResentAfterTimeout, redactSecrets, toNodeApiError } from './errors';
import type { HttpFailure } from './errors';
import { executionSettings } from './execution';
import { decideRetry, isClientTimeout, mayHaveBeenApplied } from './retry';
import type { RetryPolicy } from './retry';

export const CREDENTIAL_TYPE = 'actionstepOAuth2Api';
const MEDIA_TYPE = 'application/vnd.api+json';

export type ActionstepContext =
	| IExecuteFunctions
	| ILoadOptionsFunctions
	| IPollFunctions
	| IHookFunctions
	| IWebhookFunctions;

export interface ActionstepRequest {
	method: IHttpRequestMethods;
	/** Path below `{api_endpoint}rest/`, e.g. `phonerecords` or `phonerecords/12`; ids already validated. */
	path: string;
	query?: Query;
	body?: IDataObject;
	itemIndex?: number;
	/** Defaults to every method but POST: only idempotent requests are resent after a possibly-applied failure. */
	idempotent?: boolean;
	retryPolicy?: RetryPolicy;
	/**
	 * For a create: after a failure that may have been applied, finds the record it made and returns the
	 * response body to answer with, or undefined when it found none (then the create is resent, except
	 * after a client-side timeout, when the first POST may still land: see settleUncertainCreate).
	 */
	findApplied?: () => Promise<unknown | undefined>;
}

export interface ActionstepResponse {
	status: number;
	body: unknown;
	headers: Record<string, string | string[] | undefined>;
	/** The write failed in transit but was found applied; `body` is the record found. */
	recovered?: boolean;
}

/** `a=1&b=x%20y`: every key and value percent-encoded here, so user text never shapes the URL. */
export function encodeQuery(query: Query | undefined): string {
	if (!query) return '';
	const parts: string[] = [];
	for (const [key, value] of Object.entries(query)) {
		if (value === undefined || value === '') continue;
		parts.push(`${encodeURIComponent(key)}=${encodeURIComponent(String(value))}`);
	}
	return parts.length ? `?${parts.join('&')}` : '';
}

/** A path segment built from a value the user gave (an id): percent-encoded whatever it holds. */
export function pathOf(resource: string, id?: string | number): string {
	return id === undefined ? resource : `${resource}/${encodeURIComponent(String(id))}`;
}

/**
 * Resolved and checked once per execution and item: every getCredentials makes n8n decrypt the credential
 * and evaluate its expressions, which cost more CPU than parsing a page of 200 records, and n8n's signing
 * reads the credential again for each request anyway.
 */
async function restBaseUrl(ctx: ActionstepContext, itemIndex?: number): Promise<string> {
	const known = executionSettings(ctx).restBaseUrls;
	const cached = known.get(itemIndex ?? -1);
	if (cached !== undefined) return cached;
	const credentials = (await ctx.getCredentials(CREDENTIAL_TYPE, itemIndex)) as ActionstepCredentialData;
	rememberSecrets(executionSettings(ctx).knownSecrets, credentials);
	const resolved = resolveRestBaseUrl(credentials);
	if (!resolved.ok) {
		throw new NodeOperationError(ctx.getNode(), resolved.message, {
			description: resolved.description,
			itemIndex,
		});
	}
	known.set(itemIndex ?? -1, resolved.restBaseUrl);
	return resolved.restBaseUrl;
}

/** The credential's token and secret values, so an error that echoes one bare is cleaned of it too. */
function rememberSecrets(known: Set<string>, credentials: ActionstepCredentialData): void {
	const token = credentials.oauthTokenData ?? {};
	for (const value of [token.access_token, token.refresh_token, (credentials as Record<string, unknown>).clientSecret]) {
		if (typeof value === 'string' && value.length >= 8) known.add(value);
	}
}

/**
 * The secrets to wipe from an error about to be built: read again, because n8n may have refreshed the
 * token during the request, and a server may echo the new one.
 */
async function secretsNow(ctx: ActionstepContext, itemIndex?: number): Promise<Set<string>> {
	const known = executionSettings(ctx).knownSecrets;
	try {
		rememberSecrets(known, (await ctx.getCredentials(CREDENTIAL_TYPE, itemIndex)) as ActionstepCredentialData);
	} catch {
		// Unreadable now: the values read before the request are still wiped.
	}
	return known;
}

function headerText(headers: unknown, name: string): string | undefined {
	if (!headers || typeof headers !== 'object') return undefined;
	const value = (headers as Record<string, unknown>)[name] ?? (headers as Record<string, unknown>)[name.toLowerCase()];
	if (Array.isArray(value)) return String(value[0]);
	return value === undefined || value === null ? undefined : String(value);
}

type ThrownShape = {
	response?: { status?: number; data?: unknown; body?: unknown; headers?: unknown };
	code?: unknown;
	cause?: unknown;
	message?: string;
};

/** The thrown error and what it wraps: n8n wraps the HTTP client's error in a NodeApiError (`cause`). */
function errorChain(error: unknown): ThrownShape[] {
	const chain: ThrownShape[] = [];
	let current: unknown = error;
	while (current && typeof current === 'object' && chain.length < 5 && !chain.includes(current as ThrownShape)) {
		chain.push(current as ThrownShape);
		current = (current as ThrownShape).cause;
	}
	return chain;
}

/** Reads status, body and Retry-After out of whatever the HTTP client threw, keeping nothing else. */
function failureFrom(error: unknown): HttpFailure {
	const chain = errorChain(error);
	const withResponse = chain.find((e) => typeof e.response?.status === 'number');
	if (withResponse?.response) {
		return {
			status: withResponse.response.status,
			body: withResponse.response.data ?? withResponse.response.body,
			retryAfter: headerText(withResponse.response.headers, 'retry-after'),
			location: headerText(withResponse.response.headers, 'location'),
		};
	}
	const code = chain.map((e) => e.code).find((c): c is string => typeof c === 'string' && /^[A-Z_]+$/.test(c));
	const last = chain[chain.length - 1];
	return { code, message: last?.message ?? (error as ThrownShape)?.message };
}

function isJsonBody(body: unknown): boolean {
	// The HTTP client parses JSON itself and hands back the raw text when it cannot.
	return body === undefined || body === null || body === '' || typeof body === 'object';
}

/** The lookup after an uncertain write; if the lookup itself fails, the item fails with the write's error. */
async function lookForApplied(
	this: ActionstepContext,
	request: ActionstepRequest,
	failure: HttpFailure,
	attempt: number,
): Promise<unknown | undefined> {
	try {
		return await request.findApplied!();
	} catch {
		throw toNodeApiError(
			this.getNode(),
			{ ...failure, attempts: attempt },
			{ method: request.method, path: request.path },
			request.itemIndex,
			await secretsNow(this, request.itemIndex),
		);
	}
}

type UncertainOutcome = { found: unknown } | { resend: true } | { giveUp: Error };

/**
 * After a create failed in a way that may have been applied (or gives up after one that may have been):
 * wait as for a retry when the budget allows, look for the record, and return it if found. Otherwise a
 * client-side timeout is never resent (the first POST may still be on its way and land later), other
 * failures are resent only while attempts remain, and giving up always comes after a look.
 */
async function settleUncertainCreate(
	this: ActionstepContext,
	request: ActionstepRequest,
	failure: HttpFailure,
	attempt: number,
	budget: { waitedMs: number; policy: RetryPolicy; firstSentAt: number },
): Promise<UncertainOutcome> {
	const uncertain = mayHaveBeenApplied(failure) ? decideRetry(failure, attempt, true, budget.waitedMs, budget.policy) : { retry: false as const };
	if (uncertain.retry) {
		budget.waitedMs += uncertain.delayMs;
		await sleep(uncertain.delayMs);
	}
	const applied = await lookForApplied.call(this, request, failure, attempt);
	if (applied !== undefined) return { found: applied };
	const described = { method: request.method, path: request.path };
	if (isClientTimeout(failure)) {
		return { giveUp: notResentAfterTimeout(this.getNode(), described, budget.firstSentAt, request.itemIndex) };
	}
	if (uncertain.retry) return { resend: true };
	return { giveUp: toNodeApiError(this.getNode(), { ...failure, attempts: attempt }, described, request.itemIndex, await secretsNow(this, request.itemIndex)) };
}

/**
 * The one place that sends HTTP to Actionstep: resolves and checks the base URL, signs through n8n's
 * OAuth2 helper (which refreshes on 401), speaks the vnd.api+json media type and retries per retry.ts.
 */
export async function actionstepRequest(
	this: ActionstepContext,
	request: ActionstepRequest,
): Promise<ActionstepResponse> {
	const base = await restBaseUrl(this, request.itemIndex);
	const url = base + request.path + encodeQuery(request.query);
	const idempotent = request.idempotent ?? request.method !== 'POST';
	const options: IHttpRequestOptions = {
		method: request.method,
		url,
		headers: { Accept: MEDIA_TYPE, ...(request.body ? { 'Content-Type': MEDIA_TYPE } : {}) },
		body: request.body,
		json: true,
		returnFullResponse: true,
		// The allowlist checked the first hop only: a redirect is never followed, so no other host gets the token.
		disableFollowRedirect: true,
		sendCredentialsOnCrossOriginRedirect: false,
	};

	const { limiter, retryPolicy, timeoutMs } = executionSettings(this);
	const policy = request.retryPolicy ?? retryPolicy;
	options.timeout = timeoutMs;
	const budget = { waitedMs: 0, policy, firstSentAt: Date.now() };
	// A resent DELETE that finds nothing deleted what the first attempt, lost in transit, already had;
	// a create that gives up after such an attempt looks for its record first.
	let maybeAppliedBefore = false;
	for (let attempt = 1; ; attempt++) {
		let failure: HttpFailure;
		await limiter.acquire();
		try {
			const response = (await this.helpers.httpRequestWithAuthentication.call(this, CREDENTIAL_TYPE, {
				...options,
				headers: { ...options.headers },
			})) as { statusCode: number; body: unknown; headers: Record<string, string> };
			if (isJsonBody(response.body)) {
				limiter.succeeded();
				return { status: response.statusCode, body: response.body, headers: response.headers ?? {} };
			}
			failure = { code: 'MALFORMED_RESPONSE', message: 'the answer was not valid JSON' };
		} catch (error) {
			failure = failureFrom(error);
			if (request.method === 'DELETE' && failure.status === 404 && maybeAppliedBefore) {
				return { status: 204, body: undefined, headers: {}, recovered: true };
			}
			// No HTTP status and no network code: n8n itself stopped (credential not connected, refresh refused).
			if (failure.status === undefined && failure.code === undefined) {
				throw new NodeOperationError(this.getNode(), redactSecrets(failure.message ?? 'The request could not be signed', await secretsNow(this, request.itemIndex)), {
					itemIndex: request.itemIndex,
					description: 'Reconnect the Actionstep credential, then run the workflow again.',
				});
			}
		} finally {
			limiter.release();
		}
		const decision = decideRetry(failure, attempt, idempotent, budget.waitedMs, policy);
		if (failure.status === 429) limiter.rateLimited(decision.retry ? decision.delayMs : 0);
		if (request.findApplied && (mayHaveBeenApplied(failure) || (!decision.retry && maybeAppliedBefore))) {
			const outcome = await settleUncertainCreate.call(this, request, failure, attempt, budget);
			if ('found' in outcome) return { status: 200, body: outcome.found, headers: {}, recovered: true };
			if ('giveUp' in outcome) throw outcome.giveUp;
			maybeAppliedBefore = true;
			continue;
		}
		if (!decision.retry) {
			throw toNodeApiError(
				this.getNode(),
				{ ...failure, attempts: attempt },
				{ method: request.method, path: request.path },
				request.itemIndex,
				await secretsNow(this, request.itemIndex),
			);
		}
		maybeAppliedBefore ||= mayHaveBeenApplied(failure);
		budget.waitedMs += decision.delayMs;
		await sleep(decision.delayMs);
	}
}
