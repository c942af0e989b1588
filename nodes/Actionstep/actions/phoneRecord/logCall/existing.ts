import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { callIdLine } from '../../../helpers/callIdentity';
import type { ActionstepRecord } from '../../../helpers/interfaces';
import { fetchAll } from '../../../transport';
import { currentUserParticipant } from '../../shared/currentUser';
import { TIME_ENTRIES } from '../../shared/resources';
import { billCall } from './billing';
import type { Plan } from './plan';
import { callSummary } from './plan';

/**
 * A call logged before: its phone record is returned instead of a second one, and billed now when the
 * earlier run logged it without a time entry.
 */

export async function returnExisting(this: IExecuteFunctions, p: Plan, existing: ActionstepRecord, i: number): Promise<IDataObject> {
	const links = (existing.links ?? {}) as IDataObject;
	const otherLink = p.call.direction === 'in' ? links.fromParticipant : links.toParticipant;
	const firmLink = p.call.direction === 'in' ? links.toParticipant : links.fromParticipant;
	const how =
		p.identity.kind === 'callId'
			? `phone record ${existing.id} already has "${callIdLine(p.identity.key)}": returned it, nothing created`
			: `phone record ${existing.id} has the same start, direction and ${p.identity.phone ? 'number' : 'name'}: returned it, nothing created`;
	let timeEntry: ActionstepRecord | undefined;
	let timeEntryHow = 'not asked';
	if (p.timeEntry) {
		const linked = await fetchAll.call(this, { path: TIME_ENTRIES, query: { phoneRecord: existing.id, sort: 'id' }, itemIndex: i }, { limit: 1 });
		if (linked.length) {
			timeEntry = linked[0];
			timeEntryHow = `already linked: time entry ${timeEntry.id}`;
		} else {
			const other = (p.call.direction === 'in' ? existing.fromParticipantOther : existing.toParticipantOther) as string | undefined;
			const firm = typeof firmLink === 'number' ? firmLink : (p.firmParticipant ?? (await currentUserParticipant.call(this, i)));
			const billed = await billCall.call(this, p, existing, firm, other || p.call.otherName || 'the caller', i);
			timeEntry = billed.timeEntry;
			timeEntryHow = billed.timeEntry ? `${billed.how} (the earlier run logged the call but did not bill it)` : billed.how;
		}
	}
	return {
		phoneRecord: existing,
		participant: typeof otherLink === 'number' ? { id: otherLink } : null,
		matter: typeof links.action === 'number' ? { id: links.action } : null,
		timeEntry: timeEntry ?? null,
		duplicate: true,
		call: callSummary(p),
		decisions: {
			duplicate: how,
			participant: 'kept from the existing record',
			matter: 'kept from the existing record',
			timeEntry: timeEntryHow,
		},
	};
}
