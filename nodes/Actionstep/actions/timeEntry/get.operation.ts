import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { optionsCollection, recordIdField } from '../../descriptions/common';
import { toItems } from '../../helpers/output';
import { requireId } from '../../helpers/validation';
import { getRecord } from '../../transport';
import { TIME_ENTRIES } from '../shared/resources';

const properties: INodeProperties[] = [
	recordIdField('timeEntryId', 'Time Entry ID', 'ID of the time entry to get'),
	optionsCollection(),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['timeEntry'], operation: ['get'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const id = requireId(this.getNodeParameter('timeEntryId', i), 'timeEntryId');
	return toItems([await getRecord.call(this, TIME_ENTRIES, id, i)]);
}
