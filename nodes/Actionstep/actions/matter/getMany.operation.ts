import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { optionsCollection, returnAllOrLimit } from '../../descriptions/common';
import type { ActionstepRecord } from '../../helpers/interfaces';
import { toItems } from '../../helpers/output';
import { fetchAll } from '../../transport';
import { pageConcurrency } from '../common';
import { ACTION_PARTICIPANTS, idChunks, matterFilters, matterSpec, planMatterQuery } from './spec';

const properties: INodeProperties[] = [
	...returnAllOrLimit(),
	{ displayName: 'Filters', name: 'filters', type: 'collection', placeholder: 'Add Filter', default: {}, options: matterFilters },
	optionsCollection([], 'pages'),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['matter'], operation: ['getMany'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const returnAll = this.getNodeParameter('returnAll', i) as boolean;
	const limit = returnAll ? undefined : (this.getNodeParameter('limit', i) as number);
	const plan = planMatterQuery(this.getNodeParameter('filters', i, {}) as IDataObject, this.getTimezone());
	const paging = { limit, concurrency: pageConcurrency(this.getNodeParameter('options', i, {}) as IDataObject) };
	if (plan.participantId === undefined) {
		return toItems(await fetchAll.call(this, { path: matterSpec.collection, query: plan.query, itemIndex: i }, paging));
	}
	// Actionstep cannot filter matters by participant: find the participant's roles, then those matters.
	const roles = await fetchAll.call(this, { path: ACTION_PARTICIPANTS, query: { participant: plan.participantId }, itemIndex: i });
	const matterIds = [...new Set(roles.map((r) => Number((r.links ?? {}).action)))].filter(Number.isFinite).sort((a, b) => a - b);
	const records: ActionstepRecord[] = [];
	for (const ids of idChunks(matterIds)) {
		if (limit !== undefined && records.length >= limit) break;
		const query = { ...plan.query, id_in: ids };
		const left = limit === undefined ? undefined : limit - records.length;
		for (const record of await fetchAll.call(this, { path: matterSpec.collection, query, itemIndex: i }, { ...paging, limit: left })) records.push(record);
	}
	return toItems(records);
}
