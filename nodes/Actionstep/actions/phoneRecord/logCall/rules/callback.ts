import { localToEpoch, zoneOffsetMinutes } from '../../../../helpers/time';

/**
 * The call-back task of a call nobody talked through (pure): which outcomes ask for one, when it is due,
 * and what it is called.
 */

/** Outcomes (as Log Call writes them, see outcome.ts) after which somebody has to call back. */
export const CALLBACK_OUTCOMES = ['Missed', 'Left voicemail', 'No answer'] as const;

export function needsCallBack(outcome: unknown): boolean {
	const text = String(outcome ?? '').trim().toLowerCase();
	return CALLBACK_OUTCOMES.some((o) => o.toLowerCase() === text);
}

export type DelayUnit = 'minutes' | 'hours' | 'businessHours';
export const DELAY_UNITS: readonly DelayUnit[] = ['minutes', 'hours', 'businessHours'];

/** Business hours: Monday to Friday, 9:00 to 17:00 in the firm's time zone. */
const DAY_START_HOUR = 9;
const DAY_END_HOUR = 17;

function localOf(epochMs: number, timeZone: string) {
	const d = new Date(epochMs + zoneOffsetMinutes(timeZone, epochMs) * 60_000);
	return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(), weekday: d.getUTCDay(), minutes: d.getUTCHours() * 60 + d.getUTCMinutes() };
}

function atLocal(year: number, month: number, day: number, hour: number, timeZone: string): number {
	// Date.UTC rolls a day past the month's end over, so "day + 1" is always a real date.
	const d = new Date(Date.UTC(year, month - 1, day));
	return localToEpoch({ year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(), hour, minute: 0, second: 0 }, timeZone);
}

/** `amount` business hours after `fromMs`: time outside 9–17 on weekdays does not count. */
function afterBusinessHours(fromMs: number, amount: number, timeZone: string): number {
	let left = Math.round(amount * 60) * 60_000;
	let at = fromMs;
	// At most one turn per calendar day: the cap only guards against a bad time zone table.
	for (let turn = 0; turn < 3700; turn++) {
		const local = localOf(at, timeZone);
		const weekend = local.weekday === 0 || local.weekday === 6;
		if (weekend || local.minutes >= DAY_END_HOUR * 60) {
			at = atLocal(local.year, local.month, local.day + 1, DAY_START_HOUR, timeZone);
			continue;
		}
		if (local.minutes < DAY_START_HOUR * 60) at = atLocal(local.year, local.month, local.day, DAY_START_HOUR, timeZone);
		const dayEnd = atLocal(local.year, local.month, local.day, DAY_END_HOUR, timeZone);
		if (at + left <= dayEnd) return at + left;
		left -= dayEnd - at;
		at = dayEnd;
	}
	return at;
}

/** When the call-back is due: `amount` units after `fromMs` (the end of the call). */
export function callBackDue(fromMs: number, amount: number, unit: DelayUnit, timeZone: string): number {
	if (unit === 'businessHours') return afterBusinessHours(fromMs, amount, timeZone);
	return fromMs + Math.round(amount * (unit === 'hours' ? 60 : 1)) * 60_000;
}

export function describeDelay(amount: number, unit: DelayUnit): string {
	const words = unit === 'businessHours' ? 'business hour' : unit === 'hours' ? 'hour' : 'minute';
	return `${amount} ${words}${amount === 1 ? '' : 's'}`;
}

/** "Call back Sarah Thompson (+61 491 570 111)", one line, at most 255 characters. */
export function callBackName(who: string, number: string | undefined): string {
	const name = number && number !== who ? `Call back ${who} (${number})` : `Call back ${who}`;
	return name.replace(/\s+/g, ' ').trim().slice(0, 255);
}
