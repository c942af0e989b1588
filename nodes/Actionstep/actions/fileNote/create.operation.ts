import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { optionsCollection } from '../../descriptions/common';
import { toItems } from '../../helpers/output';
import { createRecord } from '../../transport';
import { locatorValue } from '../common';
import { fileNoteCreateBody, fileNoteFields, fileNoteSpec } from './spec';

export const description = updateDisplayOptions({ show: { resource: ['fileNote'], operation: ['create'] } }, [
	...fileNoteFields,
	optionsCollection(),
]);

export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const input = {
		matter: locatorValue.call(this, 'matter', i) as string,
		text: this.getNodeParameter('text', i, '') as string,
		noteTimestamp: this.getNodeParameter('noteTimestamp', i, '') as string,
	};
	const body = fileNoteCreateBody(input, this.getTimezone(), Date.now());
	return toItems([await createRecord.call(this, fileNoteSpec.collection, body, i)]);
}
