/**
 * Public types of the sandbox's RingCentral corner (sandbox/ringcentral/): what a test or the demo hands it and
 * gets back. The corner is a small stand-in for RingCentral's platform, separate from the Actionstep API.
 */

/** A party outside the firm (the client on the line). */
export interface RcExternalParty {
	/** E.164 as RingCentral writes it, e.g. '+61491570110'. */
	phoneNumber: string;
	/** Caller ID name (CNAM); omitted from events and records when absent, as RingCentral does. */
	name?: string;
	location?: string;
}

/** The firm's RingCentral extension that takes or makes the call. */
export interface RcExtension {
	id: string;
	extensionNumber: string;
	name: string;
	/** The extension's direct number. */
	phoneNumber: string;
}

export type RcScenario = 'answered' | 'missed' | 'voicemail';

/** A call to play (telephony-session events) or to put in the call log only. */
export interface RcCallSpec {
	scenario: RcScenario;
	/** Default 'Inbound'. A voicemail is always inbound. */
	direction?: 'Inbound' | 'Outbound';
	other: RcExternalParty;
	/** Default: Emma Smith's extension 101. */
	extension?: RcExtension;
	/** When the call started ringing (ISO 8601); default so that it ended a few seconds ago. */
	startTime?: string;
	/** Seconds from Setup to Answered (or to voicemail / hang-up); default 6. */
	ringSeconds?: number;
	/** Seconds of talk (answered) or of the voicemail message; default 421 / 32. */
	talkSeconds?: number;
}

/** A call as the corner holds it: the ids RingCentral gives it and the moments its events carry. */
export interface RcCall {
	/** The call-log record id, e.g. 'Y3uVRzEr8nEsQA'. */
	id: string;
	sessionId: string;
	telephonySessionId: string;
	spec: Required<Omit<RcCallSpec, 'startTime'>> & { startTime: string };
	/** ISO times of each status change: setup, proceeding, answered | voicemail, disconnected. */
	times: { setup: string; proceeding: string; answered?: string; voicemail?: string; disconnected: string };
	/** The voicemail message-store id (voicemail only). */
	messageId?: string;
}

/** One notification RingCentral would push: the JSON body and the event filter it belongs to. */
export interface RcNotification {
	/** 'telephony' (telephony/sessions) or 'voicemail' (voicemail message store). */
	kind: 'telephony' | 'voicemail';
	/** The party status code ('Setup', 'Proceeding', 'Answered', 'VoiceMail', 'Disconnected') or 'Message'. */
	label: string;
	body: Record<string, unknown>;
}

export interface RcSubscription {
	id: string;
	address: string;
	eventFilters: string[];
	status: 'Active' | 'Blacklisted';
	creationTime: string;
	expirationTime: string;
}

export interface RcDelivery {
	seq: number;
	time: string;
	subscriptionId: string | null;
	address: string;
	/** 'validation' (subscription check) or the notification's label. */
	label: string;
	callId: string | null;
	uuid: string | null;
	headers: Record<string, string>;
	body: Record<string, unknown> | null;
	status: number | null;
	/** The Validation-Token the target answered with (validation only). */
	echoedToken: string | null;
	error: string | null;
	durationMs: number | null;
}

export interface RcPlayOptions {
	/** Called after each delivery has been answered, before the next event is sent (e.g. to wait for n8n's execution). */
	afterEach?: (delivery: RcDelivery, index: number) => Promise<void> | void;
}

export interface RcPlayResult {
	call: RcCall;
	deliveries: RcDelivery[];
}

export interface RcTokenResponse {
	access_token: string;
	token_type: 'bearer';
	expires_in: number;
	scope: string;
	owner_id: string;
	endpoint_id: string;
	refresh_token?: string;
	refresh_token_expires_in?: number;
}

/** What `startSandbox(...).ringcentral` offers tests and the demo. */
export interface RingCentralHandle {
	/** '<sandbox url>/ringcentral': RingCentral's 'https://platform.ringcentral.com' for this corner. */
	baseUrl: string;
	clientId: string;
	clientSecret: string;
	tokenUrl: string;
	authorizeUrl: string;
	/** A token as the client-credentials grant gives it. */
	issueToken(): RcTokenResponse;
	/** Creates a webhook subscription as POST /restapi/v1.0/subscription does (validation request first). */
	subscribe(address: string, eventFilters?: string[]): Promise<RcSubscription>;
	subscriptions(): RcSubscription[];
	/** Adds the call to the call log and pushes its events, in order, to every matching subscription. */
	playCall(spec: RcCallSpec, options?: RcPlayOptions): Promise<RcPlayResult>;
	/** Adds a finished call to the call log without pushing anything (a call the webhook never saw). */
	addCall(spec: RcCallSpec): RcCall;
	/** Sends one earlier delivery again, unchanged (same uuid), as RingCentral does when it retries. */
	redeliver(seq: number): Promise<RcDelivery>;
	/** The call log as GET call-log?view=Detailed would list it (newest first). */
	callLog(): Array<Record<string, unknown>>;
	deliveries(): RcDelivery[];
	/** Requests to the corner's API (token, call-log, subscription), oldest first, without secrets. */
	requests(): Array<{ method: string; path: string; query: string; status: number; bearer: boolean }>;
	clear(): void;
}
