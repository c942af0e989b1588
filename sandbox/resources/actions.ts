/**
 * Actions, i.e. matters (notes §7, OAS actions): read-only here, since matters are created through the
 * separate /actioncreate resource, which the node does not use. Note the real quirk kept in the seed:
 * createdTimestamp is a plain date while modifiedTimestamp carries an offset (DBC sample).
 */
import type { ResourceDef } from './types';

export const actions: ResourceDef = {
	name: 'actions',
	scope: 'actions',
	operations: ['list', 'get'],
	fields: [
		{ name: 'name', type: 'string' },
		{ name: 'reference', type: 'string' },
		{ name: 'priority', type: 'number' },
		{ name: 'status', type: 'string', enum: ['Active', 'Inactive', 'Template', 'Closed'] },
		{ name: 'statusTimestamp', type: 'timestamp' },
		{ name: 'isBillableOverride', type: 'tf' },
		{ name: 'createdTimestamp', type: 'date' },
		{ name: 'modifiedTimestamp', type: 'timestamp' },
		{ name: 'isDeleted', type: 'tf' },
		{ name: 'isFavorite', type: 'tf' },
	],
	links: [
		{ name: 'assignedTo', resource: 'participants' },
		{ name: 'actionType', resource: 'actiontypes' },
		{ name: 'primaryParticipants', resource: 'participants', many: true },
	],
};
