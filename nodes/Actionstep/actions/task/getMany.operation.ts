import { getManyOperation } from '../recordOperations';
import { planTaskQuery, taskFilters, taskSpec } from './spec';

export const { description, execute } = getManyOperation(taskSpec, taskFilters, planTaskQuery);
