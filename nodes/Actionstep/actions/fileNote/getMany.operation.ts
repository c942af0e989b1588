import { getManyOperation } from '../recordOperations';
import { fileNoteFilters, fileNoteSpec, planFileNoteQuery } from './spec';

export const { description, execute } = getManyOperation(fileNoteSpec, fileNoteFilters, planFileNoteQuery);
