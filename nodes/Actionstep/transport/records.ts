import type { IDataObject } from 'n8n-workflow';

import { createdRecordLookup } from '../helpers/createdRecord';
import type { CreatedRecordLookup } from '../helpers/createdRecord';
import type { ActionstepRecord, Query } from '../helpers/interfaces';
import { unwrapRecords, wrapBody } from './envelope';
import { executionSettings } from './execution';
import { fetchPage } from './paging';
import { actionstepRequest, pathOf } from './request';
import type { ActionstepContext } from './request';

/** Single-record calls on a resource collection such as `phonerecords`; the resource key is its name. */

export async function getRecord(
	this: ActionstepContext,
	resource: string,
	id: number,
	itemIndex?: number,
	query?: Query,
): Promise<ActionstepRecord> {
	const response = await actionstepRequest.call(this, { method: 'GET', path: pathOf(resource, id), query, itemIndex });
	return firstRecord(response.body, resource, id);
}

/**
 * Creates a record without creating it twice: when the POST fails in a way that may have been applied,
 * the record is looked for and returned if found (see request.ts for when it is resent). The lookup is
 * `recognise` when the caller gives one (e.g. one that matches only its own per-attempt marker), else
 * the field-equality lookup of helpers/createdRecord.ts. A record another create of this execution
 * already returned is never adopted, so two identical creates stay two records.
 */
export async function createRecord(
	this: ActionstepContext,
	resource: string,
	fields: IDataObject,
	itemIndex?: number,
	recognise?: CreatedRecordLookup,
): Promise<ActionstepRecord> {
	const lookup = recognise ?? createdRecordLookup(resource, fields);
	const claimed = executionSettings(this).claimedRecords;
	const claimKey = (id: number) => `${resource}/${id}`;
	const findApplied = lookup
		? async () => {
				const page = await fetchPage.call(this, { path: resource, query: lookup.query, itemIndex }, 1, 50);
				const found = page.records.find((record) => !claimed.has(claimKey(record.id)) && lookup.matches(record));
				if (found) claimed.add(claimKey(found.id));
				return found ? wrapBody(resource, found) : undefined;
			}
		: undefined;
	const response = await actionstepRequest.call(this, {
		method: 'POST',
		path: resource,
		body: wrapBody(resource, fields),
		itemIndex,
		findApplied,
	});
	const record = firstRecord(response.body, resource);
	claimed.add(claimKey(record.id));
	return record;
}

export async function updateRecord(
	this: ActionstepContext,
	resource: string,
	id: number,
	fields: IDataObject,
	itemIndex?: number,
): Promise<ActionstepRecord> {
	const response = await actionstepRequest.call(this, {
		method: 'PUT',
		path: pathOf(resource, id),
		body: wrapBody(resource, fields),
		itemIndex,
	});
	return firstRecord(response.body, resource, id);
}

export async function deleteRecord(
	this: ActionstepContext,
	resource: string,
	id: number,
	itemIndex?: number,
): Promise<void> {
	await actionstepRequest.call(this, { method: 'DELETE', path: pathOf(resource, id), itemIndex });
}

function firstRecord(body: unknown, resource: string, id?: number): ActionstepRecord {
	const records = unwrapRecords(body, resource);
	const match = id === undefined ? records[0] : records.find((r) => r.id === id);
	// Another record than the one asked for is never passed off as it (a server that ignored the id).
	if (!match && records.length) throw new Error(`Actionstep answered ${resource}/${id} with ${resource} ${records.map((r) => r.id).slice(0, 5).join(', ')}, not ${id}`);
	// A 2xx without the record would be an API change; answer with what we know rather than nothing.
	return match ?? ({ id: id ?? 0 } as ActionstepRecord);
}
