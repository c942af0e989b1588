import { recordIdField } from '../../descriptions/common';
import { timeEntryFields } from '../../helpers/timeEntry';
import { updateOperation } from '../recordOperations';
import { timeEntryFieldOptions } from './fields';
import { timeEntrySpec } from './spec';

export const { description, execute } = updateOperation(
	timeEntrySpec,
	recordIdField('timeEntryId', 'Time Entry ID', 'ID of the time entry to update'),
	timeEntryFieldOptions(['timestampDate', 'actualHours', 'billableHours', 'description', 'isBillable', 'owner', 'matter', 'phoneRecord']),
	timeEntryFields,
);
