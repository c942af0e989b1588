import type { IDataObject } from 'n8n-workflow';

import type { ActionstepRecord, Query } from './interfaces';
import type { CountryRule, PhoneNumber } from './phoneNumbers';
import { parsePhoneNumber, samePhoneNumber } from './phoneNumbers';
import { parseTimestamp, toUtcFilterValue } from './time';

/**
 * Which phone record is "the same call" (pure).
 *
 * Actionstep has no external-id field on phone records, so a call with an id from its phone system
 * carries it in the record's notes as one line of its own, `Call ID: <source>:<id>` (e.g.
 * `Call ID: ringcentral:4503991004`), found again with a `notes_ilike` filter and confirmed line by line
 * here. A call without an id is the same call when it started in the same second, in the same direction,
 * with the same other party's number (or, without a number, the same other party's name).
 */

export const CALL_ID_LABEL = 'Call ID:';

export type CallIdentity =
	| { kind: 'callId'; key: string }
	| {
			kind: 'fingerprint';
			key: string;
			/** Start of the call, whole seconds. */
			epochSeconds: number;
			direction: 'in' | 'out';
			phone?: PhoneNumber;
			/** The other party's name, when there is no number. */
			name?: string;
	  };

/**
 * `<source>:<id>` with the id made safe for a one-line marker and for a wildcard filter: trimmed, no line
 * breaks or control characters, no `*` (Actionstep's wildcard), at most 200 characters. Undefined when
 * nothing is left.
 */
export function callKey(source: string, id: unknown): string | undefined {
	if (id === undefined || id === null) return undefined;
	const raw = typeof id === 'number' ? String(id) : typeof id === 'string' ? id : undefined;
	if (raw === undefined) return undefined;
	const safe = Array.from(raw, (ch) => (ch.charCodeAt(0) < 32 || ch.charCodeAt(0) === 127 || ch === '*' ? ' ' : ch))
		.join('')
		.replace(/\s+/g, ' ')
		.trim()
		.slice(0, 200);
	return safe ? `${source}:${safe}` : undefined;
}

/** The notes line that marks a record as this call. */
export function callIdLine(key: string): string {
	return `${CALL_ID_LABEL} ${key}`;
}

/** Every call key written in a record's notes (normally one). */
export function callKeysInNotes(notes: unknown): string[] {
	if (typeof notes !== 'string') return [];
	return notes
		.split(/\r?\n/)
		.map((line) => line.trim())
		.filter((line) => line.startsWith(CALL_ID_LABEL))
		.map((line) => line.slice(CALL_ID_LABEL.length).trim())
		.filter(Boolean);
}

export interface CallFacts {
	source: string;
	callId?: string;
	epochMs: number;
	direction: 'in' | 'out';
	phone?: PhoneNumber;
	name?: string;
}

export function identityOfCall(call: CallFacts): CallIdentity {
	const key = callKey(call.source, call.callId);
	if (key) return { kind: 'callId', key };
	const epochSeconds = Math.floor(call.epochMs / 1000);
	const who = call.phone ? (call.phone.e164 ?? call.phone.nsn) : (call.name?.trim().toLowerCase() ?? '');
	return {
		kind: 'fingerprint',
		key: `${call.direction}|${epochSeconds}|${who}`,
		epochSeconds,
		direction: call.direction,
		phone: call.phone,
		name: call.phone ? undefined : call.name?.trim(),
	};
}

/**
 * The Actionstep filter that narrows phone records to candidates; `recordIsCall` decides. For a fingerprint
 * the window is a second either side, in Actionstep's filter format (UTC, no offset).
 */
export function identityQuery(identity: CallIdentity): Query {
	if (identity.kind === 'callId') return { notes_ilike: `*${callIdLine(identity.key)}*` };
	return {
		callTimestamp_gteq: toUtcFilterValue((identity.epochSeconds - 1) * 1000),
		callTimestamp_lteq: toUtcFilterValue((identity.epochSeconds + 1) * 1000),
		direction: identity.direction,
	};
}

function otherName(record: IDataObject, direction: 'in' | 'out'): string | undefined {
	const value = direction === 'in' ? record.fromParticipantOther : record.toParticipantOther;
	return typeof value === 'string' ? value.trim().toLowerCase() : undefined;
}

/** Whether `record` is the call `identity` names. */
export function recordIsCall(record: IDataObject, identity: CallIdentity, defaultCountry?: CountryRule): boolean {
	if (identity.kind === 'callId') return callKeysInNotes(record.notes).includes(identity.key);
	if (record.direction !== identity.direction) return false;
	const parsed = parseTimestamp(record.callTimestamp, 'UTC');
	if (!parsed.ok || Math.floor(parsed.epochMs / 1000) !== identity.epochSeconds) return false;
	if (identity.phone) return samePhoneNumber(parsePhoneNumber(record.phoneNumber, defaultCountry), identity.phone);
	if (identity.name) return otherName(record, identity.direction) === identity.name.toLowerCase();
	return true;
}

/** The oldest record that is the call (the first one logged wins when, against the odds, there are two). */
export function pickExisting(records: ActionstepRecord[], identity: CallIdentity, defaultCountry?: CountryRule): ActionstepRecord | undefined {
	return records
		.filter((r) => recordIsCall(r, identity, defaultCountry))
		.sort((a, b) => a.id - b.id)[0];
}

/**
 * The identity of a phone-record body about to be created (for callers other than Log Call, e.g. a safe
 * retry of Create): its Call ID line when the notes have one, else its time, direction and number or name.
 */
export function identityOfBody(body: IDataObject, defaultCountry?: CountryRule): CallIdentity | undefined {
	const [key] = callKeysInNotes(body.notes);
	if (key) return { kind: 'callId', key };
	const parsed = parseTimestamp(body.callTimestamp, 'UTC');
	const direction = body.direction === 'in' || body.direction === 'out' ? body.direction : undefined;
	if (!parsed.ok || !direction) return undefined;
	const phone = parsePhoneNumber(body.phoneNumber, defaultCountry);
	const name = direction === 'in' ? body.fromParticipantOther : body.toParticipantOther;
	return identityOfCall({
		source: '',
		epochMs: parsed.epochMs,
		direction,
		phone,
		name: typeof name === 'string' ? name : undefined,
	});
}
