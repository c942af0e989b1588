import type { IDataObject } from 'n8n-workflow';

import { FieldError } from '../../../../helpers/interfaces';
import { preview } from '../../../../helpers/validation';
import { isPlainObject, noteText, pick } from '../sources/read';

/**
 * What a workflow passes as a call event → the event object inside it (pure). Phone systems' events reach
 * n8n wrapped: a Webhook node item `{headers, params, query, body}`, a RingCentral notification
 * `{event, body}` (or its `pn_apns` form), a JSON text, a one-element list, App Connect's
 * `{callLog, note, aiNote}`, a list page `{records: [one]}`. The layers are looked at from the outside in,
 * and the first that a source recognises is the event.
 */

/** Wrappers looked through: deeper than this is no call event. */
const MAX_DEPTH = 6;
/** A JSON text longer than this is refused before it is parsed. */
const MAX_JSON_TEXT = 2_000_000;

export interface FoundEvent {
	event: IDataObject;
	/** Notes found beside the event in a wrapper (App Connect sends `{callLog, note, aiNote}`). */
	note?: string;
	aiNote?: string;
}

function parseJsonText(value: string, field: string): unknown {
	if (value.length > MAX_JSON_TEXT) {
		throw new FieldError(field, `is a text of ${value.length} characters, too long for one call event`);
	}
	let parsed: unknown = NOT_JSON;
	try {
		parsed = JSON.parse(value) as unknown;
	} catch {
		// Reported below, as a field error.
	}
	if (parsed === NOT_JSON) throw new FieldError(field, 'is not valid JSON', 'Give the call event as an object, e.g. {{ $json }} or {{ $json.body }}.');
	return parsed;
}

const NOT_JSON = Symbol('not JSON');

const INNER_KEYS = ['body', 'callLog', 'data', 'pn_apns', 'payload', 'object', 'value'];

/**
 * The first layer `recognises` accepts, or undefined; `outermost` is the outermost object (for generic
 * calls that take everything from mapped parameters).
 */
export function findEvent(
	value: unknown,
	recognises: (obj: IDataObject) => boolean,
	field = 'callData',
): { found?: FoundEvent; outermost?: IDataObject } {
	let current: unknown = typeof value === 'string' ? parseJsonText(value, field) : value;
	let outermost: IDataObject | undefined;
	let note: string | undefined;
	let aiNote: string | undefined;
	const queue: unknown[] = [current];
	for (let depth = 0; depth < MAX_DEPTH && queue.length; depth++) {
		const next: unknown[] = [];
		for (current of queue) {
			if (typeof current === 'string' && /^\s*[[{]/.test(current.slice(0, 16))) current = parseJsonText(current, field);
			if (Array.isArray(current)) {
				if (current.length !== 1) {
					throw new FieldError(
						field,
						`holds a list of ${current.length} calls, not one call`,
						'Split the list into one item per call first (e.g. with a Split Out node), then log each item.',
					);
				}
				next.push(current[0]);
				continue;
			}
			if (!isPlainObject(current)) {
				if (depth === 0) throw new FieldError(field, `must be a call event object, got ${preview(current)}`, 'Map the call event, e.g. {{ $json }}.');
				continue;
			}
			const obj = current;
			outermost ??= obj;
			note ??= noteText(pick(obj, 'note', 'agentNote'));
			aiNote ??= noteText(pick(obj, 'aiNote', 'aiNotes'));
			if (recognises(obj)) return { found: { event: obj, note, aiNote }, outermost };
			for (const key of INNER_KEYS) if (obj[key] !== undefined && obj[key] !== null) next.push(obj[key]);
			const list = pick(obj, 'records', 'CallRecords', 'Results');
			if (Array.isArray(list)) next.push(list);
		}
		queue.splice(0, queue.length, ...next);
	}
	return { outermost };
}
