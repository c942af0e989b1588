/**
 * Fault injection for resilience work: latency, 429 rate limiting (Actionstep rate-limits since April 2024
 * without published numbers or a documented Retry-After, notes §5), 5xx, connection resets before or after a
 * write is applied, malformed JSON, slow responses, redirects to another host (to prove the bearer token
 * never follows one) and list filters ignored (to prove the node checks what a filtered list returns). Each "every N" counter counts only the requests its
 * method filter matches, so "every 3rd POST" is exact. Requests refused with 429 advance no other counter.
 */
import { STATUS_CODES } from 'node:http';
import { ApiError, type Reply } from './http';
import type { FaultConfig } from './types';

export interface FaultDecision {
	latencyMs: number;
	/** Answer at once with this (rate limit, server error) instead of running the handler. */
	reply?: Reply;
	fault?: string;
	/** Destroy the socket before the handler runs. */
	resetBefore?: boolean;
	/** Hold the response this long (after the handler ran: a write is applied at once). */
	slowMs?: number;
	/** Hold the request this long before the handler runs: a write is applied only after the wait. */
	slowBeforeMs?: number;
	/** Run the handler (the write is applied), then destroy the socket. */
	resetAfter?: boolean;
	/** Replace the response body with cut-off JSON. */
	malformed?: boolean;
	/** Query parameters filtering on these fields are dropped before the handler runs. */
	ignoreFilters?: string[];
	/** A query filtering on one of these fields is answered 400. */
	refuseFilters?: string[];
}

type Counted = 'serverError' | 'connectionReset' | 'malformedJson' | 'slowResponse' | 'redirect';

export class FaultEngine {
	private config: FaultConfig = {};
	private counters: Record<Counted, number> = { serverError: 0, connectionReset: 0, malformedJson: 0, slowResponse: 0, redirect: 0 };
	private admitted: number[] = [];

	constructor(initial?: FaultConfig | null) {
		this.set(initial ?? null);
	}

	/** Replaces the configuration and restarts every counter and the rate-limit window. */
	set(config: FaultConfig | null): void {
		this.config = config ? validateFaultConfig(config) : {};
		this.counters = { serverError: 0, connectionReset: 0, malformedJson: 0, slowResponse: 0, redirect: 0 };
		this.admitted = [];
	}

	get(): FaultConfig {
		return structuredClone(this.config);
	}

	appliesToOAuthToken(): boolean {
		return this.config.includeOAuthToken === true;
	}

	decide(method: string, now = Date.now()): FaultDecision {
		const c = this.config;
		const d: FaultDecision = { latencyMs: c.latencyMs ?? 0 };
		if (c.ignoreFilters?.length) d.ignoreFilters = [...c.ignoreFilters];
		if (c.refuseFilters?.length) d.refuseFilters = [...c.refuseFilters];

		if (c.rateLimit) {
			const { requests, windowMs, retryAfterSeconds } = c.rateLimit;
			this.admitted = this.admitted.filter((t) => t > now - windowMs);
			if (this.admitted.length >= requests) {
				const headers: Record<string, string> = retryAfterSeconds !== undefined ? { 'Retry-After': String(retryAfterSeconds) } : {};
				d.reply = this.errorReply(429, `Rate limit exceeded: ${requests} requests per ${windowMs} ms (sandbox fault).`, headers);
				d.fault = 'rateLimit';
				return d;
			}
			this.admitted.push(now);
		}

		const hit = (kind: Counted): boolean => {
			const spec = c[kind];
			if (!spec || (spec.methods && !spec.methods.includes(method))) return false;
			this.counters[kind] += 1;
			return this.counters[kind] % spec.every === 0;
		};
		const serverError = hit('serverError');
		const reset = hit('connectionReset');
		const malformed = hit('malformedJson');
		const slow = hit('slowResponse');
		const redirect = hit('redirect');

		if (slow && c.slowResponse) {
			if (c.slowResponse.phase === 'before') d.slowBeforeMs = c.slowResponse.delayMs;
			else d.slowMs = c.slowResponse.delayMs;
			d.fault = c.slowResponse.phase === 'before' ? 'slowResponse:before' : 'slowResponse';
		}
		if (redirect && c.redirect) {
			d.reply = { status: c.redirect.status ?? 302, headers: { Location: c.redirect.location }, text: 'Moved (sandbox fault).' };
			d.fault = 'redirect';
			return d;
		}
		if (serverError) {
			const status = c.serverError?.status ?? 500;
			d.reply = this.errorReply(status, `Injected server error (every ${c.serverError?.every} requests).`);
			d.fault = 'serverError';
			return d;
		}
		if (reset && c.connectionReset?.phase === 'before') {
			d.resetBefore = true;
			d.fault = 'connectionReset:before';
			return d;
		}
		if (reset) {
			d.resetAfter = true;
			d.fault = 'connectionReset:after';
		} else if (malformed) {
			d.malformed = true;
			d.fault = 'malformedJson';
		}
		return d;
	}

	private errorReply(status: number, detail: string, headers: Record<string, string> = {}): Reply {
		return { status, headers, json: { errors: [{ status: String(status), title: STATUS_CODES[status] ?? 'Error', detail }] } };
	}
}

// ---- validation of configs from the admin endpoint and the CLI ----

function bad(detail: string): never {
	throw ApiError.of(400, 'Invalid fault configuration', detail);
}

function obj(v: unknown, path: string, keys: string[]): Record<string, unknown> {
	if (!v || typeof v !== 'object' || Array.isArray(v)) bad(`${path} must be an object.`);
	const o = v as Record<string, unknown>;
	const unknown = Object.keys(o).filter((k) => !keys.includes(k));
	if (unknown.length) bad(`Unknown key(s) in ${path}: ${unknown.join(', ')}. Known: ${keys.join(', ')}.`);
	return o;
}

function int(v: unknown, path: string, min: number, max = Number.MAX_SAFE_INTEGER): number {
	if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) bad(`${path} must be an integer from ${min} to ${max}.`);
	return v;
}

function methods(v: unknown, path: string): string[] | undefined {
	if (v === undefined) return undefined;
	if (!Array.isArray(v) || !v.every((m) => typeof m === 'string')) bad(`${path} must be an array of HTTP methods.`);
	return v.map((m) => m.toUpperCase());
}

export function validateFaultConfig(input: unknown): FaultConfig {
	const o = obj(input, 'faults', ['latencyMs', 'rateLimit', 'serverError', 'connectionReset', 'malformedJson', 'slowResponse', 'redirect', 'ignoreFilters', 'refuseFilters', 'includeOAuthToken']);
	const out: FaultConfig = {};
	if (o.latencyMs !== undefined) out.latencyMs = int(o.latencyMs, 'latencyMs', 0, 600_000);
	if (o.rateLimit !== undefined) {
		const r = obj(o.rateLimit, 'rateLimit', ['requests', 'windowMs', 'retryAfterSeconds']);
		out.rateLimit = { requests: int(r.requests, 'rateLimit.requests', 0), windowMs: int(r.windowMs, 'rateLimit.windowMs', 1) };
		if (r.retryAfterSeconds !== undefined) out.rateLimit.retryAfterSeconds = int(r.retryAfterSeconds, 'rateLimit.retryAfterSeconds', 0);
	}
	if (o.serverError !== undefined) {
		const s = obj(o.serverError, 'serverError', ['every', 'status', 'methods']);
		out.serverError = { every: int(s.every, 'serverError.every', 1) };
		if (s.status !== undefined) out.serverError.status = int(s.status, 'serverError.status', 400, 599);
		const m = methods(s.methods, 'serverError.methods');
		if (m) out.serverError.methods = m;
	}
	if (o.connectionReset !== undefined) {
		const s = obj(o.connectionReset, 'connectionReset', ['every', 'phase', 'methods']);
		if (s.phase !== 'before' && s.phase !== 'after') bad('connectionReset.phase must be "before" or "after".');
		out.connectionReset = { every: int(s.every, 'connectionReset.every', 1), phase: s.phase };
		const m = methods(s.methods, 'connectionReset.methods');
		if (m) out.connectionReset.methods = m;
	}
	if (o.malformedJson !== undefined) {
		const s = obj(o.malformedJson, 'malformedJson', ['every', 'methods']);
		out.malformedJson = { every: int(s.every, 'malformedJson.every', 1) };
		const m = methods(s.methods, 'malformedJson.methods');
		if (m) out.malformedJson.methods = m;
	}
	if (o.slowResponse !== undefined) {
		const s = obj(o.slowResponse, 'slowResponse', ['every', 'delayMs', 'phase', 'methods']);
		out.slowResponse = { every: int(s.every, 'slowResponse.every', 1), delayMs: int(s.delayMs, 'slowResponse.delayMs', 0, 600_000) };
		if (s.phase !== undefined) {
			if (s.phase !== 'before' && s.phase !== 'after') bad('slowResponse.phase must be "before" or "after".');
			out.slowResponse.phase = s.phase;
		}
		const m = methods(s.methods, 'slowResponse.methods');
		if (m) out.slowResponse.methods = m;
	}
	if (o.redirect !== undefined) {
		const s = obj(o.redirect, 'redirect', ['every', 'status', 'location', 'methods']);
		if (typeof s.location !== 'string' || !/^https?:\/\//.test(s.location)) bad('redirect.location must be an absolute http(s) URL.');
		out.redirect = { every: int(s.every, 'redirect.every', 1), location: s.location };
		if (s.status !== undefined) out.redirect.status = int(s.status, 'redirect.status', 300, 399);
		const m = methods(s.methods, 'redirect.methods');
		if (m) out.redirect.methods = m;
	}
	for (const key of ['ignoreFilters', 'refuseFilters'] as const) {
		const list = o[key];
		if (list === undefined) continue;
		if (!Array.isArray(list) || !list.every((f) => typeof f === 'string' && /^[A-Za-z][A-Za-z0-9_]*$/.test(f))) {
			bad(`${key} must be an array of field names, e.g. ["phoneRecord"].`);
		}
		out[key] = list as string[];
	}
	if (o.includeOAuthToken !== undefined) {
		if (typeof o.includeOAuthToken !== 'boolean') bad('includeOAuthToken must be a boolean.');
		out.includeOAuthToken = o.includeOAuthToken;
	}
	return out;
}
