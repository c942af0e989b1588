import { recordIdField } from '../../descriptions/common';
import { buildPhoneRecordUpdate } from '../../helpers/phoneRecord';
import { updateOperation } from '../recordOperations';
import { phoneRecordFieldOptions } from './fields';
import { phoneRecordSpec } from './spec';

export const { description, execute } = updateOperation(
	phoneRecordSpec,
	recordIdField('phoneRecordId', 'Phone Record ID', 'ID of the phone record to update'),
	phoneRecordFieldOptions([
		'direction',
		'callTimestamp',
		'outcome',
		'fromParticipant',
		'fromParticipantOther',
		'toParticipant',
		'toParticipantOther',
		'matter',
		'phoneNumber',
		'phoneNumberType',
		'actualHours',
		'notes',
	]),
	buildPhoneRecordUpdate,
);
