import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { optionsCollection, recordIdField } from '../../descriptions/common';
import { requireId } from '../../helpers/validation';
import { deleteRecord } from '../../transport';
import { TIME_ENTRIES } from '../shared/resources';

const properties: INodeProperties[] = [
	recordIdField('timeEntryId', 'Time Entry ID', 'ID of the time entry to delete'),
	optionsCollection(),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['timeEntry'], operation: ['delete'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const id = requireId(this.getNodeParameter('timeEntryId', i), 'timeEntryId');
	await deleteRecord.call(this, TIME_ENTRIES, id, i);
	return [{ json: { deleted: true, id } }];
}
