/**
 * Tasks (OAS tasks; notes §8 events TaskCreated/TaskUpdated). GET, POST, PUT (partial) and DELETE. Create needs
 * name, dueTimestamp, links.action and links.assignee (OAS CreateTask; status is required there too, the sandbox
 * defaults it to Incomplete [I]); the assignee must be a user's participant (tasks are work for staff).
 * lastModifiedTimestamp is the server's; a task set to Complete without a completedTimestamp gets now [I].
 * The seed and the LawConnect booking simulation (sandbox/lawconnect.ts) build tasks through `buildTask`,
 * so the same rules hold for every task.
 */
import { sydneyTimestamp } from '../time';
import type { NewRecord, StoredRecord } from '../types';
import type { ResourceDef, RuleContext } from './types';
import { blankRecord, isBlank, merge, requireAttributes, round2, Violations } from './write';

export const TASK_STATUSES = ['Incomplete', 'Complete', 'Hidden', 'Deleted'] as const;
export const TASK_PRIORITIES = ['Low', 'Normal', 'High'] as const;

/** The rules every stored task satisfies, whoever wrote it. */
function finish(rec: NewRecord, ctx: RuleContext, required: string[]): NewRecord {
	const v = new Violations();
	requireAttributes(rec, required, 'tasks', v);
	for (const link of ['action', 'assignee']) {
		if (rec.links[link] === null || rec.links[link] === undefined) v.add(`links.${link} is required.`, `/tasks/links/${link}`);
	}
	if (rec.links.action !== null && rec.links.action !== undefined && !ctx.store.has('actions', rec.links.action as number)) {
		v.add(`links.action refers to actions ${String(rec.links.action)}, which does not exist.`, '/tasks/links/action');
	}
	const assignee = rec.links.assignee;
	if (assignee !== null && assignee !== undefined && !ctx.store.all('users').some((u) => u.links.participant === assignee)) {
		v.add(`links.assignee must be the participant id of an Actionstep user; participant ${String(assignee)} is not a user.`, '/tasks/links/assignee');
	}
	if (!isBlank(rec.status) && !TASK_STATUSES.includes(rec.status as (typeof TASK_STATUSES)[number])) {
		v.add(`status must be one of ${TASK_STATUSES.join(', ')}.`, '/tasks/status');
	}
	v.throwIfAny();
	if (isBlank(rec.status)) rec.status = 'Incomplete';
	if (isBlank(rec.priority)) rec.priority = 'Normal';
	if (rec.status === 'Complete' && isBlank(rec.completedTimestamp)) rec.completedTimestamp = sydneyTimestamp(ctx.now);
	for (const f of ['actualHours', 'billableHours']) if (typeof rec[f] === 'number') rec[f] = round2(rec[f]);
	return rec;
}

export const tasks: ResourceDef = {
	name: 'tasks',
	scope: 'tasks',
	operations: ['list', 'get', 'create', 'update', 'delete'],
	fields: [
		{ name: 'name', type: 'string' },
		{ name: 'status', type: 'string', enum: TASK_STATUSES },
		{ name: 'priority', type: 'string', enum: TASK_PRIORITIES },
		{ name: 'dueTimestamp', type: 'timestamp' },
		{ name: 'startedTimestamp', type: 'timestamp' },
		{ name: 'completedTimestamp', type: 'timestamp' },
		{ name: 'lastModifiedTimestamp', type: 'timestamp', readOnly: true },
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
	create(input, ctx) {
		const rec = finish(merge(blankRecord(this), input), ctx, ['name', 'dueTimestamp']);
		rec.lastModifiedTimestamp = sydneyTimestamp(ctx.now);
		return rec;
	},
	update(existing, input, ctx) {
		const rec = finish(merge(existing, input), ctx, ['name', 'dueTimestamp']);
		rec.lastModifiedTimestamp = sydneyTimestamp(ctx.now);
		return rec as StoredRecord;
	},
};

/**
 * A task record from attribute and link values (the seed and the LawConnect simulation): the same rules as a
 * REST create, except that the simulation may leave the due time empty.
 */
export function buildTask(values: Record<string, unknown>, links: { action: number; assignee: number }, ctx: RuleContext): NewRecord {
	return finish(merge(blankRecord(tasks), { attributes: values, links }), ctx, ['name']);
}
