/** Action (matter) types, read-only, so that `include=actionType` on actions works as in the DEMO app. */
import type { ResourceDef } from './types';

export const actionTypes: ResourceDef = {
	name: 'actiontypes',
	scope: 'actiontypes',
	operations: ['list', 'get'],
	fields: [
		{ name: 'name', type: 'string' },
		{ name: 'description', type: 'string' },
	],
	links: [],
};
