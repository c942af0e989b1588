/** How a call ended in the source's words → the outcome on the phone record (pure). */

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
