import type { INodeProperties } from 'n8n-workflow';

/** resourceLocator fields for the records users pick: every one accepts a plain id. */

const ID_MODE = {
	displayName: 'By ID',
	name: 'id',
	type: 'string' as const,
	placeholder: 'e.g. 8945',
	validation: [
		{
			type: 'regex' as const,
			properties: { regex: '^\\s*\\d+\\s*$', errorMessage: 'Not a valid Actionstep ID (digits only)' },
		},
	],
};

export function matterLocator(overrides: Partial<INodeProperties> = {}): INodeProperties {
	return {
		displayName: 'Matter',
		name: 'matter',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		description: 'The matter (Actionstep "action") the record belongs to',
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				placeholder: 'Select a matter...',
				typeOptions: { searchListMethod: 'searchMatters', searchable: true },
			},
			{ ...ID_MODE, placeholder: 'e.g. 321845' },
			{
				displayName: 'By URL',
				name: 'url',
				type: 'string',
				placeholder: 'e.g. https://go.actionstep.com/mym/asfw/workflow/action/overview/action_id/321845',
				extractValue: { type: 'regex', regex: 'action_id[=/](\\d+)' },
				validation: [
					{
						type: 'regex',
						properties: {
							regex: '.*action_id[=/]\\d+.*',
							errorMessage: 'Not an Actionstep matter URL (it should contain action_id)',
						},
					},
				],
			},
		],
		...overrides,
	};
}

export function participantLocator(
	name: string,
	displayName: string,
	overrides: Partial<INodeProperties> = {},
): INodeProperties {
	return {
		displayName,
		name,
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				placeholder: 'Search participants by name...',
				typeOptions: { searchListMethod: 'searchParticipants', searchable: true },
			},
			ID_MODE,
		],
		...overrides,
	};
}
