import type { IDataObject } from 'n8n-workflow';

import { createdRecordLookup } from '../helpers/createdRecord';
import type { CreatedRecordLookup } from '../helpers/createdRecord';
import type { ActionstepRecord, Query } from '../helpers/interfaces';
import { unwrapRecords, wrapBody } from './envelope';
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
 * Creates a record, at most once: when the POST fails in a way that may have been applied, the record
 * is looked for (see helpers/createdRecord.ts) and returned if found; it is sent again only when not.
 */
export async function createRecord(
	this: ActionstepContext,
	resource: string,
	fields: IDataObject,
	itemIndex?: number,
	recogniser?: CreatedRecordLookup,
): Promise<ActionstepRecord> {
	const lookup = recogniser ?? createdRecordLookup(resource, fields);
	const findApplied = lookup
		? async () => {
				const page = await fetchPage.call(this, { path: resource, query: lookup.query, itemIndex }, 1, 50);
				const found = page.records.find(lookup.matches);
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
	return firstRecord(response.body, resource);
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
	const match = id === undefined ? records[0] : (records.find((r) => r.id === id) ?? records[0]);
	// A 2xx without the record would be an API change; answer with what we know rather than nothing.
	return match ?? ({ id: id ?? 0 } as ActionstepRecord);
}
