import type { INodeProperties } from 'n8n-workflow';

import * as create from './create.operation';
import * as deleteOperation from './delete.operation';
import * as get from './get.operation';
import * as getMany from './getMany.operation';
import * as linkTimeEntry from './linkTimeEntry.operation';
import * as logCall from './logCall.operation';
import * as unlinkTimeEntry from './unlinkTimeEntry.operation';
import * as update from './update.operation';

export { create, deleteOperation as delete, get, getMany, linkTimeEntry, logCall, unlinkTimeEntry, update };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['phoneRecord'] } },
		options: [
			{ name: 'Create', value: 'create', description: 'Log a call as a phone record', action: 'Create a phone record' },
			{ name: 'Delete', value: 'delete', description: 'Delete a phone record', action: 'Delete a phone record' },
			{ name: 'Get', value: 'get', description: 'Get a phone record by ID', action: 'Get a phone record' },
			{
				name: 'Get Many',
				value: 'getMany',
				description: 'List phone records, with filters',
				action: 'Get many phone records',
			},
			{
				name: 'Link to Time Entry',
				value: 'linkTimeEntry',
				description: 'Bill a call: create a time entry for it, or attach it to an existing one',
				action: 'Link a phone record to a time entry',
			},
			{
				name: 'Log Call',
				value: 'logCall',
				description:
					'Log a call event from RingCentral, HostedSuite or any phone system: finds the caller, the matter, never logs a call twice, and can bill it',
				action: 'Log a call from a phone system',
			},
			{
				name: 'Unlink From Time Entry',
				value: 'unlinkTimeEntry',
				description: 'Remove the phone record from a time entry',
				action: 'Unlink a phone record from a time entry',
			},
			{ name: 'Update', value: 'update', description: 'Change fields of a phone record', action: 'Update a phone record' },
		],
		default: 'create',
	},
	...create.description,
	...get.description,
	...getMany.description,
	...update.description,
	...deleteOperation.description,
	...linkTimeEntry.description,
	...logCall.description,
	...unlinkTimeEntry.description,
];
