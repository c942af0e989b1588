import { atInstantFilter } from '../../helpers/time';
import type { ResourceSpec } from '../spec';

export const timeEntrySpec: ResourceSpec = {
	resource: 'timeEntry',
	displayName: 'Time Entry',
	collection: 'timeentries',
	idParameter: 'timeEntryId',
	// The phone record it bills when there is one; else its date and owner.
	createdRecordQuery: (body) => {
		const links = (body.links ?? {}) as Record<string, unknown>;
		if (typeof links.phoneRecord === 'number') return { phoneRecord: links.phoneRecord };
		const when = atInstantFilter('timestampDate', body.timestampDate);
		return when && typeof links.owner === 'number' ? { ...when, owner: links.owner } : undefined;
	},
};
