/** Hours as Actionstep keeps them (two decimals), and the legal profession's six-minute billing unit. */

export function roundHours(hours: number): number {
	return Math.round(hours * 100) / 100;
}

/** A call's length in hours to 0.01; any call that lasted at all shows at least 0.01. */
export function hoursFromSeconds(seconds: number): number {
	if (seconds <= 0) return 0;
	return Math.max(0.01, roundHours(seconds / 3600));
}

/** Up to the next tenth of an hour: a 7-minute call bills 0.2 hours. */
export function roundUpToSixMinutes(hours: number): number {
	if (hours <= 0) return 0;
	return Math.ceil(hours * 10 - 1e-9) / 10;
}

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
