import type { IDataObject } from 'n8n-workflow';

import { FieldError } from '../../../../helpers/interfaces';
import { preview } from '../../../../helpers/validation';
import type { CallEvent } from './types';

/** Readers of values in phone systems' events (pure), shared by every source module. */

/** Longest text a source value may have before it is cut (notes are capped again when composed). */
const MAX_VALUE_TEXT = 40_000;

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

/** Trimmed text of a text or a finite number, cut to a sane length; undefined when empty or anything else. */
export function text(value: unknown): string | undefined {
	if (typeof value === 'number' && Number.isFinite(value)) return String(value);
	if (typeof value !== 'string') return undefined;
	const trimmed = value.slice(0, MAX_VALUE_TEXT).trim();
	return trimmed === '' ? undefined : trimmed;
}

/** Text from an object that may also be `{text}`/`{summary}` (AI notes come in several shapes). */
export function noteText(value: unknown, depth = 0): string | undefined {
	if (depth > 3) return undefined;
	if (Array.isArray(value)) {
		const parts = value.slice(0, 50).map((v) => noteText(v, depth + 1)).filter((p): p is string => !!p);
		return parts.length ? parts.join('\n') : undefined;
	}
	if (isPlainObject(value)) return noteText(pick(value, 'text', 'summary', 'note', 'content'), depth + 1);
	return text(value);
}

/**
 * Seconds from a number, a numeric text, "mm:ss" or "hh:mm:ss" (a clock that is no time, "00:05:99", is
 * refused, not read as more seconds). `pending` (RingCentral's value for a
 * call not yet ended) is refused: the length is what gets billed.
 */
export function secondsOf(value: unknown, field: string, what = 'duration'): number | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	if (typeof value === 'number') {
		if (!Number.isFinite(value) || value < 0) throw new FieldError(field, `${what} must be a number of seconds ≥ 0, got ${preview(value)}`);
		return value;
	}
	if (typeof value === 'string') {
		const t = value.slice(0, 40).trim();
		if (t === '') return undefined;
		if (/^pending$/i.test(t)) {
			throw new FieldError(
				field,
				`${what} is "pending": the call has not ended yet`,
				'Log the call once the phone system has the finished record (with its length in seconds).',
			);
		}
		if (value.length <= 40 && /^\d{1,9}(\.\d{1,6})?$/.test(t)) return Number(t);
		const clock = value.length <= 40 ? /^(?:(\d{1,5}):)?(\d{1,2}):(\d{2})$/.exec(t) : null;
		// A clock's seconds are 0–59, and so are its minutes after hours ("61:00" as mm:ss is a long call).
		if (clock && Number(clock[3]) < 60 && (clock[1] === undefined || Number(clock[2]) < 60)) {
			return Number(clock[1] ?? 0) * 3600 + Number(clock[2]) * 60 + Number(clock[3]);
		}
	}
	throw new FieldError(field, `${what} must be seconds (e.g. 361 or "00:06:01"), got ${preview(value)}`);
}

/** Whole seconds between two instants, never negative. */
export function secondsBetween(fromMs: number, toMs: number): number {
	return Math.max(0, Math.round((toMs - fromMs) / 1000));
}

export function directionFrom(value: unknown, field: string, what = 'direction'): 'in' | 'out' {
	const t = text(value)?.toLowerCase();
	if (t && ['in', 'inbound', 'incoming'].includes(t)) return 'in';
	if (t && ['out', 'outbound', 'outgoing'].includes(t)) return 'out';
	throw new FieldError(field, `${what} must be Inbound or Outbound (or in/out), got ${preview(value)}`);
}

/** The FieldError of a known system's event that lacks what a call needs. */
export function missing(what: string, source: string, hint: string): FieldError {
	return new FieldError('callData', `has no ${what}: the ${source} event cannot be logged without it`, hint);
}

/** One side of a call as a phone system's party object gives it. */
export interface CallParty {
	number?: string;
	extension?: string;
	name?: string;
}

/** The two sides as a CallEvent has them; a side with no number is known by its extension. */
export function callSides(other: CallParty, firm: CallParty): Pick<CallEvent, 'otherNumber' | 'otherName' | 'firmNumber' | 'firmName'> {
	return { otherNumber: other.number ?? other.extension, otherName: other.name, firmNumber: firm.number ?? firm.extension, firmName: firm.name };
}
