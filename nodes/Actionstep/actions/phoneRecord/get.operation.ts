import { recordIdField } from '../../descriptions/common';
import { getOperation } from '../recordOperations';
import { phoneRecordSpec } from './spec';

export const { description, execute } = getOperation(phoneRecordSpec, recordIdField('phoneRecordId', 'Phone Record ID', 'ID of the phone record to get'));
