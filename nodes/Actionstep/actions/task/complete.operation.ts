import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { optionsCollection } from '../../descriptions/common';
import { toItems } from '../../helpers/output';
import { instantInZone } from '../../helpers/time';
import { requireId } from '../../helpers/validation';
import { updateRecord } from '../../transport';
import { taskIdField, taskSpec } from './spec';

const properties: INodeProperties[] = [{ ...taskIdField, description: 'ID of the task to mark complete' }, optionsCollection()];

export const description = updateDisplayOptions({ show: { resource: ['task'], operation: ['complete'] } }, properties);

export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const id = requireId(this.getNodeParameter('taskId', i), 'taskId');
	// Completed now, in the workflow's time zone (Actionstep keeps the offset it is given).
	const body = { status: 'Complete', completedTimestamp: instantInZone(Date.now(), this.getTimezone()) };
	return toItems([await updateRecord.call(this, taskSpec.collection, id, body, i)]);
}
