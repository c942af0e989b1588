import { updateOperation } from '../recordOperations';
import { participantFieldOptions, participantFields, participantIdField, participantSpec } from './spec';

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
);
