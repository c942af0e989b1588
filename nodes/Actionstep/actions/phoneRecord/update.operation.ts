import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { optionsCollection, recordIdField } from '../../descriptions/common';
import { toItems } from '../../helpers/output';
import { buildPhoneRecordUpdate } from '../../helpers/phoneRecord';
import { requireId } from '../../helpers/validation';
import { updateRecord } from '../../transport';
import { unwrapLocator } from '../common';
import { PHONE_RECORDS, phoneRecordFieldOptions } from './fields';

const properties: INodeProperties[] = [
	recordIdField('phoneRecordId', 'Phone Record ID', 'ID of the phone record to update'),
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: phoneRecordFieldOptions([
			'direction',
			'callTimestamp',
			'outcome',
			'fromParticipant',
			'fromParticipantOther',
			'toParticipant',
			'toParticipantOther',
			'matter',
			'phoneNumber',
			'phoneNumberType',
			'actualHours',
			'notes',
		]),
	},
	optionsCollection(),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['phoneRecord'], operation: ['update'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const id = requireId(this.getNodeParameter('phoneRecordId', i), 'phoneRecordId');
	const fields = this.getNodeParameter('updateFields', i, {}) as IDataObject;
	const input: IDataObject = {};
	for (const [key, value] of Object.entries(fields)) input[key] = unwrapLocator(value) as IDataObject[string];
	const body = buildPhoneRecordUpdate(input, this.getTimezone());
	return toItems([await updateRecord.call(this, PHONE_RECORDS, id, body, i)]);
}
