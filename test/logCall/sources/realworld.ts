/** The real published call events in ../shared/realworld/fixtures, read at test time (never copied here). */
import * as fs from 'fs';
import * as path from 'path';
import type { IDataObject } from 'n8n-workflow';

import { FieldError } from '../../../nodes/Actionstep/helpers/interfaces';
import { AUTO_SOURCE, locateEvent } from '../../../nodes/Actionstep/actions/phoneRecord/logCall/sources';
import type { ReadContext, SourceReading } from '../../../nodes/Actionstep/actions/phoneRecord/logCall/sources/types';

export const FIXTURES = path.resolve(__dirname, '../../../../shared/realworld/fixtures');

export function fixtureNames(): string[] {
	return fs
		.readdirSync(FIXTURES)
		.filter((f) => f.endsWith('.json'))
		.map((f) => f.slice(0, -'.json'.length))
		.sort();
}

export function fixture(name: string): IDataObject {
	return JSON.parse(fs.readFileSync(path.join(FIXTURES, `${name}.json`), 'utf8')) as IDataObject;
}

/** The events of a fixture: a list page (`records`, `value`) split into its items, as a Split Out node would. */
export function eventsOf(name: string): unknown[] {
	const body = fixture(name);
	for (const key of ['records', 'value']) if (Array.isArray(body[key])) return body[key] as unknown[];
	return [body];
}

export function context(overrides: Partial<ReadContext> = {}): ReadContext {
	return { timeZone: 'Australia/Sydney', durationBasis: 'talk', includeInternal: false, mapping: {}, ...overrides };
}

/** The event read as Log Call reads it: located (chosen source or Detect Automatically), then read. */
export function readAs(sourceId: string, event: unknown, overrides: Partial<ReadContext> = {}): SourceReading & { sourceId?: string } {
	const located = locateEvent(event, sourceId);
	if (!('source' in located)) throw new Error(`no source recognises the event as ${sourceId}`);
	return { ...located.source.read(located.event, context(overrides)), sourceId: located.source.id };
}

export const auto = (event: unknown, overrides: Partial<ReadContext> = {}) => readAs(AUTO_SOURCE, event, overrides);

/** The call of a reading that must be a call. */
export function callOf(reading: SourceReading) {
	if (!('call' in reading)) throw new Error(`expected a call, got skip: ${reading.skip}`);
	return reading.call;
}

export function fieldError(fn: () => unknown): FieldError {
	try {
		fn();
	} catch (error) {
		if (error instanceof FieldError) return error;
		throw error;
	}
	throw new Error('no FieldError thrown');
}
