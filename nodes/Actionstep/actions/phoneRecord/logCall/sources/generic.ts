import type { IDataObject } from 'n8n-workflow';

import { FieldError } from '../../../../helpers/interfaces';
import { isGiven, preview } from '../../../../helpers/validation';
import { parseCallTime } from '../rules/callTime';
import { directionFrom, pick, secondsOf, text } from './read';
import type { CallSourceModule } from './types';

/**
 * Any other phone system: the fields the user maps with expressions, each falling back to the usual key of
 * the call data when left empty.
 */

/** The mapped parameters, in the order they are shown (their names are saved in workflows). */
export const GENERIC_MAPPING = [
	'callDirection',
	'callTime',
	'callDuration',
	'otherNumber',
	'otherName',
	'callNotes',
	'callId',
	'callResult',
	'recordingLink',
] as const;
export type GenericParameter = (typeof GENERIC_MAPPING)[number];

export const generic: CallSourceModule = {
	id: 'generic',
	name: 'Generic (Map the Fields)',
	description: 'Any phone system: map direction, time, duration, number and name with expressions',
	// Anything with a direction or a time: what is missing is then named by the field it should come from.
	recognises: (obj) =>
		pick(obj, 'direction', 'callDirection') !== undefined || pick(obj, 'callTimestamp', 'startTime', 'start', 'time', 'timestamp') !== undefined,
	read(r: IDataObject, context) {
		const mapping = context.mapping;
		const value = (param: GenericParameter, ...keys: string[]): { value: unknown; field: string } =>
			isGiven(mapping[param]) ? { value: mapping[param], field: param } : { value: pick(r, ...keys), field: 'callData' };
		const dir = value('callDirection', 'direction', 'callDirection');
		if (!isGiven(dir.value)) {
			throw new FieldError('callDirection', 'is required', 'Map the direction (Inbound/Outbound or in/out), e.g. {{ $json.direction }}.');
		}
		const start = value('callTime', 'callTimestamp', 'startTime', 'start', 'time', 'timestamp');
		if (!isGiven(start.value)) throw new FieldError('callTime', 'is required', 'Map when the call started, e.g. {{ $json.startTime }}.');
		if (typeof start.value === 'boolean' || (typeof start.value === 'object' && !(start.value instanceof Date) && typeof (start.value as { toISO?: unknown }).toISO !== 'function')) {
			throw new FieldError(start.field, `must be a date and time, got ${preview(start.value)}`);
		}
		const duration = value('callDuration', 'durationSeconds', 'duration', 'talkTime');
		const mapped = (param: GenericParameter, ...keys: string[]) => text(value(param, ...keys).value);
		return {
			call: {
				source: 'generic',
				kind: 'mapped call fields',
				callId: mapped('callId', 'callId', 'sessionId', 'id'),
				direction: directionFrom(dir.value, dir.field),
				phase: 'finished',
				start: parseCallTime(start.value, context.timeZone, start.field),
				durationSeconds: secondsOf(duration.value, duration.field),
				otherNumber: mapped('otherNumber', 'phoneNumber', 'number', 'phone'),
				otherName: mapped('otherName', 'name', 'contactName', 'callerName'),
				result: mapped('callResult', 'result', 'outcome', 'status'),
				agentNote: mapped('callNotes', 'notes', 'note'),
				recordingLink: mapped('recordingLink', 'recordingUrl', 'recordingLink'),
			},
		};
	},
};
