import type { INodeProperties } from 'n8n-workflow';

import { directionField } from '../../descriptions/phoneRecordFilters';
import { matterLocator, participantLocator } from '../../descriptions/rlc';

export { PHONE_RECORDS } from '../shared/resources';

/** Every optional phone-record field once; Create, Update and the collections pick what they need. */
const FIELD_OPTIONS: Record<string, INodeProperties> = {
	direction: directionField,
	callTimestamp: {
		displayName: 'Call Time',
		name: 'callTimestamp',
		type: 'dateTime',
		default: '',
		description: "When the call started; a time without an offset is read in the workflow's time zone",
	},
	outcome: {
		displayName: 'Outcome',
		name: 'outcome',
		type: 'string',
		default: '',
		placeholder: 'e.g. Call completed',
	},
	fromParticipant: participantLocator('fromParticipant', 'From Participant', {
		description: 'The participant who made the call (replaces a From name)',
	}),
	fromParticipantOther: {
		displayName: 'From Name',
		name: 'fromParticipantOther',
		type: 'string',
		default: '',
		description: 'Name of the caller when not in Actionstep (replaces a From participant)',
	},
	toParticipant: participantLocator('toParticipant', 'To Participant', {
		description: 'The participant who received the call (replaces a To name)',
	}),
	toParticipantOther: {
		displayName: 'To Name',
		name: 'toParticipantOther',
		type: 'string',
		default: '',
		description: 'Name of the person called when not in Actionstep (replaces a To participant)',
	},
	matter: matterLocator(),
	phoneNumber: {
		displayName: 'Phone Number',
		name: 'phoneNumber',
		type: 'string',
		default: '',
		placeholder: 'e.g. +61 2 9876 5432',
		description: "The other party's number",
	},
	phoneNumberType: {
		displayName: 'Phone Number Type',
		name: 'phoneNumberType',
		type: 'string',
		default: '',
		placeholder: 'e.g. Business',
	},
	actualHours: {
		displayName: 'Duration (Hours)',
		name: 'actualHours',
		type: 'number',
		typeOptions: { minValue: 0, numberPrecision: 2 },
		default: 0,
		description: 'Length of the call in hours, e.g. 0.25 for 15 minutes',
	},
	durationSeconds: {
		displayName: 'Duration (Seconds)',
		name: 'durationSeconds',
		type: 'number',
		typeOptions: { minValue: 0 },
		default: 0,
		description: 'Length of the call in seconds, as phone systems report it; used when Duration (Hours) is not set',
	},
	notes: {
		displayName: 'Notes',
		name: 'notes',
		type: 'string',
		typeOptions: { rows: 4 },
		default: '',
		description: 'What was discussed',
	},
};

export function phoneRecordFieldOptions(names: string[]): INodeProperties[] {
	return names
		.map((name) => FIELD_OPTIONS[name])
		.sort((a, b) => a.displayName.localeCompare(b.displayName));
}
