import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { callHours } from '../../../../helpers/billing';
import type { ActionstepRecord } from '../../../../helpers/interfaces';
import { buildPhoneRecordUpdate } from '../../../../helpers/phoneRecord';
import type { PhoneRecordUpdateInput } from '../../../../helpers/phoneRecord';
import { parseTimestamp } from '../../../../helpers/time';
import { updateRecord } from '../../../../transport';
import { currentUserParticipant } from '../../../shared/currentUser';
import { PHONE_RECORDS } from '../../../shared/resources';
import { markerOf } from '../rules/identity';
import { completeNotes } from '../rules/notes';
import { secondsBetween } from '../sources/read';
import { BILLING_GRACE_MS, billCall, timeEntriesOf } from './billing';
import type { FollowUps } from './followUps';
import { followUpFields, followUps } from './followUps';
import type { Plan } from './plan';
import { callSummary, ENDED } from './plan';

/**
 * A call logged before. Its record is returned instead of a second one, and completed when this event
 * knows more: the end of a call logged while it was going (its length, its outcome), a note or recording
 * link that came later, the final direction of a queue call. Then it is billed, if it should be and is not,
 * and the follow-ups asked for (call-back task, file note) are written if the call has none yet.
 */

/** Outcomes Log Call writes for a call not over when logged. */
const OPEN_OUTCOMES = new Set(['in progress', 'call ended']);

function isOpen(record: ActionstepRecord): boolean {
	return OPEN_OUTCOMES.has(String(record.outcome ?? '').trim().toLowerCase());
}

function hoursOf(record: ActionstepRecord): number {
	return Number(record.actualHours ?? 0) || 0;
}

/** The call's length: as the event tells, or from the record's start to the event's end. */
function secondsOfCall(p: Plan, record: ActionstepRecord): number | undefined {
	if (p.call.durationSeconds !== undefined) return p.call.durationSeconds;
	if (p.call.phase !== 'ended' || !p.call.end) return undefined;
	const start = parseTimestamp(record.callTimestamp, 'UTC');
	return start.ok ? secondsBetween(start.epochMs, p.call.end.epochMs) : undefined;
}

/** Adds the notes this event completes the record's with, if it adds any. */
function withNotes(p: Plan, record: ActionstepRecord, secret: string, update: PhoneRecordUpdateInput): void {
	const notes = completeNotes(record.notes, p.call, p.notesInclude, markerOf(record.notes, (p.identity as { key: string }).key, secret)?.line);
	if (notes !== undefined) update.notes = notes;
}

/** The fields this event changes on the record (only those), and the call's length as now known. */
function changes(p: Plan, record: ActionstepRecord, secret: string): { update: PhoneRecordUpdateInput; seconds?: number; completes: boolean } {
	const update: PhoneRecordUpdateInput = {};
	const over = p.call.phase !== 'inProgress';
	const seconds = over ? secondsOfCall(p, record) : undefined;
	// The event ends a call logged while it was going — also when someone already set its outcome by hand: the
	// record has no length yet and this event gives it one.
	const open = isOpen(record);
	const completes = over && (open || (hoursOf(record) === 0 && seconds !== undefined && seconds > 0));
	if (completes) {
		if (open) {
			// Answered, then Disconnected: a call that was talked through.
			const outcome = p.call.phase === 'ended' && !p.call.result && p.outcome === ENDED ? 'Call completed' : p.outcome;
			if (outcome !== record.outcome) update.outcome = outcome;
		}
		if (seconds !== undefined) update.actualHours = callHours(seconds);
	}
	if (over && p.call.phase === 'finished' && !completes && p.call.result && p.outcome !== record.outcome && !isOpen(record)) {
		update.outcome = p.outcome;
	}
	// A call-queue call is Outbound while it rings the agent and Inbound once over: the final word wins.
	if (over && !p.call.directionUnknown && record.direction !== p.call.direction && (p.call.phase === 'finished' || completes)) {
		const links = (record.links ?? {}) as IDataObject;
		update.direction = p.call.direction;
		for (const [side, other] of [['from', 'to'], ['to', 'from']] as const) {
			const link = links[`${other}Participant`];
			if (typeof link === 'number') update[`${side}Participant`] = link;
			else update[`${side}ParticipantOther`] = (record[`${other}ParticipantOther`] as string | undefined) || 'Unknown';
		}
	}
	// Answered delivered after Disconnected: the record logged at the end gets its start and length now.
	if (p.call.phase === 'inProgress' && p.call.start && String(record.outcome) === ENDED && hoursOf(record) === 0) {
		const endedAt = parseTimestamp(record.callTimestamp, 'UTC');
		if (endedAt.ok && endedAt.epochMs > p.call.start.epochMs) {
			update.callTimestamp = p.call.start.text;
			update.actualHours = callHours(secondsBetween(p.call.start.epochMs, endedAt.epochMs));
			update.outcome = 'Call completed';
			withNotes(p, record, secret, update);
			return { update, seconds: secondsBetween(p.call.start.epochMs, endedAt.epochMs), completes: true };
		}
	}
	withNotes(p, record, secret, update);
	return { update, seconds: seconds ?? (hoursOf(record) > 0 ? hoursOf(record) * 3600 : undefined), completes };
}

export async function onLoggedCall(
	this: IExecuteFunctions,
	p: Plan,
	existing: ActionstepRecord,
	secret: string,
	i: number,
): Promise<IDataObject> {
	const { update, seconds, completes } = changes(p, existing, secret);
	const changed = Object.keys(update).length > 0;
	const record = changed ? await updateRecord.call(this, PHONE_RECORDS, existing.id, buildPhoneRecordUpdate(update, p.timeZone), i) : existing;
	const how = changed
		? `phone record ${existing.id} is this call: completed it with ${Object.keys(update).join(', ')}`
		: `phone record ${existing.id} is this call and this event adds nothing: returned it, nothing written`;

	const links = (record.links ?? {}) as IDataObject;
	const otherLink = p.call.direction === 'in' ? links.fromParticipant : links.toParticipant;
	const firmLink = p.call.direction === 'in' ? links.toParticipant : links.fromParticipant;
	let timeEntry: ActionstepRecord | undefined;
	let timeEntryHow = 'not asked';
	if (p.timeEntry && ((!completes && p.call.phase === 'inProgress') || isOpen(record))) {
		timeEntryHow = 'not yet: the call is still going; it is billed when the call ends';
	} else if (p.timeEntry) {
		const [linked] = await timeEntriesOf.call(this, record.id, i);
		const loggedAt = markerOf(existing.notes, (p.identity as { key: string }).key, secret)?.loggedAtMs ?? 0;
		if (linked) {
			timeEntry = linked;
			timeEntryHow = `already billed: time entry ${linked.id}`;
		} else if (!completes && Date.now() - loggedAt < BILLING_GRACE_MS) {
			timeEntryHow = `left to the run that logged the call ${Math.round((Date.now() - loggedAt) / 1000)} s ago, which bills it`;
		} else {
			const other = (p.call.direction === 'in' ? record.fromParticipantOther : record.toParticipantOther) as string | undefined;
			const firm = typeof firmLink === 'number' ? firmLink : (p.firmParticipant ?? (await currentUserParticipant.call(this, i)));
			const billed = await billCall.call(this, p, record, seconds, firm, other || p.party.name || 'the caller', i, true);
			timeEntry = billed.timeEntry;
			timeEntryHow = billed.timeEntry && !completes ? `${billed.how} (the call was logged earlier but not billed)` : billed.how;
		}
	}
	let after: FollowUps = { decisions: {} };
	if ((p.callBack || p.fileNote) && p.call.phase !== 'inProgress' && !isOpen(record)) {
		const other = (p.call.direction === 'in' ? record.fromParticipantOther : record.toParticipantOther) as string | undefined;
		const firm = typeof firmLink === 'number' ? firmLink : (p.firmParticipant ?? (await currentUserParticipant.call(this, i)));
		after = await followUps.call(this, p, record, firm, other || p.party.name || p.party.phoneText || 'the caller', secret, i);
	} else if (p.callBack || p.fileNote) {
		after.decisions = { followUps: 'not yet: the call is still going' };
	}
	return {
		status: changed ? 'updated' : 'duplicate',
		skipReason: null,
		phoneRecord: record,
		participant: typeof otherLink === 'number' ? { id: otherLink } : null,
		matter: typeof links.action === 'number' ? { id: links.action } : null,
		timeEntry: timeEntry ?? null,
		...followUpFields(after),
		duplicate: true,
		call: callSummary(p),
		decisions: {
			source: p.sourceHow,
			duplicate: how,
			participant: 'kept from the existing record',
			matter: 'kept from the existing record',
			timeEntry: timeEntryHow,
			...after.decisions,
		},
	};
}
