import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { ActionstepRecord } from '../../helpers/interfaces';
import { fetchAll } from '../../transport';
import type { GetManyRequest } from '../recordOperations';
import { getManyOperation } from '../recordOperations';
import { participantsWithNumber } from '../shared/phoneMatch';
import { participantMatchesPlan, participantSpec, planParticipantQuery } from './spec';

const filters: INodeProperties[] = [
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
];

async function list(this: IExecuteFunctions, { filters, paging, itemIndex: i }: GetManyRequest): Promise<ActionstepRecord[]> {
	const plan = planParticipantQuery(filters);
	if (plan.phone) {
		const found = (await participantsWithNumber.call(this, plan.phone, i)).map((m) => m.participant);
		return found.filter((record) => participantMatchesPlan(record, plan));
	}
	// In id order, so that the first `limit` of the merged variants are among the first `limit` of each.
	const queries = plan.variants.length ? plan.variants.map((v) => ({ ...plan.base, ...v, sort: 'id' })) : [{ ...plan.base, sort: 'id' }];
	const byId = new Map<number, ActionstepRecord>();
	for (const query of queries) {
		for (const record of await fetchAll.call(this, { path: participantSpec.collection, query, itemIndex: i }, paging)) {
			if (!byId.has(record.id)) byId.set(record.id, record);
		}
	}
	return [...byId.values()].sort((a, b) => a.id - b.id);
}

export const { description, execute } = getManyOperation(participantSpec, { filters, list });
