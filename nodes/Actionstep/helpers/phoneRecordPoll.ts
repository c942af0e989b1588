import type { ActionstepRecord, Query } from './interfaces';
import { optionalId, optionalText, requireDirection } from './validation';

/**
 * The New Phone Record trigger's queries and watermark. Phone record ids only grow, so "created since the
 * last poll" is `id_gt=<watermark>`, sorted by id. Actionstep ANDs filters, so "from or to this
 * participant" takes two queries whose results are merged.
 */

export interface PhoneRecordPollFilters {
	direction?: unknown;
	matterId?: unknown;
	participantId?: unknown;
	outcome?: unknown;
}

/** The query (or queries, merged) that select matching records; checked first, so a bad filter sends nothing. */
export function pollQueries(filters: PhoneRecordPollFilters): Query[] {
	const base: Query = {};
	if (filters.direction !== undefined && filters.direction !== '') base.direction = requireDirection(filters.direction);
	const matterId = optionalId(filters.matterId, 'matterId');
	if (matterId !== undefined) base.action = matterId;
	const outcome = optionalText(filters.outcome, 'outcome');
	if (outcome !== undefined) base.outcome_ilike = outcome;
	const participantId = optionalId(filters.participantId, 'participantId');
	if (participantId === undefined) return [base];
	return [
		{ ...base, fromParticipant: participantId },
		{ ...base, toParticipant: participantId },
	];
}

export function isFiltered(queries: Query[]): boolean {
	return queries.length > 1 || Object.keys(queries[0] ?? {}).length > 0;
}

/** Records from several queries, each once, oldest (lowest id) first. */
export function mergeById(lists: ActionstepRecord[][]): ActionstepRecord[] {
	const byId = new Map<number, ActionstepRecord>();
	for (const list of lists) for (const record of list) if (!byId.has(record.id)) byId.set(record.id, record);
	return [...byId.values()].sort((a, b) => a.id - b.id);
}

/** The watermark kept in static data; anything but a whole number ≥ 0 means there is none yet. */
export function readWatermark(value: unknown): number | undefined {
	return typeof value === 'number' && Number.isInteger(value) && value >= 0 ? value : undefined;
}
