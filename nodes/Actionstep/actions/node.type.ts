/** Resource → operation names, exactly as saved workflows store them (see node-contract.md). */
export type ActionstepType = {
	phoneRecord: 'create' | 'get' | 'getMany' | 'update' | 'delete' | 'linkTimeEntry' | 'logCall' | 'unlinkTimeEntry';
	timeEntry: 'create' | 'get' | 'getMany' | 'update' | 'delete';
};
