import { FieldError } from '../../../../helpers/interfaces';
import { formatLocal, instantInZone, isValidTimeZone, parseTimestamp } from '../../../../helpers/time';

/**
 * A call's time as phone systems write it → the one value Log Call carries (pure): the instant, and the
 * text Actionstep keeps (`YYYY-MM-DDTHH:mm:ss+HH:MM`). Read once, where the source reads its event.
 */

export interface CallTime {
	/** Actionstep's format `YYYY-MM-DDTHH:mm:ss+HH:MM`. */
	text: string;
	epochMs: number;
	/** How the offset was decided, for the output's `decisions`. */
	how: string;
}

/** Longer than any real time: nothing longer reaches a pattern. */
const MAX_TIME_TEXT = 64;

/** `/Date(1709504100000)/` or `/Date(1709504100000+1100)/` (the JSON date of .NET services such as HostedSuite). */
const DOTNET_DATE = /^\/Date\((-?\d{1,15})([+-]\d{4})?\)\/$/;
/** `3/4/2026 9:15:00 AM`: HostedSuite is a US service, so month first. */
const US_DATE = /^(\d{1,2})\/(\d{1,2})\/(\d{4}) +(\d{1,2}):(\d{2})(?::(\d{2}))? *([AP]M)?$/i;
/** RFC 2822, as Twilio's `Timestamp`: `Wed, 27 Sep 2023 11:41:24 +0000` (weekday optional). */
const RFC_2822 = /^(?:[A-Za-z]{3}, *)?(\d{1,2}) ([A-Za-z]{3}) (\d{4}) (\d{2}):(\d{2})(?::(\d{2}))? *(GMT|UT|UTC|Z|[+-]\d{4})$/;
const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
/** A zone at the end of an ISO time: `Z`, `+10:00`, `+1000`, `+10`. */
const ISO_ZONE = /(?:\d|\.\d+)(Z|[+-]\d{2}(?::?\d{2})?)$/i;
/** Epoch seconds are at most eleven digits until the year 5138; milliseconds have more. */
const EPOCH_SECONDS_BELOW = 1e11;

function fromEpoch(epochMs: number, timeZone: string, what: string): CallTime {
	return { text: instantInZone(epochMs, timeZone), epochMs, how: `${what} written in ${timeZone}` };
}

function epochNumber(value: number, field: string): CallTime['epochMs'] {
	if (!Number.isFinite(value) || value <= 0) throw new FieldError(field, `start time ${value} is not a date and time`);
	return value < EPOCH_SECONDS_BELOW ? Math.round(value * 1000) : Math.round(value);
}

/**
 * The call's time for Actionstep. A UTC time (`Z`, `+0000`, epoch seconds or milliseconds, a .NET date, RFC
 * 2822 in GMT) is the same instant written in `timeZone`, so the record and its time entry fall on the firm's
 * calendar day; a time with another offset keeps it; a time without a zone is read in `timeZone`.
 */
export function parseCallTime(value: unknown, timeZone: string, field = 'callData'): CallTime {
	if (!isValidTimeZone(timeZone)) {
		throw new FieldError('timeZone', `"${timeZone}" is not a known time zone`, "Use an IANA name such as Australia/Sydney, or leave it empty for the workflow's.");
	}
	if (typeof value === 'number') return fromEpoch(epochNumber(value, field), timeZone, 'epoch time');
	if (value instanceof Date) return fromEpoch(epochNumber(value.getTime(), field), timeZone, 'UTC time');
	if (typeof value === 'object' && value !== null && typeof (value as { toISO?: unknown }).toISO === 'function') {
		return parseCallTime(String((value as { toISO: () => string | null }).toISO() ?? ''), timeZone, field);
	}
	if (typeof value !== 'string') throw new FieldError(field, 'start time is missing or not a date and time');
	const t = value.trim();
	if (t.length > MAX_TIME_TEXT) throw new FieldError(field, `start time is ${t.length} characters long, not a date and time`);
	if (/^\d{9,16}(\.\d+)?$/.test(t)) return fromEpoch(epochNumber(Number(t), field), timeZone, 'epoch time');

	const dotnet = DOTNET_DATE.exec(t);
	if (dotnet) return fromEpoch(Number(dotnet[1]), timeZone, 'UTC time');

	const rfc = RFC_2822.exec(t);
	if (rfc) {
		const month = MONTHS.indexOf(rfc[2].toLowerCase());
		if (month < 0) throw new FieldError(field, `start time "${t}" has an unknown month`);
		const zone = /^[+-]\d{4}$/.test(rfc[7]) ? rfc[7] : 'Z';
		const iso = `${rfc[3]}-${String(month + 1).padStart(2, '0')}-${rfc[1].padStart(2, '0')}T${rfc[4]}:${rfc[5]}:${rfc[6] ?? '00'}${zone}`;
		return parseCallTime(iso, timeZone, field);
	}

	const us = US_DATE.exec(t);
	if (us) {
		let hour = Number(us[4]);
		const meridiem = us[7]?.toUpperCase();
		if (meridiem === 'PM' && hour < 12) hour += 12;
		if (meridiem === 'AM' && hour === 12) hour = 0;
		const iso = formatLocal({ year: Number(us[3]), month: Number(us[1]), day: Number(us[2]), hour, minute: Number(us[5]), second: Number(us[6] ?? 0) });
		return parseCallTime(iso, timeZone, field);
	}

	const parsed = parseTimestamp(t, timeZone);
	if (!parsed.ok) throw new FieldError(field, `start time ${parsed.reason}`);
	const zone = ISO_ZONE.exec(t)?.[1];
	if (zone && (zone.toUpperCase() === 'Z' || parsed.offsetMinutes === 0)) return fromEpoch(parsed.epochMs, timeZone, 'UTC time');
	if (zone) return { text: parsed.text, epochMs: parsed.epochMs, how: 'offset kept from the source' };
	return { text: parsed.text, epochMs: parsed.epochMs, how: `no zone in the source: read in ${timeZone}` };
}

/** The time `seconds` after (or before, when negative) a call time, in the same zone as it was written. */
export function shiftCallTime(time: CallTime, seconds: number, timeZone: string): CallTime {
	const epochMs = time.epochMs + Math.round(seconds * 1000);
	return { text: instantInZone(epochMs, timeZone), epochMs, how: time.how };
}

