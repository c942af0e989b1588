/** Resource → operation names, exactly as saved workflows store them (see node-contract.md). */
export type ActionstepType = {
	fileNote: 'create' | 'getMany';
	matter: 'get' | 'getMany' | 'getParticipants';
	participant: 'create' | 'get' | 'getMany' | 'update';
	phoneRecord: 'create' | 'get' | 'getMany' | 'update' | 'delete' | 'linkTimeEntry' | 'logCall' | 'unlinkTimeEntry';
	task: 'complete' | 'create' | 'get' | 'getMany' | 'update';
	timeEntry: 'create' | 'get' | 'getMany' | 'update' | 'delete';
};
