import type { IDataObject } from 'n8n-workflow';

import { parseCallTime } from '../rules/callTime';
import { missing, pick, secondsBetween, secondsOf, text } from './read';
import type { CallSourceModule, SourceReading } from './types';

/**
 * Microsoft Teams Phone, read from Microsoft Graph with an HTTP Request node (Teams does not push calls):
 * the PSTN call log (`communications/callRecords/getPstnCalls`) and the Direct Routing log
 * (`getDirectRoutingCalls`), one row per call in the page's `value`. A row is a finished call: `callType`
 * ends in `_in` or `_out` (Direct Routing: `ByotIn…`/`ByotOut…`), `duration` is whole seconds.
 *
 * A Graph `callRecord` (`communications/callRecords/{id}`, or the change notification that announces one)
 * is skipped: it names Teams users, not phone numbers, and has no direction, so it cannot be matched to a
 * participant by phone; the PSTN rows of the same calls are what is logged.
 */

function directionOf(callType: string): 'in' | 'out' | undefined {
	const t = callType.toLowerCase();
	if (/(^|_)in($|_)|^byotin/.test(t)) return 'in';
	if (/(^|_)out($|_)|^byotout/.test(t)) return 'out';
	return undefined;
}

function readPstnRow(row: IDataObject, timeZone: string): SourceReading {
	const callId = text(pick(row, 'callId', 'correlationId')) ?? text(pick(row, 'id'));
	const callType = text(pick(row, 'callType'));
	const kind = `Teams PSTN call-log row${callType ? ` (${callType})` : ''}`;
	if (!callType) throw missing('callType', 'Microsoft Teams', 'A PSTN call-log row has callType, e.g. "user_in" or "user_out".');
	const direction = directionOf(callType);
	if (!direction) return { skip: `callType "${callType}" says no direction: not a call in or out`, kind, callId };
	const startValue = pick(row, 'startDateTime');
	if (startValue === undefined) throw missing('startDateTime', 'Microsoft Teams', 'A PSTN call-log row has startDateTime.');
	const start = parseCallTime(startValue, timeZone);
	const endValue = pick(row, 'endDateTime');
	const end = endValue === undefined ? undefined : parseCallTime(endValue, timeZone);
	const failed = pick(row, 'successfulCall') === false;
	const seconds = failed ? 0 : (secondsOf(pick(row, 'duration'), 'callData', 'duration') ?? (end ? secondsBetween(start.epochMs, end.epochMs) : undefined));
	const caller = text(pick(row, 'callerNumber'));
	const callee = text(pick(row, 'calleeNumber'));
	return {
		call: {
			source: 'teams',
			kind,
			callId,
			direction,
			phase: 'finished',
			start,
			end,
			durationSeconds: seconds,
			otherNumber: direction === 'in' ? caller : callee,
			firmNumber: direction === 'in' ? callee : caller,
			firmName: text(pick(row, 'userDisplayName')),
			result: failed ? 'Call failed' : undefined,
		},
	};
}

/** A row of the PSTN or Direct Routing call log. */
function isPstnRow(obj: IDataObject): boolean {
	return 'callerNumber' in obj && 'calleeNumber' in obj && (obj.callType !== undefined || obj.startDateTime !== undefined);
}

/** A Graph callRecord: peer-to-peer or group (meeting) call between Teams identities. */
function isCallRecord(obj: IDataObject): boolean {
	return (obj.type === 'peerToPeer' || obj.type === 'groupCall' || obj.type === 'unknown') && Array.isArray(obj.modalities) && obj.startDateTime !== undefined;
}

/** A Graph change notification for a callRecord subscription. */
function isCallRecordNotification(obj: IDataObject): boolean {
	return typeof obj.subscriptionId === 'string' && typeof obj.resource === 'string' && /callRecords/i.test(obj.resource.slice(0, 200));
}

export const teams: CallSourceModule = {
	id: 'teams',
	name: 'Microsoft Teams',
	description:
		'Microsoft Graph PSTN and Direct Routing call-log rows (getPstnCalls, getDirectRoutingCalls: callType, callerNumber, calleeNumber, duration); Teams-to-Teams callRecords are skipped',
	recognises: (obj) => isPstnRow(obj) || isCallRecord(obj) || isCallRecordNotification(obj),
	read(obj, context) {
		if (isPstnRow(obj)) return readPstnRow(obj, context.timeZone);
		if (isCallRecordNotification(obj)) {
			return {
				skip: 'Graph change notification for a call record: it carries only the record id; log the PSTN call-log rows (getPstnCalls) instead',
				kind: 'Teams callRecord notification',
			};
		}
		return {
			skip: `Teams ${text(obj.type) ?? 'call'} record: Graph names the Teams users on it but no phone number and no direction, so there is no caller to match; PSTN calls are logged from getPstnCalls rows`,
			kind: `Teams callRecord (${text(obj.type) ?? 'unknown'})`,
			callId: text(pick(obj, 'id')),
		};
	},
};
