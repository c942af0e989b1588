import type { ActionstepRecord } from './interfaces';

/**
 * Whether a time entry links to the given phone record. A list filtered on `phoneRecord` is checked with
 * this before anything is done to what it returned: a server that ignored the filter must not make the
 * node unlink, name or count time entries of other calls.
 */
export function timeEntryLinksTo(record: ActionstepRecord, phoneRecordId: number): boolean {
	const link = record.links?.phoneRecord;
	return link !== null && link !== undefined && link !== '' && Number(link) === phoneRecordId;
}
