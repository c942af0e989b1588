import type { IDataObject } from 'n8n-workflow';

import type { CallSource } from './callEvents';
import { FieldError } from './interfaces';
import { preview } from './validation';

/**
 * What a workflow passes as a call event → the call record inside it, and the readers of its values (pure).
 * Missing or unreadable data raises FieldError naming `callData` (or the mapped parameter), before any request.
 */

// ---------------------------------------------------------------------------------------------------
// Reading values

export function isPlainObject(value: unknown): value is IDataObject {
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

/** Trimmed text of a text or a finite number; undefined when empty or anything else. */
export function text(value: unknown): string | undefined {
	if (typeof value === 'number' && Number.isFinite(value)) return String(value);
	if (typeof value !== 'string') return undefined;
	const trimmed = value.trim();
	return trimmed === '' ? undefined : trimmed;
}

/** Text from an object that may also be `{text}`/`{summary}` (AI notes come in several shapes). */
export function noteText(value: unknown): string | undefined {
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
