import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { filtersCollection, optionsCollection, returnAllOrLimit } from '../descriptions/common';
import type { ActionstepRecord, Query } from '../helpers/interfaces';
import { toItems } from '../helpers/output';
import { nonEmptyUpdate, requireId, requireLimit } from '../helpers/validation';
import type { FetchAllOptions } from '../transport';
import { fetchAll, getRecord, updateRecord } from '../transport';
import { locatorValue, pageConcurrency, unwrapLocator } from './common';
import type { ResourceSpec } from './spec';

/**
 * Get, Get Many and Update as the resources have them: one record by its id parameter, a filtered list with
 * Return All / Limit, or a change of the fields given. A resource builds its operation from these with its
 * spec, its id field, its filters or fields, and how it reads its filters or builds its body.
 */

export interface RecordOperation {
	description: INodeProperties[];
	execute: (this: IExecuteFunctions, i: number) => Promise<INodeExecutionData[]>;
}

export function getOperation(spec: ResourceSpec, idField: INodeProperties): RecordOperation {
	return {
		description: updateDisplayOptions({ show: { resource: [spec.resource], operation: ['get'] } }, [idField, optionsCollection()]),
		async execute(this: IExecuteFunctions, i: number) {
			const id = requireId(locatorValue.call(this, spec.idParameter, i), spec.idParameter);
			return toItems([await getRecord.call(this, spec.collection, id, i)]);
		},
	};
}

/** One item's Get Many, as the generic layer has read it from the node's parameters. */
export interface GetManyRequest {
	/** The Filters collection as the user filled it in (unchecked). */
	filters: IDataObject;
	/** The Options collection (Concurrency, Request Timeout and the operation's own options). */
	options: IDataObject;
	timeZone: string;
	/** Limit, or undefined with Return All. */
	limit: number | undefined;
	/** What a plain read passes to `fetchAll`: Limit and Options → Concurrency. */
	paging: FetchAllOptions;
	itemIndex: number;
}

/** Reads a Get Many's records; it may return more than Limit (the generic layer keeps the first Limit). */
export type ListRecords = (this: IExecuteFunctions, request: GetManyRequest) => Promise<ActionstepRecord[]>;

export interface GetManyParts {
	/** The options of the Filters collection. */
	filters: INodeProperties[];
	/** Options of this Get Many besides the request options every Get Many has. */
	options?: INodeProperties[];
	list: ListRecords;
}

/** Get Many: Return All / Limit, Filters and Options in the description; one item's records out, at most Limit. */
export function getManyOperation(spec: ResourceSpec, parts: GetManyParts): RecordOperation {
	const properties: INodeProperties[] = [
		...returnAllOrLimit(),
		filtersCollection(parts.filters),
		optionsCollection(parts.options ?? [], 'pages'),
	];
	return {
		description: updateDisplayOptions({ show: { resource: [spec.resource], operation: ['getMany'] } }, properties),
		async execute(this: IExecuteFunctions, i: number) {
			const returnAll = this.getNodeParameter('returnAll', i) as boolean;
			const limit = returnAll ? undefined : requireLimit(this.getNodeParameter('limit', i));
			const filters = this.getNodeParameter('filters', i, {}) as IDataObject;
			const options = this.getNodeParameter('options', i, {}) as IDataObject;
			const paging = { limit, concurrency: pageConcurrency(options) };
			const request = { filters, options, timeZone: this.getTimezone(), limit, paging, itemIndex: i };
			const records = await parts.list.call(this, request);
			return toItems(limit === undefined ? records : records.slice(0, limit));
		},
	};
}

/**
 * The list of a resource whose filters are one query on its collection. `planQuery`: the Filters
 * collection → Actionstep's query (pure; throws FieldError naming a bad filter).
 */
export function queryList(spec: ResourceSpec, planQuery: (filters: IDataObject, timeZone: string) => Query): ListRecords {
	return async function (this: IExecuteFunctions, request: GetManyRequest) {
		const query = planQuery(request.filters, request.timeZone);
		return await fetchAll.call(this, { path: spec.collection, query, itemIndex: request.itemIndex }, request.paging);
	};
}

/**
 * Update: the record's id field and an Update Fields collection of `fieldOptions`. `planBody`: the given
 * fields (resource locators unwrapped) → the body to send (pure; throws FieldError naming a bad field).
 * `checkBeforeWrite`: where a body can only be judged against the stored record, a read and a check.
 */
export function updateOperation(
	spec: ResourceSpec,
	idField: INodeProperties,
	fieldOptions: INodeProperties[],
	planBody: (fields: IDataObject, timeZone: string) => IDataObject,
	checkBeforeWrite?: (this: IExecuteFunctions, id: number, body: IDataObject, i: number) => Promise<void>,
): RecordOperation {
	const properties: INodeProperties[] = [
		idField,
		{ displayName: 'Update Fields', name: 'updateFields', type: 'collection', placeholder: 'Add Field', default: {}, options: fieldOptions },
		optionsCollection(),
	];
	return {
		description: updateDisplayOptions({ show: { resource: [spec.resource], operation: ['update'] } }, properties),
		async execute(this: IExecuteFunctions, i: number) {
			const id = requireId(locatorValue.call(this, spec.idParameter, i), spec.idParameter);
			const fields = this.getNodeParameter('updateFields', i, {}) as IDataObject;
			const input = Object.fromEntries(Object.entries(fields).map(([name, value]) => [name, unwrapLocator(value)])) as IDataObject;
			const body = nonEmptyUpdate(planBody(input, this.getTimezone()));
			if (checkBeforeWrite) await checkBeforeWrite.call(this, id, body, i);
			return toItems([await updateRecord.call(this, spec.collection, id, body, i)]);
		},
	};
}
