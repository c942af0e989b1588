import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { optionsCollection, recordIdField } from '../../descriptions/common';
import { descriptionField, isBillableField, ownerField } from '../../descriptions/timeEntryFields';
import { toItems } from '../../helpers/output';
import { buildCallTimeEntry, checkCallBillingOptions } from '../../helpers/timeEntry';
import { requireId } from '../../helpers/validation';
import { createRecord, getRecord, updateRecord } from '../../transport';
import { currentUserParticipant } from '../shared/currentUser';
import { PHONE_RECORDS, TIME_ENTRIES } from '../shared/resources';

const properties: INodeProperties[] = [
	recordIdField('phoneRecordId', 'Phone Record ID', 'ID of the phone record to bill'),
	{
		displayName: 'Time Entry',
		name: 'timeEntryMode',
		type: 'options',
		options: [
			{
				name: 'Create a Time Entry',
				value: 'create',
				description: "A new time entry on the phone record's matter for the call's duration",
			},
			{ name: 'Use an Existing Time Entry', value: 'existing' },
		],
		default: 'create',
	},
	{
		...recordIdField('timeEntryId', 'Time Entry ID', 'ID of the time entry to link the phone record to'),
		displayOptions: { show: { timeEntryMode: ['existing'] } },
	},
	{
		displayName: 'Time Entry Fields',
		name: 'timeEntryFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: { show: { timeEntryMode: ['create'] } },
		options: [
			{
				displayName: 'Actual Hours',
				name: 'actualHours',
				type: 'number',
				typeOptions: { minValue: 0, numberPrecision: 2 },
				default: 0,
				description: "Hours worked; defaults to the call's duration",
			},
			{
				displayName: 'Billable Hours',
				name: 'billableHours',
				type: 'number',
				typeOptions: { minValue: 0, numberPrecision: 2 },
				default: 0,
				description: 'Hours to bill; defaults to Actual Hours',
			},
			{
				displayName: 'Date',
				name: 'timestampDate',
				type: 'dateTime',
				default: '',
				description: 'Date of the time entry; defaults to the day of the call',
			},
			descriptionField('Defaults to a line built from the call: who, outcome and notes'),
			isBillableField,
			ownerField('defaults to the connected Actionstep user', 'e.g. 12'),
			{
				displayName: 'Round Up to 6 Minutes',
				name: 'roundToSixMinutes',
				type: 'boolean',
				default: false,
				description:
					'Whether to round the billable hours up to the next tenth of an hour (6 minutes, the usual legal billing unit); actual hours stay what the call took',
			},
		],
	},
	optionsCollection(),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['phoneRecord'], operation: ['linkTimeEntry'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const phoneRecordId = requireId(this.getNodeParameter('phoneRecordId', i), 'phoneRecordId');
	const mode = this.getNodeParameter('timeEntryMode', i) as 'create' | 'existing';
	if (mode === 'existing') {
		const timeEntryId = requireId(this.getNodeParameter('timeEntryId', i), 'timeEntryId');
		return toItems([
			await updateRecord.call(this, TIME_ENTRIES, timeEntryId, { links: { phoneRecord: phoneRecordId } }, i),
		]);
	}
	const options = this.getNodeParameter('timeEntryFields', i, {}) as IDataObject;
	// A bad field fails here, before the phone record and the current user are fetched.
	checkCallBillingOptions(options, this.getTimezone());
	const call = await getRecord.call(this, PHONE_RECORDS, phoneRecordId, i);
	const user = await currentUserParticipant.call(this, i);
	const body = buildCallTimeEntry(call, options, this.getTimezone(), user);
	return toItems([await createRecord.call(this, TIME_ENTRIES, body, i)]);
}
