import type { IDataObject } from 'n8n-workflow';

import { roundHours, roundUpToSixMinutes } from './billing';
import type { ActionstepRecord } from './interfaces';
import { FieldError } from './interfaces';
import { dayStartInZone, parseTimestamp } from './time';
import { isGiven, optionalBoolean, optionalId, optionalNonNegative, optionalText, requireId } from './validation';

/** Node parameters → Actionstep time-entry bodies, and a time entry that bills a phone call (pure). */

const MAX_HOURS = 24 * 7;

export function timestampDateValue(value: unknown, timeZone: string, field = 'timestampDate'): string {
	const parsed = parseTimestamp(value, timeZone);
	if (!parsed.ok) throw new FieldError(field, parsed.reason);
	return parsed.text;
}

export interface TimeEntryFieldsInput {
	timestampDate?: unknown;
	actualHours?: unknown;
	billableHours?: unknown;
	description?: unknown;
	isBillable?: unknown;
	owner?: unknown;
	matter?: unknown;
	phoneRecord?: unknown;
}

/** Fields common to create and update; only given ones appear. */
export function timeEntryFields(input: TimeEntryFieldsInput, timeZone: string): IDataObject {
	const body: IDataObject = {};
	const links: IDataObject = {};
	if (isGiven(input.timestampDate)) body.timestampDate = timestampDateValue(input.timestampDate, timeZone);
	const actual = optionalNonNegative(input.actualHours, 'actualHours', MAX_HOURS);
	if (actual !== undefined) body.actualHours = roundHours(actual);
	const billable = optionalNonNegative(input.billableHours, 'billableHours', MAX_HOURS);
	if (billable !== undefined) body.billableHours = roundHours(billable);
	const description = optionalText(input.description, 'description', { max: 4000, multiline: true });
	if (description !== undefined) body.description = description;
	const isBillable = optionalBoolean(input.isBillable, 'isBillable');
	if (isBillable !== undefined) body.isBillable = isBillable ? 'T' : 'F';
	const owner = optionalId(input.owner, 'owner');
	if (owner !== undefined) links.owner = owner;
	const matter = optionalId(input.matter, 'matter');
	if (matter !== undefined) links.action = matter;
	const phoneRecord = optionalId(input.phoneRecord, 'phoneRecord');
	if (phoneRecord !== undefined) links.phoneRecord = phoneRecord;
	if (Object.keys(links).length) body.links = links;
	return body;
}

export function buildTimeEntryCreate(input: TimeEntryFieldsInput, timeZone: string, currentUser: number): IDataObject {
	if (!isGiven(input.timestampDate)) throw new FieldError('timestampDate', 'is required');
	if (!isGiven(input.actualHours)) throw new FieldError('actualHours', 'is required');
	const body = timeEntryFields(input, timeZone);
	const links = (body.links as IDataObject | undefined) ?? {};
	body.links = { ...links, owner: links.owner ?? currentUser, createdBy: currentUser };
	return body;
}

export interface CallBillingOptions {
	owner?: unknown;
	description?: unknown;
	actualHours?: unknown;
	billableHours?: unknown;
	isBillable?: unknown;
	roundToSixMinutes?: unknown;
	timestampDate?: unknown;
}

/**
 * The day of a call, as Actionstep dates time entries (at midnight): the firm's midnight when the call is written in
 * the firm's zone (on a daylight-saving change day that midnight has the other offset), else midnight in the call's
 * own offset.
 */
export function callDay(callTimestamp: string, timeZone: string): string {
	return dayStartInZone(callTimestamp, timeZone) ?? midnightOf(callTimestamp);
}

/** The date part of a call time, kept in the call's own offset. */
export function midnightOf(callTimestamp: string): string {
	const match = /^(\d{4}-\d{2}-\d{2})T[\d:.]+(Z|[+-]\d{2}:?\d{2})?$/.exec(callTimestamp);
	if (!match) return callTimestamp;
	return `${match[1]}T00:00:00${match[2] === 'Z' || !match[2] ? '+00:00' : match[2]}`;
}

function callDescription(call: ActionstepRecord): string {
	const inbound = call.direction === 'in';
	const name = inbound ? call.fromParticipantOther : call.toParticipantOther;
	const party = typeof name === 'string' && name ? ` ${inbound ? 'from' : 'to'} ${name}` : '';
	const outcome = typeof call.outcome === 'string' && call.outcome ? ` (${call.outcome})` : '';
	const notes = typeof call.notes === 'string' && call.notes ? `: ${call.notes}` : '';
	return `Phone call${party}${outcome}${notes}`.slice(0, 4000);
}

/** Checks the user's billing options on their own (no call needed), so a bad value fails before any request. */
export function checkCallBillingOptions(options: CallBillingOptions, timeZone: string): void {
	optionalBoolean(options.roundToSixMinutes, 'roundToSixMinutes');
	optionalNonNegative(options.actualHours, 'actualHours', MAX_HOURS);
	optionalNonNegative(options.billableHours, 'billableHours', MAX_HOURS);
	if (isGiven(options.timestampDate)) timestampDateValue(options.timestampDate, timeZone);
	optionalText(options.description, 'description', { max: 4000, multiline: true });
	optionalBoolean(options.isBillable, 'isBillable');
	optionalId(options.owner, 'owner');
}

/** A time entry that bills the phone call `call`: on its matter, for its length unless told otherwise. */
export function buildCallTimeEntry(
	call: ActionstepRecord,
	options: CallBillingOptions,
	timeZone: string,
	currentUser: number,
): IDataObject {
	const links = (call.links ?? {}) as IDataObject;
	const matter = links.action;
	if (matter === undefined || matter === null || matter === '') {
		throw new FieldError(
			'phoneRecordId',
			`points at phone record ${call.id}, which is not on a matter, so there is nothing to bill it to`,
			'Update the phone record with a matter first, or link it to an existing time entry.',
		);
	}
	const round = optionalBoolean(options.roundToSixMinutes, 'roundToSixMinutes') ?? false;
	const given = optionalNonNegative(options.actualHours, 'actualHours', MAX_HOURS);
	const callHours = typeof call.actualHours === 'number' ? call.actualHours : Number(call.actualHours ?? 0) || 0;
	// Time worked stays as it was; the six-minute unit is a billing convention, so it shapes billable hours.
	const actualHours = roundHours(given ?? callHours);
	const billableGiven = optionalNonNegative(options.billableHours, 'billableHours', MAX_HOURS);
	const billableHours =
		billableGiven !== undefined ? roundHours(billableGiven) : round ? roundUpToSixMinutes(actualHours) : actualHours;

	const timestampDate = isGiven(options.timestampDate)
		? timestampDateValue(options.timestampDate, timeZone)
		: callDay(String(call.callTimestamp ?? ''), timeZone);
	const description = optionalText(options.description, 'description', { max: 4000, multiline: true }) ?? callDescription(call);
	const body: IDataObject = { timestampDate, actualHours, billableHours, description };
	const isBillable = optionalBoolean(options.isBillable, 'isBillable');
	if (isBillable !== undefined) body.isBillable = isBillable ? 'T' : 'F';
	const owner = optionalId(options.owner, 'owner') ?? currentUser;
	body.links = { action: requireId(matter, 'matter'), phoneRecord: call.id, owner, createdBy: currentUser };
	return body;
}
