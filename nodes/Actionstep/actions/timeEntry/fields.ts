import type { INodeProperties } from 'n8n-workflow';

import { matterLocator } from '../../descriptions/rlc';
import { isBillableField, ownerField } from '../../descriptions/timeEntryFields';

/** Time-entry fields, named as Actionstep names them; Create and Update pick from these. */
const FIELDS: Record<string, INodeProperties> = {
	timestampDate: {
		displayName: 'Date',
		name: 'timestampDate',
		type: 'dateTime',
		default: '',
		description: "Date of the work; a time without an offset is read in the workflow's time zone",
	},
	actualHours: {
		displayName: 'Actual Hours',
		name: 'actualHours',
		type: 'number',
		typeOptions: { minValue: 0, numberPrecision: 2 },
		default: 0,
	},
	billableHours: {
		displayName: 'Billable Hours',
		name: 'billableHours',
		type: 'number',
		typeOptions: { minValue: 0, numberPrecision: 2 },
		default: 0,
	},
	description: {
		displayName: 'Description',
		name: 'description',
		type: 'string',
		typeOptions: { rows: 3 },
		default: '',
	},
	isBillable: isBillableField,
	owner: ownerField('on create, defaults to the connected Actionstep user', 'e.g. 12'),
	matter: matterLocator(),
	phoneRecord: {
		displayName: 'Phone Record ID',
		name: 'phoneRecord',
		type: 'string',
		default: '',
		placeholder: 'e.g. 1176',
		description: 'The phone call this time entry bills',
	},
};

export function timeEntryFieldOptions(names: string[]): INodeProperties[] {
	return names.map((name) => FIELDS[name]).sort((a, b) => a.displayName.localeCompare(b.displayName));
}

export function requiredTimeEntryField(name: 'timestampDate' | 'actualHours'): INodeProperties {
	return { ...FIELDS[name], required: true };
}
