import type { INodeProperties } from 'n8n-workflow';

import * as create from './create.operation';
import * as deleteOperation from './delete.operation';
import * as get from './get.operation';
import * as getMany from './getMany.operation';
import * as update from './update.operation';

export { create, deleteOperation as delete, get, getMany, update };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['timeEntry'] } },
		options: [
			{ name: 'Create', value: 'create', description: 'Record time on a matter', action: 'Create a time entry' },
			{ name: 'Delete', value: 'delete', description: 'Delete a time entry', action: 'Delete a time entry' },
			{ name: 'Get', value: 'get', description: 'Get a time entry by ID', action: 'Get a time entry' },
			{ name: 'Get Many', value: 'getMany', description: 'List time entries, with filters', action: 'Get many time entries' },
			{ name: 'Update', value: 'update', description: 'Change fields of a time entry', action: 'Update a time entry' },
		],
		default: 'create',
	},
	...create.description,
	...get.description,
	...getMany.description,
	...update.description,
	...deleteOperation.description,
];
