import type { IDataObject } from 'n8n-workflow';

import { FieldError } from '../../../../helpers/interfaces';
import type { CallTime } from '../rules/callTime';
import { parseCallTime } from '../rules/callTime';
import type { CallParty } from './read';
import { callSides, directionFrom, isPlainObject, missing, pick, secondsBetween, secondsOf, text } from './read';
import type { CallEvent, CallSourceModule, ReadContext, SourceReading } from './types';

/**
 * Zoom Phone: the webhooks of a Zoom app's event subscription (`{event, event_ts, payload: {account_id,
 * object}}`), and a call-history or call-log row on its own (after a Split Out of `call_logs`).
 *
 * - `phone.*_call_history_completed` (and the older `phone.*_call_log_completed`): the call's final record.
 * - `phone.callee_missed`, `phone.callee_rejected`: a call that was not answered.
 * - `phone.callee_answered`, `phone.caller_connected`: answered, logged while it goes.
 * - `phone.callee_ended`, `phone.caller_ended`: over; with the answer time the talk time is known, without
 *   it (the caller side) only the end, which completes a record logged while the call went.
 * - the ringing events and everything else write nothing; `endpoint.url_validation` is Zoom checking the URL.
 *
 * The call id is `call_id`, the same on every event of one call. A caller who hid their number
 * (`hide_caller_id` on an inbound call, or an `anonymous_number`) is logged as withheld: the number is not
 * written even where Zoom's record has it. Zoom's `talk_time` can exceed the time between its own start and
 * end (as in Zoom's published example); a call cannot be talked longer than it lasted, so the talk time is
 * capped at that.
 */

const RINGING = new Set(['phone.callee_ringing', 'phone.caller_ringing']);
const ANSWERED = new Set(['phone.callee_answered', 'phone.caller_connected']);
const ENDED = new Set(['phone.callee_ended', 'phone.caller_ended']);
const NOT_ANSWERED: Record<string, string> = { 'phone.callee_missed': 'Missed', 'phone.callee_rejected': 'Rejected' };
const CALL_RECORDS = /^phone\.(callee|caller)_call_(history|log)_completed$/;
/** What a hidden caller is written as; party rules read it as a withheld number. */
const WITHHELD = 'withheld';

function time(value: unknown, context: ReadContext): CallTime | undefined {
	return value === undefined || value === null || value === '' ? undefined : parseCallTime(value, context.timeZone);
}

/** A number of the firm's own Zoom Phone: an extension, not a line to the outside. */
function isExtensionOnly(number: string | undefined, extension: string | undefined): boolean {
	const digits = (number ?? '').replace(/\D/g, '');
	return digits.length > 0 ? digits.length <= 5 && !number!.startsWith('+') : extension !== undefined;
}

function internalSkip(kind: string, callId: string | undefined): SourceReading {
	return { skip: 'internal call between two Zoom Phone extensions: not logged (turn on Log Internal Calls to log it)', kind, callId };
}

// -------------------------------------------------------------------------------------------------
// Call-history rows (v2) and call-log rows (v1): the finished call

function readHistoryRow(row: IDataObject, kind: string, context: ReadContext): SourceReading {
	const callId = text(pick(row, 'call_id')) ?? text(pick(row, 'id'));
	const rawDirection = pick(row, 'direction');
	if (rawDirection === undefined) throw missing('direction', 'Zoom Phone', 'A call-history row has direction "inbound" or "outbound".');
	const direction = directionFrom(rawDirection, 'callData');
	const otherSide = direction === 'in' ? 'caller' : 'callee';
	const firmSide = direction === 'in' ? 'callee' : 'caller';
	const v2 = pick(row, 'start_time') !== undefined;
	const start = time(pick(row, 'start_time', 'date_time'), context);
	if (!start) throw missing('start_time', 'Zoom Phone', 'A call-history row has start_time, e.g. "2023-10-08T16:12:04Z".');
	const end = time(pick(row, 'end_time', 'call_end_time'), context);
	const answer = time(pick(row, 'answer_time'), context);

	// v2 splits the outside number (`*_did_number`) from the extension (`*_ext_number`); v1 has `*_number`
	// with `*_number_type` 1 (extension) or 2 (phone number).
	const otherNumber = text(pick(row, `${otherSide}_did_number`)) ?? text(pick(row, `${otherSide}_number`));
	const otherExtension = text(pick(row, `${otherSide}_ext_number`));
	const v1Extension = !v2 && String(pick(row, `${otherSide}_number_type`)) === '1';
	const internal = v1Extension ? !text(pick(row, `${otherSide}_did_number`)) : isExtensionOnly(otherNumber, otherExtension);
	if (internal && !context.includeInternal) return internalSkip(kind, callId);
	const hidden = (direction === 'in' && pick(row, 'hide_caller_id') === true) || pick(row, `${otherSide}_number_type`) === 'anonymous_number';

	let seconds: number | undefined;
	if (v2) {
		const talk = secondsOf(pick(row, 'talk_time'), 'callData', 'talk_time');
		const lasted = end ? secondsBetween((answer ?? start).epochMs, end.epochMs) : undefined;
		seconds = talk !== undefined && lasted !== undefined ? Math.min(talk, lasted) : (talk ?? (answer ? lasted : 0));
	} else {
		seconds = secondsOf(pick(row, 'duration'), 'callData', 'duration');
	}
	const result = text(pick(row, 'result'));
	const answeredByOther = text(pick(row, 'result_reason')) === 'answered_by_other';
	return {
		call: {
			source: 'zoom',
			kind,
			callId,
			direction,
			phase: 'finished',
			start,
			end,
			durationSeconds: seconds,
			otherNumber: hidden ? WITHHELD : (otherNumber ?? otherExtension),
			otherName: text(pick(row, `${otherSide}_name`)),
			firmNumber: text(pick(row, `${firmSide}_did_number`)) ?? text(pick(row, `${firmSide}_ext_number`)) ?? text(pick(row, `${firmSide}_number`)),
			firmName: text(pick(row, `${firmSide}_name`)),
			result: answeredByOther ? 'Answered elsewhere' : result,
			answeredBy: text(pick(row, 'operator_name')),
		},
	};
}

function readCallRecords(object: IDataObject, event: string, context: ReadContext): SourceReading {
	const rows = pick(object, 'call_logs');
	const kind = `Zoom Phone ${event}`;
	if (!Array.isArray(rows) || rows.length === 0) throw missing('call_logs', 'Zoom Phone', `A ${event} event lists the call in payload.object.call_logs.`);
	if (rows.length > 1) {
		throw new FieldError(
			'callData',
			`holds ${rows.length} Zoom call logs, not one call`,
			'Split payload.object.call_logs into one item per call first (e.g. with a Split Out node), then log each item.',
		);
	}
	if (!isPlainObject(rows[0])) throw missing('call_logs[0]', 'Zoom Phone', 'Each entry of call_logs is an object.');
	return readHistoryRow(rows[0], kind, context);
}

// -------------------------------------------------------------------------------------------------
// Live events: the call as it happens

function liveParty(value: unknown): CallParty {
	if (!isPlainObject(value)) return {};
	return { number: text(pick(value, 'phone_number')), extension: text(pick(value, 'extension_number')), name: text(pick(value, 'name', 'display_name')) };
}

function readLive(object: IDataObject, event: string, context: ReadContext): SourceReading {
	const callId = text(pick(object, 'call_id'));
	const kind = `Zoom Phone ${event}`;
	if (!callId) throw missing('call_id', 'Zoom Phone', `A ${event} event has payload.object.call_id.`);
	// Callee events are the firm answering (inbound), caller events the firm calling out.
	const direction = event.startsWith('phone.callee_') ? 'in' : 'out';
	const caller = liveParty(pick(object, 'caller'));
	const callee = liveParty(pick(object, 'callee'));
	const other = direction === 'in' ? caller : callee;
	const firm = direction === 'in' ? callee : caller;
	if (!context.includeInternal && isExtensionOnly(other.number, other.extension)) return internalSkip(kind, callId);
	const ringing = time(pick(object, 'ringing_start_time'), context);
	const answer = time(pick(object, 'answer_start_time', 'connected_start_time'), context);
	const end = time(pick(object, 'call_end_time'), context);
	const base: Omit<CallEvent, 'phase'> = {
		source: 'zoom',
		kind,
		callId,
		direction,
		...callSides(other, firm),
	};
	if (ANSWERED.has(event)) {
		const start = answer ?? ringing;
		if (!start) throw missing('answer_start_time', 'Zoom Phone', `A ${event} event has the time the call was answered.`);
		return { call: { ...base, phase: 'inProgress', start, result: 'In progress' } };
	}
	if (!end) throw missing('call_end_time', 'Zoom Phone', `A ${event} event has call_end_time.`);
	if (NOT_ANSWERED[event]) {
		return { call: { ...base, phase: 'finished', start: ringing ?? end, end, durationSeconds: 0, result: NOT_ANSWERED[event] } };
	}
	const result = text(pick(object, 'handup_result'));
	if (answer) return { call: { ...base, phase: 'finished', start: answer, end, durationSeconds: secondsBetween(answer.epochMs, end.epochMs), result } };
	// The caller side's end says nothing of an answer: only that the call is over.
	return { call: { ...base, phase: 'ended', end, result } };
}

// -------------------------------------------------------------------------------------------------
// The module

function isWebhook(obj: IDataObject): boolean {
	return (
		typeof obj.event === 'string' &&
		(obj.event.startsWith('phone.') || obj.event === 'endpoint.url_validation') &&
		obj.event_ts !== undefined &&
		isPlainObject(obj.payload)
	);
}

/** A call-history (v2) or call-log (v1) row on its own. */
function isHistoryRow(obj: IDataObject): boolean {
	return typeof obj.call_id === 'string' && obj.direction !== undefined && (obj.call_path_id !== undefined || (obj.date_time !== undefined && obj.caller_number_type !== undefined));
}

export const zoom: CallSourceModule = {
	id: 'zoom',
	name: 'Zoom Phone',
	description:
		'Zoom Phone webhooks (call history completed logs the finished call; missed, rejected, answered and ended events too) and call-history rows',
	recognises: (obj) => isWebhook(obj) || isHistoryRow(obj),
	read(obj, context) {
		if (!isWebhook(obj)) return readHistoryRow(obj, 'Zoom Phone call-history row', context);
		const event = String(obj.event);
		const kind = `Zoom Phone ${event}`;
		if (event === 'endpoint.url_validation') {
			return {
				skip: 'Zoom URL validation: answer it with Respond to Webhook ({plainToken, encryptedToken}, the HMAC-SHA256 of plainToken with your secret token)',
				kind,
			};
		}
		const object = pick(obj.payload as IDataObject, 'object');
		if (!isPlainObject(object)) throw missing('payload.object', 'Zoom Phone', 'A Zoom Phone event has payload.object.');
		if (CALL_RECORDS.test(event)) return readCallRecords(object, event, context);
		const callId = text(pick(object, 'call_id'));
		if (RINGING.has(event)) return { skip: 'ringing: the call is not answered or over yet; it is logged when it is', kind, callId };
		if (ANSWERED.has(event) || ENDED.has(event) || NOT_ANSWERED[event]) return readLive(object, event, context);
		return { skip: `${event} is not an event of a call's end (Log Call reads call history, missed, rejected, answered and ended)`, kind, callId };
	},
};
