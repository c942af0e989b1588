/**
 * Participant types: the roles a participant plays on a matter (Client, Other Side, ...), read-only, so that
 * `actionparticipants?include=participantType` names the role. Actionstep has this resource but publishes no
 * YAML for it (notes §10); the sandbox serves only `name` and `description` [I].
 */
import type { ResourceDef } from './types';

export const participantTypes: ResourceDef = {
	name: 'participanttypes',
	scope: 'participanttypes',
	operations: ['list', 'get'],
	fields: [
		{ name: 'name', type: 'string' },
		{ name: 'description', type: 'string' },
	],
	links: [],
};
