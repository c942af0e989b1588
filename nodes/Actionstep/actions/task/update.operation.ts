import { updateOperation } from '../recordOperations';
import { taskFieldOptions, taskFields, taskIdField, taskSpec } from './spec';

export const { description, execute } = updateOperation(
	taskSpec,
	{ ...taskIdField, description: 'ID of the task to update' },
	taskFieldOptions(['assignee', 'description', 'dueTimestamp', 'matter', 'name', 'priority', 'status']),
	taskFields,
);
