import type { INodeProperties } from 'n8n-workflow';

import * as complete from './complete.operation';
import * as create from './create.operation';
import * as get from './get.operation';
import * as getMany from './getMany.operation';
import * as update from './update.operation';

export { complete, create, get, getMany, update };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['task'] } },
		options: [
			{ name: 'Complete', value: 'complete', description: 'Mark a task complete, now', action: 'Complete a task' },
			{ name: 'Create', value: 'create', description: 'Create a task on a matter, e.g. a call-back', action: 'Create a task' },
			{ name: 'Get', value: 'get', description: 'Get a task by ID', action: 'Get a task' },
			{ name: 'Get Many', value: 'getMany', description: 'List tasks, with filters', action: 'Get many tasks' },
			{ name: 'Update', value: 'update', description: 'Change fields of a task', action: 'Update a task' },
		],
		default: 'create',
	},
	...create.description,
	...get.description,
	...getMany.description,
	...update.description,
	...complete.description,
];
