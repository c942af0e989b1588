import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { getRecord } from '../../transport';
import { updateOperation } from '../recordOperations';
import {
	checkPhone1Parts,
	participantFieldOptions,
	participantFields,
	participantIdField,
	participantSpec,
	PHONE1_PARTS,
	phone1PartsUnset,
} from './spec';

/** One read, only for a number without every part: never write a number that would read as another. */
async function keepPhone1Whole(this: IExecuteFunctions, id: number, body: IDataObject, i: number): Promise<void> {
	if (!phone1PartsUnset(body)) return;
	checkPhone1Parts(body, await getRecord.call(this, participantSpec.collection, id, i, { fields: PHONE1_PARTS.join(',') }));
}

export const { description, execute } = updateOperation(
	participantSpec,
	participantIdField,
	participantFieldOptions([
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
	participantFields,
	keepPhone1Whole,
);
