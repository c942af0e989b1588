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

/** "21188" → 21188; composite ids such as "33--1" stay strings. */
function linkValue(value: unknown): unknown {
	if (typeof value === 'string' && /^\d{1,15}$/.test(value)) return Number(value);
	if (Array.isArray(value)) return value.map(linkValue);
	return value;
}

export function normaliseRecord(raw: IDataObject): ActionstepRecord {
	const record: IDataObject = { ...raw };
	if (typeof record.id === 'string' && /^\d{1,15}$/.test(record.id)) record.id = Number(record.id);
	if (isPlainObject(record.links)) {
		const links: IDataObject = {};
		for (const [name, value] of Object.entries(record.links)) links[name] = linkValue(value) as IDataObject[keyof IDataObject];
		record.links = links;
	}
	return record as ActionstepRecord;
}

/** The records under `resourceKey`, whether Actionstep sent an array, a bare object or nothing (204). */
export function unwrapRecords(body: unknown, resourceKey: string): ActionstepRecord[] {
	if (!isPlainObject(body)) return [];
	const data = body[resourceKey];
	if (Array.isArray(data)) return data.filter(isPlainObject).map(normaliseRecord);
	if (isPlainObject(data)) return [normaliseRecord(data)];
	return [];
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
