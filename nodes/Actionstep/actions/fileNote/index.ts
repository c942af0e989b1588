import type { INodeProperties } from 'n8n-workflow';

import * as create from './create.operation';
import * as getMany from './getMany.operation';

export { create, getMany };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['fileNote'] } },
		options: [
			{ name: 'Create', value: 'create', description: 'File a note on a matter, e.g. a call transcript', action: 'Create a file note' },
			{ name: 'Get Many', value: 'getMany', description: 'List file notes, with filters', action: 'Get many file notes' },
		],
		default: 'create',
	},
	...create.description,
	...getMany.description,
];
