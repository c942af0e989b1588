import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { optionsCollection, returnAllOrLimit } from '../../descriptions/common';
import type { ActionstepRecord } from '../../helpers/interfaces';
import { toItems } from '../../helpers/output';
import { fetchAll } from '../../transport';
import { pageConcurrency } from '../common';
import { participantsWithNumber } from '../shared/phoneMatch';
import { participantMatchesPlan, participantSpec, planParticipantQuery } from './spec';

const properties: INodeProperties[] = [
	...returnAllOrLimit(),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options: [
			{ displayName: 'Email', name: 'email', type: 'string', placeholder: 'name@email.com', default: '', description: 'Whole address, any case' },
			{ displayName: 'Is Company', name: 'isCompany', type: 'boolean', default: true, description: 'Whether to list only companies (on) or only people (off)' },
			{
				displayName: 'Name',
				name: 'name',
				type: 'string',
				default: '',
				description: 'Part of the display, first, last or company name, any case',
			},
			{
				displayName: 'Phone Number',
				name: 'phoneNumber',
				type: 'string',
				default: '',
				placeholder: 'e.g. +61 2 9876 5432',
				description: 'Participants with this number in any phone slot or SMS, matched the way Log Call matches callers',
			},
		],
	},
	optionsCollection([], 'pages'),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['participant'], operation: ['getMany'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const returnAll = this.getNodeParameter('returnAll', i) as boolean;
	const limit = returnAll ? undefined : (this.getNodeParameter('limit', i) as number);
	const plan = planParticipantQuery(this.getNodeParameter('filters', i, {}) as IDataObject);
	const options = this.getNodeParameter('options', i, {}) as IDataObject;

	if (plan.phone) {
		const found = (await participantsWithNumber.call(this, plan.phone, i)).map((m) => m.participant);
		const kept = found.filter((record) => participantMatchesPlan(record, plan));
		return toItems(limit === undefined ? kept : kept.slice(0, limit));
	}
	// In id order, so that the first `limit` of the merged variants are among the first `limit` of each.
	const queries = plan.variants.length ? plan.variants.map((v) => ({ ...plan.base, ...v, sort: 'id' })) : [{ ...plan.base, sort: 'id' }];
	const byId = new Map<number, ActionstepRecord>();
	for (const query of queries) {
		const list = { path: participantSpec.collection, query, itemIndex: i };
		for (const record of await fetchAll.call(this, list, { limit, concurrency: pageConcurrency(options) })) {
			if (!byId.has(record.id)) byId.set(record.id, record);
		}
	}
	const records = [...byId.values()].sort((a, b) => a.id - b.id);
	return toItems(limit === undefined ? records : records.slice(0, limit));
}
