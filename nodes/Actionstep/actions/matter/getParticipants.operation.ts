import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { optionsCollection } from '../../descriptions/common';
import type { ActionstepRecord } from '../../helpers/interfaces';
import { toItems } from '../../helpers/output';
import { requireId } from '../../helpers/validation';
import { fetchAll } from '../../transport';
import { locatorValue } from '../common';
import { ACTION_PARTICIPANTS, idChunks, matterIdField, PARTICIPANT_TYPES, withRoles } from './spec';

const properties: INodeProperties[] = [matterIdField, optionsCollection()];

export const description = updateDisplayOptions(
	{ show: { resource: ['matter'], operation: ['getParticipants'] } },
	properties,
);

/** Records of `path` with the given ids, a URL-sized chunk per request. */
async function byIds(this: IExecuteFunctions, path: string, ids: number[], i: number): Promise<ActionstepRecord[]> {
	const out: ActionstepRecord[] = [];
	for (const chunk of idChunks([...new Set(ids)])) {
		for (const record of await fetchAll.call(this, { path, query: { id_in: chunk }, itemIndex: i })) out.push(record);
	}
	return out;
}

export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const matterId = requireId(locatorValue.call(this, 'matterId', i), 'matterId');
	const rows = await fetchAll.call(this, {
		path: ACTION_PARTICIPANTS,
		query: { action: matterId, sort: 'participantNumber' },
		itemIndex: i,
	});
	if (!rows.length) return [];
	const linkIds = (name: string) => rows.map((r) => Number((r.links ?? {})[name])).filter(Number.isFinite);
	const participants = await byIds.call(this, 'participants', linkIds('participant'), i);
	const types = await byIds.call(this, PARTICIPANT_TYPES, linkIds('participantType'), i);
	return toItems(withRoles(rows, participants, types));
}
