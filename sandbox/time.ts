/**
 * Timestamp parsing and formatting. Actionstep timestamps are ISO 8601 with an offset
 * (`2020-04-30T11:27:31+12:00`), clients also send `2024-07-01 00:00:00+13` (notes §6, ROGAN), and filter
 * values come without an offset and are read as UTC (notes §4, SETH). One parser serves writes and filters.
 */

export interface ParsedInstant {
	/** Epoch milliseconds. */
	ms: number;
	/** Offset in minutes as written, null when the text had none (read as UTC). */
	offsetMinutes: number | null;
	dateOnly: boolean;
}

const PATTERN =
	/^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,6}))?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?)?$/i;

export function parseInstant(text: string): ParsedInstant | null {
	const m = PATTERN.exec(text.trim());
	if (!m) return null;
	const [, y, mo, d, h, mi, s, frac, off] = m;
	const year = Number(y);
	const month = Number(mo);
	const day = Number(d);
	const hour = h === undefined ? 0 : Number(h);
	const minute = mi === undefined ? 0 : Number(mi);
	const second = s === undefined ? 0 : Number(s);
	if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 59) return null;
	const millis = frac ? Math.round(Number(`0.${frac}`) * 1000) : 0;
	const utc = Date.UTC(year, month - 1, day, hour, minute, second, millis);
	// Reject dates such as 2024-02-31 that Date.UTC silently rolls over.
	if (new Date(Date.UTC(year, month - 1, day)).getUTCDate() !== day) return null;
	let offsetMinutes: number | null = null;
	if (off) {
		if (off.toUpperCase() === 'Z') offsetMinutes = 0;
		else {
			const sign = off[0] === '-' ? -1 : 1;
			const digits = off.slice(1).replace(':', '');
			const oh = Number(digits.slice(0, 2));
			const om = digits.length > 2 ? Number(digits.slice(2, 4)) : 0;
			if (oh > 14 || om > 59) return null;
			offsetMinutes = sign * (oh * 60 + om);
		}
	}
	return { ms: utc - (offsetMinutes ?? 0) * 60_000, offsetMinutes, dateOnly: h === undefined };
}

const pad = (n: number, w = 2) => String(Math.abs(n)).padStart(w, '0');

/** `YYYY-MM-DDTHH:mm:ss±HH:MM` at the given offset (minutes). */
export function formatInstant(ms: number, offsetMinutes: number): string {
	const local = new Date(ms + offsetMinutes * 60_000);
	const sign = offsetMinutes < 0 ? '-' : '+';
	const oh = Math.floor(Math.abs(offsetMinutes) / 60);
	const om = Math.abs(offsetMinutes) % 60;
	return (
		`${local.getUTCFullYear()}-${pad(local.getUTCMonth() + 1)}-${pad(local.getUTCDate())}` +
		`T${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}:${pad(local.getUTCSeconds())}` +
		`${sign}${pad(oh)}:${pad(om)}`
	);
}

/** Canonical stored form of a written timestamp: the sender's offset kept, no offset read as UTC. */
export function normaliseTimestamp(text: string): string | null {
	const p = parseInstant(text);
	if (!p) return null;
	return formatInstant(p.ms, p.offsetMinutes ?? 0);
}

/**
 * The firm is in Sydney; seeded and server-set timestamps use its offset. DST is approximated by month
 * (AEDT Oct–Mar, AEST Apr–Sep), good enough for sample data.
 */
export function sydneyOffsetMinutes(ms: number): number {
	const month = new Date(ms).getUTCMonth() + 1;
	return month >= 10 || month <= 3 ? 660 : 600;
}

export function sydneyTimestamp(ms: number): string {
	return formatInstant(ms, sydneyOffsetMinutes(ms));
}

/** The offset (minutes) of an IANA zone at an instant, from Intl: exact across DST, unlike the Sydney approximation. */
export function zoneOffsetMinutes(ms: number, timeZone: string): number {
	const parts = new Intl.DateTimeFormat('en-US', {
		timeZone,
		hourCycle: 'h23',
		year: 'numeric',
		month: 'numeric',
		day: 'numeric',
		hour: 'numeric',
		minute: 'numeric',
		second: 'numeric',
	}).formatToParts(new Date(ms));
	const part = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value);
	const wallClock = Date.UTC(part('year'), part('month') - 1, part('day'), part('hour'), part('minute'), part('second'));
	return Math.round((wallClock - Math.floor(ms / 1000) * 1000) / 60_000);
}

/** The instant of a wall-clock time in `timeZone`, given as that wall clock read as if it were UTC. */
export function wallClockInstant(wallClockMs: number, timeZone: string): number {
	const guess = wallClockMs - zoneOffsetMinutes(wallClockMs, timeZone) * 60_000;
	return wallClockMs - zoneOffsetMinutes(guess, timeZone) * 60_000;
}
