import { randomString } from 'n8n-workflow';

/**
 * The forgery guard of the REST-hook trigger. Actionstep signs nothing it delivers (notes §8), so the URL
 * it is given carries a secret: n8n's webhook URL plus `?<TOKEN_PARAMETER>=<token>`, the token random,
 * made anew each time the hooks are registered and kept in static data until they are deleted. Only
 * Actionstep (and whoever can read the org's REST hooks through the API) knows it; a call without it is
 * dropped. Error texts never show it (transport/errors.ts redactSecrets).
 */

export const TOKEN_PARAMETER = 'actionstepToken';

/** 43 characters of [0-9A-Za-z] ≈ 256 bits. */
export function newHookToken(): string {
	return randomString(43);
}

/** A token as this package makes them, so a value read back from a hook's URL can be trusted as one. */
export function isHookToken(value: unknown): value is string {
	return typeof value === 'string' && /^[0-9A-Za-z]{32,128}$/.test(value);
}

function parse(url: string): URL | undefined {
	try {
		return new URL(url);
	} catch {
		return undefined;
	}
}

/** The URL Actionstep is told to call: the webhook URL with the token added to its query. */
export function targetUrlFor(webhookUrl: string, token: string): string {
	const url = parse(webhookUrl);
	if (!url) throw new Error(`The webhook URL "${webhookUrl}" is not a URL`);
	url.searchParams.set(TOKEN_PARAMETER, token);
	return url.toString();
}

/** The token in a hook's targetUrl, if it has one. */
export function tokenOf(targetUrl: unknown): string | undefined {
	if (typeof targetUrl !== 'string') return undefined;
	const value = parse(targetUrl)?.searchParams.get(TOKEN_PARAMETER);
	return isHookToken(value) ? value : undefined;
}

function withoutToken(url: URL): string {
	const copy = new URL(url.toString());
	copy.searchParams.delete(TOKEN_PARAMETER);
	copy.hash = '';
	const path = copy.pathname.replace(/\/+$/, '');
	return `${copy.protocol}//${copy.host.toLowerCase()}${path}${copy.search}`;
}

/**
 * Whether a registered hook's targetUrl points at this webhook URL, whatever token it carries: same scheme,
 * host, port and path (a trailing slash aside) and the same other query parameters.
 */
export function pointsAt(targetUrl: unknown, webhookUrl: string): boolean {
	if (typeof targetUrl !== 'string') return false;
	const target = parse(targetUrl);
	const own = parse(webhookUrl);
	return !!target && !!own && withoutToken(target) === withoutToken(own);
}

/** Compares two tokens in time that does not depend on where they differ. */
export function tokensMatch(given: unknown, expected: unknown): boolean {
	if (typeof given !== 'string' || typeof expected !== 'string' || expected.length === 0) return false;
	let diff = given.length ^ expected.length;
	for (let i = 0; i < expected.length; i++) {
		diff |= expected.charCodeAt(i) ^ (i < given.length ? given.charCodeAt(i) : 0);
	}
	return diff === 0;
}
