import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { billableHours, callHours } from '../../../helpers/billing';
import type { ActionstepRecord } from '../../../helpers/interfaces';
import { buildCallTimeEntry } from '../../../helpers/timeEntry';
import { createRecord } from '../../../transport';
import { currentUserParticipant } from '../../shared/currentUser';
import { TIME_ENTRIES } from '../../shared/resources';
import type { Plan } from './plan';

/** The time entry that bills a logged call, on the phone record's matter. */

function timeEntryDescription(p: Plan, record: ActionstepRecord, otherName: string): string {
	const towards = p.call.direction === 'in' ? 'from' : 'to';
	const note = p.call.agentNote ? `: ${p.call.agentNote}` : '';
	return `Phone call ${towards} ${otherName} (${String(record.outcome ?? p.outcome)})${note}`.slice(0, 4000);
}

export async function billCall(
	this: IExecuteFunctions,
	p: Plan,
	record: ActionstepRecord,
	firm: number,
	otherName: string,
	i: number,
): Promise<{ timeEntry?: ActionstepRecord; how: string }> {
	const te = p.timeEntry!;
	const matter = (record.links as IDataObject | undefined)?.action;
	if (matter === undefined || matter === null || matter === '') return { how: 'skipped: the call is not on a matter, so there is nothing to bill it to' };
	const seconds = p.call.durationSeconds;
	if (seconds === undefined) return { how: 'skipped: the call has no duration' };
	if (seconds <= 0) return { how: 'skipped: the call had no talk time' };
	const user = await currentUserParticipant.call(this, i);
	const billable = billableHours(seconds, te.rounding, te.unitMinutes);
	const body = buildCallTimeEntry(
		record,
		{
			actualHours: callHours(seconds),
			billableHours: billable,
			isBillable: te.isBillable,
			owner: te.owner ?? firm,
			description: te.description ?? timeEntryDescription(p, record, otherName),
		},
		p.timeZone,
		user,
	);
	const timeEntry = await createRecord.call(this, TIME_ENTRIES, body, i);
	const rule = te.rounding === 'none' ? 'not rounded' : `${te.rounding === 'up' ? 'rounded up' : 'rounded'} to ${te.unitMinutes}-minute units`;
	return { timeEntry, how: `created: ${seconds} s → ${billable} h billable (${rule})` };
}
