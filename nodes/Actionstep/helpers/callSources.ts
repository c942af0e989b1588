import type { CallEvent } from './callEvents';
import type { UnwrappedCall } from './callData';
import { isPlainObject, noteText, pick, secondsOf, text } from './callData';
import { FieldError } from './interfaces';
import { isGiven, preview } from './validation';

/**
 * Each phone system's call record → a CallEvent (pure): RingCentral, HostedSuite, or fields the user maps
 * ("generic"). Required data that is missing raises FieldError naming `callData` or the mapped parameter.
 */

function missing(what: string, source: string, hint: string): FieldError {
	return new FieldError('callData', `has no ${what}: the ${source} event cannot be logged without it`, hint);
}

function directionFrom(value: unknown, field: string, what: string): 'in' | 'out' {
	const t = text(value)?.toLowerCase();
	if (t && ['in', 'inbound', 'incoming'].includes(t)) return 'in';
	if (t && ['out', 'outbound', 'outgoing'].includes(t)) return 'out';
	throw new FieldError(field, `${what} must be Inbound or Outbound (or in/out), got ${preview(value)}`);
}

function party(value: unknown): { number?: string; name?: string } {
	if (!isPlainObject(value)) return { number: text(value) };
	return {
		number: text(pick(value, 'phoneNumber')) ?? text(pick(value, 'extensionNumber')),
		name: text(pick(value, 'name')),
	};
}

/** A RingCentral call-log record (Call Log API, or the same record inside a webhook or App Connect). */
export function fromRingCentral(data: UnwrappedCall): CallEvent {
	const r = data.record;
	const rawDirection = pick(r, 'direction');
	if (rawDirection === undefined) throw missing('direction', 'RingCentral', 'A call-log record has direction "Inbound" or "Outbound".');
	const direction = directionFrom(rawDirection, 'callData', 'direction');
	const start = pick(r, 'startTime');
	if (start === undefined || start === '') {
		throw missing('startTime', 'RingCentral', 'A call-log record has startTime, e.g. "2026-03-02T22:30:00.000Z".');
	}
	let durationSeconds = secondsOf(pick(r, 'duration'), 'callData', 'duration');
	if (durationSeconds === undefined) {
		const ms = secondsOf(pick(r, 'durationMs'), 'callData', 'durationMs');
		if (ms !== undefined) durationSeconds = Math.round(ms / 1000);
	}
	const from = party(pick(r, 'from'));
	const to = party(pick(r, 'to'));
	const other = direction === 'in' ? from : to;
	const firm = direction === 'in' ? to : from;
	const recording = pick(r, 'recording');
	const link = isPlainObject(recording) ? text(pick(recording, 'link', 'contentUri')) : text(recording);
	return {
		source: 'ringcentral',
		callId: text(pick(r, 'sessionId')) ?? text(pick(r, 'telephonySessionId')) ?? text(pick(r, 'id')),
		direction,
		start: typeof start === 'number' ? start : String(start),
		durationSeconds,
		otherNumber: other.number,
		otherName: other.name,
		firmNumber: firm.number,
		firmName: firm.name,
		result: text(pick(r, 'result')),
		agentNote: data.note ?? noteText(pick(r, 'note')),
		aiNote: data.aiNote,
		recordingLink: link,
	};
}

export type DurationBasis = 'talk' | 'total';

/** A HostedSuite CallRecordInfo (call-centre answering service: calls are inbound unless Type says out). */
export function fromHostedSuite(data: UnwrappedCall, basis: DurationBasis = 'talk'): CallEvent {
	const r = data.record;
	const start = pick(r, 'StartTime');
	if (!isGiven(start)) throw missing('StartTime', 'HostedSuite', 'A CallRecordInfo has StartTime.');
	const talk = secondsOf(pick(r, 'TalkTimeInSeconds'), 'callData', 'TalkTimeInSeconds');
	const total = secondsOf(pick(r, 'DurationInSeconds'), 'callData', 'DurationInSeconds');
	const type = text(pick(r, 'Type'));
	return {
		source: 'hostedsuite',
		callId: text(pick(r, 'Id')),
		direction: type && /out/i.test(type) ? 'out' : 'in',
		start: typeof start === 'number' ? start : String(start),
		durationSeconds: basis === 'talk' ? (talk ?? total) : (total ?? talk),
		otherNumber: text(pick(r, 'CallerNumber')),
		otherName: text(pick(r, 'CallerName')),
		firmName: text(pick(r, 'ClientName')),
		result: text(pick(r, 'Result', 'Outcome')),
		agentNote: data.note ?? noteText(pick(r, 'Notes')),
		aiNote: data.aiNote,
		recordingLink: text(pick(r, 'RecordingUrl', 'RecordingLink')),
		answeredBy: text(pick(r, 'AnsweredBy')),
	};
}

/** What the user mapped with expressions; an empty value falls back to the usual key in the call data. */
export interface GenericMapping {
	callDirection?: unknown;
	callTime?: unknown;
	callDuration?: unknown;
	otherNumber?: unknown;
	otherName?: unknown;
	callNotes?: unknown;
	callId?: unknown;
	callResult?: unknown;
	recordingLink?: unknown;
}

/** Mapped fields, each falling back to the call data's usual keys, for phone systems without a source. */
export function fromGeneric(data: UnwrappedCall | undefined, mapping: GenericMapping): CallEvent {
	const r = data?.record;
	const value = (param: keyof GenericMapping, ...keys: string[]): { value: unknown; field: string } =>
		isGiven(mapping[param]) ? { value: mapping[param], field: param } : { value: pick(r, ...keys), field: 'callData' };
	const dir = value('callDirection', 'direction', 'callDirection');
	if (!isGiven(dir.value)) {
		throw new FieldError('callDirection', 'is required', 'Map the direction (Inbound/Outbound or in/out), e.g. {{ $json.direction }}.');
	}
	const start = value('callTime', 'callTimestamp', 'startTime', 'start', 'time', 'timestamp');
	if (!isGiven(start.value)) {
		throw new FieldError('callTime', 'is required', 'Map when the call started, e.g. {{ $json.startTime }}.');
	}
	const startValue = start.value;
	if (typeof startValue !== 'string' && typeof startValue !== 'number' && !isDateLike(startValue)) {
		throw new FieldError(start.field, `must be a date and time, got ${preview(startValue)}`);
	}
	const duration = value('callDuration', 'durationSeconds', 'duration', 'talkTime');
	const other = (param: keyof GenericMapping, ...keys: string[]) => {
		const v = value(param, ...keys);
		return text(v.value);
	};
	return {
		source: 'generic',
		callId: other('callId', 'callId', 'sessionId', 'id'),
		direction: directionFrom(dir.value, dir.field, 'direction'),
		start: typeof startValue === 'number' ? startValue : isDateLike(startValue) ? dateLikeText(startValue) : (startValue as string),
		durationSeconds: secondsOf(duration.value, duration.field),
		otherNumber: other('otherNumber', 'phoneNumber', 'number', 'phone'),
		otherName: other('otherName', 'name', 'contactName', 'callerName'),
		result: other('callResult', 'result', 'outcome', 'status'),
		agentNote: other('callNotes', 'notes', 'note') ?? data?.note,
		aiNote: data?.aiNote,
		recordingLink: other('recordingLink', 'recordingUrl', 'recordingLink'),
	};
}

function isDateLike(value: unknown): boolean {
	return (
		value instanceof Date ||
		(typeof value === 'object' && value !== null && typeof (value as { toISO?: unknown }).toISO === 'function')
	);
}

function dateLikeText(value: unknown): string {
	if (value instanceof Date) return value.toISOString();
	return String((value as { toISO: () => string | null }).toISO() ?? '');
}
