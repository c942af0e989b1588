import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { callIdLine } from '../../helpers/callIdentity';
import type { ActionstepRecord } from '../../helpers/interfaces';
import { buildPhoneRecordCreate } from '../../helpers/phoneRecord';
import type { PartyInput } from '../../helpers/phoneRecord';
import { createRecord, deleteRecord } from '../../transport';
import { currentUserParticipant } from '../shared/currentUser';
import { PHONE_RECORDS } from '../shared/resources';
import { findSameCall, oneCallAtATime } from '../shared/sameCall';
import { billCall } from './logCall/billing';
import { properties } from './logCall/description';
import { returnExisting } from './logCall/existing';
import { chooseMatter } from './logCall/matter';
import { chooseParticipant } from './logCall/participant';
import { callSummary, oneLine, plan } from './logCall/plan';
import type { Plan } from './logCall/plan';

/**
 * Log Call: a call event from a phone system → a phone record (and a time entry), never twice for one call.
 * The steps live in ./logCall/: plan (parameters), participant, matter, billing, existing (the same call
 * logged before).
 */

export const description = updateDisplayOptions(
	{ show: { resource: ['phoneRecord'], operation: ['logCall'] } },
	properties,
);

async function logNew(this: IExecuteFunctions, p: Plan, i: number, duplicateHow: string): Promise<IDataObject> {
	const firm = p.firmParticipant ?? (await currentUserParticipant.call(this, i));
	const firmHow = p.firmParticipant ? `given: participant ${firm}` : `the connected user: participant ${firm}`;
	const choice = await chooseParticipant.call(this, p, i);
	const matter = await chooseMatter.call(this, p, choice, i);

	const matched = choice.match?.participant;
	const otherName =
		oneLine(p.call.otherName, 255) ?? p.phoneText ?? (p.call.direction === 'in' ? 'Unknown caller' : 'Unknown');
	const other: PartyInput = matched ? { type: 'participant', participant: matched.id } : { type: 'other', other: otherName };
	const firmSide: PartyInput = { type: 'participant', participant: firm };
	const body = buildPhoneRecordCreate(
		{
			direction: p.call.direction,
			callTimestamp: p.callTimestamp,
			outcome: p.outcome,
			from: p.call.direction === 'in' ? other : firmSide,
			to: p.call.direction === 'in' ? firmSide : other,
			matter: matter.matter?.id,
			phoneNumber: p.phoneText,
			phoneNumberType: matched ? oneLine(choice.match?.slot.label, 50) : undefined,
			durationSeconds: p.call.durationSeconds,
			notes: p.notes,
		},
		p.timeZone,
	);
	const phoneRecord = await createRecord.call(this, PHONE_RECORDS, body, i);

	// Another execution (another queue-mode worker, or a parallel run) may have logged the same call between
	// the search and this create. Ids only grow, so the oldest record of the call is the one kept: a later
	// copy removes its own record and answers as a duplicate, leaving the billing to the run that keeps its.
	if (p.dedupe) {
		const oldest = await findSameCall.call(this, p.identity, i, p.country);
		if (oldest && oldest.id < phoneRecord.id) {
			await deleteRecord.call(this, PHONE_RECORDS, phoneRecord.id, i);
			return {
				phoneRecord: oldest,
				participant: matched ?? null,
				matter: matter.matter ?? null,
				timeEntry: null,
				duplicate: true,
				call: callSummary(p),
				decisions: {
					duplicate: `logged at the same time by another run as phone record ${oldest.id}: removed this run's copy ${phoneRecord.id}`,
					timeEntry: 'left to the run that logged the call',
				},
			};
		}
	}

	let timeEntry: ActionstepRecord | undefined;
	let timeEntryHow = 'not asked';
	if (p.timeEntry) {
		const displayName = matched && typeof matched.displayName === 'string' && matched.displayName ? matched.displayName : otherName;
		const billed = await billCall.call(this, p, phoneRecord, firm, displayName, i);
		timeEntry = billed.timeEntry;
		timeEntryHow = billed.how;
	}
	return {
		phoneRecord,
		participant: matched ?? null,
		matter: matter.matter ?? null,
		timeEntry: timeEntry ?? null,
		duplicate: false,
		call: callSummary(p),
		decisions: {
			duplicate: duplicateHow,
			callTimestamp: p.timeHow,
			outcome: p.outcomeHow,
			participant: matched ? choice.how : `${choice.how}: logged as "${otherName}"`,
			firmParticipant: firmHow,
			matter: matter.how,
			timeEntry: timeEntryHow,
		},
	};
}

export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const p = plan.call(this, i);
	const json = (await oneCallAtATime.call(this, p.identity.key, async (): Promise<IDataObject> => {
		if (p.dedupe) {
			const existing = await findSameCall.call(this, p.identity, i, p.country);
			if (existing) return await returnExisting.call(this, p, existing, i);
		}
		const how = !p.dedupe
			? 'not checked (Find Earlier Record of the Same Call is off)'
			: p.identity.kind === 'callId'
				? `new call: no phone record has "${callIdLine(p.identity.key)}"`
				: 'new call: no phone record has the same start, direction and number';
		return await logNew.call(this, p, i, how);
	})) as IDataObject;
	return [{ json }];
}
