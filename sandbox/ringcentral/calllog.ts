/**
 * GET /restapi/v1.0/account/~/extension/~/call-log as RingCentral answers it: filters dateFrom (default 24 hours
 * back), dateTo, type, direction, view (Simple | Detailed), sessionId, telephonySessionId; newest first; pages of
 * `perPage` (default 100, at most 1000) with `paging` {page, perPage, pageStart, pageEnd} and `navigation`
 * {firstPage, nextPage, previousPage} holding absolute URIs. Pure: the caller passes the calls and the clock.
 */
import { callLogRecord } from './calls';
import type { RcCall } from './types';

export class CallLogQueryError extends Error {
	constructor(
		readonly parameter: string,
		message: string,
	) {
		super(message);
	}
}

function time(query: URLSearchParams, name: string, fallback: number): number {
	const v = query.get(name);
	if (v === null || v === '') return fallback;
	const ms = Date.parse(v);
	if (!Number.isFinite(ms)) throw new CallLogQueryError(name, `Parameter [${name}] value is invalid: ${v.slice(0, 40)}`);
	return ms;
}

function positive(query: URLSearchParams, name: string, fallback: number, max: number): number {
	const v = query.get(name);
	if (v === null || v === '') return fallback;
	const n = Number(v);
	if (!Number.isInteger(n) || n < 1) throw new CallLogQueryError(name, `Parameter [${name}] value is invalid: ${v.slice(0, 20)}`);
	return Math.min(n, max);
}

/** The page for a call-log request. `listUri` is the request's own absolute URI without page/perPage. */
export function callLogPage(calls: RcCall[], query: URLSearchParams, opts: { baseUrl: string; listUri: string; nowMs: number }): Record<string, unknown> {
	const from = time(query, 'dateFrom', opts.nowMs - 24 * 3600 * 1000);
	const to = time(query, 'dateTo', opts.nowMs);
	const view = query.get('view') === 'Detailed' ? 'Detailed' : 'Simple';
	const type = query.get('type');
	if (type && type !== 'Voice' && type !== 'Fax') throw new CallLogQueryError('type', `Parameter [type] value is invalid: ${type.slice(0, 20)}`);
	const direction = query.getAll('direction');
	const page = positive(query, 'page', 1, 1e6);
	const perPage = positive(query, 'perPage', 100, 1000);
	const sessionId = query.get('sessionId');
	const telephonySessionId = query.get('telephonySessionId');

	const matching = calls
		.filter((c) => {
			const start = Date.parse(c.times.setup);
			if (start < from || start > to) return false;
			if (type === 'Fax') return false; // the corner's calls are all voice calls
			if (direction.length && !direction.includes(c.spec.direction)) return false;
			if (sessionId && c.sessionId !== sessionId) return false;
			if (telephonySessionId && c.telephonySessionId !== telephonySessionId) return false;
			return true;
		})
		.sort((a, b) => Date.parse(b.times.setup) - Date.parse(a.times.setup));
	const start = (page - 1) * perPage;
	const records = matching.slice(start, start + perPage).map((c) => callLogRecord(c, opts.baseUrl, view));
	const pageUri = (p: number) => `${opts.listUri}${opts.listUri.includes('?') ? '&' : '?'}page=${p}&perPage=${perPage}`;
	const paging: Record<string, unknown> = { page, perPage };
	if (records.length) {
		paging.pageStart = start;
		paging.pageEnd = start + records.length - 1;
	}
	const navigation: Record<string, unknown> = { firstPage: { uri: pageUri(1) } };
	if (start + perPage < matching.length) navigation.nextPage = { uri: pageUri(page + 1) };
	if (page > 1) navigation.previousPage = { uri: pageUri(page - 1) };
	return { uri: pageUri(page), records, paging, navigation };
}
