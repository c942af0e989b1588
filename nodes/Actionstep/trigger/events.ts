/**
 * Actionstep's REST-hook events (notes §8, DOC-HOOK), spelt exactly as Actionstep names them: these strings
 * are both the `events` parameter's saved values and the `eventName` sent to `POST resthooks`. There is no
 * phone-record event; new phone records come from the polling trigger.
 */
export interface ActionstepEvent {
	name: string;
	value: string;
	description: string;
	/** The REST resource whose record the event carries (for the full-record fetch and old-format payloads). */
	resource: string;
	/** The record is gone (a delete event): there is nothing to fetch. */
	deleted?: boolean;
}

export const ACTIONSTEP_EVENTS: ActionstepEvent[] = [
	{ value: 'ActionCreated', name: 'Matter Created', resource: 'actions', description: 'A matter (action) was created' },
	{ value: 'ActionUpdated', name: 'Matter Updated', resource: 'actions', description: 'A matter (action) was changed' },
	{ value: 'ActionDocumentCreated', name: 'Matter Document Created', resource: 'actiondocuments', description: 'A document was added to a matter' },
	{ value: 'ActionDocumentUpdated', name: 'Matter Document Updated', resource: 'actiondocuments', description: 'A matter document was changed' },
	{ value: 'ActionDocumentDeleted', name: 'Matter Document Deleted', resource: 'actiondocuments', description: 'A matter document was deleted', deleted: true },
	{ value: 'ActionParticipantAdded', name: 'Matter Participant Added', resource: 'actionparticipants', description: 'A participant was added to a matter' },
	{ value: 'ActionParticipantDeleted', name: 'Matter Participant Removed', resource: 'actionparticipants', description: 'A participant was removed from a matter', deleted: true },
	{ value: 'DataCollectionRecordUpdated', name: 'Data Collection Record Updated', resource: 'datacollectionrecords', description: 'A data collection record was changed' },
	{ value: 'DataCollectionRecordDeleted', name: 'Data Collection Record Deleted', resource: 'datacollectionrecords', description: 'A data collection record was deleted', deleted: true },
	{ value: 'DataCollectionRecordValueUpdated', name: 'Data Collection Value Updated', resource: 'datacollectionrecordvalues', description: 'A value in a data collection record was changed' },
	{ value: 'DisbursementCreated', name: 'Disbursement Created', resource: 'disbursements', description: 'A disbursement was recorded' },
	{ value: 'DisbursementUpdated', name: 'Disbursement Updated', resource: 'disbursements', description: 'A disbursement was changed' },
	{ value: 'FileNoteCreated', name: 'File Note Created', resource: 'filenotes', description: 'A file note was added' },
	{ value: 'FileNoteUpdated', name: 'File Note Updated', resource: 'filenotes', description: 'A file note was changed' },
	{ value: 'ParticipantCreated', name: 'Participant Created', resource: 'participants', description: 'A participant (contact) was created' },
	{ value: 'ParticipantUpdated', name: 'Participant Updated', resource: 'participants', description: 'A participant (contact) was changed' },
	{ value: 'StepChanged', name: 'Step Changed', resource: 'actions', description: 'A matter moved to another step of its workflow' },
	{ value: 'TaskCreated', name: 'Task Created', resource: 'tasks', description: 'A task was created, e.g. from a LawConnect booking' },
	{ value: 'TaskUpdated', name: 'Task Updated', resource: 'tasks', description: 'A task was changed or completed' },
	{ value: 'TimeEntryCreated', name: 'Time Entry Created', resource: 'timeentries', description: 'A time entry was recorded' },
	{ value: 'TimeEntryUpdated', name: 'Time Entry Updated', resource: 'timeentries', description: 'A time entry was changed' },
];

const BY_VALUE = new Map(ACTIONSTEP_EVENTS.map((e) => [e.value, e]));

export function eventByName(name: string | undefined): ActionstepEvent | undefined {
	return name === undefined ? undefined : BY_VALUE.get(name);
}

/** Options for the `events` multiOptions parameter, alphabetical by display name as n8n's linter asks. */
export const EVENT_OPTIONS = [...ACTIONSTEP_EVENTS]
	.sort((a, b) => a.name.localeCompare(b.name))
	.map(({ name, value, description }) => ({ name, value, description }));
