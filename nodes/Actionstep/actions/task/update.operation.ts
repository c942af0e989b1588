import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { optionsCollection } from '../../descriptions/common';
import { toItems } from '../../helpers/output';
import { requireId } from '../../helpers/validation';
import { updateRecord } from '../../transport';
import { unwrapLocator } from '../common';
import { nonEmptyUpdate } from '../recordOperations';
import { taskFieldOptions, taskFields, taskIdField, taskSpec } from './spec';

const properties: INodeProperties[] = [
	{ ...taskIdField, description: 'ID of the task to update' },
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: taskFieldOptions(['assignee', 'description', 'dueTimestamp', 'matter', 'name', 'priority', 'status']),
	},
	optionsCollection(),
];

export const description = updateDisplayOptions({ show: { resource: ['task'], operation: ['update'] } }, properties);

export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const id = requireId(this.getNodeParameter('taskId', i), 'taskId');
	const fields = this.getNodeParameter('updateFields', i, {}) as IDataObject;
	const input = Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, unwrapLocator(v)])) as IDataObject;
	const body = nonEmptyUpdate(taskFields(input, this.getTimezone()));
	return toItems([await updateRecord.call(this, taskSpec.collection, id, body, i)]);
}
