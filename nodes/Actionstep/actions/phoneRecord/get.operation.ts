import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { optionsCollection, recordIdField } from '../../descriptions/common';
import { toItems } from '../../helpers/output';
import { requireId } from '../../helpers/validation';
import { getRecord } from '../../transport';
import { PHONE_RECORDS } from './fields';

const properties: INodeProperties[] = [
	recordIdField('phoneRecordId', 'Phone Record ID', 'ID of the phone record to get'),
	optionsCollection(),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['phoneRecord'], operation: ['get'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const id = requireId(this.getNodeParameter('phoneRecordId', i), 'phoneRecordId');
	return toItems([await getRecord.call(this, PHONE_RECORDS, id, i)]);
}
