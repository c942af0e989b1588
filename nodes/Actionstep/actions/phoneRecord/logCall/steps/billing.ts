import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { billableHours, callHours } from '../../../../helpers/billing';
import type { ActionstepRecord } from '../../../../helpers/interfaces';
import { buildCallTimeEntry } from '../../../../helpers/timeEntry';
import { timeEntryLinksTo } from '../../../../helpers/timeEntryLinks';
import { createRecord, deleteRecord, fetchAll } from '../../../../transport';
import { currentUserParticipant } from '../../../shared/currentUser';
import { TIME_ENTRIES } from '../../../shared/resources';
import type { Plan } from './plan';

/**
 * The time entry that bills a logged call, on the phone record's matter, and never two for one call.
 *
 * The run that creates a finished call's record bills it. A later run that finds the record unbilled bills
 * it only when the record was logged long enough ago that the run that logged it has surely finished (or
 * when it completes the call itself, as a Disconnected event does), and after creating its time entry it
 * looks again: if an older time entry of the call exists, it removes its own (ids only grow).
 */

/**
 * A repeat leaves the billing of a call to the run that logged it for this long after that run's marker time;
 * the logging run, if it bills later than half this (slowed by retries), looks for another time entry after
 * creating its own, so the two never both keep one (clocks of n8n's workers agree to well within half of it).
 */
export const BILLING_GRACE_MS = 2 * 60_000;

/** What a time entry held for review says first, so that whoever reviews the timesheet sees why it is not billed. */
export const AWAITING_REVIEW = 'Awaiting review (logged non-billable by n8n):';

export function timeEntryDescription(p: Plan, outcome: string, otherName: string): string {
	const towards = p.call.direction === 'in' ? 'from' : 'to';
	const note = p.call.agentNote ? `: ${p.call.agentNote.replace(/\s+/g, ' ').slice(0, 500)}` : '';
	return `Phone call ${towards} ${otherName} (${outcome})${note}`.slice(0, 4000);
}

/** Time entries read at most, when a tenant ignores the `phoneRecord` filter, to find a call's own. */
const MAX_UNFILTERED_ENTRIES = 5_000;

/**
 * The time entries linked to a phone record, oldest first. Each is checked to link to it: a tenant that
 * ignores the filter answers with other calls' entries, and then every entry is read (up to a bound, past
 * which the item fails naming the filter) rather than trusting the first page.
 */
export async function timeEntriesOf(this: IExecuteFunctions, phoneRecordId: number, i: number): Promise<ActionstepRecord[]> {
	const list = { path: TIME_ENTRIES, query: { phoneRecord: phoneRecordId, sort: 'id' }, itemIndex: i };
	let entries = await fetchAll.call(this, list, { limit: 50 });
	if (entries.some((e) => !timeEntryLinksTo(e, phoneRecordId))) {
		entries = await fetchAll.call(this, list, { limit: MAX_UNFILTERED_ENTRIES + 1 });
		if (entries.length > MAX_UNFILTERED_ENTRIES) {
			throw new NodeOperationError(this.getNode(), `Cannot tell whether phone record ${phoneRecordId} is billed (item ${i})`, {
				itemIndex: i,
				description: `Actionstep ignored the phoneRecord filter on time entries and has more than ${MAX_UNFILTERED_ENTRIES} of them. Nothing was billed, so the call is not billed twice.`,
			});
		}
	}
	return entries.filter((e) => timeEntryLinksTo(e, phoneRecordId)).sort((a, b) => a.id - b.id);
}

export interface Billing {
	timeEntry?: ActionstepRecord;
	how: string;
}

/** Why a record cannot be billed, or undefined when it can. */
export function notBillable(record: ActionstepRecord, seconds: number | undefined): string | undefined {
	const matter = (record.links as IDataObject | undefined)?.action;
	if (matter === undefined || matter === null || matter === '') return 'skipped: the call is not on a matter, so there is nothing to bill it to';
	if (seconds === undefined) return 'skipped: the call has no duration';
	if (seconds <= 0) return 'skipped: the call had no talk time';
	return undefined;
}

/**
 * Bills the call. `settle`: look again after creating and keep the oldest time entry of the call (for runs
 * that did not create the phone record themselves, which may meet another run billing it).
 */
export async function billCall(
	this: IExecuteFunctions,
	p: Plan,
	record: ActionstepRecord,
	seconds: number | undefined,
	firm: number,
	otherName: string,
	i: number,
	settle: boolean | 'ifLate',
	loggedAt = 0,
): Promise<Billing> {
	const te = p.timeEntry!;
	const why = notBillable(record, seconds);
	if (why) return { how: why };
	const user = await currentUserParticipant.call(this, i);
	const billable = billableHours(seconds!, te.rounding, te.unitMinutes);
	const description = te.description ?? timeEntryDescription(p, String(record.outcome ?? p.outcome), otherName);
	const body = buildCallTimeEntry(
		record,
		{
			actualHours: callHours(seconds),
			billableHours: billable,
			isBillable: te.holdForReview ? false : te.isBillable,
			owner: te.owner ?? firm,
			description: te.holdForReview ? `${AWAITING_REVIEW} ${description}`.slice(0, 4000) : description,
		},
		p.timeZone,
		user,
	);
	const timeEntry = await createRecord.call(this, TIME_ENTRIES, body, i);
	const rule = te.rounding === 'none' ? 'not rounded' : `${te.rounding === 'up' ? 'rounded up' : 'rounded'} to ${te.unitMinutes}-minute units`;
	const held = te.holdForReview ? '; held for review: non-billable until someone approves it' : '';
	const how = `created: ${seconds} s → ${billable} h billable (${rule})${held}`;
	if (!settle || (settle === 'ifLate' && Date.now() - loggedAt <= BILLING_GRACE_MS / 2)) return { timeEntry, how };
	const [oldest] = await timeEntriesOf.call(this, record.id, i);
	if (oldest && oldest.id < timeEntry.id) {
		await deleteRecord.call(this, TIME_ENTRIES, timeEntry.id, i);
		return { timeEntry: oldest, how: `already billed at the same time by another run (time entry ${oldest.id}): removed this run's copy ${timeEntry.id}` };
	}
	return { timeEntry, how };
}
