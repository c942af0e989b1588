import type { INodePropertyOptions } from 'n8n-workflow';

import { FieldError } from '../../../../helpers/interfaces';
import type { FoundEvent } from '../rules/unwrap';
import { findEvent } from '../rules/unwrap';
import { aircall } from './aircall';
import { generic } from './generic';
import { hostedSuite } from './hostedsuite';
import { ringCentral } from './ringcentral';
import { teams } from './teams';
import { threeCx } from './threecx';
import { twilio } from './twilio';
import { zoom } from './zoom';
import type { CallSourceModule } from './types';

/**
 * The phone systems Log Call reads, one module each. Adding one is a file in this folder and a line here;
 * the Source option, Detect Automatically and the docs' list come from this registry. Order matters for
 * Detect Automatically: the most specific shapes first, Generic last.
 */
export const CALL_SOURCES: CallSourceModule[] = [ringCentral, hostedSuite, twilio, aircall, zoom, teams, threeCx, generic];

export const AUTO_SOURCE = 'auto';

export function sourceById(id: string): CallSourceModule | undefined {
	return CALL_SOURCES.find((s) => s.id === id);
}

/** The Source option's values: Detect Automatically, then each phone system by name. */
export function sourceOptions(): INodePropertyOptions[] {
	return [
		{
			name: 'Detect Automatically',
			value: AUTO_SOURCE,
			description: `Recognise the phone system from the event's shape (${CALL_SOURCES.filter((s) => s !== generic)
				.map((s) => s.name)
				.join(', ')}); the output says which`,
		},
		...CALL_SOURCES.map((s) => ({ name: s.name, value: s.id, description: s.description })).sort((a, b) => a.name.localeCompare(b.name)),
	];
}

export interface LocatedEvent extends FoundEvent {
	source: CallSourceModule;
}

/**
 * The event inside what the workflow passed, and the source that reads it: the chosen one, or with
 * Detect Automatically the first (in registry order) that recognises a layer, outside in.
 */
export function locateEvent(value: unknown, sourceId: string): LocatedEvent | { outermost?: FoundEvent['event'] } {
	const candidates = sourceId === AUTO_SOURCE ? CALL_SOURCES : [sourceById(sourceId)!];
	let match: CallSourceModule | undefined;
	const { found, outermost } = findEvent(value, (obj) => (match = candidates.find((s) => s.recognises(obj))) !== undefined);
	if (found && match) return { ...found, source: match };
	return { outermost };
}

export function unrecognised(sourceId: string): FieldError {
	const source = sourceById(sourceId);
	const expected = source ? `a ${source.name} event` : 'a call event of any phone system Log Call reads';
	const hint = source
		? `${source.name}: ${source.description}. Check Source, and map the call event into Call Data (e.g. {{ $json }} or {{ $json.body }}).`
		: `Log Call reads ${CALL_SOURCES.map((s) => s.name).join(', ')}. Map the call event into Call Data (e.g. {{ $json.body }}), or choose Generic and map its fields.`;
	return new FieldError('callData', `does not look like ${expected}`, hint);
}
