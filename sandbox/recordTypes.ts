/**
 * The sandbox's records: one interface per collection, as stored (links as numbers), and the read access
 * tests get to them. Changes when a resource's fields change; the sandbox's options and handle are types.ts.
 */
/** Link values as stored: numbers (the wire shows them as strings). */
export type LinkValue = number | number[] | null;

/** A record before it has an id (what a create builds). */
export interface NewRecord {
	links: Record<string, LinkValue>;
	[field: string]: unknown;
}

export interface StoredRecord extends NewRecord {
	id: number;
}

export type TF = 'T' | 'F';

export interface PhoneRecordData extends StoredRecord {
	direction: 'in' | 'out';
	callTimestamp: string;
	outcome: string;
	fromParticipantOther: string | null;
	toParticipantOther: string | null;
	phoneNumber: string | null;
	phoneNumberType: string | null;
	actualHours: number | null;
	notes: string | null;
	links: { action: number | null; fromParticipant: number | null; toParticipant: number | null };
}

export interface TimeEntryData extends StoredRecord {
	timestampDate: string;
	description: string | null;
	actualHours: number;
	billableHours: number;
	isBillable: TF;
	createdTimestamp: string;
	billingBehavior: string;
	timerStatus: string;
	links: { action: number | null; owner: number; createdBy: number; phoneRecord: number | null };
}

export interface ParticipantData extends StoredRecord {
	displayName: string;
	firstName: string | null;
	lastName: string | null;
	companyName: string | null;
	isCompany: TF;
	email: string | null;
	sms: string | null;
}

export interface ActionData extends StoredRecord {
	name: string;
	reference: string;
	status: string;
	isDeleted: TF;
	links: { assignedTo: number | null; actionType: number | null; primaryParticipants: number[] };
}

export interface ActionTypeData extends StoredRecord {
	name: string;
}

export interface UserData extends StoredRecord {
	email: string;
	firstName: string;
	lastName: string;
	links: { participant: number };
}

export interface ResthookData extends StoredRecord {
	eventName: string;
	targetUrl: string;
	status: string;
	triggeredCount: number;
	triggeredLastTimestamp: string | null;
}

export interface TaskData extends StoredRecord {
	name: string;
	status: string;
	priority: string | null;
	dueTimestamp: string | null;
	startedTimestamp: string | null;
	completedTimestamp: string | null;
	lastModifiedTimestamp: string;
	actualHours: number | null;
	billableHours: number | null;
	description: string | null;
	assignedBy: string | null;
	expectedDurationValue: number | null;
	expectedDurationUnits: string | null;
	links: { action: number; assignee: number };
}

/** Who plays which role on a matter; on the wire its id is `<action>--<participantType>--<participant>`. */
export interface ActionParticipantData extends StoredRecord {
	participantNumber: number;
	links: { action: number; participantType: number; participant: number };
}

/** A role a participant can play on a matter (Client, Other Side, ...). */
export interface ParticipantTypeData extends StoredRecord {
	name: string;
	description: string | null;
}

export interface FileNoteData extends StoredRecord {
	enteredTimestamp: string;
	text: string;
	enteredBy: string;
	source: 'System' | 'User';
	noteTimestamp: string;
	links: { action: number; participant: number };
}

/**
 * Every collection the sandbox serves and the shape of its records: the one list of resources. The
 * registry (resources/index.ts, one definition per key, checked by the compiler) and everything that
 * iterates the collections (RESOURCE_NAMES) follow from it.
 */
/** A collection's name: the keys of RecordMap, the one list of the sandbox's resources. */
export type ResourceName = keyof RecordMap;

export interface RecordMap {
	phonerecords: PhoneRecordData;
	timeentries: TimeEntryData;
	participants: ParticipantData;
	actions: ActionData;
	actiontypes: ActionTypeData;
	users: UserData;
	resthooks: ResthookData;
	tasks: TaskData;
	actionparticipants: ActionParticipantData;
	participanttypes: ParticipantTypeData;
	filenotes: FileNoteData;
}

/** Read access for assertions; every call returns copies, so tests cannot change the sandbox by accident. */
export interface SandboxStore {
	list<R extends ResourceName>(resource: R): RecordMap[R][];
	get<R extends ResourceName>(resource: R, id: number): RecordMap[R] | undefined;
	count(resource: ResourceName): number;
}
