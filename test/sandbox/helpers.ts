/** Shared plumbing for the sandbox suites: one sandbox per suite and a raw HTTP client that never throws on status. */
import axios, { type AxiosRequestConfig } from 'axios';
import { startSandbox, type SandboxHandle, type SandboxOptions } from '../../sandbox';

export const API = 'application/vnd.api+json';

export interface Res {
	status: number;
	headers: Record<string, string>;
	text: string;
	/** Parsed body, undefined when empty. */
	body: any;
}

/** A request with the raw body kept (so malformed JSON and empty 204 bodies can be asserted). */
export async function http(config: AxiosRequestConfig): Promise<Res> {
	const r = await axios.request<string>({
		validateStatus: () => true,
		maxRedirects: 0,
		responseType: 'text',
		transformResponse: [(d) => d],
		...config,
	});
	const text = r.data ?? '';
	let body: unknown;
	if (text) {
		try {
			body = JSON.parse(text);
		} catch {
			body = undefined;
		}
	}
	return { status: r.status, headers: r.headers as Record<string, string>, text, body };
}

export interface Suite {
	sb: SandboxHandle;
	/** The suite's access token (all scopes, user 1); replace it after expiring tokens. */
	token: string;
	/** REST call with the suite's token and Actionstep headers; path is relative to /api/rest/. */
	rest(method: string, path: string, body?: unknown, extra?: AxiosRequestConfig & { token?: string | null }): Promise<Res>;
}

export async function openSuite(options: SandboxOptions = {}): Promise<Suite> {
	const sb = await startSandbox({ port: 0, quiet: true, ...options });
	const suite: Suite = { sb, token: (await sb.issueToken()).access_token, rest: undefined as unknown as Suite['rest'] };
	suite.rest = (method, path, body, extra = {}) => {
		const { token: t = suite.token, headers, ...rest } = extra;
		const h: Record<string, string> = { Accept: API, ...(body !== undefined ? { 'Content-Type': API } : {}) };
		if (t) h.Authorization = `Bearer ${t}`;
		return http({
			method,
			url: `${sb.apiEndpoint}rest/${path}`,
			data: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
			headers: { ...h, ...(headers as Record<string, string>) },
			...rest,
		});
	};
	return suite;
}

/** The records under the resource key as an array, whatever the single-object quirk did. */
export function rows(body: any, resource: string): any[] {
	const v = body?.[resource];
	if (v === undefined) return [];
	return Array.isArray(v) ? v : [v];
}
