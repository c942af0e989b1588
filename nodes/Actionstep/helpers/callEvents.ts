import type { IDataObject } from 'n8n-workflow';

import { hoursFromSeconds, roundHours } from './billing';
import { FieldError } from './interfaces';
import { formatOffset, isValidTimeZone, parseTimestamp, zoneOffsetMinutes } from './time';
import { isGiven, preview } from './validation';

/**
 * Call events from phone systems → one shape the Log Call operation works with (pure).
 *
 * Sources: a RingCentral call-log record (also inside a webhook body or App Connect's `{callLog, note,
 * aiNote}`), a HostedSuite CallRecordInfo, or fields the user maps ("generic"). Missing or unreadable
 * required data raises FieldError naming `callData` (or the mapped parameter), before any request.
 */

export type CallSource = 'generic' | 'hostedsuite' | 'ringcentral';
export const CALL_SOURCES: CallSource[] = ['generic', 'hostedsuite', 'ringcentral'];

export interface CallEvent {
	source: CallSource;
	/** The source's own id of the call (RingCentral sessionId, HostedSuite Id, the mapped call id). */
	callId?: string;
	direction: 'in' | 'out';
	/** The call's start as the source gave it (ISO text, epoch milliseconds, HostedSuite's formats). */
	start: string | number;
	/** Seconds that count as the call's length (talk time where the source tells it apart). */
	durationSeconds?: number;
	/** The other party: the caller of an inbound call, the callee of an outbound one. */
	otherNumber?: string;
	otherName?: string;
	/** The firm's side as the source names it (for information; the firm's participant is chosen apart). */
	firmNumber?: string;
	firmName?: string;
	/** The source's result text, e.g. "Accepted", "Missed", "Voicemail". */
	result?: string;
	agentNote?: string;
	aiNote?: string;
	recordingLink?: string;
	answeredBy?: string;
}

// ---------------------------------------------------------------------------------------------------
// Reading values

function isPlainObject(value: unknown): value is IDataObject {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A property by any of `names`, exact first, then ignoring case (HostedSuite may answer in camelCase). */
export function pick(obj: IDataObject | undefined, ...names: string[]): unknown {
	if (!obj) return undefined;
	for (const name of names) if (obj[name] !== undefined && obj[name] !== null) return obj[name];
	const lower = new Map(Object.keys(obj).map((k) => [k.toLowerCase(), k]));
	for (const name of names) {
		const key = lower.get(name.toLowerCase());
		if (key !== undefined && obj[key] !== undefined && obj[key] !== null) return obj[key];
	}
	return undefined;
}

function text(value: unknown): string | undefined {
	if (typeof value === 'number' && Number.isFinite(value)) return String(value);
	if (typeof value !== 'string') return undefined;
	const trimmed = value.trim();
	return trimmed === '' ? undefined : trimmed;
}

/** Text from an object that may also be `{text}`/`{summary}` (AI notes come in several shapes). */
function noteText(value: unknown): string | undefined {
	if (Array.isArray(value)) {
		const parts = value.map(noteText).filter((p): p is string => !!p);
		return parts.length ? parts.join('\n') : undefined;
	}
	if (isPlainObject(value)) return noteText(pick(value, 'text', 'summary', 'note', 'content'));
	return text(value);
}

/**
 * Seconds from a number, a numeric text, "mm:ss" or "hh:mm:ss". `pending` (RingCentral's value for a
 * call not yet ended) is refused: the length is what gets billed.
 */
export function secondsOf(value: unknown, field: string, what = 'duration'): number | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	if (typeof value === 'number') {
		if (!Number.isFinite(value) || value < 0) throw new FieldError(field, `${what} must be a number of seconds ≥ 0, got ${preview(value)}`);
		return value;
	}
	if (typeof value === 'string') {
		const t = value.trim();
		if (t === '') return undefined;
		if (/^pending$/i.test(t)) {
			throw new FieldError(
				field,
				`${what} is "pending": the call has not ended yet`,
				'Log the call once the phone system has the finished record (with its length in seconds).',
			);
		}
		if (/^\d+(\.\d+)?$/.test(t)) return Number(t);
		const clock = /^(?:(\d+):)?(\d{1,2}):(\d{2})$/.exec(t);
		if (clock) return Number(clock[1] ?? 0) * 3600 + Number(clock[2]) * 60 + Number(clock[3]);
	}
	throw new FieldError(field, `${what} must be seconds (e.g. 361 or "00:06:01"), got ${preview(value)}`);
}

// ---------------------------------------------------------------------------------------------------
// Unwrapping what arrives

const RECOGNISED: Record<CallSource, string[]> = {
	ringcentral: ['startTime', 'sessionId', 'direction'],
	hostedsuite: ['StartTime', 'CallerNumber', 'CallerName', 'DurationInSeconds', 'TalkTimeInSeconds'],
	generic: [
		'direction',
		'callTimestamp',
		'startTime',
		'phoneNumber',
		'duration',
		'durationSeconds',
		'callId',
	],
};

function recognised(source: CallSource, obj: IDataObject): boolean {
	const keys = RECOGNISED[source];
	if (source === 'ringcentral') return keys.some((k) => obj[k] !== undefined);
	return pick(obj, ...keys) !== undefined;
}

const NOT_JSON = Symbol('not JSON');

function parseJsonText(value: string, field: string): unknown {
	let parsed: unknown = NOT_JSON;
	try {
		parsed = JSON.parse(value);
	} catch {
		// Reported below, as a field error.
	}
	if (parsed === NOT_JSON) {
		throw new FieldError(field, 'is not valid JSON', 'Give the call event as an object, e.g. {{ $json }} or {{ $json.body }}.');
	}
	return parsed;
}

export interface UnwrappedCall {
	record: IDataObject;
	/** Notes found next to the record in a wrapper (App Connect sends `{callLog, note, aiNote}`). */
	note?: string;
	aiNote?: string;
}

/**
 * The call record inside what the workflow passes: the object itself, a JSON text, a one-element list,
 * a webhook's `{headers, body}` (also nested, as RingCentral's `{event, body}` notifications are inside
 * an n8n Webhook item), or App Connect's `{callLog, note, aiNote}`.
 */
export function unwrapCallData(value: unknown, source: CallSource, field = 'callData', lenient = false): UnwrappedCall {
	let current: unknown = typeof value === 'string' ? parseJsonText(value, field) : value;
	let outermost: IDataObject | undefined;
	let note: string | undefined;
	let aiNote: string | undefined;
	for (let depth = 0; depth < 4; depth++) {
		if (Array.isArray(current)) {
			if (current.length !== 1) {
				throw new FieldError(
					field,
					`holds a list of ${current.length} calls, not one call`,
					'Split the list into one item per call first (e.g. with a Split Out node), then log each item.',
				);
			}
			current = current[0];
			continue;
		}
		if (!isPlainObject(current)) {
			throw new FieldError(field, `must be a call event object, got ${preview(current)}`, 'Map the call event, e.g. {{ $json }}.');
		}
		const obj = current;
		outermost ??= obj;
		note ??= noteText(pick(obj, 'note', 'agentNote'));
		aiNote ??= noteText(pick(obj, 'aiNote', 'aiNotes'));
		if (recognised(source, obj)) return { record: obj, note, aiNote };
		const inner = obj.callLog ?? obj.body ?? obj.data;
		if (typeof inner === 'string' && /^\s*[[{]/.test(inner)) {
			current = parseJsonText(inner, field);
			continue;
		}
		const list = pick(obj, 'records', 'CallRecords', 'Results');
		if (inner === undefined && Array.isArray(list)) {
			current = list;
			continue;
		}
		if (inner === undefined) break;
		current = inner;
	}
	// Generic calls may take everything from mapped parameters: the data is then just what expressions read.
	if (lenient && outermost) return { record: outermost, note, aiNote };
	const expected = {
		ringcentral: 'a RingCentral call-log record (startTime, direction, from, to, duration, sessionId)',
		hostedsuite: 'a HostedSuite call record (Id, StartTime, CallerNumber, DurationInSeconds)',
		generic: 'call fields (direction, callTimestamp, phoneNumber, ...)',
	}[source];
	throw new FieldError(field, `does not look like ${expected}`, 'Check Source, and map the call event into Call Data.');
}

// ---------------------------------------------------------------------------------------------------
// Sources

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

// ---------------------------------------------------------------------------------------------------
// Time

export interface CallTime {
	/** Actionstep's format `YYYY-MM-DDTHH:mm:ss+HH:MM`. */
	text: string;
	epochMs: number;
	/** How the offset was decided, for the output's `decisions`. */
	how: string;
}

function pad(n: number, width = 2): string {
	return String(n).padStart(width, '0');
}

/** An instant written in a zone's wall-clock time with that zone's offset at that instant. */
export function instantInZone(epochMs: number, timeZone: string): string {
	const seconds = Math.floor(epochMs / 1000) * 1000;
	const offset = zoneOffsetMinutes(timeZone, seconds);
	const wall = new Date(seconds + offset * 60000);
	return (
		`${pad(wall.getUTCFullYear(), 4)}-${pad(wall.getUTCMonth() + 1)}-${pad(wall.getUTCDate())}` +
		`T${pad(wall.getUTCHours())}:${pad(wall.getUTCMinutes())}:${pad(wall.getUTCSeconds())}${formatOffset(offset)}`
	);
}

/** `/Date(1709504100000)/` or `/Date(1709504100000+1100)/` (the JSON date of .NET services such as HostedSuite). */
const DOTNET_DATE = /^\/Date\((-?\d+)([+-]\d{4})?\)\/$/;
/** `3/4/2026 9:15:00 AM`: HostedSuite is a US service, so month first. */
const US_DATE = /^(\d{1,2})\/(\d{1,2})\/(\d{4})\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([AP]M)?$/i;

/**
 * The call's start for Actionstep. A time in UTC (`Z`, epoch milliseconds, a .NET date) is the same
 * instant written in `timeZone`, so the record and its time entry fall on the firm's calendar day; a time
 * with another offset keeps it; a time without a zone is read in `timeZone`.
 */
export function resolveCallTime(value: string | number, timeZone: string, field = 'callData'): CallTime {
	if (!isValidTimeZone(timeZone)) throw new FieldError('timeZone', `"${timeZone}" is not a known time zone`, 'Use an IANA name such as Australia/Sydney, or leave it empty for the workflow\'s.');
	if (typeof value === 'number') {
		if (!Number.isFinite(value) || value < 0) throw new FieldError(field, `start time ${value} is not a date and time`);
		// Epoch seconds are ten digits, milliseconds thirteen.
		const epochMs = value < 1e11 ? value * 1000 : value;
		return { text: instantInZone(epochMs, timeZone), epochMs, how: `epoch time written in ${timeZone}` };
	}
	const t = value.trim();
	const dotnet = DOTNET_DATE.exec(t);
	if (dotnet) {
		const epochMs = Number(dotnet[1]);
		return { text: instantInZone(epochMs, timeZone), epochMs, how: `UTC time written in ${timeZone}` };
	}
	const us = US_DATE.exec(t);
	if (us) {
		let hour = Number(us[4]);
		const meridiem = us[7]?.toUpperCase();
		if (meridiem === 'PM' && hour < 12) hour += 12;
		if (meridiem === 'AM' && hour === 12) hour = 0;
		const iso = `${us[3]}-${pad(Number(us[1]))}-${pad(Number(us[2]))}T${pad(hour)}:${us[5]}:${us[6] ?? '00'}`;
		return resolveCallTime(iso, timeZone, field);
	}
	const parsed = parseTimestamp(t, timeZone);
	if (!parsed.ok) throw new FieldError(field, `start time ${parsed.reason}`);
	const zone = /\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)$/i.exec(t)?.[1];
	if (zone?.toUpperCase() === 'Z') {
		return { text: instantInZone(parsed.epochMs, timeZone), epochMs: parsed.epochMs, how: `UTC time written in ${timeZone}` };
	}
	if (zone) return { text: parsed.text, epochMs: parsed.epochMs, how: 'offset kept from the source' };
	return { text: parsed.text, epochMs: parsed.epochMs, how: `no zone in the source: read in ${timeZone}` };
}

// ---------------------------------------------------------------------------------------------------
// Outcome

export interface OutcomeDecision {
	outcome: string;
	how: string;
}

/** Source results → Actionstep outcomes (keys lower-case). RingCentral spells most of these. */
export const OUTCOME_TABLE: Record<string, string> = {
	accepted: 'Call completed',
	'call connected': 'Call completed',
	connected: 'Call completed',
	answered: 'Call completed',
	completed: 'Call completed',
	'answered elsewhere': 'Answered elsewhere',
	missed: 'Missed',
	abandoned: 'Missed',
	'answered not accepted': 'Missed',
	voicemail: 'Left voicemail',
	'sent to voicemail': 'Left voicemail',
	'left voicemail': 'Left voicemail',
	busy: 'Busy',
	'no answer': 'No answer',
	'not answered': 'No answer',
	rejected: 'Declined',
	declined: 'Declined',
	blocked: 'Blocked',
	'hang up': 'Hung up',
	stopped: 'Hung up',
	'call failed': 'Call failed',
	'call failure': 'Call failed',
	'wrong number': 'Wrong number',
	'bad number': 'Wrong number',
	'in progress': 'In progress',
	'callback requested': 'Callback requested',
};

/**
 * The outcome: the user's fixed outcome, else their mapping of this result, else the table, else a guess
 * from words in the result, else from whether the call had talk time.
 */
export function decideOutcome(
	result: string | undefined,
	seconds: number | undefined,
	userMap: Array<{ result?: unknown; outcome?: unknown }> = [],
	fixed?: string,
): OutcomeDecision {
	if (fixed && fixed.trim()) return { outcome: fixed.trim(), how: 'fixed by the Outcome option' };
	const key = result?.trim().toLowerCase();
	if (key) {
		const mine = userMap.find((m) => typeof m.result === 'string' && m.result.trim().toLowerCase() === key);
		if (mine && typeof mine.outcome === 'string' && mine.outcome.trim()) {
			return { outcome: mine.outcome.trim(), how: `your mapping of result "${result}"` };
		}
		if (OUTCOME_TABLE[key]) return { outcome: OUTCOME_TABLE[key], how: `result "${result}"` };
		const guess = /voice ?mail|message/.test(key)
			? 'Left voicemail'
			: /missed|abandon/.test(key)
				? 'Missed'
				: /busy/.test(key)
					? 'Busy'
					: /no answer|not answered|unanswered/.test(key)
						? 'No answer'
						: /connect|answer|accept|complete/.test(key)
							? 'Call completed'
							: undefined;
		if (guess) return { outcome: guess, how: `words in result "${result}"` };
		return { outcome: result!.trim().slice(0, 255), how: `result "${result}" kept as it is (not in the table)` };
	}
	if (seconds !== undefined && seconds > 0) return { outcome: 'Call completed', how: 'no result given; the call had talk time' };
	if (seconds === 0) return { outcome: 'No answer', how: 'no result given; the call had no talk time' };
	return { outcome: 'Call completed', how: 'no result or duration given' };
}

// ---------------------------------------------------------------------------------------------------
// Notes

export type NotePart = 'agentNote' | 'aiNote' | 'callDetails' | 'recordingLink';
export const DEFAULT_NOTE_PARTS: NotePart[] = ['agentNote', 'aiNote', 'recordingLink'];
const NOTES_MAX = 32_000;

function describeSeconds(seconds: number): string {
	const s = Math.round(seconds);
	const h = Math.floor(s / 3600);
	const m = Math.floor((s % 3600) / 60);
	const rest = s % 60;
	const parts = [h ? `${h} h` : '', m ? `${m} min` : '', rest || (!h && !m) ? `${rest} s` : ''].filter(Boolean);
	return parts.join(' ');
}

/** Removes control characters Actionstep refuses (line breaks and tabs stay). */
function clean(textValue: string): string {
	return Array.from(textValue, (ch) => {
		const code = ch.charCodeAt(0);
		return (code < 32 && code !== 9 && code !== 10 && code !== 13) || code === 127 ? ' ' : ch;
	}).join('').trim();
}

/**
 * The phone record's notes: the chosen parts that are present, then the call-id line that later runs find
 * the record by (always kept whole, even when the rest has to be shortened).
 */
export function composeNotes(call: CallEvent, parts: NotePart[], callIdLine?: string): string | undefined {
	const lines: string[] = [];
	if (parts.includes('agentNote') && call.agentNote) lines.push(clean(call.agentNote));
	if (parts.includes('aiNote') && call.aiNote) lines.push(`AI notes:\n${clean(call.aiNote)}`);
	if (parts.includes('recordingLink') && call.recordingLink && /^https?:\/\//i.test(call.recordingLink)) {
		lines.push(`Recording: ${clean(call.recordingLink)}`);
	}
	if (parts.includes('callDetails')) {
		const details = [
			call.result ? `Result: ${clean(call.result)}` : '',
			call.durationSeconds !== undefined ? `Duration: ${describeSeconds(call.durationSeconds)}` : '',
			call.answeredBy ? `Answered by: ${clean(call.answeredBy)}` : '',
		].filter(Boolean);
		if (details.length) lines.push(details.join(' · '));
	}
	const tail = callIdLine ? `\n\n${callIdLine}` : '';
	let body = lines.join('\n\n');
	const room = NOTES_MAX - tail.length;
	if (body.length > room) body = body.slice(0, Math.max(0, room - 1)) + '…';
	const notes = (body + tail).trim();
	return notes === '' ? undefined : notes;
}

// ---------------------------------------------------------------------------------------------------
// Hours

export type Rounding = 'none' | 'nearest' | 'up';

/** The call's length on the phone record: hours to 0.01, at least 0.01 for any call that lasted. */
export function callHours(seconds: number | undefined): number | undefined {
	return seconds === undefined ? undefined : hoursFromSeconds(seconds);
}

/**
 * Billable hours of a call in units of `unitMinutes` (6 = the tenth of an hour lawyers bill in).
 * `up`: any part of a unit is a unit (1 s → 0.1 h, 6 min → 0.1 h, 6 min 1 s → 0.2 h); `nearest`: the nearest
 * unit; both bill at least one unit for a call that lasted. `none`: the length to 0.01 h.
 */
export function billableHours(seconds: number, rounding: Rounding, unitMinutes = 6): number {
	if (seconds <= 0) return 0;
	if (rounding === 'none') return hoursFromSeconds(seconds);
	const unitSeconds = unitMinutes * 60;
	const exact = seconds / unitSeconds;
	// A whole number of units to within a millisecond counts as whole (float noise must not add a unit).
	const units = rounding === 'up' ? Math.ceil(exact - 1e-6) : Math.round(exact);
	return roundHours((Math.max(1, units) * unitMinutes) / 60);
}
