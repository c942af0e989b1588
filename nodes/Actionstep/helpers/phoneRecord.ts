import type { IDataObject } from 'n8n-workflow';

import { hoursFromSeconds, roundHours } from './billing';
import { FieldError } from './interfaces';
import { parseTimestamp } from './time';
import {
	isGiven,
	nonEmptyUpdate,
	optionalId,
	optionalNonNegative,
	optionalText,
	requireDirection,
	requireId,
	requireText,
} from './validation';

/** Node parameters → Actionstep phone-record bodies (pure; throws FieldError on a bad value). */

/** One side of a call: an Actionstep participant, or the name of someone not in Actionstep. */
export interface PartyInput {
	type: 'participant' | 'other';
	participant?: unknown;
	other?: unknown;
}

export interface PhoneRecordCreateInput {
	direction: unknown;
	callTimestamp: unknown;
	outcome: unknown;
	from: PartyInput;
	to: PartyInput;
	matter?: unknown;
	phoneNumber?: unknown;
	phoneNumberType?: unknown;
	actualHours?: unknown;
	durationSeconds?: unknown;
	notes?: unknown;
}

const MAX_HOURS = 24 * 7;
const NOTES_MAX = 32_000;

export function callTimestampValue(value: unknown, timeZone: string, field = 'callTimestamp'): string {
	if (!isGiven(value)) throw new FieldError(field, 'is required');
	const parsed = parseTimestamp(value, timeZone);
	if (!parsed.ok) throw new FieldError(field, parsed.reason);
	return parsed.text;
}

function party(side: 'from' | 'to', input: PartyInput): { link?: number; other?: string } {
	if (input.type === 'participant') {
		return { link: requireId(input.participant, `${side}Participant`) };
	}
	if (input.type === 'other') {
		return { other: requireText(input.other, `${side}ParticipantOther`) };
	}
	throw new FieldError(`${side}Type`, 'must be "participant" or "other"');
}

function hours(actualHours: unknown, durationSeconds: unknown): number | undefined {
	const given = optionalNonNegative(actualHours, 'actualHours', MAX_HOURS);
	if (given !== undefined) return roundHours(given);
	const seconds = optionalNonNegative(durationSeconds, 'durationSeconds', MAX_HOURS * 3600);
	return seconds === undefined ? undefined : hoursFromSeconds(seconds);
}

export function buildPhoneRecordCreate(input: PhoneRecordCreateInput, timeZone: string): IDataObject {
	const direction = requireDirection(input.direction);
	const callTimestamp = callTimestampValue(input.callTimestamp, timeZone);
	const outcome = requireText(input.outcome, 'outcome', { max: 255 });
	const from = party('from', input.from);
	const to = party('to', input.to);
	const matter = optionalId(input.matter, 'matter');
	const body: IDataObject = { direction, callTimestamp, outcome };
	if (from.other !== undefined) body.fromParticipantOther = from.other;
	if (to.other !== undefined) body.toParticipantOther = to.other;
	const phoneNumber = optionalText(input.phoneNumber, 'phoneNumber', { max: 50 });
	if (phoneNumber !== undefined) body.phoneNumber = phoneNumber;
	const phoneNumberType = optionalText(input.phoneNumberType, 'phoneNumberType', { max: 50 });
	if (phoneNumberType !== undefined) body.phoneNumberType = phoneNumberType;
	const actualHours = hours(input.actualHours, input.durationSeconds);
	if (actualHours !== undefined) body.actualHours = actualHours;
	const notes = optionalText(input.notes, 'notes', { max: NOTES_MAX, multiline: true });
	if (notes !== undefined) body.notes = notes;

	const links: IDataObject = {};
	if (matter !== undefined) links.action = matter;
	if (from.link !== undefined) links.fromParticipant = from.link;
	if (to.link !== undefined) links.toParticipant = to.link;
	if (Object.keys(links).length) body.links = links;
	return body;
}

/** Update fields as the node's "Update Fields" collection holds them; only given ones are sent. */
export interface PhoneRecordUpdateInput {
	direction?: unknown;
	callTimestamp?: unknown;
	outcome?: unknown;
	fromParticipant?: unknown;
	fromParticipantOther?: unknown;
	toParticipant?: unknown;
	toParticipantOther?: unknown;
	matter?: unknown;
	phoneNumber?: unknown;
	phoneNumberType?: unknown;
	actualHours?: unknown;
	notes?: unknown;
}

export function buildPhoneRecordUpdate(input: PhoneRecordUpdateInput, timeZone: string): IDataObject {
	const body: IDataObject = {};
	const links: IDataObject = {};
	const has = (key: keyof PhoneRecordUpdateInput) => key in input && input[key] !== undefined;

	if (has('direction')) body.direction = requireDirection(input.direction);
	if (has('callTimestamp')) body.callTimestamp = callTimestampValue(input.callTimestamp, timeZone);
	if (has('outcome')) body.outcome = requireText(input.outcome, 'outcome', { max: 255 });
	if (has('phoneNumber')) body.phoneNumber = optionalText(input.phoneNumber, 'phoneNumber', { max: 50 }) ?? '';
	if (has('phoneNumberType')) body.phoneNumberType = optionalText(input.phoneNumberType, 'phoneNumberType', { max: 50 }) ?? '';
	if (has('actualHours')) body.actualHours = roundHours(optionalNonNegative(input.actualHours, 'actualHours', MAX_HOURS) ?? 0);
	if (has('notes')) body.notes = optionalText(input.notes, 'notes', { max: NOTES_MAX, multiline: true }) ?? '';
	if (has('matter')) links.action = requireId(input.matter, 'matter');

	// A side is either a participant or a name: setting one clears the other, so the record stays valid.
	// The name is cleared with '' (the OpenAPI types it string, not nullable); a link is cleared with null.
	for (const side of ['from', 'to'] as const) {
		const participantKey = `${side}Participant` as const;
		const otherKey = `${side}ParticipantOther` as const;
		if (has(participantKey) && has(otherKey)) {
			throw new FieldError(otherKey, `cannot be set together with ${participantKey}: a side of the call is either a participant or a name`);
		}
		if (has(participantKey)) {
			links[participantKey] = requireId(input[participantKey], participantKey);
			body[otherKey] = '';
		} else if (has(otherKey)) {
			body[otherKey] = requireText(input[otherKey], otherKey);
			links[participantKey] = null;
		}
	}
	if (Object.keys(links).length) body.links = links;
	return nonEmptyUpdate(body);
}
