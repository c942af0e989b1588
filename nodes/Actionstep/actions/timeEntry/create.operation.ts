import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { optionsCollection } from '../../descriptions/common';

import { toItems } from '../../helpers/output';
import { buildTimeEntryCreate } from '../../helpers/timeEntry';
import { createRecord } from '../../transport';
import { unwrapLocator } from '../common';
import { currentUserParticipant } from '../shared/currentUser';
import { TIME_ENTRIES } from '../shared/resources';
import { requiredTimeEntryField, timeEntryFieldOptions } from './fields';

const properties: INodeProperties[] = [
	requiredTimeEntryField('timestampDate'),
	requiredTimeEntryField('actualHours'),
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: timeEntryFieldOptions(['billableHours', 'description', 'isBillable', 'owner', 'matter', 'phoneRecord']),
	},
	optionsCollection(),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['timeEntry'], operation: ['create'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const additional = this.getNodeParameter('additionalFields', i, {}) as IDataObject;
	const input = {
		...Object.fromEntries(Object.entries(additional).map(([k, v]) => [k, unwrapLocator(v)])),
		timestampDate: this.getNodeParameter('timestampDate', i),
		actualHours: this.getNodeParameter('actualHours', i),
	};
	// Validate what the user gave before asking Actionstep who they are.
	buildTimeEntryCreate(input, this.getTimezone(), 1);
	const user = await currentUserParticipant.call(this, i);
	const body = buildTimeEntryCreate(input, this.getTimezone(), user);
	return toItems([await createRecord.call(this, TIME_ENTRIES, body, i)]);
}
