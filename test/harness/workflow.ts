/**
 * Small helpers for engine tests: node parameters as n8n stores them, and request-log and REST shortcuts
 * against a sandbox.
 */
import type { IDataObject } from 'n8n-workflow';

import type { LoggedRequest, SandboxHandle } from '../../sandbox';
import type { CredentialStore } from './engine';

/** A resourceLocator value as a saved workflow holds it (a type literal, so it also fits in an IDataObject). */
export type Locator = { __rl: true; mode: string; value: string };

export function rl(value: string, mode: 'id' | 'list' | 'url' = 'id'): Locator {
	return { __rl: true, mode, value };
}

/** REST requests (under /api/rest/) to one collection, e.g. `phonerecords`; `method` narrows further. */
export function logOf(sandbox: SandboxHandle, collection?: string, method?: string): LoggedRequest[] {
	return sandbox
		.requests()
		.filter((r) => r.path.startsWith('/api/rest/'))
		.filter((r) => !collection || r.path === `/api/rest/${collection}` || r.path.startsWith(`/api/rest/${collection}/`))
		.filter((r) => !method || r.method === method);
}

/** Every REST request the sandbox saw (token requests excluded). */
export function restLog(sandbox: SandboxHandle): LoggedRequest[] {
	return logOf(sandbox);
}

/** The value of one query parameter exactly as it appeared in the raw query string (still percent-encoded). */
export function rawParam(request: LoggedRequest, name: string): string | undefined {
	for (const part of request.rawQuery.split('&')) {
		const eq = part.indexOf('=');
		const key = eq < 0 ? part : part.slice(0, eq);
		if (decodeURIComponent(key) === name) return eq < 0 ? '' : part.slice(eq + 1);
	}
	return undefined;
}

/**
 * Whether `raw` is `text` percent-encoded so that it cannot change the URL's shape: it decodes back to `text`
 * and holds no space, `&`, `=`, `#`, `+`, `?` or non-ASCII character, and every `%` starts an escape.
 */
export function isSafelyEncoded(raw: string | undefined, text: string): boolean {
	if (raw === undefined) return false;
	if (/[\s&=#+?]/.test(raw) || /[^\x21-\x7e]/.test(raw) || /%(?![0-9A-Fa-f]{2})/.test(raw)) return false;
	return decodeURIComponent(raw) === text;
}

/** A query parameter as the server parsed it (a single value). */
export function param(request: LoggedRequest, name: string): string | undefined {
	const value = request.query[name];
	return Array.isArray(value) ? value[0] : value;
}

/** A direct REST call to the sandbox with the credential's token (for test setup, outside the node). */
export async function sandboxRest(
	sandbox: SandboxHandle,
	credential: CredentialStore,
	method: string,
	path: string,
	body?: IDataObject,
): Promise<{ status: number; json: IDataObject | undefined }> {
	const token = (credential.data.oauthTokenData as IDataObject).access_token as string;
	const response = await fetch(`${sandbox.url}/api/rest/${path}`, {
		method,
		headers: {
			authorization: `Bearer ${token}`,
			accept: 'application/vnd.api+json',
			...(body ? { 'content-type': 'application/vnd.api+json' } : {}),
		},
		body: body ? JSON.stringify(body) : undefined,
	});
	const text = await response.text();
	return { status: response.status, json: text ? (JSON.parse(text) as IDataObject) : undefined };
}
