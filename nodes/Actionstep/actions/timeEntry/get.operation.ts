import { recordIdField } from '../../descriptions/common';
import { getOperation } from '../recordOperations';
import { timeEntrySpec } from './spec';

export const { description, execute } = getOperation(timeEntrySpec, recordIdField('timeEntryId', 'Time Entry ID', 'ID of the time entry to get'));
