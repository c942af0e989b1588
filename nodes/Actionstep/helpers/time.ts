import { FieldError } from './interfaces';

/**
 * Timestamps. Actionstep stores call times with their UTC offset, so a time the user gives without a zone
 * is read in the workflow's time zone and sent with that zone's offset at that moment (DST included).
 * Filters are the opposite: Actionstep reads a filter value without an offset as UTC.
 */

const ISO_WITH_ZONE =
	/^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)$/i;
const ISO_LOCAL = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?$/;

export interface LocalParts {
	year: number;
	month: number;
	day: number;
	hour: number;
	minute: number;
	second: number;
}

/** Reads a Date, a luxon DateTime (from n8n expressions such as `$now`) or a string; undefined when none. */
function toText(value: unknown): string | undefined {
	if (value === undefined || value === null) return undefined;
	if (value instanceof Date) return Number.isNaN(value.getTime()) ? '' : value.toISOString();
	if (typeof value === 'object' && typeof (value as { toISO?: unknown }).toISO === 'function') {
		const iso = (value as { toISO: () => string | null }).toISO();
		return iso ?? '';
	}
	if (typeof value === 'string') return value.trim();
	return undefined;
}

export function isValidTimeZone(timeZone: string): boolean {
	try {
		new Intl.DateTimeFormat('en-US', { timeZone });
		return true;
	} catch {
		return false;
	}
}

/** Offset of `timeZone` from UTC at the instant `epochMs`, in minutes (e.g. +600 for Sydney in winter). */
export function zoneOffsetMinutes(timeZone: string, epochMs: number): number {
	const parts = new Intl.DateTimeFormat('en-US', {
		timeZone,
		hourCycle: 'h23',
		year: 'numeric',
		month: '2-digit',
		day: '2-digit',
		hour: '2-digit',
		minute: '2-digit',
		second: '2-digit',
	}).formatToParts(new Date(epochMs));
	const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
	const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
	return Math.round((asUtc - Math.floor(epochMs / 1000) * 1000) / 60000);
}

function pad(n: number, width = 2): string {
	return String(Math.abs(n)).padStart(width, '0');
}

export function formatOffset(minutes: number): string {
	const sign = minutes < 0 ? '-' : '+';
	return `${sign}${pad(Math.floor(Math.abs(minutes) / 60))}:${pad(Math.abs(minutes) % 60)}`;
}

/** `YYYY-MM-DDTHH:mm:ss`, no offset. */
export function formatLocal(p: LocalParts): string {
	return `${pad(p.year, 4)}-${pad(p.month)}-${pad(p.day)}T${pad(p.hour)}:${pad(p.minute)}:${pad(p.second)}`;
}

function utcParts(d: Date): LocalParts {
	return {
		year: d.getUTCFullYear(),
		month: d.getUTCMonth() + 1,
		day: d.getUTCDate(),
		hour: d.getUTCHours(),
		minute: d.getUTCMinutes(),
		second: d.getUTCSeconds(),
	};
}

/** The instant `epochMs` as the wall-clock time `offsetMinutes` from UTC, with that offset. */
function formatAtOffset(epochMs: number, offsetMinutes: number): string {
	return formatLocal(utcParts(new Date(epochMs + offsetMinutes * 60000))) + formatOffset(offsetMinutes);
}

/** An instant (whole seconds) written in a zone's wall-clock time with that zone's offset at that instant. */
export function instantInZone(epochMs: number, timeZone: string): string {
	const seconds = Math.floor(epochMs / 1000) * 1000;
	return formatAtOffset(seconds, zoneOffsetMinutes(timeZone, seconds));
}

function partsAreReal(p: LocalParts): boolean {
	const d = new Date(Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second));
	return (
		d.getUTCFullYear() === p.year &&
		d.getUTCMonth() === p.month - 1 &&
		d.getUTCDate() === p.day &&
		d.getUTCHours() === p.hour &&
		d.getUTCMinutes() === p.minute &&
		p.year >= 1900 &&
		p.year <= 2999
	);
}

/** The UTC instant of a wall-clock time in `timeZone` (a skipped DST hour moves forward, like most calendars). */
export function localToEpoch(p: LocalParts, timeZone: string): number {
	const wallAsUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
	let guess = wallAsUtc - zoneOffsetMinutes(timeZone, wallAsUtc) * 60000;
	// A second pass settles times next to a DST change, where the first guess used the other offset.
	guess = wallAsUtc - zoneOffsetMinutes(timeZone, guess) * 60000;
	return guess;
}

export type ParsedTimestamp =
	| { ok: true; epochMs: number; offsetMinutes: number; text: string }
	| { ok: false; reason: string };

function offsetFromText(zone: string): number {
	if (zone.toUpperCase() === 'Z') return 0;
	const m = /^([+-])(\d{2}):?(\d{2})?$/.exec(zone);
	if (!m) return NaN;
	const minutes = Number(m[2]) * 60 + Number(m[3] ?? 0);
	return m[1] === '-' ? -minutes : minutes;
}

/**
 * Parses a call time. A time with a zone keeps its own offset; a bare local time or date is read in
 * `timeZone`. Returns Actionstep's format `YYYY-MM-DDTHH:mm:ss+HH:MM`.
 */
export function parseTimestamp(value: unknown, timeZone: string): ParsedTimestamp {
	const text = toText(value);
	if (text === undefined) return { ok: false, reason: 'must be a date and time text, not ' + typeof value };
	if (text === '') return { ok: false, reason: 'is empty' };
	if (text.length > 64) return { ok: false, reason: 'is not a date and time' };

	const zoned = ISO_WITH_ZONE.exec(text);
	if (zoned) {
		const p: LocalParts = {
			year: Number(zoned[1]),
			month: Number(zoned[2]),
			day: Number(zoned[3]),
			hour: Number(zoned[4]),
			minute: Number(zoned[5]),
			second: Number(zoned[6] ?? 0),
		};
		const offsetMinutes = offsetFromText(zoned[8]);
		if (!partsAreReal(p) || Number.isNaN(offsetMinutes) || Math.abs(offsetMinutes) > 14 * 60) {
			return { ok: false, reason: `"${text}" is not a real date and time` };
		}
		const epochMs = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) - offsetMinutes * 60000;
		return { ok: true, epochMs, offsetMinutes, text: formatLocal(p) + formatOffset(offsetMinutes) };
	}

	const local = ISO_LOCAL.exec(text);
	if (local) {
		if (!isValidTimeZone(timeZone)) return { ok: false, reason: `time zone "${timeZone}" is unknown` };
		const p: LocalParts = {
			year: Number(local[1]),
			month: Number(local[2]),
			day: Number(local[3]),
			hour: Number(local[4] ?? 0),
			minute: Number(local[5] ?? 0),
			second: Number(local[6] ?? 0),
		};
		if (!partsAreReal(p)) return { ok: false, reason: `"${text}" is not a real date and time` };
		const epochMs = localToEpoch(p, timeZone);
		const offsetMinutes = zoneOffsetMinutes(timeZone, epochMs);
		return { ok: true, epochMs, offsetMinutes, text: formatAtOffset(epochMs, offsetMinutes) };
	}
	return {
		ok: false,
		reason: `"${text}" is not an ISO 8601 date and time (e.g. 2026-03-01T09:30:00+11:00 or 2026-03-01 09:30)`,
	};
}

/** Actionstep's filter format: `YYYY-MM-DDTHH:mm:ss` in UTC, no offset. */
export function toUtcFilterValue(epochMs: number): string {
	return formatLocal(utcParts(new Date(epochMs)));
}

/** A user's from/to time for a filter, in Actionstep's filter format; undefined when not given. */
export function optionalUtcFilter(value: unknown, field: string, timeZone: string): string | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	const parsed = parseTimestamp(value, timeZone);
	if (!parsed.ok) throw new FieldError(field, parsed.reason);
	return toUtcFilterValue(parsed.epochMs);
}

/** Equality on an instant as an Actionstep filter (`field_gteq` = `field_lteq`, UTC seconds); undefined when unreadable. */
export function atInstantFilter(field: string, value: unknown): Record<string, string> | undefined {
	const parsed = parseTimestamp(value, 'UTC');
	if (!parsed.ok) return undefined;
	const at = toUtcFilterValue(parsed.epochMs);
	return { [`${field}_gteq`]: at, [`${field}_lteq`]: at };
}

/**
 * Midnight starting the day of a time written in `timeZone`, with the offset the zone had at that
 * midnight: on a daylight-saving change the time's own offset is not the day's (00:00+11:00 on the day DST
 * starts in Sydney is 23:00 the evening before). Undefined for a time written in another offset.
 */
export function dayStartInZone(timestamp: unknown, timeZone: string): string | undefined {
	const m = typeof timestamp === 'string' ? /^(\d{4})-(\d{2})-(\d{2})T/.exec(timestamp) : null;
	const parsed = m && isValidTimeZone(timeZone) ? parseTimestamp(timestamp, timeZone) : undefined;
	if (!m || !parsed?.ok || parsed.offsetMinutes !== zoneOffsetMinutes(timeZone, parsed.epochMs)) return undefined;
	return instantInZone(localToEpoch({ year: Number(m[1]), month: Number(m[2]), day: Number(m[3]), hour: 0, minute: 0, second: 0 }, timeZone), timeZone);
}
