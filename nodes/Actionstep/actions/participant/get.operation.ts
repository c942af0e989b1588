import { getOperation } from '../recordOperations';
import { participantIdField, participantSpec } from './spec';

export const { description, execute } = getOperation(participantSpec, participantIdField);
