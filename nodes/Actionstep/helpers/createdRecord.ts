import type { IDataObject } from 'n8n-workflow';

import type { ActionstepRecord, Query } from './interfaces';
import { specForCollection } from '../actions/specs';
import { parseTimestamp } from './time';

/**
 * Recognising a record we tried to create. When a create fails in a way that may have been applied
 * (dropped connection, timeout, 5xx, unreadable answer), the transport looks for a record that equals
 * the body it sent before it dares to send it again. The query narrows the search; `matches` decides.
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
