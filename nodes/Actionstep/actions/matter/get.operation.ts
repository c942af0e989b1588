import { getOperation } from '../recordOperations';
import { matterIdField, matterSpec } from './spec';

export const { description, execute } = getOperation(matterSpec, matterIdField);
