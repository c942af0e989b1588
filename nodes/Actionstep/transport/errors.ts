import { NodeApiError } from 'n8n-workflow';
import type { INode, JsonObject } from 'n8n-workflow';

import { specForCollection } from '../actions/specs';
import { TOKEN_PARAMETER } from '../helpers/resthookTarget';
import { readApiErrors } from './envelope';

/**
 * Turns a failed Actionstep call into a NodeApiError that says what happened and what to do. It is
 * built from a clean object, never from the HTTP client's error, whose request config carries the
 * bearer token.
 */

export interface HttpFailure {
	status?: number;
	code?: string;
	body?: unknown;
	retryAfter?: string;
	/** Where a redirect pointed. */
	location?: string;
	/** Text of a non-HTTP failure (refused connection, credential refresh, ...). */
	message?: string;
	attempts?: number;
}

export interface RequestDescription {
	method: string;
	/** Path below `rest/`, e.g. `phonerecords/12`. */
	path: string;
}

/**
 * A bearer token, an OAuth access/refresh token or client secret, and the Actionstep Trigger's webhook
 * token (`?actionstepToken=…` in a REST hook's targetUrl, also percent-encoded or as a JSON member).
 */
const TOKEN_PATTERN = new RegExp(
	[
		/(bearer\s+)[\w\-.~+/=]+/.source,
		/((?:access|refresh)_token["'=:\s]+)[\w\-.~+/=]+/.source,
		/(client_secret["'=:\s]+)[^\s&"']+/.source,
		`(${TOKEN_PARAMETER}(?:%3D|["'=:\\s]+))[^\\s&"'#%]+`,
	].join('|'),
	'gi',
);
/** Longer texts are cut first, so the pattern never runs over an unbounded string. */
const MAX_REDACTED_LENGTH = 8000;

/**
 * Removes the credential's own secret values (`known`), then anything shaped like a token or secret, from
 * text that goes into an error or a log. The known values go first, on the whole text: a cut or a pattern
 * that took part of one would leave the rest of it unrecognisable.
 */
export function redactSecrets(text: string, known: Iterable<string> = []): string {
	return withoutKnownSecrets(text, known)
		.slice(0, MAX_REDACTED_LENGTH)
		.replace(TOKEN_PATTERN, (_m, bearer, token, secret, hook) => `${bearer ?? token ?? secret ?? hook}[redacted]`);
}

const NETWORK_REASONS: Record<string, string> = {
	ECONNRESET: 'the connection was dropped',
	EPIPE: 'the connection was dropped',
	UND_ERR_SOCKET: 'the connection was dropped',
	ECONNABORTED: 'no answer in time',
	ETIMEDOUT: 'no answer in time',
	UND_ERR_HEADERS_TIMEOUT: 'no answer in time',
	UND_ERR_BODY_TIMEOUT: 'no answer in time',
	ECONNREFUSED: 'the server refused the connection',
	ENOTFOUND: 'the host name does not resolve',
	EAI_AGAIN: 'the host name does not resolve',
};

/** Scheme, host and port of a redirect target: enough to name it, nothing from its path or query. */
function redirectTarget(location: string | undefined): string {
	if (!location) return 'an address it did not name';
	try {
		const url = new URL(location, 'http://same-host.invalid');
		return url.host === 'same-host.invalid' ? 'another path on the same host' : `${url.protocol}//${url.host}`;
	} catch {
		return 'an unreadable address';
	}
}

function resourceName(path: string): string {
	return path.split('/')[0] || 'resource';
}

/** The collection's own advice (from its resource spec), after a space; '' when it has none. */
function hintFor(path: string): string {
	const hint = specForCollection(path)?.errorHint;
	return hint ? ` ${hint}` : '';
}

export function describeFailure(
	failure: HttpFailure,
	request: RequestDescription,
	knownSecrets: Iterable<string> = [],
): { message: string; description: string; httpCode?: string } {
	const api = readApiErrors(failure.body);
	const detail = api.detail ? redactSecrets(api.detail, knownSecrets).slice(0, 1000) : undefined;
	const what = `${request.method} ${request.path}`;
	const status = failure.status;
	const httpCode = status !== undefined ? String(status) : undefined;
	const attempts = failure.attempts && failure.attempts > 1 ? ` after ${failure.attempts} attempts` : '';

	if (status === undefined) {
		if (failure.code === 'MALFORMED_RESPONSE') {
			return {
				message: `Actionstep answered ${what} with a body that is not valid JSON${attempts}`,
				description:
					request.method === 'GET'
						? 'The response was cut or garbled on the way. Try again; if it persists, Actionstep is having problems.'
						: 'The change may have been applied even though the answer was unreadable. Check Actionstep before running this item again.',
			};
		}
		// Words, not codes: n8n replaces any message containing a raw network code with a generic text.
		const reason = (failure.code && NETWORK_REASONS[failure.code]) ?? redactSecrets(failure.message ?? 'no response', knownSecrets);
		const code = failure.code ? ` (${failure.code})` : '';
		return {
			message: `Could not complete ${what} with Actionstep: ${reason}${attempts}`,
			description:
				request.method === 'GET'
					? `Check the network and that the credential points at the right server, then try again${code}.`
					: `The connection broke; the change may or may not have been applied. Check Actionstep before running this item again${code}.`,
		};
	}
	const suffix = detail ? `: ${detail}` : '';
	if (status >= 300 && status < 400) {
		return {
			message: `Actionstep answered ${what} with a redirect (${status}) to ${redirectTarget(failure.location)}; the node does not follow redirects, so nothing was sent there`,
			description:
				'Requests go only to the API endpoint of the credential, and never follow a redirect, so the access token cannot reach another host. Check the credential\'s server (Base URL or environment), then reconnect.',
			httpCode,
		};
	}
	switch (status) {
		case 400:
			return {
				message: `Actionstep refused ${what}${suffix}`,
				description: `Check the values named in the message.${hintFor(request.path)}`,
				httpCode,
			};
		case 401:
			return {
				message: 'Actionstep did not accept the credential (401)' + suffix,
				description:
					'The access token was refused and could not be refreshed. Reconnect the Actionstep credential.',
				httpCode,
			};
		case 403: {
			const scope = /insufficient_scope/i.test(`${api.title ?? ''} ${api.detail ?? ''}`);
			return {
				message: scope
					? `The Actionstep credential lacks the scope for ${resourceName(request.path)} (403 insufficient_scope)`
					: `The connected Actionstep user may not ${what} (403)${suffix}`,
				description: scope
					? 'Actionstep fixes scopes when the credential is connected. Reconnect the credential so it is granted the scopes this node asks for.'
					: `Ask an Actionstep administrator to give the connected user access to ${resourceName(request.path)}.${hintFor(request.path)}`,
				httpCode,
			};
		}
		case 404:
			return {
				message: `Not found in Actionstep: ${request.path}${suffix}`,
				description: 'Check the id: the record may have been deleted, or the connected user cannot see it.',
				httpCode,
			};
		case 429:
			return {
				message: `Actionstep rate limit reached for ${what}${attempts}`,
				description:
					'Actionstep limits requests per user. The node waited and retried; lower the node\'s concurrency or spread the work out, then run it again.',
				httpCode,
			};
		default:
			if (status >= 500) {
				return {
					message: `Actionstep failed on ${what} (${status})${attempts}${suffix}`,
					description:
						request.method === 'GET' || request.method === 'PUT' || request.method === 'DELETE'
							? 'Actionstep had a problem. The node retried; try again later.'
							: 'Actionstep had a problem; the change may or may not have been applied. Check Actionstep before running this item again.',
					httpCode,
				};
			}
			return { message: `Actionstep answered ${what} with ${status}${suffix}`, description: 'Check the request values.', httpCode };
	}
}

/** Removes the given secret values (the credential's own, however a server echoed them) from text. */
function withoutKnownSecrets(text: string, known: Iterable<string> = []): string {
	let clean = text;
	for (const secret of known) if (secret.length >= 8) clean = clean.split(secret).join('[redacted]');
	return clean;
}

export function toNodeApiError(
	node: INode,
	failure: HttpFailure,
	request: RequestDescription,
	itemIndex?: number,
	knownSecrets: Iterable<string> = [],
): NodeApiError {
	const { message, description, httpCode } = describeFailure(failure, request, knownSecrets);
	const api = readApiErrors(failure.body);
	const clean: JsonObject = { message, description, ...(httpCode ? { httpCode } : {}) };
	if (api.detail) clean.detail = redactSecrets(api.detail, knownSecrets).slice(0, 1000);
	return new NodeApiError(node, clean, { message, description, httpCode, itemIndex });
}

/**
 * A create that timed out and was not found: it may still land, so it is not resent. The user is told
 * where and when to look instead of getting a possible duplicate.
 */
export function notResentAfterTimeout(
	node: INode,
	request: RequestDescription,
	sentAtMs: number,
	itemIndex?: number,
): NodeApiError {
	const resource = resourceName(request.path);
	const around = new Date(sentAtMs).toISOString().replace(/\.\d{3}Z$/, 'Z');
	const message = `Actionstep did not answer ${request.method} ${request.path} in time; the record may have been created, so it was not resent (to avoid a duplicate): check ${resource} around ${around}`;
	const description =
		`No matching record was found right after the timeout, but Actionstep may still apply the request. Look in Actionstep for the ${resource} record created around ${around} (UTC) before running this item again; a longer Options → Request Timeout avoids this.`;
	return new NodeApiError(node, { message, description } as JsonObject, { message, description, itemIndex });
}
