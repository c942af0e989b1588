import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { optionsCollection } from '../../descriptions/common';
import { toItems } from '../../helpers/output';
import { createRecord } from '../../transport';
import { participantCreateBody, participantField, participantFieldOptions, participantSpec } from './spec';

const properties: INodeProperties[] = [
	participantField('isCompany'),
	participantField('firstName'),
	participantField('lastName'),
	participantField('companyName'),
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: participantFieldOptions(['email', 'importExternalReference', 'middleName', 'phoneLabel', 'phoneNumber', 'sms']),
	},
	optionsCollection(),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['participant'], operation: ['create'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const isCompany = this.getNodeParameter('isCompany', i, false) as boolean;
	const input: IDataObject = {
		...(this.getNodeParameter('additionalFields', i, {}) as IDataObject),
		isCompany,
		...(isCompany
			? { companyName: this.getNodeParameter('companyName', i, '') }
			: { firstName: this.getNodeParameter('firstName', i, ''), lastName: this.getNodeParameter('lastName', i, '') }),
	};
	return toItems([await createRecord.call(this, participantSpec.collection, participantCreateBody(input), i)]);
}
