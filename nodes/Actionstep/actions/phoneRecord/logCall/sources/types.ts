import type { IDataObject } from 'n8n-workflow';

import type { CallTime } from '../rules/callTime';

/**
 * What every phone system's event becomes: one CallEvent in the shape Log Call works with, or a reason
 * to skip it. A source module (one file per phone system, listed in ./index.ts) recognises its events and
 * reads them; everything after that — identity, outcome, notes, matching, billing — is the same for all.
 */

/** Where a call is in its life, as far as this one event tells. */
export type CallPhase =
	/** Over, and this is its final record: start, duration and result are known. */
	| 'finished'
	/** Answered and still going: logged now, completed by a later event of the same call. */
	| 'inProgress'
	/** Over, but the event tells only when it ended (RingCentral's Disconnected): the start is on the record. */
	| 'ended';

export interface CallEvent {
	/** The source module's id, e.g. `ringcentral`. */
	source: string;
	/** What the event is in its system's words, for the output, e.g. "RingCentral telephony session (Answered)". */
	kind: string;
	/** The source's own id of the call, the same on every event of one call. */
	callId?: string;
	direction: 'in' | 'out';
	/** The event did not say (a partial Disconnected): the direction of a record logged before is kept. */
	directionUnknown?: boolean;
	/** Why this event is not logged on its own: it only completes a record of the call logged before (else skipped with this reason). */
	completesOnly?: string;
	phase: CallPhase;
	/** When the call started (answered, for a call logged live), parsed once. */
	start?: CallTime;
	/** When it ended, where the event tells. */
	end?: CallTime;
	/** Seconds that count as the call's length (talk time where the source tells it apart). */
	durationSeconds?: number;
	/** The other party: the caller of an inbound call, the callee of an outbound one. */
	otherNumber?: string;
	otherName?: string;
	/** The firm's side as the source names it (for information; the firm's participant is chosen apart). */
	firmNumber?: string;
	firmName?: string;
	/** The source's result in words the outcome table knows where the source has them, e.g. "Missed". */
	result?: string;
	agentNote?: string;
	aiNote?: string;
	recordingLink?: string;
	answeredBy?: string;
}

/** One event read: a call to log, or why nothing is to be written for it. */
export type SourceReading =
	| { call: CallEvent }
	| {
			/** Why this event writes nothing, e.g. "ringing: only answered or finished calls are logged". */
			skip: string;
			kind: string;
			callId?: string;
	  };

/** What a source may need besides the event: the time zone of bare times, and its own options. */
export interface ReadContext {
	timeZone: string;
	/** HostedSuite: talk time or the whole call. */
	durationBasis: 'talk' | 'total';
	/** Log extension-to-extension calls too (skipped by default). */
	includeInternal: boolean;
	/** Generic: values the user mapped with expressions, by parameter name. */
	mapping: Record<string, unknown>;
}

export interface CallSourceModule {
	/** The Source option's value; saved in workflows, never renamed. */
	id: string;
	name: string;
	/** The Source option's description: which events of the system are read. */
	description: string;
	/** Whether an (unwrapped) object is one of this system's events; used by Detect Automatically. */
	recognises: (event: IDataObject) => boolean;
	/** The event as a call, or the reason to skip it; a malformed event of this system throws FieldError. */
	read: (event: IDataObject, context: ReadContext) => SourceReading;
}
