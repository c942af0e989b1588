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
