/**
 * The LawConnect booking simulation (seeds/lawconnect-actionstep-connector.txt): a client books an appointment
 * on LawConnect and the appointment is sent to Actionstep, where it "is automatically created as an Actionstep
 * Task for the selected Actionstep Matter", assigned to a fee earner; "after the appointment, a time entry is
 * listed automatically in the lawyer's Actionstep Timesheet". Here:
 *
 * - `book` creates the task (TaskCreated): on the matter, assigned to the fee earner (default the matter's
 *   assignedTo), due at the appointment time, with the booking's details in the description;
 * - `complete` marks it Complete with the hours spent (TaskUpdated) and, by default, adds the time entry to the
 *   fee earner's timesheet (TimeEntryCreated), built through the time-entry rules.
 *
 * Both go through the store like any change, so REST hooks fire for them (sandbox/delivery.ts).
 */
import { ApiError } from './http';
import { buildTask } from './resources/tasks';
import { timeEntries } from './resources/timeentries';
import type { RuleContext } from './resources/types';
import { round2 } from './resources/write';
import type { Store } from './store';
import { formatInstant, parseInstant, sydneyTimestamp } from './time';
import type { AppointmentCompletion, LawConnectBookingInput, LawConnectResult, NewRecord, StoredRecord, TaskData, TimeEntryData } from './types';

export interface LawConnectDeps {
	store: Store;
	ctx: () => RuleContext;
	/** Raises the event for a record that was just created or changed. */
	emit: (eventName: string, resource: 'tasks' | 'timeentries', record: StoredRecord) => void;
}

const BOOKER = 'LawConnect';
const TAG = /\[LawConnect booking ([^\]]+); (\d+) min; client: ([^\]]*)\]/;

function bad(detail: string, pointer: string): ApiError {
	return ApiError.of(400, 'Validation error', detail, { source: { pointer } });
}

function positiveInt(value: unknown, name: string, max: number): number {
	if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > max) {
		throw bad(`${name} must be a whole number from 1 to ${max}; got ${JSON.stringify(value)}.`, `/${name}`);
	}
	return value;
}

function optionalText(value: unknown, name: string): string | undefined {
	if (value === undefined || value === null) return undefined;
	if (typeof value !== 'string' || !value.trim() || value.length > 200) throw bad(`${name} must be a non-empty text of at most 200 characters.`, `/${name}`);
	return value.trim();
}

/** Checks the JSON body of POST /_sandbox/lawconnect/booking; unknown keys are refused like the REST API does. */
export function parseBooking(body: unknown): LawConnectBookingInput {
	if (!body || typeof body !== 'object' || Array.isArray(body)) throw bad('The body must be a JSON object.', '/');
	const b = body as Record<string, unknown>;
	const known = ['matterId', 'appointmentStart', 'durationMinutes', 'assigneeId', 'clientName', 'appointmentType', 'bookingReference', 'attended'];
	const unknown = Object.keys(b).filter((k) => !known.includes(k));
	if (unknown.length) throw bad(`Unknown member(s): ${unknown.join(', ')}; known: ${known.join(', ')}.`, `/${unknown[0]}`);
	if (typeof b.appointmentStart !== 'string') throw bad('appointmentStart is required: an ISO 8601 time such as 2026-03-10T10:00:00+11:00.', '/appointmentStart');
	const input: LawConnectBookingInput = { matterId: positiveInt(b.matterId, 'matterId', 1e12), appointmentStart: b.appointmentStart };
	if (b.durationMinutes !== undefined) input.durationMinutes = positiveInt(b.durationMinutes, 'durationMinutes', 24 * 60);
	if (b.assigneeId !== undefined) input.assigneeId = positiveInt(b.assigneeId, 'assigneeId', 1e12);
	input.clientName = optionalText(b.clientName, 'clientName');
	input.appointmentType = optionalText(b.appointmentType, 'appointmentType');
	input.bookingReference = optionalText(b.bookingReference, 'bookingReference');
	if (b.attended !== undefined) {
		if (typeof b.attended !== 'boolean') throw bad('attended must be true or false.', '/attended');
		input.attended = b.attended;
	}
	return input;
}

export function parseCompletion(body: unknown): AppointmentCompletion {
	if (body === undefined) return {};
	if (!body || typeof body !== 'object' || Array.isArray(body)) throw bad('The body must be a JSON object.', '/');
	const b = body as Record<string, unknown>;
	const unknown = Object.keys(b).filter((k) => !['actualMinutes', 'timeEntry'].includes(k));
	if (unknown.length) throw bad(`Unknown member(s): ${unknown.join(', ')}; known: actualMinutes, timeEntry.`, `/${unknown[0]}`);
	const out: AppointmentCompletion = {};
	if (b.actualMinutes !== undefined) out.actualMinutes = positiveInt(b.actualMinutes, 'actualMinutes', 24 * 60);
	if (b.timeEntry !== undefined) {
		if (typeof b.timeEntry !== 'boolean') throw bad('timeEntry must be true or false.', '/timeEntry');
		out.timeEntry = b.timeEntry;
	}
	return out;
}

function clientNameOf(store: Store, matter: StoredRecord): string {
	const primary = (matter.links.primaryParticipants as number[] | undefined) ?? [];
	const p = primary.length ? store.find('participants', primary[0]) : undefined;
	if (!p) return 'LawConnect client';
	return p.isCompany === 'T' ? String(p.companyName ?? p.displayName) : `${p.firstName ?? ''} ${p.lastName ?? ''}`.trim();
}

export function book(d: LawConnectDeps, input: LawConnectBookingInput): LawConnectResult {
	const matter = d.store.find('actions', input.matterId);
	if (!matter) throw bad(`matterId ${input.matterId} is not an Actionstep matter.`, '/matterId');
	if (matter.status === 'Closed') throw bad(`Matter ${input.matterId} is Closed; LawConnect links appointments to open matters.`, '/matterId');
	const start = parseInstant(input.appointmentStart);
	if (!start || start.dateOnly) throw bad(`appointmentStart must be an ISO 8601 date and time; got ${JSON.stringify(input.appointmentStart)}.`, '/appointmentStart');
	const offset = start.offsetMinutes ?? 0;
	const duration = input.durationMinutes ?? 60;
	const assignee = input.assigneeId ?? (matter.links.assignedTo) ?? 101;
	const client = input.clientName ?? clientNameOf(d.store, matter);
	const kind = input.appointmentType ?? 'Initial consultation';
	const ctx = d.ctx();
	// The reference needs the task id, which the store hands out on insert: insert, then name it.
	const rec = buildTask(
		{
			name: `LawConnect appointment: ${kind} with ${client}`,
			status: 'Incomplete',
			priority: 'Normal',
			dueTimestamp: formatInstant(start.ms, offset),
			lastModifiedTimestamp: sydneyTimestamp(ctx.now),
			assignedBy: BOOKER,
			expectedDurationValue: duration,
			expectedDurationUnits: 'minutes',
			description: '',
		},
		{ action: matter.id, assignee },
		ctx,
	);
	const draft = d.store.insert('tasks', rec);
	const reference = input.bookingReference ?? `LC-${draft.id}`;
	const task = {
		...draft,
		description: `${kind} booked on LawConnect for ${formatInstant(start.ms, offset)}. [LawConnect booking ${reference}; ${duration} min; client: ${client}]`,
	};
	d.store.replace('tasks', task);
	d.emit('TaskCreated', 'tasks', task);
	if (input.attended) return complete(d, task.id, {});
	return { task: structuredClone(task) as TaskData };
}

export function complete(d: LawConnectDeps, taskId: number, options: AppointmentCompletion): LawConnectResult {
	const existing = d.store.find('tasks', taskId);
	if (!existing) throw ApiError.of(404, 'Not Found', `No tasks with id ${taskId}.`);
	const tag = TAG.exec(String(existing.description ?? ''));
	if (!tag) throw bad(`Task ${taskId} did not come from a LawConnect booking.`, '/taskId');
	if (existing.status === 'Complete') throw bad(`The appointment of task ${taskId} is already complete.`, '/taskId');
	const [, reference, bookedMinutes, client] = tag;
	const minutes = options.actualMinutes ?? Number(bookedMinutes);
	const hours = round2(minutes / 60);
	const ctx = d.ctx();
	const task: StoredRecord = {
		...existing,
		status: 'Complete',
		startedTimestamp: existing.dueTimestamp,
		completedTimestamp: sydneyTimestamp(ctx.now),
		lastModifiedTimestamp: sydneyTimestamp(ctx.now),
		actualHours: hours,
		billableHours: hours,
	};
	d.store.replace('tasks', task);
	d.emit('TaskUpdated', 'tasks', task);
	const result: LawConnectResult = { task: structuredClone(task) as TaskData };
	if (options.timeEntry === false) return result;

	// The timesheet entry is dated on the appointment's local day, at midnight in its offset (as seeded entries are).
	const due = parseInstant(String(task.dueTimestamp)) ?? { ms: ctx.now, offsetMinutes: 0, dateOnly: false };
	const offset = due.offsetMinutes ?? 0;
	const day = formatInstant(due.ms, offset).slice(0, 10);
	const entry = timeEntries.create?.(
		{
			attributes: {
				timestampDate: `${day}T00:00:00${formatInstant(due.ms, offset).slice(19)}`,
				actualHours: hours,
				description: `LawConnect appointment with ${client} (${reference})`,
				isBillable: 'T',
			},
			links: { action: task.links.action, owner: task.links.assignee, createdBy: task.links.assignee, phoneRecord: null },
		},
		ctx,
	) as NewRecord;
	const stored = d.store.insert('timeentries', entry);
	d.emit('TimeEntryCreated', 'timeentries', stored);
	result.timeEntry = structuredClone(stored) as TimeEntryData;
	return result;
}
