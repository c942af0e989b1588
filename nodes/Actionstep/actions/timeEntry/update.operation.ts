import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { optionsCollection, recordIdField } from '../../descriptions/common';
import { FieldError } from '../../helpers/interfaces';
import { toItems } from '../../helpers/output';
import { timeEntryFields } from '../../helpers/timeEntry';
import { requireId } from '../../helpers/validation';
import { updateRecord } from '../../transport';
import { unwrapLocator } from '../common';
import { TIME_ENTRIES } from '../shared/resources';
import { timeEntryFieldOptions } from './fields';

const properties: INodeProperties[] = [
	recordIdField('timeEntryId', 'Time Entry ID', 'ID of the time entry to update'),
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: timeEntryFieldOptions([
			'timestampDate',
			'actualHours',
			'billableHours',
			'description',
			'isBillable',
			'owner',
			'matter',
			'phoneRecord',
		]),
	},
	optionsCollection(),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['timeEntry'], operation: ['update'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const id = requireId(this.getNodeParameter('timeEntryId', i), 'timeEntryId');
	const fields = this.getNodeParameter('updateFields', i, {}) as IDataObject;
	const input = Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, unwrapLocator(v)]));
	const body = timeEntryFields(input, this.getTimezone());
	if (Object.keys(body).length === 0) throw new FieldError('updateFields', 'is empty: add at least one field to update');
	return toItems([await updateRecord.call(this, TIME_ENTRIES, id, body, i)]);
}
