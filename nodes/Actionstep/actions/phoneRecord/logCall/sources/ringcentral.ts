import type { IDataObject } from 'n8n-workflow';

import { parseCallTime } from '../rules/callTime';
import type { CallParty } from './read';
import { callSides, directionFrom, isPlainObject, missing, noteText, pick, secondsOf, text } from './read';
import type { CallSourceModule, ReadContext, SourceReading } from './types';

/**
 * RingCentral. What reaches n8n from RingCentral: call-log records (Call Log API, call-log sync, active
 * calls; views Simple and Detailed; App Connect's `{callLog, note, aiNote}`), and webhook deliveries —
 * telephony-session events (`/telephony/sessions`, extension or account level, also inside `pn_apns`),
 * presence, voicemail messages, and the validation request when a subscription is made.
 *
 * A telephony session is logged as it happens: Answered creates the record, Disconnected completes it
 * (its length is the time between the two events); Setup, Proceeding and Ringing write nothing. The call id is
 * the `telephonySessionId`, which the finished call-log record carries too, so a live webhook and a call-log
 * sync of the same call meet on one record.
 */

function party(value: unknown): CallParty {
	if (!isPlainObject(value)) return { number: text(value) };
	return { number: text(pick(value, 'phoneNumber')), extension: text(pick(value, 'extensionNumber')), name: text(pick(value, 'name')) };
}

/** A call between two extensions of the firm: no outside number on the other side. */
function isInternal(other: CallParty): boolean {
	const digits = (other.number ?? '').replace(/\D/g, '');
	return digits.length > 0 ? digits.length <= 5 : other.extension !== undefined;
}

function callIdOf(r: IDataObject): string | undefined {
	return text(pick(r, 'telephonySessionId')) ?? text(pick(r, 'sessionId')) ?? text(pick(r, 'id'));
}

const INTERNAL = 'internal call between two extensions: not logged (turn on Log Internal Calls to log it)';
const NOTHING_TO_COMPLETE = 'the event tells only that a call ended, and no record of that call was logged before: nothing to complete';

function internalSkip(kind: string, callId: string | undefined): SourceReading {
	return {
		skip: INTERNAL,
		kind,
		callId,
	};
}

// -------------------------------------------------------------------------------------------------
// Call-log records

const NOT_VOICE: Record<string, string> = { fax: 'a fax', sms: 'a text message', pager: 'a pager message' };

function readCallLog(r: IDataObject, context: ReadContext): SourceReading {
	const type = text(pick(r, 'type'))?.toLowerCase();
	const callId = callIdOf(r);
	const kind = `RingCentral call-log record${type && type !== 'voice' ? ` (${text(pick(r, 'type'))})` : ''}`;
	if (type && NOT_VOICE[type]) return { skip: `${NOT_VOICE[type]}, not a phone call`, kind, callId };
	const rawDirection = pick(r, 'direction');
	if (rawDirection === undefined) throw missing('direction', 'RingCentral', 'A call-log record has direction "Inbound" or "Outbound".');
	const direction = directionFrom(rawDirection, 'callData');
	const startValue = pick(r, 'startTime');
	if (startValue === undefined || startValue === '') {
		throw missing('startTime', 'RingCentral', 'A call-log record has startTime, e.g. "2026-03-02T22:30:00.000Z".');
	}
	const result = text(pick(r, 'result'));
	let durationSeconds = secondsOf(pick(r, 'duration'), 'callData', 'duration');
	if (durationSeconds === undefined) {
		const ms = secondsOf(pick(r, 'durationMs'), 'callData', 'durationMs');
		if (ms !== undefined) durationSeconds = Math.round(ms / 1000);
	}
	const inProgress = /^in progress$/i.test(result ?? '') || durationSeconds === undefined;
	const from = party(pick(r, 'from'));
	const to = party(pick(r, 'to'));
	const other = direction === 'in' ? from : to;
	const firm = direction === 'in' ? to : from;
	if (!context.includeInternal && isInternal(other)) return internalSkip(kind, callId);
	const recording = pick(r, 'recording');
	return {
		call: {
			source: 'ringcentral',
			kind: inProgress ? 'RingCentral call-log record (in progress)' : kind,
			callId,
			direction,
			phase: inProgress ? 'inProgress' : 'finished',
			start: parseCallTime(startValue, context.timeZone),
			durationSeconds: inProgress ? undefined : durationSeconds,
			...callSides(other, firm),
			result: inProgress ? 'In progress' : result,
			agentNote: noteText(pick(r, 'note')),
			recordingLink: isPlainObject(recording) ? text(pick(recording, 'link', 'contentUri')) : text(recording),
		},
	};
}

// -------------------------------------------------------------------------------------------------
// Telephony-session events

const RINGING = new Set(['setup', 'proceeding', 'ringing']);
const TALKING = new Set(['answered', 'hold', 'parked']);

/** The firm's own party of the session: the one on the notification owner's extension, else the first with an extension. */
function ownParty(parties: IDataObject[], ownerId: string | undefined): IDataObject {
	return (
		parties.find((p) => ownerId !== undefined && text(pick(p, 'extensionId')) === ownerId) ??
		parties.find((p) => text(pick(p, 'extensionId')) !== undefined) ??
		parties[0]
	);
}

function readTelephonySession(body: IDataObject, context: ReadContext, ownerId: string | undefined): SourceReading {
	const callId = callIdOf(body);
	const parties = (pick(body, 'parties') as unknown[]).filter(isPlainObject);
	if (!parties.length) throw missing('parties', 'RingCentral telephony-session', 'A telephony-session event lists its parties.');
	const p = ownParty(parties, ownerId);
	const status = text(pick((pick(p, 'status') as IDataObject | undefined) ?? {}, 'code')) ?? '';
	const code = status.toLowerCase();
	const kind = `RingCentral telephony session (${status || 'no status'})`;
	if (RINGING.has(code)) return { skip: `${status.toLowerCase()}: the call is not answered or over yet; it is logged when it is`, kind, callId };
	const eventTime = pick(body, 'eventTime');
	if (eventTime === undefined) throw missing('eventTime', 'RingCentral telephony-session', 'A telephony-session event has eventTime.');
	const time = parseCallTime(eventTime, context.timeZone);
	const rawDirection = pick(p, 'direction');
	const direction = rawDirection === undefined ? undefined : directionFrom(rawDirection, 'callData');
	const from = party(pick(p, 'from'));
	const to = party(pick(p, 'to'));
	const other = direction === 'out' ? to : from;
	const firm = direction === 'out' ? from : to;
	const internal = direction !== undefined && !context.includeInternal && isInternal(other);
	// An ending names the other side as it is then: an outside call transferred or parked shows an extension.
	// It still completes the call's record logged before; on its own it logs nothing.
	const ending = code === 'disconnected' || code === 'gone' || code === 'voicemail';
	if (internal && !ending) return internalSkip(kind, callId);
	const missed = pick(p, 'missedCall') === true;
	const base = {
		source: 'ringcentral',
		kind,
		callId,
		direction,
		...callSides(other, firm),
	};
	if (TALKING.has(code)) return { call: { ...base, direction: direction ?? 'in', phase: 'inProgress', start: time, result: 'In progress' } };
	if (ending) {
		const result = code === 'voicemail' ? 'Voicemail' : missed ? 'Missed' : undefined;
		// A missed call was never talked through: its length is 0, as its call-log record says.
		const durationSeconds = missed ? 0 : undefined;
		const completesOnly = internal ? INTERNAL : !direction ? NOTHING_TO_COMPLETE : undefined;
		return { call: { ...base, direction: direction ?? 'in', phase: 'ended', end: time, result, durationSeconds, directionUnknown: !direction, completesOnly } };
	}
	return { skip: `"${status}" is not a state Log Call writes (only Answered and Disconnected are)`, kind, callId };
}

// -------------------------------------------------------------------------------------------------
// The module

function isTelephonySession(obj: IDataObject): boolean {
	return Array.isArray(obj.parties) && (obj.telephonySessionId !== undefined || obj.sessionId !== undefined);
}

function isPresence(obj: IDataObject): boolean {
	return obj.telephonyStatus !== undefined || obj.presenceStatus !== undefined || Array.isArray(obj.activeCalls);
}

function isMessage(obj: IDataObject): boolean {
	return typeof obj.type === 'string' && obj.creationTime !== undefined && (obj.messageStatus !== undefined || obj.attachments !== undefined);
}

function isCallLogRecord(obj: IDataObject): boolean {
	const ids = obj.sessionId !== undefined || obj.telephonySessionId !== undefined;
	return (obj.startTime !== undefined && (obj.direction !== undefined || ids)) || (ids && (obj.direction !== undefined || isPlainObject(obj.from)));
}

function isValidationRequest(obj: IDataObject): boolean {
	const headers = obj.headers;
	const body = obj.body;
	const emptyBody = body === undefined || body === null || body === '' || (isPlainObject(body) && Object.keys(body).length === 0);
	return isPlainObject(headers) && text(headers['validation-token'] ?? headers['Validation-Token']) !== undefined && emptyBody;
}

/** A webhook notification `{uuid, event, ownerId, body}`: the body is read with the owner in mind. */
function isNotification(obj: IDataObject): boolean {
	return typeof obj.event === 'string' && obj.event.startsWith('/restapi/') && isPlainObject(obj.body);
}

function readBody(body: IDataObject, context: ReadContext, ownerId: string | undefined): SourceReading {
	if (isTelephonySession(body)) return readTelephonySession(body, context, ownerId);
	if (isPresence(body)) {
		return {
			skip: 'presence event: it says who is on the phone, not how a call ended; subscribe to telephony sessions instead',
			kind: 'RingCentral presence',
		};
	}
	if (isMessage(body)) {
		const type = text(body.type) ?? 'message';
		return {
			skip: `${type} message event: the call itself is logged from its telephony session or call-log record`,
			kind: `RingCentral ${type} message`,
		};
	}
	return readCallLog(body, context);
}

export const ringCentral: CallSourceModule = {
	id: 'ringcentral',
	name: 'RingCentral',
	description:
		'RingCentral telephony-session webhooks (Answered creates the record, Disconnected completes it) and call-log records (Call Log API, call-log sync, App Connect)',
	recognises: (obj) =>
		(isNotification(obj) && /\/(telephony\/sessions|presence|voicemail|message-store)/.test(String(obj.event))) ||
		isTelephonySession(obj) ||
		isCallLogRecord(obj) ||
		isPresence(obj) ||
		isMessage(obj) ||
		isValidationRequest(obj),
	read(obj, context) {
		if (isValidationRequest(obj)) {
			return {
				skip: 'RingCentral webhook validation request: answer it with Respond to Webhook, echoing the Validation-Token header',
				kind: 'RingCentral validation request',
			};
		}
		if (isNotification(obj)) return readBody(obj.body as IDataObject, context, text(pick(obj, 'ownerId')));
		return readBody(obj, context, undefined);
	},
};
