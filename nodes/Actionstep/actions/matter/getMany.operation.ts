import type { IExecuteFunctions } from 'n8n-workflow';

import type { ActionstepRecord } from '../../helpers/interfaces';
import { fetchAll } from '../../transport';
import { FilterIgnoredError } from '../shared/filterIgnored';
import type { GetManyRequest } from '../recordOperations';
import { getManyOperation } from '../recordOperations';
import { ACTION_PARTICIPANTS, idChunks, matterFilters, matterSpec, planMatterQuery } from './spec';

async function list(this: IExecuteFunctions, { filters, timeZone, limit, paging, itemIndex: i }: GetManyRequest): Promise<ActionstepRecord[]> {
	const plan = planMatterQuery(filters, timeZone);
	if (plan.participantId === undefined) {
		return await fetchAll.call(this, { path: matterSpec.collection, query: plan.query, itemIndex: i }, paging);
	}
	// Actionstep cannot filter matters by participant: find the participant's roles, then those matters.
	const roles = await fetchAll.call(this, { path: ACTION_PARTICIPANTS, query: { participant: plan.participantId }, itemIndex: i });
	// Both filters are inferred: a tenant that ignores one answers with rows that do not satisfy it, which are
	// refused rather than listed as this participant's matters.
	const stray = roles.find((r) => Number((r.links ?? {}).participant) !== plan.participantId);
	if (stray) throw new FilterIgnoredError('participant', `role ${String(stray.id)} on actionparticipants is not participant ${plan.participantId}'s`);
	const matterIds = [...new Set(roles.map((r) => Number((r.links ?? {}).action)))].filter(Number.isFinite).sort((a, b) => a - b);
	const records: ActionstepRecord[] = [];
	for (const ids of idChunks(matterIds)) {
		if (limit !== undefined && records.length >= limit) break;
		const query = { ...plan.query, id_in: ids };
		const left = limit === undefined ? undefined : limit - records.length;
		const asked = new Set(ids.split(',').map(Number));
		for (const record of await fetchAll.call(this, { path: matterSpec.collection, query, itemIndex: i }, { ...paging, limit: left })) {
			if (!asked.has(record.id)) throw new FilterIgnoredError('id_in', `matter ${record.id} came back, not one of the participant's`);
			records.push(record);
		}
	}
	return records;
}

export const { description, execute } = getManyOperation(matterSpec, { filters: matterFilters, list });
