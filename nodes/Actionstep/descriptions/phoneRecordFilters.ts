import type { INodeProperties } from 'n8n-workflow';

import { filtersCollection } from './common';

/** A phone record's direction: a field of Create and Update, and a filter of Get Many and the trigger. */
export const directionField: INodeProperties = {
	displayName: 'Direction',
	name: 'direction',
	type: 'options',
	options: [
		{ name: 'In', value: 'in' },
		{ name: 'Out', value: 'out' },
	],
	default: 'in',
};

export type PhoneRecordFilter =
	| 'callTimestampFrom'
	| 'callTimestampTo'
	| 'direction'
	| 'matterId'
	| 'outcome'
	| 'participantId'
	| 'participantName'
	| 'phoneNumber';

/** Every phone-record filter once; Get Many and the Phone Record Trigger pick the ones they offer. */
const FILTERS: Record<PhoneRecordFilter, INodeProperties> = {
	callTimestampFrom: {
		displayName: 'Call Time From',
		name: 'callTimestampFrom',
		type: 'dateTime',
		default: '',
		description: "Calls at or after this time; a time without an offset is read in the workflow's time zone",
	},
	callTimestampTo: {
		displayName: 'Call Time To',
		name: 'callTimestampTo',
		type: 'dateTime',
		default: '',
		description: 'Calls at or before this time',
	},
	direction: directionField,
	matterId: {
		displayName: 'Matter ID',
		name: 'matterId',
		type: 'string',
		default: '',
		placeholder: 'e.g. 321845',
	},
	outcome: {
		displayName: 'Outcome',
		name: 'outcome',
		type: 'string',
		default: '',
		placeholder: 'e.g. Call completed',
		description: 'Exact outcome, ignoring case; * is a wildcard',
	},
	participantId: {
		displayName: 'Participant ID',
		name: 'participantId',
		type: 'string',
		default: '',
		placeholder: 'e.g. 8945',
		description: 'Calls from or to this participant',
	},
	participantName: {
		displayName: 'Participant Name',
		name: 'participantName',
		type: 'string',
		default: '',
		placeholder: 'e.g. smith',
		description:
			'Part of a name, ignoring case, on either side of the call: names typed on the record and names of linked participants',
	},
	phoneNumber: {
		displayName: 'Phone Number',
		name: 'phoneNumber',
		type: 'string',
		default: '',
		placeholder: 'e.g. +61 2 9876 5432',
		description: 'Matched on digits, whatever the formatting',
	},
};

/** How a node words a filter for its users; the filter's name, type and default stay as they are. */
export type FilterWording = Partial<Record<PhoneRecordFilter, Pick<INodeProperties, 'description' | 'placeholder'>>>;

/** The filters `names`, in alphabetical order (as n8n wants a collection's options). */
export function phoneRecordFilterOptions(names: PhoneRecordFilter[], wording: FilterWording = {}): INodeProperties[] {
	return names.map((name) => ({ ...FILTERS[name], ...wording[name] })).sort((a, b) => a.displayName.localeCompare(b.displayName));
}

/** The Filters collection with the filters `names`. */
export function phoneRecordFilters(names: PhoneRecordFilter[], wording: FilterWording = {}): INodeProperties {
	return filtersCollection(phoneRecordFilterOptions(names, wording));
}
