import { getManyOperation, queryList } from '../recordOperations';
import { fileNoteFilters, fileNoteSpec, planFileNoteQuery } from './spec';

export const { description, execute } = getManyOperation(fileNoteSpec, {
	filters: fileNoteFilters,
	list: queryList(fileNoteSpec, planFileNoteQuery),
});
