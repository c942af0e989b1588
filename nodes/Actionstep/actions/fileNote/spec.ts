import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { matterLocator } from '../../descriptions/rlc';
import type { Query } from '../../helpers/interfaces';
import { FieldError } from '../../helpers/interfaces';
import { atInstantFilter, instantInZone, optionalUtcFilter } from '../../helpers/time';
import { timestampDateValue } from '../../helpers/timeEntry';
import { isGiven, optionalId, requireId, requireText } from '../../helpers/validation';
import type { ResourceSpec } from '../spec';

/** File notes on a matter (`filenotes.yml`), e.g. a call's transcript: fields, body and query rules, once. */

export const fileNoteSpec: ResourceSpec = {
	resource: 'fileNote',
	displayName: 'File Note',
	collection: 'filenotes',
	idParameter: 'fileNoteId',
	// Same matter and note time (the node always sends one); the text is compared too.
	createdRecordQuery: (body) => {
		const when = atInstantFilter('noteTimestamp', body.noteTimestamp);
		const links = (body.links ?? {}) as IDataObject;
		return when && { ...when, action: links.action as number };
	},
};

/** Actionstep does not publish a limit; this keeps a runaway expression from posting megabytes. */
const MAX_TEXT = 100_000;

export const fileNoteFields: INodeProperties[] = [
	{ ...matterLocator({ description: 'The matter the note is filed on' }), required: true },
	{
		displayName: 'Text',
		name: 'text',
		type: 'string',
		typeOptions: { rows: 5 },
		required: true,
		default: '',
		description: 'The note, e.g. the transcript or summary of a call',
	},
	{
		displayName: 'Note Time',
		name: 'noteTimestamp',
		type: 'dateTime',
		default: '',
		description: "When the note is dated; empty means now. A time without an offset is read in the workflow's time zone.",
	},
];

/** Node input → file-note body (pure); `now` dates a note given no time. */
export function fileNoteCreateBody(input: IDataObject, timeZone: string, now: number): IDataObject {
	const action = requireId(input.matter, 'matter');
	const text = requireText(input.text, 'text', { max: MAX_TEXT, multiline: true });
	const noteTimestamp = isGiven(input.noteTimestamp)
		? timestampDateValue(input.noteTimestamp, timeZone, 'noteTimestamp')
		: instantInZone(now, timeZone);
	return { text, noteTimestamp, links: { action } };
}

export const fileNoteFilters: INodeProperties[] = [
	{ displayName: 'Matter ID', name: 'matterId', type: 'string', default: '', placeholder: 'e.g. 2002' },
	{ displayName: 'Note Time From', name: 'noteTimestampFrom', type: 'dateTime', default: '' },
	{ displayName: 'Note Time To', name: 'noteTimestampTo', type: 'dateTime', default: '' },
];

export function planFileNoteQuery(filters: IDataObject, timeZone: string): Query {
	const query: Query = {};
	const matter = optionalId(filters.matterId, 'matterId');
	if (matter !== undefined) query.action = matter;
	const from = optionalUtcFilter(filters.noteTimestampFrom, 'noteTimestampFrom', timeZone);
	const to = optionalUtcFilter(filters.noteTimestampTo, 'noteTimestampTo', timeZone);
	if (from !== undefined && to !== undefined && from > to) throw new FieldError('noteTimestampTo', 'is before noteTimestampFrom');
	if (from !== undefined) query.noteTimestamp_gteq = from;
	if (to !== undefined) query.noteTimestamp_lteq = to;
	return query;
}
