import { FieldError } from './interfaces';
import { formatLocal, instantInZone, isValidTimeZone, parseTimestamp } from './time';

/** When a call started, from what the phone system wrote, as Actionstep keeps it (pure). */

export interface CallTime {
	/** Actionstep's format `YYYY-MM-DDTHH:mm:ss+HH:MM`. */
	text: string;
	epochMs: number;
	/** How the offset was decided, for the output's `decisions`. */
	how: string;
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
		const iso = formatLocal({
			year: Number(us[3]),
			month: Number(us[1]),
			day: Number(us[2]),
			hour,
			minute: Number(us[5]),
			second: Number(us[6] ?? 0),
		});
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
