import type { IDataObject } from 'n8n-workflow';

import type { ActionstepRecord, PagingInfo } from '../helpers/interfaces';

/**
 * Actionstep's `application/vnd.api+json` envelope: bodies wrapped under the plural resource name,
 * a collection with exactly one match returned as a bare object, 204 for no match, paging under
 * `meta.paging.<resource>`, and ids as strings inside `links`.
 */

export function wrapBody(resourceKey: string, record: IDataObject): IDataObject {
	return { [resourceKey]: record };
}

function isPlainObject(value: unknown): value is IDataObject {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const NUMERIC_ID = /^\d{1,15}$/;

/** "21188" → 21188; composite ids such as "33--1" stay strings. */
function linkValue(value: unknown): unknown {
	if (typeof value === 'string') return NUMERIC_ID.test(value) ? Number(value) : value;
	if (Array.isArray(value)) for (let i = 0; i < value.length; i++) value[i] = linkValue(value[i]);
	return value;
}

/**
 * Numeric ids, the record's own and those in `links`, become numbers. In place: `raw` is part of an answer
 * the HTTP client has just parsed for this request alone, and copying it doubled what reading a page
 * allocates, and the garbage collector's work with it, for nothing.
 */
export function normaliseRecord(raw: IDataObject): ActionstepRecord {
	if (typeof raw.id === 'string' && NUMERIC_ID.test(raw.id)) raw.id = Number(raw.id);
	const links = raw.links;
	if (isPlainObject(links)) {
		for (const name of Object.keys(links)) links[name] = linkValue(links[name]) as IDataObject[keyof IDataObject];
	}
	return raw as ActionstepRecord;
}

/**
 * The records under `resourceKey`, whether Actionstep sent an array, a bare object or nothing (204),
 * normalised in place (see normaliseRecord): `body` must be a fresh parse that nothing else reads.
 */
export function unwrapRecords(body: unknown, resourceKey: string): ActionstepRecord[] {
	if (!isPlainObject(body)) return [];
	const data = body[resourceKey];
	if (isPlainObject(data)) return [normaliseRecord(data)];
	if (!Array.isArray(data)) return [];
	const records: ActionstepRecord[] = [];
	for (const raw of data) if (isPlainObject(raw)) records.push(normaliseRecord(raw));
	return records;
}

export function readPaging(body: unknown, resourceKey: string): PagingInfo | undefined {
	if (!isPlainObject(body) || !isPlainObject(body.meta) || !isPlainObject(body.meta.paging)) return undefined;
	const paging = body.meta.paging[resourceKey];
	if (!isPlainObject(paging)) return undefined;
	const num = (v: unknown) => (typeof v === 'number' ? v : Number(v));
	const info: PagingInfo = {
		recordCount: num(paging.recordCount),
		pageCount: num(paging.pageCount),
		page: num(paging.page),
		pageSize: num(paging.pageSize),
	};
	return Object.values(info).every(Number.isFinite) ? info : undefined;
}

/** Records from `linked.<resource>` (present when the request had `include=`). */
export function readLinked(body: unknown, resourceKey: string): ActionstepRecord[] {
	if (!isPlainObject(body) || !isPlainObject(body.linked)) return [];
	return unwrapRecords(body.linked, resourceKey);
}

/** Actionstep's `{errors:[{status,title,detail}]}` body, flattened to readable text. */
export function readApiErrors(body: unknown): { title?: string; detail?: string } {
	if (!isPlainObject(body)) return {};
	const errors = Array.isArray(body.errors) ? body.errors : isPlainObject(body.errors) ? [body.errors] : [];
	const first = errors.find(isPlainObject);
	const details = errors
		.filter(isPlainObject)
		.map((e) => (typeof e.detail === 'string' ? e.detail : typeof e.title === 'string' ? e.title : ''))
		.filter((text) => text !== '');
	if (first) return { title: typeof first.title === 'string' ? first.title : undefined, detail: details.join('; ') || undefined };
	// OAuth-style bodies (`{error, error_description}`) appear on token problems.
	if (typeof body.error === 'string') {
		return {
			title: body.error,
			detail: typeof body.error_description === 'string' ? body.error_description : undefined,
		};
	}
	return {};
}
