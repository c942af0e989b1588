import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { optionsCollection } from '../../descriptions/common';
import { toItems } from '../../helpers/output';
import { createRecord } from '../../transport';
import { locatorValue } from '../common';
import { taskCreateBody, taskField, taskFieldOptions, taskSpec } from './spec';

const properties: INodeProperties[] = [
	taskField('matter'),
	taskField('name'),
	taskField('assignee'),
	taskField('dueTimestamp'),
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: taskFieldOptions(['description', 'priority', 'status']),
	},
	optionsCollection(),
];

export const description = updateDisplayOptions({ show: { resource: ['task'], operation: ['create'] } }, properties);

export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const input: IDataObject = {
		...(this.getNodeParameter('additionalFields', i, {}) as IDataObject),
		matter: locatorValue.call(this, 'matter', i) as string,
		name: this.getNodeParameter('name', i, '') as string,
		assignee: locatorValue.call(this, 'assignee', i) as string,
		dueTimestamp: this.getNodeParameter('dueTimestamp', i, '') as string,
	};
	return toItems([await createRecord.call(this, taskSpec.collection, taskCreateBody(input, this.getTimezone()), i)]);
}
