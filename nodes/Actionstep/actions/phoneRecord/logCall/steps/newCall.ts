import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { recogniseByMarker } from '../../../../helpers/createdRecord';
import type { ActionstepRecord } from '../../../../helpers/interfaces';
import { buildPhoneRecordCreate } from '../../../../helpers/phoneRecord';
import type { PartyInput } from '../../../../helpers/phoneRecord';
import { createRecord, deleteRecord } from '../../../../transport';
import { currentUserParticipant } from '../../../shared/currentUser';
import { PHONE_RECORDS } from '../../../shared/resources';
import { markerLine } from '../rules/identity';
import { composeNotes } from '../rules/notes';
import { loggedName } from '../rules/party';
import { billCall } from './billing';
import { chooseMatter } from './matter';
import { chooseParticipant } from './participant';
import type { Plan } from './plan';
import { callSummary } from './plan';
import type { TimeRange } from './sameCall';
import { findSameCall, rememberCreated } from './sameCall';

/**
 * A call not logged before: the caller and the matter are found, the phone record is created with the
 * call's marker, and the call is billed when it is over.
 */

export async function logNewCall(
	this: IExecuteFunctions,
	p: Plan,
	secret: string,
	i: number,
	allRanges: () => TimeRange[],
	duplicateHow: string,
): Promise<IDataObject> {
	const firm = p.firmParticipant ?? (await currentUserParticipant.call(this, i));
	const firmHow = p.firmParticipant ? `given: participant ${firm}` : `the connected user: participant ${firm}`;
	const choice = await chooseParticipant.call(this, p, i);
	const matter = await chooseMatter.call(this, p, choice, i);

	const matched = choice.match?.participant;
	const otherName = loggedName(p.party, p.call.direction);
	const other: PartyInput = matched ? { type: 'participant', participant: matched.id } : { type: 'other', other: otherName };
	const firmSide: PartyInput = { type: 'participant', participant: firm };
	const marker = p.identity.kind === 'none' ? undefined : markerLine(p.identity.key, secret, Date.now());
	const time = p.call.start ?? p.call.end!;
	const body = buildPhoneRecordCreate(
		{
			direction: p.call.direction,
			callTimestamp: time.text,
			outcome: p.outcome,
			from: p.call.direction === 'in' ? other : firmSide,
			to: p.call.direction === 'in' ? firmSide : other,
			matter: matter.matter?.id,
			phoneNumber: p.party.phoneText,
			phoneNumberType: matched ? choice.match?.slot.label?.slice(0, 50) : undefined,
			durationSeconds: p.call.durationSeconds,
			notes: composeNotes(p.call, p.notesInclude, marker),
		},
		p.timeZone,
	);
	// After a lost answer, only a record carrying this run's own marker is taken for the one it created.
	const own = marker ? recogniseByMarker(PHONE_RECORDS, body, 'notes', marker) : undefined;
	const phoneRecord = await createRecord.call(this, PHONE_RECORDS, body, i, own);

	// Another execution (another queue-mode worker, a webhook retried while this one ran) may have logged the
	// same call between the look-up and this create. Ids only grow, so the oldest record of the call is the
	// one kept: a later copy removes its own record — only its own — and answers as a duplicate.
	if (p.dedupe && p.identity.kind !== 'none') {
		const oldest = await findSameCall.call(this, p, secret, i, allRanges, true);
		if (oldest && oldest.id < phoneRecord.id) {
			await deleteRecord.call(this, PHONE_RECORDS, phoneRecord.id, i);
			return {
				status: 'duplicate',
				skipReason: null,
				phoneRecord: oldest,
				participant: matched ?? null,
				matter: matter.matter ?? null,
				timeEntry: null,
				duplicate: true,
				call: callSummary(p),
				decisions: {
					source: p.sourceHow,
					duplicate: `logged at the same time by another run as phone record ${oldest.id}: removed this run's copy ${phoneRecord.id}`,
					timeEntry: 'left to the run that logged the call',
				},
			};
		}
	}
	rememberCreated(this, phoneRecord);

	let timeEntry: ActionstepRecord | undefined;
	let timeEntryHow = 'not asked';
	if (p.timeEntry && p.call.phase === 'inProgress') timeEntryHow = 'not yet: the call is still going; it is billed when the call ends';
	else if (p.timeEntry) {
		const displayName = matched && typeof matched.displayName === 'string' && matched.displayName ? matched.displayName : otherName;
		const billed = await billCall.call(this, p, phoneRecord, p.call.durationSeconds, firm, displayName, i, false);
		timeEntry = billed.timeEntry;
		timeEntryHow = billed.how;
	}
	return {
		status: 'created',
		skipReason: null,
		phoneRecord,
		participant: matched ?? null,
		matter: matter.matter ?? null,
		timeEntry: timeEntry ?? null,
		duplicate: false,
		call: callSummary(p),
		decisions: {
			source: p.sourceHow,
			duplicate: duplicateHow,
			callTimestamp: time.how,
			outcome: p.outcomeHow,
			participant: matched ? choice.how : `${choice.how}: logged as "${otherName}"`,
			firmParticipant: firmHow,
			matter: matter.how,
			timeEntry: timeEntryHow,
		},
	};
}
