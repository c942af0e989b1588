import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { optionsCollection } from '../../descriptions/common';
import { toItems } from '../../helpers/output';
import { requireId } from '../../helpers/validation';
import { getRecord, updateRecord } from '../../transport';
import { locatorValue } from '../common';
import { nonEmptyUpdate } from '../recordOperations';
import { checkPhone1Parts, participantFieldOptions, participantFields, participantIdField, participantSpec, PHONE1_PARTS, phone1PartsUnset } from './spec';

const properties: INodeProperties[] = [
	participantIdField,
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: participantFieldOptions([
			'companyName',
			'email',
			'firstName',
			'importExternalReference',
			'isCompany',
			'lastName',
			'middleName',
			'phoneLabel',
			'phoneNumber',
			'sms',
		]),
	},
	optionsCollection(),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['participant'], operation: ['update'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const id = requireId(locatorValue.call(this, 'participantId', i), 'participantId');
	const body = nonEmptyUpdate(participantFields(this.getNodeParameter('updateFields', i, {}) as IDataObject));
	if (phone1PartsUnset(body)) {
		// One read, only for a number without every part: never write a number that would read as another.
		checkPhone1Parts(body, await getRecord.call(this, participantSpec.collection, id, i, { fields: PHONE1_PARTS.join(',') }));
	}
	return toItems([await updateRecord.call(this, participantSpec.collection, id, body, i)]);
}
