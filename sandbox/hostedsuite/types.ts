/**
 * Public types of the sandbox's HostedSuite corner (sandbox/hostedsuite/): a small stand-in for HostedSuite's v2
 * web service (the call-record list), separate from the Actionstep API.
 */

/** Call directions as the corner writes `Type` (HostedSuite's `CallType` values are not published: assumed). */
export type HsCallType = 'Incoming' | 'Outgoing';

/** A call the answering service took (or made) for the firm. */
export interface HsCallSpec {
	/** Default 'Incoming'. */
	type?: HsCallType;
	/** The other party's number as the agent's screen shows it, e.g. '(03) 7010 4421'. */
	callerNumber: string;
	callerName?: string;
	/** When the call started (ISO 8601 with an offset); default so that it ended `endedMinutesAgo` ago. */
	startTime?: string;
	/** Default 1 (used only without startTime). */
	endedMinutesAgo?: number;
	/** Seconds; defaults ring 10, talk 180, hold 0, transfer 0, work 20. */
	ringSeconds?: number;
	talkSeconds?: number;
	holdSeconds?: number;
	transferSeconds?: number;
	workSeconds?: number;
	notes?: string;
	/** The HostedSuite agent; default 'Jess'. */
	answeredBy?: string;
	transferToName?: string;
	transferToNumber?: string;
}

/** A call as the corner holds it. */
export interface HsCall {
	id: string;
	startMs: number;
	spec: Required<Omit<HsCallSpec, 'startTime' | 'endedMinutesAgo'>>;
}

/**
 * HostedSuite's CallRecordInfo, every published field in the published order (the sample response of
 * UpdateCallRecordRequest, ../shared/reference/seeds/hostedsuite-update-call-record.txt).
 */
export interface CallRecordInfo {
	Id: string;
	ClientId: string;
	ClientName: string;
	CenterId: string;
	/** Wall-clock time of the account's zone, no offset (the zone is not published: assumed). */
	StartTime: string;
	CallerName: string;
	CallerNumber: string;
	TransferToName: string;
	TransferToNumber: string;
	Notes: string;
	DurationInSeconds: number;
	RingTimeInSeconds: number;
	HoldTimeInSeconds: number;
	HoldCount: number;
	Interactions: Array<{ StartTime: string; Type: string; Description: string }>;
	AnsweredBy: string;
	Server: string;
	TalkTimeInSeconds: number;
	TransferTimeInSeconds: number;
	ScreenPop: string;
	CompletedFormIds: string[];
	Flagged: boolean;
	FlagNotes: string;
	Type: HsCallType;
	WorkTimeInSeconds: number;
}

/** One request to the corner's API, without the password. */
export interface HsRequest {
	method: string;
	path: string;
	status: number;
	/** The JSON body's members other than Password. */
	body: Record<string, unknown> | null;
}

/** One logged call as it is compared: Log Call's answer and what the store holds for its phone record. */
export interface HsLoggedCall {
	status: string | undefined;
	caller: string | undefined;
	participant: number | null;
	matter: number | null;
	direction: string;
	actualHours: number | null;
	links: { action: number | null; fromParticipant: number | null; toParticipant: number | null };
	fromOther: string | null;
	timeEntries: Array<{ matter: number | null; actualHours: number; billableHours: number }>;
}

/** The fields of Log Call's output item this reads (all optional: an n8n item's json is read as it is). */
export interface LogCallAnswer {
	status?: string;
	call?: { name?: string };
	participant?: { id: number } | null;
	matter?: { id: number } | null;
	phoneRecord?: { id: number } | null;
}

/** What `startSandbox(...).hostedsuite` offers tests and the demo. */
export interface HostedSuiteHandle {
	/** '<sandbox url>/hostedsuite': HostedSuite's 'https://evo.hostedsuite.com' for this corner. */
	baseUrl: string;
	customerName: string;
	userName: string;
	password: string;
	/** The account's zone: StartTime is written in it, StartDate/EndDate without an offset are read in it. */
	timeZone: string;
	/** Every call record, newest first, as POST /api/calls answers them. */
	calls(): CallRecordInfo[];
	addCall(spec: HsCallSpec): CallRecordInfo;
	/** Requests to POST /api/calls, oldest first, without the password. */
	requests(): HsRequest[];
	/** Back to the seeded calls (their times again relative to now) and an empty request list. */
	reset(): void;
	/**
	 * What the seeded calls of the last hour become in the sandbox's Actionstep once logged as
	 * examples/log-hostedsuite-calls.json sets Log Call (outcome.ts), oldest first.
	 */
	seededWindowLogged: readonly HsLoggedCall[];
	/** Log Call's answers for calls of this corner, read back from the sandbox's store in seededWindowLogged's shape. */
	loggedInActionstep(outputs: readonly LogCallAnswer[]): HsLoggedCall[];
}
