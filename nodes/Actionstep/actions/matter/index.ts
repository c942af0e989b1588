import type { INodeProperties } from 'n8n-workflow';

import * as get from './get.operation';
import * as getMany from './getMany.operation';
import * as getParticipants from './getParticipants.operation';

export { get, getMany, getParticipants };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['matter'] } },
		options: [
			{ name: 'Get', value: 'get', description: 'Get a matter by ID', action: 'Get a matter' },
			{ name: 'Get Many', value: 'getMany', description: 'List matters, with filters', action: 'Get many matters' },
			{
				name: 'Get Participants',
				value: 'getParticipants',
				description: 'Who plays which role on a matter (client, other side, lawyer, ...)',
				action: 'Get the participants of a matter',
			},
		],
		default: 'getMany',
	},
	...get.description,
	...getMany.description,
	...getParticipants.description,
];
