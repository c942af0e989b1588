/**
 * Tasks (notes §8 events TaskCreated/TaskUpdated; field names as Actionstep's tasks resource has them: name,
 * status, priority, dueTimestamp, startedTimestamp, completedTimestamp, lastModifiedTimestamp, actualHours,
 * billableHours, description, assignedBy, expected duration; links action and assignee). Read-only over REST
 * here: tasks come from the seed and from the LawConnect booking simulation (sandbox/lawconnect.ts), which
 * builds them through `buildTask` so that the same rules hold.
 */
import { ApiError } from '../http';
import type { NewRecord } from '../types';
import type { ResourceDef, RuleContext } from './types';
import { blankRecord, merge, requireAttributes, round2, Violations } from './write';

/** [?] Actionstep's task status values are not in the notes; these two are the ones the simulation needs. */
export const TASK_STATUSES = ['Incomplete', 'Complete'] as const;
export const TASK_PRIORITIES = ['Low', 'Normal', 'High'] as const;

export const tasks: ResourceDef = {
	name: 'tasks',
	scope: 'tasks',
	operations: ['list', 'get'],
	fields: [
		{ name: 'name', type: 'string' },
		{ name: 'status', type: 'string', enum: TASK_STATUSES },
		{ name: 'priority', type: 'string', enum: TASK_PRIORITIES },
		{ name: 'dueTimestamp', type: 'timestamp' },
		{ name: 'startedTimestamp', type: 'timestamp' },
		{ name: 'completedTimestamp', type: 'timestamp' },
		{ name: 'lastModifiedTimestamp', type: 'timestamp' },
		{ name: 'actualHours', type: 'number' },
		{ name: 'billableHours', type: 'number' },
		{ name: 'description', type: 'string' },
		{ name: 'assignedBy', type: 'string' },
		{ name: 'expectedDurationValue', type: 'number', additional: true },
		{ name: 'expectedDurationUnits', type: 'string', additional: true },
	],
	links: [
		{ name: 'action', resource: 'actions' },
		{ name: 'assignee', resource: 'participants' },
	],
};

/**
 * A task record from attribute and link values (used by the seed and the LawConnect simulation, never by a
 * client): name, action and assignee required, the assignee must be a user's participant (tasks are work for
 * staff), status defaults to Incomplete and priority to Normal; hours are stored to 0.01.
 */
export function buildTask(values: Record<string, unknown>, links: { action: number; assignee: number }, ctx: RuleContext): NewRecord {
	const rec = merge(blankRecord(tasks), { attributes: values, links });
	const v = new Violations();
	requireAttributes(rec, ['name'], 'tasks', v);
	if (!ctx.store.has('actions', links.action)) v.add(`links.action refers to actions ${links.action}, which does not exist.`, '/tasks/links/action');
	if (!ctx.store.all('users').some((u) => u.links.participant === links.assignee)) {
		v.add(`links.assignee must be the participant id of an Actionstep user; participant ${links.assignee} is not a user.`, '/tasks/links/assignee');
	}
	v.throwIfAny();
	rec.status ??= 'Incomplete';
	rec.priority ??= 'Normal';
	for (const f of ['actualHours', 'billableHours']) if (typeof rec[f] === 'number') rec[f] = round2(rec[f] as number);
	if (!TASK_STATUSES.includes(rec.status as (typeof TASK_STATUSES)[number])) {
		throw ApiError.of(400, 'Validation error', `status must be one of ${TASK_STATUSES.join(', ')}.`);
	}
	return rec;
}
