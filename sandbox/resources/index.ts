/** The resource registry: path segment → definition. */
import type { ResourceName } from '../types';
import { actionParticipants } from './actionparticipants';
import { actions } from './actions';
import { actionTypes } from './actiontypes';
import { fileNotes } from './filenotes';
import { participants } from './participants';
import { participantTypes } from './participanttypes';
import { phoneRecords } from './phonerecords';
import { restHooks } from './resthooks';
import { tasks } from './tasks';
import { timeEntries } from './timeentries';
import type { ResourceDef } from './types';
import { users } from './users';

/** One definition per collection of RecordMap (sandbox/types.ts): the compiler rejects a missing or extra one. */
export const RESOURCES: { [R in ResourceName]: ResourceDef } = {
	phonerecords: phoneRecords,
	timeentries: timeEntries,
	participants,
	actions,
	actiontypes: actionTypes,
	users,
	resthooks: restHooks,
	tasks,
	actionparticipants: actionParticipants,
	participanttypes: participantTypes,
	filenotes: fileNotes,
};

/** Every collection's name, in the registry's order. */
export const RESOURCE_NAMES = Object.keys(RESOURCES) as ResourceName[];

export function resourceDef(name: string): ResourceDef | undefined {
	return Object.prototype.hasOwnProperty.call(RESOURCES, name) ? RESOURCES[name as ResourceName] : undefined;
}
