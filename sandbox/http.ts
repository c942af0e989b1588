/**
 * The request/reply shapes every handler works with, and the Actionstep error body. Handlers return a
 * Reply instead of writing to the socket so that the server can apply faults and log in one place.
 */
import type { IncomingHttpHeaders } from 'node:http';

export const API_MEDIA_TYPE = 'application/vnd.api+json';

export interface SandboxRequest {
	method: string;
	/** Path as received (percent-encoding intact). */
	rawPath: string;
	/** Query string as received, without '?'. */
	rawQuery: string;
	/** Percent-decoded path. */
	path: string;
	query: URLSearchParams;
	headers: IncomingHttpHeaders;
	body: Buffer;
	remoteAddress: string;
}

export interface Reply {
	status: number;
	headers?: Record<string, string>;
	/** Serialised as JSON with `contentType` (default the Actionstep media type). */
	json?: unknown;
	/** Sent as is (HTML pages). */
	text?: string;
	contentType?: string;
}

export interface ErrorObject {
	status: string;
	title: string;
	detail: string;
	source?: { pointer?: string; parameter?: string };
}

/** Thrown by handlers and rules; becomes `{errors:[...]}`, the only top-level member on an error (notes §2, §5). */
export class ApiError extends Error {
	constructor(
		public readonly status: number,
		public readonly errors: ErrorObject[],
		public readonly headers: Record<string, string> = {},
	) {
		super(errors.map((e) => e.detail).join('; '));
	}

	static of(
		status: number,
		title: string,
		detail: string,
		extra: { source?: ErrorObject['source']; headers?: Record<string, string> } = {},
	): ApiError {
		const error: ErrorObject = { status: String(status), title, detail };
		if (extra.source) error.source = extra.source;
		return new ApiError(status, [error], extra.headers);
	}

	/** 400 for a query parameter problem. */
	static badParameter(parameter: string, detail: string): ApiError {
		return ApiError.of(400, 'Bad Request', detail, { source: { parameter } });
	}
}

export function errorReply(err: ApiError): Reply {
	return { status: err.status, headers: err.headers, json: { errors: err.errors } };
}

/** The body as a JSON object; undefined when it is not one (the corners answer that in their own error shape). */
export function jsonObjectBody(r: SandboxRequest): Record<string, unknown> | undefined {
	try {
		const v = JSON.parse(r.body.toString('utf8') || '{}') as unknown;
		return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
	} catch {
		return undefined;
	}
}

export function headerValue(headers: IncomingHttpHeaders, name: string): string | null {
	const v = headers[name.toLowerCase()];
	if (v === undefined) return null;
	return Array.isArray(v) ? v.join(', ') : v;
}

/** The media type without parameters, lower-cased ('application/json; charset=utf-8' → 'application/json'). */
export function mediaType(headers: IncomingHttpHeaders): string | null {
	const ct = headerValue(headers, 'content-type');
	if (!ct) return null;
	return ct.split(';')[0].trim().toLowerCase();
}

/** A query object for logs: a repeated key becomes an array. */
export function queryObject(query: URLSearchParams): Record<string, string | string[]> {
	const out: Record<string, string | string[]> = {};
	for (const [k, v] of query) {
		const prev = out[k];
		if (prev === undefined) out[k] = v;
		else out[k] = Array.isArray(prev) ? [...prev, v] : [prev, v];
	}
	return out;
}

export function escapeHtml(s: string): string {
	return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
