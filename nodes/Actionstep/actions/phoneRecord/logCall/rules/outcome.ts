/** How a call ended in the source's words → the outcome on the phone record (pure). */

export interface OutcomeDecision {
	outcome: string;
	how: string;
}

/**
 * Source results → Actionstep outcomes (keys lower-case, dashes and underscores as spaces). RingCentral spells
 * most of these; Twilio's `busy`, `no-answer`, `failed`, `canceled`; Aircall's missed-call reasons; Zoom's
 * call-history and call-log results; 3CX's `Notanswered`.
 */
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
	failed: 'Call failed',
	cancelled: 'Cancelled',
	canceled: 'Cancelled',
	'missed call': 'Missed',
	'no user available': 'Missed',
	'out of opening hours': 'Missed',
	'short abandoned': 'Missed',
	'agents did not answer': 'Missed',
	'abandoned in ivr': 'Missed',
	'abandoned in classic': 'Missed',
	'no available agent': 'Missed',
	'picked up': 'Call completed',
	succeeded: 'Call completed',
	'ring timeout': 'No answer',
	unconnected: 'Call failed',
	'service unavailable': 'Call failed',
	'system blocked': 'Blocked',
	'call cancel': 'Cancelled',
	'answered by another member': 'Answered elsewhere',
	notanswered: 'No answer',
};

/** Result words as the table keys them: lower case, `no-answer` and `no_answer` read as `no answer`. */
function tableKey(result: string): string {
	return result.slice(0, 100).trim().toLowerCase().replace(/[-_]+/g, ' ').replace(/\s+/g, ' ');
}

/**
 * The outcome: the user's fixed outcome, else their mapping of this result, else the table, else the
 * words that can only mean a call not talked through, else the result as the source gave it (never guessed
 * to be a completed call), else from
 * whether the call had talk time.
 */
export function decideOutcome(
	result: string | undefined,
	seconds: number | undefined,
	userMap: Array<{ result?: unknown; outcome?: unknown }> = [],
	fixed?: string,
): OutcomeDecision {
	if (fixed && fixed.trim()) return { outcome: fixed.trim(), how: 'fixed by the Outcome option' };
	if (result && result.trim()) {
		const key = tableKey(result);
		const mine = userMap.find((m) => typeof m.result === 'string' && tableKey(m.result) === key);
		if (mine && typeof mine.outcome === 'string' && mine.outcome.trim()) {
			return { outcome: mine.outcome.trim(), how: `your mapping of result "${result}"` };
		}
		if (OUTCOME_TABLE[key]) return { outcome: OUTCOME_TABLE[key], how: `result "${result}"` };
		// Words that can only mean a call not talked through; nothing is ever guessed to be a completed call.
		const guess = /voice ?mail|message/.test(key)
			? 'Left voicemail'
			: /missed|abandon/.test(key)
				? 'Missed'
				: /busy/.test(key)
					? 'Busy'
					: /no answer|not answered|unanswered/.test(key)
						? 'No answer'
						: undefined;
		if (guess) return { outcome: guess, how: `words in result "${result}"` };
		return { outcome: result.trim().slice(0, 255), how: `result "${result}" kept as it is (not in the table)` };
	}
	if (seconds !== undefined && seconds > 0) return { outcome: 'Call completed', how: 'no result given; the call had talk time' };
	if (seconds === 0) return { outcome: 'No answer', how: 'no result given; the call had no talk time' };
	return { outcome: 'Call completed', how: 'no result or duration given' };
}
