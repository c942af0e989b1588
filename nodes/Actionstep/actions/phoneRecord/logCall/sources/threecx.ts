import type { IDataObject } from 'n8n-workflow';

import { FieldError } from '../../../../helpers/interfaces';
import { isGiven } from '../../../../helpers/validation';
import type { CallTime } from '../rules/callTime';
import { parseCallTime, shiftCallTime } from '../rules/callTime';
import { missing, pick, secondsBetween, secondsOf, text } from './read';
import type { CallSourceModule, ReadContext, SourceReading } from './types';

/**
 * 3CX: the call journal its server-side CRM integration POSTs when a call ends. The body is a JSON template
 * the 3CX admin writes, 3CX's variables filled in (every value a text); Log Call reads the keys of the
 * common template (`number`, `name`, `direction` = [CallDirection], `type` = [CallType], `agent`…,
 * `durationSeconds`, `callStartTimeUTC`, `callEstablishedTimeUTC`, `callEndTimeUTC`, `dateTime`), ignoring
 * case. The UTC times have no zone mark (3CX writes `MM/DD/YYYY HH:mm:ss` or ISO), so they are read as UTC;
 * `dateTime` is the 3CX server's local time, read in the time-zone option.
 *
 * A body whose fields still hold the placeholders (`[Number]`) is the template itself, not a call, and is
 * skipped; a body with some fields filled and some not is a template with a misspelt variable, and fails.
 */

/** A 3CX variable that was not replaced: `[Number]`, `[CallStartTimeUTC]`. */
const PLACEHOLDER = /^\[[A-Za-z]{2,40}\]$/;
/** The fields a call needs; placeholders left in them are checked. */
const CORE_FIELDS = ['number', 'direction', 'type', 'durationSeconds', 'callStartTimeUTC', 'dateTime'];

/** [CallType] in words the outcome table knows. */
const CALL_TYPES: Record<string, string> = { inbound: 'Completed', outbound: 'Completed', missed: 'Missed', notanswered: 'No answer' };
/** Types of calls nobody talked on: their seconds are ringing, not talk. */
const UNANSWERED = new Set(['missed', 'notanswered']);

function isPlaceholder(value: unknown): boolean {
	return typeof value === 'string' && value.length <= 42 && PLACEHOLDER.test(value.trim());
}

function directionOf(direction: string | undefined, type: string | undefined): 'in' | 'out' {
	const d = direction?.toLowerCase();
	if (d === 'inbound' || d === 'in' || d === 'incoming') return 'in';
	if (d === 'outbound' || d === 'out' || d === 'outgoing') return 'out';
	const t = type?.toLowerCase();
	if (t === 'inbound' || t === 'missed') return 'in';
	if (t === 'outbound' || t === 'notanswered') return 'out';
	throw missing('direction ([CallDirection] Inbound or Outbound)', '3CX', 'Put "direction": "[CallDirection]" in the 3CX call-journal template.');
}

/** A UTC time without a zone mark, written in the time-zone option. */
function utcTime(value: unknown, context: ReadContext): CallTime | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	const t = shiftCallTime(parseCallTime(value, 'UTC'), 0, context.timeZone);
	return { ...t, how: `3CX UTC time written in ${context.timeZone}` };
}

function read3cx(r: IDataObject, context: ReadContext): SourceReading {
	const kind = '3CX call journal';
	const unfilled = CORE_FIELDS.filter((f) => isPlaceholder(pick(r, f)));
	const given = CORE_FIELDS.filter((f) => pick(r, f) !== undefined);
	if (unfilled.length > 0 && unfilled.length === given.length) {
		return {
			skip: `the 3CX call-journal template itself, placeholders not filled in (${unfilled.map((f) => String(pick(r, f))).join(', ')}): 3CX fills them in when it posts a call`,
			kind,
		};
	}
	if (unfilled.length > 0) {
		throw new FieldError(
			'callData',
			`has 3CX placeholders that were not filled in: ${unfilled.map((f) => `${f} = ${String(pick(r, f))}`).join(', ')}`,
			'Check the variable names in the 3CX CRM template (e.g. [Number], [CallDirection], [CallStartTimeUTC]).',
		);
	}
	const type = text(pick(r, 'type', 'callType'));
	const direction = directionOf(text(pick(r, 'direction', 'callDirection')), type);
	const start = utcTime(pick(r, 'callStartTimeUTC'), context) ?? (isGiven(pick(r, 'dateTime')) ? parseCallTime(pick(r, 'dateTime'), context.timeZone) : undefined);
	if (!start) throw missing('callStartTimeUTC or dateTime', '3CX', 'Put "callStartTimeUTC": "[CallStartTimeUTC]" in the 3CX call-journal template.');
	const established = utcTime(pick(r, 'callEstablishedTimeUTC'), context);
	const end = utcTime(pick(r, 'callEndTimeUTC'), context);
	let seconds = secondsOf(pick(r, 'durationSeconds'), 'callData', 'durationSeconds') ?? secondsOf(pick(r, 'duration'), 'callData', 'duration');
	if (seconds === undefined && established && end) seconds = secondsBetween(established.epochMs, end.epochMs);
	const minutes = secondsOf(pick(r, 'durationMinutes'), 'callData', 'durationMinutes');
	if (seconds === undefined && minutes !== undefined) seconds = minutes * 60;
	if (type && UNANSWERED.has(type.toLowerCase())) seconds = 0;
	const agentName = [text(pick(r, 'agentFirstName')), text(pick(r, 'agentLastName'))].filter(Boolean).join(' ');
	return {
		call: {
			source: 'threecx',
			kind: type ? `${kind} (${type})` : kind,
			callId: text(pick(r, 'callId', 'id')),
			direction,
			phase: 'finished',
			start,
			end,
			durationSeconds: seconds,
			otherNumber: text(pick(r, 'number')),
			otherName: text(pick(r, 'name')),
			firmNumber: text(pick(r, 'agent')),
			firmName: agentName || undefined,
			result: type ? (CALL_TYPES[type.toLowerCase()] ?? type) : undefined,
			agentNote: text(pick(r, 'notes', 'note')),
		},
	};
}

/**
 * The template's own keys: the UTC times are 3CX's names; else an agent with a number, a direction and
 * another of 3CX's variables (so a generic `{direction, number, agent, startTime}` stays Generic's).
 */
function isCallJournal(obj: IDataObject): boolean {
	if (pick(obj, 'callStartTimeUTC', 'callEstablishedTimeUTC', 'callEndTimeUTC') !== undefined) return true;
	return (
		pick(obj, 'agent', 'agentEmail') !== undefined &&
		pick(obj, 'number') !== undefined &&
		pick(obj, 'direction', 'type') !== undefined &&
		pick(obj, 'dateTime', 'durationSeconds', 'agentFirstName', 'agentEmail') !== undefined
	);
}

export const threeCx: CallSourceModule = {
	id: 'threecx',
	name: '3CX',
	description:
		'3CX call journals posted by its CRM integration template (number, name, direction, type, agent, durationSeconds, callStartTimeUTC, ...)',
	recognises: isCallJournal,
	read: read3cx,
};
