import type { Query } from './interfaces';
import { optionalUtcFilter } from './time';
import { optionalId } from './validation';

/** Time-entry Get Many filters → Actionstep filter parameters (pure). */
export interface TimeEntryFilters {
	matterId?: unknown;
	phoneRecordId?: unknown;
	ownerId?: unknown;
	timestampDateFrom?: unknown;
	timestampDateTo?: unknown;
}

export function planTimeEntryQuery(filters: TimeEntryFilters, timeZone: string): Query {
	const query: Query = {};
	const matter = optionalId(filters.matterId, 'matterId');
	if (matter !== undefined) query.action = matter;
	const phoneRecord = optionalId(filters.phoneRecordId, 'phoneRecordId');
	if (phoneRecord !== undefined) query.phoneRecord = phoneRecord;
	const owner = optionalId(filters.ownerId, 'ownerId');
	if (owner !== undefined) query.owner = owner;
	const from = optionalUtcFilter(filters.timestampDateFrom, 'timestampDateFrom', timeZone);
	if (from !== undefined) query.timestampDate_gteq = from;
	const to = optionalUtcFilter(filters.timestampDateTo, 'timestampDateTo', timeZone);
	if (to !== undefined) query.timestampDate_lteq = to;
	return query;
}
