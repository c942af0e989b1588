import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { matterLocator } from '../../descriptions/rlc';
import type { ActionstepRecord, Query } from '../../helpers/interfaces';
import { FieldError } from '../../helpers/interfaces';
import { wildcardContains } from '../../helpers/search';
import { optionalUtcFilter } from '../../helpers/time';
import { optionalId, optionalText } from '../../helpers/validation';
import type { ResourceSpec } from '../spec';

/** Matters (Actionstep's `actions`, read here) and who plays which role on them (`actionparticipants`). */

export const matterSpec: ResourceSpec = {
	resource: 'matter',
	displayName: 'Matter',
	collection: 'actions',
	idParameter: 'matterId',
};

/** Who plays which role on a matter: composite ids `<matter>--<participantType>--<participant>`. */
export const ACTION_PARTICIPANTS = 'actionparticipants';
export const PARTICIPANT_TYPES = 'participanttypes';

export const matterIdField: INodeProperties = matterLocator({ name: 'matterId', required: true, description: 'The matter (Actionstep "action")' });

export const MATTER_STATUSES = ['Active', 'Inactive', 'Template', 'Closed'] as const;

export const matterFilters: INodeProperties[] = [
	{
		displayName: 'Modified From',
		name: 'modifiedFrom',
		type: 'dateTime',
		default: '',
		description: "Matters changed at or after this time; a time without an offset is read in the workflow's time zone",
	},
	{ displayName: 'Name', name: 'name', type: 'string', default: '', description: 'Part of the matter name, any case' },
	{
		displayName: 'Participant ID',
		name: 'participantId',
		type: 'string',
		default: '',
		placeholder: 'e.g. 105',
		description: 'Matters this participant plays any role on (client, other side, lawyer, ...)',
	},
	{ displayName: 'Reference', name: 'reference', type: 'string', default: '', placeholder: 'e.g. SMI-2024-001', description: 'The whole matter reference' },
	{
		displayName: 'Status',
		name: 'status',
		type: 'options',
		options: MATTER_STATUSES.map((s) => ({ name: s, value: s })),
		default: 'Active',
	},
];

export interface MatterQueryPlan {
	query: Query;
	/** Set: only matters this participant is on (looked up in actionparticipants first). */
	participantId?: number;
}

export function planMatterQuery(filters: IDataObject, timeZone: string): MatterQueryPlan {
	const query: Query = { sort: 'id' };
	if (filters.status !== undefined && filters.status !== '') {
		if (!MATTER_STATUSES.includes(filters.status as (typeof MATTER_STATUSES)[number])) {
			throw new FieldError('status', `must be one of ${MATTER_STATUSES.join(', ')}`);
		}
		query.status = filters.status as string;
	}
	const name = optionalText(filters.name, 'name', { max: 255 });
	if (name !== undefined) {
		const pattern = wildcardContains(name);
		if (pattern === '**') throw new FieldError('name', 'needs at least one character besides *');
		query.name_ilike = pattern;
	}
	const reference = optionalText(filters.reference, 'reference', { max: 100 });
	if (reference !== undefined) query.reference = reference;
	const modifiedFrom = optionalUtcFilter(filters.modifiedFrom, 'modifiedFrom', timeZone);
	if (modifiedFrom !== undefined) query.modifiedTimestamp_gteq = modifiedFrom;
	return { query, participantId: optionalId(filters.participantId, 'participantId') };
}

/** Ids as comma-separated chunks for `id_in`, short enough for a URL. */
export function idChunks(ids: number[], size = 100): string[] {
	const chunks: string[] = [];
	for (let start = 0; start < ids.length; start += size) chunks.push(ids.slice(start, start + size).join(','));
	return chunks;
}

/** One row per role on the matter, with the role's name and the participant's record beside the links (pure). */
export function withRoles(
	rows: ActionstepRecord[],
	participants: ActionstepRecord[],
	types: ActionstepRecord[],
): IDataObject[] {
	const participantById = new Map(participants.map((p) => [p.id, p]));
	const typeById = new Map(types.map((t) => [t.id, t]));
	return rows.map((row) => {
		const links = (row.links ?? {}) as IDataObject;
		const type = typeById.get(links.participantType as number);
		return {
			...row,
			role: typeof type?.name === 'string' ? type.name : null,
			participant: participantById.get(links.participant as number) ?? null,
		};
	});
}
