import type { INodeProperties } from 'n8n-workflow';

export function returnAllOrLimit(): INodeProperties[] {
	return [
		{
			displayName: 'Return All',
			name: 'returnAll',
			type: 'boolean',
			default: false,
			description: 'Whether to return all results or only up to a given limit',
		},
		{
			displayName: 'Limit',
			name: 'limit',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 50,
			description: 'Max number of results to return',
			displayOptions: { show: { returnAll: [false] } },
		},
	];
}

/** The Filters collection of a Get Many or a trigger, holding `options`. */
export function filtersCollection(options: INodeProperties[]): INodeProperties {
	return { displayName: 'Filters', name: 'filters', type: 'collection', placeholder: 'Add Filter', default: {}, options };
}

export function recordIdField(name: string, displayName: string, description: string): INodeProperties {
	return {
		displayName,
		name,
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. 1176',
		description,
	};
}

/** Options every operation offers: how many requests run at once, and how long one may take. */
function requestOptions(parallel: 'items' | 'pages'): INodeProperties[] {
	return [
		{
			displayName: 'Concurrency',
			name: 'concurrency',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: 16 },
			default: 4,
			description:
				parallel === 'pages'
					? 'How many pages to fetch at once after the first. 1 walks the pages one by one. Actionstep rate-limits per user; the node slows down by itself when told to.'
					: 'How many input items to process at once (items on the same record always run one after another). Actionstep rate-limits per user; the node slows down by itself when told to.',
		},
		{
			displayName: 'Request Timeout (Seconds)',
			name: 'requestTimeout',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: 600 },
			default: 180,
			description:
				'How long to wait for one answer from Actionstep. A large filtered query can take minutes on its first page.',
		},
	];
}

/** The operation's Options collection: its own options plus the request options, alphabetical. */
export function optionsCollection(own: INodeProperties[] = [], parallel: 'items' | 'pages' = 'items'): INodeProperties {
	return {
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [...own, ...requestOptions(parallel)].sort((a, b) => a.displayName.localeCompare(b.displayName)),
	};
}
