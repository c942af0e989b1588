import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { filtersCollection, optionsCollection, returnAllOrLimit } from '../descriptions/common';
import type { ActionstepRecord, Query } from '../helpers/interfaces';
import { FieldError } from '../helpers/interfaces';
import { toItems } from '../helpers/output';
import { requireId } from '../helpers/validation';
import type { FetchAllOptions } from '../transport';
import { fetchAll, getRecord } from '../transport';
import { locatorValue, pageConcurrency } from './common';
import type { ResourceSpec } from './spec';

/**
 * Get and Get Many as the resources have them: one record by its id parameter, or a filtered list with
 * Return All / Limit. A resource builds its operation from these with its spec, its id field or its filters,
 * and for Get Many how its filters are read from Actionstep.
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
			const limit = returnAll ? undefined : (this.getNodeParameter('limit', i) as number);
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

/** Update Fields with nothing in it is a mistake, not a no-op: say so before sending anything. */
export function nonEmptyUpdate(body: IDataObject): IDataObject {
	if (Object.keys(body).length === 0) throw new FieldError('updateFields', 'is empty: add at least one field to update');
	return body;
}
