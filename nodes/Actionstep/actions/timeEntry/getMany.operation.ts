import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { optionsCollection, returnAllOrLimit } from '../../descriptions/common';
import { toItems } from '../../helpers/output';
import { planTimeEntryQuery } from '../../helpers/timeEntryQuery';
import { fetchAll } from '../../transport';
import { pageConcurrency } from '../common';
import { TIME_ENTRIES } from '../shared/resources';

const properties: INodeProperties[] = [
	...returnAllOrLimit(),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options: [
			{ displayName: 'Date From', name: 'timestampDateFrom', type: 'dateTime', default: '' },
			{ displayName: 'Date To', name: 'timestampDateTo', type: 'dateTime', default: '' },
			{ displayName: 'Matter ID', name: 'matterId', type: 'string', default: '', placeholder: 'e.g. 321845' },
			{
				displayName: 'Owner ID',
				name: 'ownerId',
				type: 'string',
				default: '',
				placeholder: 'e.g. 12',
				description: 'Participant ID of the fee earner',
			},
			{
				displayName: 'Phone Record ID',
				name: 'phoneRecordId',
				type: 'string',
				default: '',
				placeholder: 'e.g. 1176',
				description: 'Time entries that bill this phone call',
			},
		],
	},
	optionsCollection([], 'pages'),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['timeEntry'], operation: ['getMany'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const returnAll = this.getNodeParameter('returnAll', i) as boolean;
	const limit = returnAll ? undefined : (this.getNodeParameter('limit', i) as number);
	const filters = this.getNodeParameter('filters', i, {}) as IDataObject;
	const options = this.getNodeParameter('options', i, {}) as IDataObject;
	const query = planTimeEntryQuery(filters, this.getTimezone());
	return toItems(
		await fetchAll.call(this, { path: TIME_ENTRIES, query, itemIndex: i }, { limit, concurrency: pageConcurrency(options) }),
	);
}
