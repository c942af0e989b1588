/**
 * A call event from a phone system, in the one shape the Log Call operation works with (types only).
 *
 * Sources: a RingCentral call-log record (also inside a webhook body or App Connect's `{callLog, note,
 * aiNote}`), a HostedSuite CallRecordInfo, or fields the user maps ("generic"). `callData.ts` unwraps what
 * arrives, `callSources.ts` maps each source to a CallEvent, and `callTime.ts`, `callOutcome.ts`,
 * `callNotes.ts` and `billing.ts` turn a CallEvent into what Actionstep keeps.
 */

export type CallSource = 'generic' | 'hostedsuite' | 'ringcentral';
export const CALL_SOURCES: CallSource[] = ['generic', 'hostedsuite', 'ringcentral'];

export interface CallEvent {
	source: CallSource;
	/** The source's own id of the call (RingCentral sessionId, HostedSuite Id, the mapped call id). */
	callId?: string;
	direction: 'in' | 'out';
	/** The call's start as the source gave it (ISO text, epoch milliseconds, HostedSuite's formats). */
	start: string | number;
	/** Seconds that count as the call's length (talk time where the source tells it apart). */
	durationSeconds?: number;
	/** The other party: the caller of an inbound call, the callee of an outbound one. */
	otherNumber?: string;
	otherName?: string;
	/** The firm's side as the source names it (for information; the firm's participant is chosen apart). */
	firmNumber?: string;
	firmName?: string;
	/** The source's result text, e.g. "Accepted", "Missed", "Voicemail". */
	result?: string;
	agentNote?: string;
	aiNote?: string;
	recordingLink?: string;
	answeredBy?: string;
}
