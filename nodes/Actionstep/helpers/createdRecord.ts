import type { IDataObject } from 'n8n-workflow';

import type { ActionstepRecord, Query } from './interfaces';
import { specForCollection } from '../actions/specs';
import { parseTimestamp } from './time';

/**
 * Recognising a record we tried to create. When a create fails in a way that may have been applied
 * (dropped connection, timeout, 5xx, unreadable answer), the transport looks for it before it dares to
 * send it again. The query narrows the search; `matches` decides. By default a record matches when it
 * equals the body sent; a caller that writes a unique marker into the record can recognise it by that
 * marker alone (recogniseByMarker), so it never takes an identical record made by someone else.
 */

export interface CreatedRecordLookup {
	query: Query;
	matches: (record: ActionstepRecord) => boolean;
}

function instant(value: unknown): number | undefined {
	const parsed = parseTimestamp(value, 'UTC');
	return parsed.ok ? parsed.epochMs : undefined;
}

function sameValue(sent: unknown, stored: unknown): boolean {
	if (sent === null || sent === undefined || sent === '') return stored === null || stored === undefined || stored === '';
	if (typeof sent === 'number') return Number(stored) === sent;
	if (typeof sent === 'string') {
		if (typeof stored !== 'string') return false;
		if (sent === stored || sent.trim() === stored.trim()) return true;
		const a = instant(sent);
		return a !== undefined && /^\d{4}-\d{2}-\d{2}T/.test(sent) && a === instant(stored);
	}
	return sent === stored;
}

/** Every field and link that was sent has the same value in the record. */
export function recordMatchesBody(record: ActionstepRecord, body: IDataObject): boolean {
	for (const [key, value] of Object.entries(body)) {
		if (key === 'links') continue;
		if (!sameValue(value, record[key])) return false;
	}
	const sentLinks = (body.links ?? {}) as IDataObject;
	const storedLinks = (record.links ?? {}) as IDataObject;
	return Object.entries(sentLinks).every(([name, value]) => sameValue(value, storedLinks[name]));
}

/** How to find a just-created record of this collection (its spec says), or undefined when it cannot be told apart. */
export function createdRecordLookup(resource: string, body: IDataObject): CreatedRecordLookup | undefined {
	const query = specForCollection(resource)?.createdRecordQuery?.(body);
	if (!query) return undefined;
	return { query: { ...query, sort: '-id' }, matches: (record) => recordMatchesBody(record, body) };
}

/**
 * Recognises only the record that carries `marker` (a value unique to this create attempt) in `field`,
 * searched with the same narrowing query as the default lookup. Undefined when the record cannot be
 * narrowed down (then the caller should not pass a recogniser).
 */
export function recogniseByMarker(resource: string, body: IDataObject, field: string, marker: string): CreatedRecordLookup | undefined {
	const narrowed = createdRecordLookup(resource, body);
	if (!narrowed || marker.trim() === '') return undefined;
	return {
		query: narrowed.query,
		matches: (record) => typeof record[field] === 'string' && (record[field] as string).includes(marker),
	};
}
