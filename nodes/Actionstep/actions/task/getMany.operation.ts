import { getManyOperation, queryList } from '../recordOperations';
import { planTaskQuery, taskFilters, taskSpec } from './spec';

export const { description, execute } = getManyOperation(taskSpec, { filters: taskFilters, list: queryList(taskSpec, planTaskQuery) });
