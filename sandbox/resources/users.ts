/**
 * Users, read-only. `users/current` answers the user the access token belongs to, with `links.participant`
 * (the id time entries need as owner/createdBy; notes §6, DEMO GetCurrentUser).
 */
import type { ResourceDef } from './types';

export const users: ResourceDef = {
	name: 'users',
	scope: 'users',
	operations: ['list', 'get'],
	fields: [
		{ name: 'email', type: 'string' },
		{ name: 'firstName', type: 'string' },
		{ name: 'lastName', type: 'string' },
		{ name: 'userName', type: 'string' },
		{ name: 'isActive', type: 'tf' },
		{ name: 'timezone', type: 'string' },
		{ name: 'hourlyRate', type: 'number', additional: true },
	],
	links: [{ name: 'participant', resource: 'participants' }],
	special: {
		current: (ctx) => ctx.store.find('users', ctx.userId),
	},
};
