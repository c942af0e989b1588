import type { IDataObject } from 'n8n-workflow';

import { parseCallTime, shiftCallTime } from '../rules/callTime';
import { missing, pick, secondsOf, text } from './read';
import type { CallSourceModule, ReadContext, SourceReading } from './types';

/**
 * Twilio Programmable Voice: the status callbacks Twilio POSTs to a call's StatusCallback URL (an n8n
 * Webhook), form-encoded, so every value is a text. One callback per status; `Timestamp` is when this
 * status happened, so a finished call started `CallDuration` seconds before it.
 *
 * Legs. A `<Dial>` makes a child leg (`ParentCallSid`, Direction `outbound-dial`) beside the parent leg.
 * Both legs are one conversation, so both are keyed by the parent's sid: whichever finishes first is logged
 * and the other is recognised as the same call. A leg whose other side is the firm's own Twilio Client or
 * SIP softphone (`client:…`, `sip:…`) is not the call with the outside party and is skipped: the other leg
 * carries that party's number.
 */

const NOT_YET = new Set(['queued', 'initiated', 'ringing']);
/** Final statuses, in words the outcome table knows. */
const FINAL: Record<string, string> = {
	completed: 'Completed',
	busy: 'Busy',
	'no-answer': 'No answer',
	failed: 'Call failed',
	canceled: 'Cancelled',
};

function directionOf(value: unknown): 'in' | 'out' {
	const t = text(value)?.toLowerCase();
	if (t === 'inbound') return 'in';
	if (t === 'outbound-api' || t === 'outbound-dial' || t === 'outbound') return 'out';
	throw missing(
		`Direction Twilio uses (got "${String(t ?? '').slice(0, 40)}")`,
		'Twilio',
		'A status callback has Direction inbound, outbound-api or outbound-dial.',
	);
}

function isSoftphone(address: string | undefined): boolean {
	return address !== undefined && /^(client|sip):/i.test(address);
}

function readStatusCallback(r: IDataObject, context: ReadContext): SourceReading {
	const sid = text(pick(r, 'CallSid'));
	if (!sid) throw missing('CallSid', 'Twilio', 'Every status callback has CallSid.');
	const parent = text(pick(r, 'ParentCallSid'));
	const callId = parent ?? sid;
	const status = (text(pick(r, 'CallStatus')) ?? '').toLowerCase();
	const kind = `Twilio status callback (${status}${parent ? ', child leg' : ''})`;
	if (NOT_YET.has(status)) return { skip: `${status}: the call is not answered or over yet; it is logged when it is`, kind, callId };
	if (status !== 'in-progress' && FINAL[status] === undefined) {
		return { skip: `"${status}" is not a call status Log Call writes (in-progress and the final ones are)`, kind, callId };
	}
	const direction = directionOf(pick(r, 'Direction'));
	const from = text(pick(r, 'From', 'Caller'));
	const to = text(pick(r, 'To', 'Called'));
	const other = direction === 'in' ? from : to;
	const firm = direction === 'in' ? to : from;
	if (isSoftphone(other)) {
		return { skip: `the leg to the firm's own softphone (${other!.slice(0, 60)}): the call is logged from the leg with the outside party`, kind, callId };
	}
	const timestamp = pick(r, 'Timestamp');
	if (timestamp === undefined || timestamp === '') throw missing('Timestamp', 'Twilio', 'Every status callback has Timestamp, e.g. "Wed, 08 Oct 2025 13:54:12 +0000".');
	const at = parseCallTime(timestamp, context.timeZone);
	const base = {
		source: 'twilio',
		kind,
		callId,
		direction,
		otherNumber: other,
		otherName: direction === 'in' ? text(pick(r, 'CallerName')) : undefined,
		firmNumber: firm,
		recordingLink: text(pick(r, 'RecordingUrl')),
	};
	if (status === 'in-progress') return { call: { ...base, phase: 'inProgress', start: at, result: 'In progress' } };
	// `CallDuration` is the seconds of this call; `Duration` (billed minutes, rounded up) is never the length.
	const given = secondsOf(pick(r, 'CallDuration'), 'callData', 'CallDuration');
	if (given === undefined && status === 'completed') {
		throw missing('CallDuration', 'Twilio', 'A completed status callback has CallDuration, the call\'s seconds.');
	}
	const seconds = given ?? 0;
	return {
		call: {
			...base,
			phase: 'finished',
			start: shiftCallTime(at, -seconds, context.timeZone),
			end: at,
			durationSeconds: seconds,
			result: FINAL[status],
		},
	};
}

export const twilio: CallSourceModule = {
	id: 'twilio',
	name: 'Twilio',
	description:
		'Twilio status callbacks (CallSid, CallStatus, Direction, Timestamp, CallDuration): in-progress creates the record, completed, busy, no-answer, failed and canceled finish it',
	recognises: (obj) =>
		typeof obj.CallSid === 'string' && (typeof obj.CallStatus === 'string' || typeof obj.RecordingSid === 'string') && obj.AccountSid !== undefined,
	read(obj, context) {
		if (typeof obj.CallStatus !== 'string') {
			return {
				skip: 'Twilio recording status callback: it carries a recording, not how a call ended; the call is logged from its status callback',
				kind: 'Twilio recording status callback',
				callId: text(pick(obj, 'CallSid')),
			};
		}
		return readStatusCallback(obj, context);
	},
};
