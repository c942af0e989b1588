import { getOperation } from '../recordOperations';
import { taskIdField, taskSpec } from './spec';

export const { description, execute } = getOperation(taskSpec, { ...taskIdField, description: 'ID of the task to get' });
