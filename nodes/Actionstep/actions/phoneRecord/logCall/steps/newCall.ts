import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { recogniseByMarker } from '../../../../helpers/createdRecord';
import type { ActionstepRecord } from '../../../../helpers/interfaces';
import { buildPhoneRecordCreate } from '../../../../helpers/phoneRecord';
import type { PartyInput } from '../../../../helpers/phoneRecord';
import { buildPhoneRecordUpdate } from '../../../../helpers/phoneRecord';
import { createRecord, deleteRecord, updateRecord } from '../../../../transport';
import { currentUserParticipant } from '../../../shared/currentUser';
import { PHONE_RECORDS } from '../../../shared/resources';
import { markerLine } from '../rules/identity';
import { composeNotes } from '../rules/notes';
import type { PersonName } from '../rules/newParticipant';
import { personName } from '../rules/newParticipant';
import { loggedName } from '../rules/party';
import { billCall } from './billing';
import { onLoggedCall } from './existing';
import { followUpFields, followUps } from './followUps';
import { chooseMatter } from './matter';
import { participantForUnknownCaller } from './newParticipant';
import type { ParticipantChoice } from './participant';
import { chooseParticipant } from './participant';
import type { Plan } from './plan';
import { callSummary, skippedOutput } from './plan';
import type { TimeRange } from './sameCall';
import { findSameCall, rememberCreated } from './sameCall';

/**
 * A call not logged before: the caller and the matter are found, the phone record is created with the
 * call's marker, and the call is billed when it is over. An unknown caller is logged by name, skipped, or
 * made a participant, as the Unknown Caller option says; then come the follow-ups asked for.
 */

/** A person's name as a task or a description says it: "Sarah Thompson", not "Thompson, Sarah". */
export function spokenName(participant: ActionstepRecord | undefined, fallback: string): string {
	if (!participant) return fallback;
	const first = typeof participant.firstName === 'string' ? participant.firstName.trim() : '';
	const last = typeof participant.lastName === 'string' ? participant.lastName.trim() : '';
	if (first && last && participant.isCompany !== 'T') return `${first} ${last}`;
	return typeof participant.displayName === 'string' && participant.displayName ? participant.displayName : fallback;
}

/** Whether the unknown caller policy creates a participant for this call, and with which name. */
function nameToCreate(p: Plan, choice: ParticipantChoice): PersonName | string | undefined {
	if (!choice.unknown || p.unknownCaller !== 'createParticipant') return undefined;
	const name = personName(p.party.name);
	if (name) return name;
	const given = p.party.name ?? p.party.label;
	return given ? `the call names the caller "${given}", not a first and last name` : 'the call gives no name to create one from';
}

export async function logNewCall(
	this: IExecuteFunctions,
	p: Plan,
	secret: string,
	i: number,
	allRanges: () => TimeRange[],
	duplicateHow: string,
	allKeys: () => Set<string>,
): Promise<IDataObject> {
	const firm = p.firmParticipant ?? (await currentUserParticipant.call(this, i));
	const firmHow = p.firmParticipant ? `given: participant ${firm}` : `the connected user: participant ${firm}`;
	const choice = await chooseParticipant.call(this, p, i);
	if (choice.unknown && p.unknownCaller === 'skip') {
		const skip = { skip: 'unknown caller', kind: p.call.kind, source: p.call.source, callId: p.call.callId, sourceHow: p.sourceHow };
		return { ...skippedOutput(skip, { participant: `${choice.how}: skipped (Unknown Caller is "Skip the Call")` }), call: callSummary(p) };
	}
	const toCreate = nameToCreate(p, choice);
	const matter = await chooseMatter.call(this, p, choice, i);

	let matched = choice.match?.participant;
	const otherName = loggedName(p.party, p.call.direction);
	const other: PartyInput = matched ? { type: 'participant', participant: matched.id } : { type: 'other', other: otherName };
	const firmSide: PartyInput = { type: 'participant', participant: firm };
	const loggedAt = Date.now();
	const marker = p.identity.kind === 'none' ? undefined : markerLine(p.identity.key, secret, loggedAt);
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
			// This run's copy goes; what this event knows (the end of the call, say) is applied to the record kept.
			await deleteRecord.call(this, PHONE_RECORDS, phoneRecord.id, i);
			const kept = await onLoggedCall.call(this, p, oldest, secret, i);
			const decisions = kept.decisions as IDataObject;
			decisions.duplicate = `logged at the same time by another run as phone record ${oldest.id}: removed this run's copy ${phoneRecord.id}; ${String(decisions.duplicate)}`;
			return kept;
		}
	}
	rememberCreated(this, phoneRecord);

	let record = phoneRecord;
	let participantHow = matched ? choice.how : `${choice.how}: logged as "${otherName}"`;
	if (typeof toCreate === 'string') participantHow = `${choice.how}; no participant created: ${toCreate}. Logged as "${otherName}"`;
	else if (toCreate) {
		const created = await participantForUnknownCaller.call(this, p, toCreate, phoneRecord, allKeys, secret, i);
		participantHow = `${choice.how}: ${created.how}`;
		if (created.participant) {
			matched = created.participant;
			const side = p.call.direction === 'in' ? 'fromParticipant' : 'toParticipant';
			record = await updateRecord.call(this, PHONE_RECORDS, phoneRecord.id, buildPhoneRecordUpdate({ [side]: matched.id }, p.timeZone), i);
		}
	}

	let timeEntry: ActionstepRecord | undefined;
	let timeEntryHow = 'not asked';
	if (p.timeEntry && p.call.phase === 'inProgress') timeEntryHow = 'not yet: the call is still going; it is billed when the call ends';
	else if (p.timeEntry) {
		const displayName = matched && typeof matched.displayName === 'string' && matched.displayName ? matched.displayName : otherName;
		// Billed at once, no look after: a repeat leaves billing to this run for a while (BILLING_GRACE_MS); if
		// this run bills later than half that, it looks after creating, as every other biller does.
		const settle = marker ? 'ifLate' : false;
		const billed = await billCall.call(this, p, record, p.call.durationSeconds, firm, displayName, i, settle, loggedAt);
		timeEntry = billed.timeEntry;
		timeEntryHow = billed.how;
	}
	const after = await followUps.call(this, p, record, firm, spokenName(matched, otherName), secret, i);
	return {
		status: 'created',
		skipReason: null,
		phoneRecord: record,
		participant: matched ?? null,
		matter: matter.matter ?? null,
		timeEntry: timeEntry ?? null,
		...followUpFields(after),
		duplicate: false,
		call: callSummary(p),
		decisions: {
			source: p.sourceHow,
			duplicate: duplicateHow,
			callTimestamp: time.how,
			outcome: p.outcomeHow,
			participant: participantHow,
			firmParticipant: firmHow,
			matter: matter.how,
			timeEntry: timeEntryHow,
			...after.decisions,
		},
	};
}
