import type { INodeProperties } from 'n8n-workflow';

import * as create from './create.operation';
import * as get from './get.operation';
import * as getMany from './getMany.operation';
import * as update from './update.operation';

export { create, get, getMany, update };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['participant'] } },
		options: [
			{ name: 'Create', value: 'create', description: 'Add a person or company to Actionstep', action: 'Create a participant' },
			{ name: 'Get', value: 'get', description: 'Get a participant by ID', action: 'Get a participant' },
			{
				name: 'Get Many',
				value: 'getMany',
				description: 'Find participants by name, email or phone number',
				action: 'Get many participants',
			},
			{ name: 'Update', value: 'update', description: 'Change fields of a participant', action: 'Update a participant' },
		],
		default: 'getMany',
	},
	...create.description,
	...get.description,
	...getMany.description,
	...update.description,
];
