import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { matterLocator } from '../../descriptions/rlc';
import type { Query } from '../../helpers/interfaces';
import { FieldError } from '../../helpers/interfaces';
import { atInstantFilter, optionalUtcFilter } from '../../helpers/time';
import { timestampDateValue } from '../../helpers/timeEntry';
import { isGiven, optionalId, optionalText, requireId, requireText } from '../../helpers/validation';
import type { ResourceSpec } from '../spec';

/** Tasks on a matter (`tasks.yml`; LawConnect bookings arrive as these): fields, body and query rules, once. */

export const taskSpec: ResourceSpec = {
	resource: 'task',
	displayName: 'Task',
	collection: 'tasks',
	idParameter: 'taskId',
	// Same matter, assignee, name and due time.
	createdRecordQuery: (body) => {
		const links = (body.links ?? {}) as IDataObject;
		const due = atInstantFilter('dueTimestamp', body.dueTimestamp);
		return due && { ...due, action: links.action as number, assignee: links.assignee as number };
	},
};

export const TASK_STATUSES = ['Incomplete', 'Complete', 'Hidden', 'Deleted'] as const;
export const TASK_PRIORITIES = ['Low', 'Normal', 'High'] as const;

export const taskIdField: INodeProperties = {
	displayName: 'Task ID',
	name: 'taskId',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'e.g. 8002',
};

/** Every writable task field, named as Actionstep names it. */
const FIELDS: Record<string, INodeProperties> = {
	matter: matterLocator({ description: 'The matter the task is on' }),
	name: { displayName: 'Name', name: 'name', type: 'string', default: '', placeholder: 'e.g. Call back Michael Smith' },
	assignee: {
		displayName: 'Assignee',
		name: 'assignee',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		description: 'The staff member who does the task (a user\'s participant)',
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				placeholder: 'Select a staff member...',
				typeOptions: { searchListMethod: 'searchStaff', searchable: true },
			},
			{
				displayName: 'By Participant ID',
				name: 'id',
				type: 'string',
				placeholder: 'e.g. 101',
				validation: [{ type: 'regex', properties: { regex: '^\\s*\\d+\\s*$', errorMessage: 'Not a valid Actionstep ID (digits only)' } }],
			},
		],
	},
	dueTimestamp: {
		displayName: 'Due',
		name: 'dueTimestamp',
		type: 'dateTime',
		default: '',
		description: "When the task is due; a time without an offset is read in the workflow's time zone",
	},
	description: { displayName: 'Description', name: 'description', type: 'string', typeOptions: { rows: 3 }, default: '' },
	priority: {
		displayName: 'Priority',
		name: 'priority',
		type: 'options',
		options: TASK_PRIORITIES.map((p) => ({ name: p, value: p })),
		default: 'Normal',
	},
	status: {
		displayName: 'Status',
		name: 'status',
		type: 'options',
		options: TASK_STATUSES.map((s) => ({ name: s, value: s })),
		default: 'Incomplete',
	},
};

export function taskField(name: 'matter' | 'name' | 'assignee' | 'dueTimestamp'): INodeProperties {
	return { ...FIELDS[name], required: true };
}

export function taskFieldOptions(names: string[]): INodeProperties[] {
	return names.map((name) => FIELDS[name]).sort((a, b) => a.displayName.localeCompare(b.displayName));
}

function oneOf<T extends string>(value: unknown, field: string, allowed: readonly T[]): T | undefined {
	if (!isGiven(value)) return undefined;
	if (typeof value !== 'string' || !allowed.includes(value as T)) {
		throw new FieldError(field, `must be one of ${allowed.join(', ')}`);
	}
	return value as T;
}

/** Node input → task body; only given fields appear (pure). */
export function taskFields(input: IDataObject, timeZone: string): IDataObject {
	const body: IDataObject = {};
	const links: IDataObject = {};
	const name = optionalText(input.name, 'name', { max: 255 });
	if (name !== undefined) body.name = name;
	if (isGiven(input.dueTimestamp)) body.dueTimestamp = timestampDateValue(input.dueTimestamp, timeZone, 'dueTimestamp');
	const description = optionalText(input.description, 'description', { max: 4000, multiline: true });
	if (description !== undefined) body.description = description;
	const priority = oneOf(input.priority, 'priority', TASK_PRIORITIES);
	if (priority !== undefined) body.priority = priority;
	const status = oneOf(input.status, 'status', TASK_STATUSES);
	if (status !== undefined) body.status = status;
	const matter = optionalId(input.matter, 'matter');
	if (matter !== undefined) links.action = matter;
	const assignee = optionalId(input.assignee, 'assignee');
	if (assignee !== undefined) links.assignee = assignee;
	if (Object.keys(links).length) body.links = links;
	return body;
}

/** A create body: matter, name, assignee and due time required; status Incomplete unless given. */
export function taskCreateBody(input: IDataObject, timeZone: string): IDataObject {
	requireId(input.matter, 'matter');
	requireText(input.name, 'name');
	requireId(input.assignee, 'assignee');
	if (!isGiven(input.dueTimestamp)) throw new FieldError('dueTimestamp', 'is required');
	return { status: 'Incomplete', ...taskFields(input, timeZone) };
}

export const taskFilters: INodeProperties[] = [
	{ displayName: 'Assignee ID', name: 'assigneeId', type: 'string', default: '', placeholder: 'e.g. 101', description: "Participant ID of the staff member" },
	{ displayName: 'Due From', name: 'dueFrom', type: 'dateTime', default: '' },
	{ displayName: 'Due To', name: 'dueTo', type: 'dateTime', default: '' },
	{ displayName: 'Matter ID', name: 'matterId', type: 'string', default: '', placeholder: 'e.g. 2001' },
	{ ...FIELDS.status, description: 'Only tasks with this status' },
];

export function planTaskQuery(filters: IDataObject, timeZone: string): Query {
	const query: Query = {};
	const matter = optionalId(filters.matterId, 'matterId');
	if (matter !== undefined) query.action = matter;
	const assignee = optionalId(filters.assigneeId, 'assigneeId');
	if (assignee !== undefined) query.assignee = assignee;
	const status = oneOf(filters.status, 'status', TASK_STATUSES);
	if (status !== undefined) query.status = status;
	const from = optionalUtcFilter(filters.dueFrom, 'dueFrom', timeZone);
	const to = optionalUtcFilter(filters.dueTo, 'dueTo', timeZone);
	if (from !== undefined && to !== undefined && from > to) throw new FieldError('dueTo', 'is before dueFrom');
	if (from !== undefined) query.dueTimestamp_gteq = from;
	if (to !== undefined) query.dueTimestamp_lteq = to;
	return query;
}
