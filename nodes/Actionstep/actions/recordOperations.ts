import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { optionsCollection, returnAllOrLimit } from '../descriptions/common';
import type { Query } from '../helpers/interfaces';
import { FieldError } from '../helpers/interfaces';
import { toItems } from '../helpers/output';
import { requireId } from '../helpers/validation';
import { fetchAll, getRecord } from '../transport';
import { locatorValue, pageConcurrency } from './common';
import type { ResourceSpec } from './spec';

/**
 * Get and Get Many as most resources have them: one record by its id parameter, or a filtered list with
 * Return All / Limit. A resource builds its operation from these with its spec, its id field and its filters.
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

/** `planQuery`: the Filters collection → Actionstep's query (pure; throws FieldError naming a bad filter). */
export function getManyOperation(
	spec: ResourceSpec,
	filters: INodeProperties[],
	planQuery: (filters: IDataObject, timeZone: string) => Query,
): RecordOperation {
	const properties: INodeProperties[] = [
		...returnAllOrLimit(),
		{ displayName: 'Filters', name: 'filters', type: 'collection', placeholder: 'Add Filter', default: {}, options: filters },
		optionsCollection([], 'pages'),
	];
	return {
		description: updateDisplayOptions({ show: { resource: [spec.resource], operation: ['getMany'] } }, properties),
		async execute(this: IExecuteFunctions, i: number) {
			const returnAll = this.getNodeParameter('returnAll', i) as boolean;
			const limit = returnAll ? undefined : (this.getNodeParameter('limit', i) as number);
			const query = planQuery(this.getNodeParameter('filters', i, {}) as IDataObject, this.getTimezone());
			const options = this.getNodeParameter('options', i, {}) as IDataObject;
			const list = { path: spec.collection, query, itemIndex: i };
			return toItems(await fetchAll.call(this, list, { limit, concurrency: pageConcurrency(options) }));
		},
	};
}

/** Update Fields with nothing in it is a mistake, not a no-op: say so before sending anything. */
export function nonEmptyUpdate(body: IDataObject): IDataObject {
	if (Object.keys(body).length === 0) throw new FieldError('updateFields', 'is empty: add at least one field to update');
	return body;
}
