import type { IDataObject } from 'n8n-workflow';

import { parseCallTime } from '../rules/callTime';
import { directionFrom, isPlainObject, missing, pick, secondsBetween, text } from './read';
import type { CallSourceModule, ReadContext, SourceReading } from './types';

/**
 * Aircall: the webhooks Aircall POSTs (`{resource, event, timestamp, token, data}`, `data` the Call object),
 * and a Call object on its own (read with an HTTP Request node from `/v1/calls/:id`). `call.ended` is the
 * call's final record; `call.answered` logs it while it goes; every other event writes nothing.
 *
 * Times are unix seconds. `duration` counts from `started_at`, ringing included, so the talk time is
 * `ended_at − answered_at`; an unanswered call talked 0 s. Aircall says `status: "done"` for missed calls
 * too: `missed_call_reason` tells them apart. `recording` and `voicemail` are pre-signed links that expire
 * within minutes (`X-Amz-Expires`), so they are never kept; `asset`, Aircall's own lasting link to them
 * (opened with an Aircall login), is.
 */

/** Call events that are the call's life before it is answered or after it is logged. */
const NOT_LOGGED: Record<string, string> = {
	'call.created': 'the call has just started',
	'call.ringing_on_agent': 'the call is ringing',
	'call.agent_declined': 'an agent declined the call while it rang',
	'call.transferred': 'the call was transferred; it is logged when it ends',
	'call.unsuccessful_transfer': 'a transfer failed; the call is logged when it ends',
	'call.hungup': 'the call was hung up; its final record comes with call.ended',
	'call.voicemail_left': 'a voicemail was left; the call is logged from call.ended',
};

/** A link that works for a few minutes only (an S3 or CloudFront pre-signed URL). */
export function isExpiringLink(link: string): boolean {
	return /[?&](X-Amz-Expires|X-Amz-Signature|Expires|Signature)=/i.test(link.slice(0, 4000));
}

function lastingLink(value: unknown): string | undefined {
	const link = text(value);
	return link && !isExpiringLink(link) ? link : undefined;
}

function unixTime(value: unknown, context: ReadContext) {
	return value === undefined || value === null || value === '' ? undefined : parseCallTime(value, context.timeZone, 'callData');
}

function contactName(contact: unknown): string | undefined {
	if (!isPlainObject(contact)) return undefined;
	const person = [text(pick(contact, 'first_name')), text(pick(contact, 'last_name'))].filter(Boolean).join(' ');
	return person || text(pick(contact, 'company_name'));
}

function readCall(call: IDataObject, event: string, context: ReadContext): SourceReading {
	const id = text(pick(call, 'id'));
	if (!id) throw missing('call id (data.id)', 'Aircall', 'An Aircall call has a numeric id.');
	const kind = `Aircall ${event}`;
	if (NOT_LOGGED[event]) return { skip: `${NOT_LOGGED[event]}: only answered and ended calls are logged`, kind, callId: id };
	const rawDirection = pick(call, 'direction');
	if (rawDirection === undefined) throw missing('direction', 'Aircall', 'An Aircall call has direction "inbound" or "outbound".');
	const direction = directionFrom(rawDirection, 'callData');
	const started = unixTime(pick(call, 'started_at'), context);
	const answered = unixTime(pick(call, 'answered_at'), context);
	const ended = unixTime(pick(call, 'ended_at'), context);
	const line = pick(call, 'number');
	const user = pick(call, 'user');
	const agent = isPlainObject(user) ? text(pick(user, 'name')) : undefined;
	const base = {
		source: 'aircall',
		callId: id,
		direction,
		otherNumber: text(pick(call, 'raw_digits')),
		otherName: contactName(pick(call, 'contact')),
		firmNumber: isPlainObject(line) ? text(pick(line, 'digits')) : undefined,
		firmName: agent ?? (isPlainObject(line) ? text(pick(line, 'name')) : undefined),
		recordingLink: text(pick(call, 'asset')) ?? lastingLink(pick(call, 'recording')) ?? lastingLink(pick(call, 'voicemail')),
	};
	if (event === 'call.answered' || (event === 'call' && !ended && answered)) {
		if (!answered && !started) throw missing('answered_at', 'Aircall', 'An answered Aircall call has answered_at (unix seconds).');
		return { call: { ...base, kind, phase: 'inProgress', start: answered ?? started, result: 'In progress', answeredBy: agent } };
	}
	if (event !== 'call.ended' && event !== 'call') {
		return { skip: `${event} is not the end of a call: the call is logged from call.ended`, kind, callId: id };
	}
	if (!started) throw missing('started_at', 'Aircall', 'An ended Aircall call has started_at (unix seconds).');
	if (!ended) return { skip: 'the call has not ended yet (no ended_at): it is logged from call.ended', kind, callId: id };
	const missedReason = text(pick(call, 'missed_call_reason'));
	const voicemail = text(pick(call, 'voicemail')) !== undefined;
	const result = missedReason ? (voicemail ? 'Voicemail' : 'Missed') : answered ? 'Completed' : direction === 'out' ? 'No answer' : 'Missed';
	return {
		call: {
			...base,
			kind: missedReason ? `${kind} (missed: ${missedReason})` : kind,
			phase: 'finished',
			start: started,
			end: ended,
			durationSeconds: answered ? secondsBetween(answered.epochMs, ended.epochMs) : 0,
			result,
			answeredBy: answered ? agent : undefined,
		},
	};
}

function isWebhook(obj: IDataObject): boolean {
	return (
		typeof obj.resource === 'string' &&
		typeof obj.event === 'string' &&
		obj.event.startsWith(`${obj.resource}.`) &&
		typeof obj.token === 'string' &&
		isPlainObject(obj.data)
	);
}

/** A Call object as the Aircall API returns it: its `direct_link` is its own address. */
function isCallObject(obj: IDataObject): boolean {
	return typeof obj.direct_link === 'string' && obj.direct_link.startsWith('https://api.aircall.io/v1/calls/') && obj.started_at !== undefined;
}

export const aircall: CallSourceModule = {
	id: 'aircall',
	name: 'Aircall',
	description:
		'Aircall webhooks (call.ended logs the call with its talk time, missed and voicemail calls included; call.answered logs it while it goes) and Call objects from the Aircall API',
	recognises: (obj) => isWebhook(obj) || isCallObject(obj),
	read(obj, context) {
		if (!isWebhook(obj)) return readCall(obj, 'call', context);
		const event = String(obj.event);
		if (obj.resource !== 'call') {
			return { skip: `${event} is not a call event (only call.* events are logged)`, kind: `Aircall ${event}` };
		}
		return readCall(obj.data as IDataObject, event, context);
	},
};
