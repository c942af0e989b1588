/**
 * Public types of the sandbox: its options, faults, log, deliveries and handle. Other code (the node's tests,
 * the e2e harness) compiles against these, so this file changes only when the sandbox's contract changes. The
 * records' shapes are recordTypes.ts, re-exported here.
 */
import type { HostedSuiteHandle } from './hostedsuite/types';
import type { ResourceName, TaskData, TimeEntryData, SandboxStore } from './recordTypes';
import type { RingCentralHandle } from './ringcentral/types';

export type * from './recordTypes';

/** Behaviours the reference notes mark as unconfirmed; each can be switched off. */
export interface SandboxRules {
	/** Phone records need exactly one of fromParticipant/fromParticipantOther and of toParticipant/toParticipantOther. Default true. */
	enforceParticipantPairs?: boolean;
	/** A phone record that a time entry links to cannot be deleted. Default true. */
	blockDeleteWhenLinked?: boolean;
	/** Time-entry owner/createdBy must be the participant of a user (a timekeeper). Default true. */
	ownerMustBeUser?: boolean;
	/**
	 * When a collection is returned as a bare object: 'page' = whenever the page holds exactly one record
	 * (covers the last page and pageSize=1), 'total' = only when exactly one record matches overall. Default 'page'.
	 */
	singleObject?: 'page' | 'total';
}

export interface SandboxOptions {
	/** 0 = ephemeral (the default here; the CLI defaults to 8787). */
	port?: number;
	/** Default '127.0.0.1'. */
	host?: string;
	/** Base URL put into api_endpoint and paging links; default http://<host>:<port>. */
	publicUrl?: string;
	clientId?: string;
	clientSecret?: string;
	/** Seconds, default 3600. */
	accessTokenTtl?: number;
	/** Seconds, default 21 days. */
	refreshTokenTtl?: number;
	/** JSON file the data (and tokens) persist to; in memory when absent. */
	dataFile?: string;
	/** Extra deterministic phone records on top of the seed. */
	seedPhoneRecords?: number;
	faults?: FaultConfig;
	rules?: SandboxRules;
	/** The authorize endpoint redirects at once as the first user, without the consent page. Default false. */
	autoApprove?: boolean;
	/**
	 * Redirect URIs registered for the client, matched exactly, on top of n8n's loopback callbacks
	 * (http://localhost|127.x.x.x|[::1]:PORT/rest/oauth2-credential/callback), which are always accepted.
	 */
	redirectUris?: string[];
	/** No banner, no request lines on stdout. */
	quiet?: boolean;
	/**
	 * REST hooks may target any http(s) host. Default false: only loopback targets (127.0.0.0/8, ::1, localhost)
	 * are accepted at registration and delivered to, so the sandbox never sends events off the machine.
	 */
	allowRemoteHookTargets?: boolean;
	/** How long a hook delivery waits for the target's answer before it counts as failed; default 10000 ms. */
	hookDeliveryTimeoutMs?: number;
	/** Told about every answer of POST /api/oauth/token (the queue test follows refresh-token rotation with it). */
	onTokenExchange?: (exchange: TokenExchange) => void;
}

/** One answer of POST /api/oauth/token. */
export interface TokenExchange {
	/** When the request arrived (ms since the epoch). */
	at: number;
	grantType: string | null;
	/** The refresh token the request presented, if any. */
	refreshToken: string | null;
	status: number;
	/** The OAuth error code of a refused request. */
	error: string | null;
	/** The refresh token issued, when the request succeeded. */
	issuedRefreshToken: string | null;
}

export interface FaultConfig {
	/** Added to every faulted request. */
	latencyMs?: number;
	/** 429 once `requests` were let through within the last `windowMs`. */
	rateLimit?: { requests: number; windowMs: number; retryAfterSeconds?: number };
	/** Every Nth request answers `status` (default 500) with an errors body. */
	serverError?: { every: number; status?: number; methods?: string[] };
	/** Every Nth request has its socket destroyed without a response, before or after the handler ran. */
	connectionReset?: { every: number; phase: 'before' | 'after'; methods?: string[] };
	/** Every Nth response body is cut-off JSON. */
	malformedJson?: { every: number; methods?: string[] };
	/**
	 * Every Nth request is held for delayMs: by default after the handler ran (a write is applied at once,
	 * only the answer is late); with phase 'before', before it runs (a write lands only after the wait).
	 */
	slowResponse?: { every: number; delayMs: number; phase?: 'before' | 'after'; methods?: string[] };
	/** Every Nth request is answered `status` (default 302) with `Location: location`, without running the handler. */
	redirect?: { every: number; status?: number; location: string; methods?: string[] };
	/** List filters on these fields (`phoneRecord`, `phoneRecord_eq`, `phoneRecord[...]`) are ignored, as a buggy server might. */
	ignoreFilters?: string[];
	/** List filters on these fields are refused with 400, as a tenant that does not support them would. */
	refuseFilters?: string[];
	/** Also apply the faults to POST /api/oauth/token (default false: REST only). */
	includeOAuthToken?: boolean;
}

export interface TokenResponse {
	access_token: string;
	token_type: 'bearer';
	expires_in: number;
	refresh_token: string;
	api_endpoint: string;
	orgkey: string;
}

export interface IssueTokenOptions {
	/** Space-separated scopes, default 'all'. */
	scope?: string;
	/** Sandbox user id (1..4 in the seed), default 1. */
	userId?: number;
	/** Seconds. */
	accessTokenTtl?: number;
}

export interface LoggedRequest {
	seq: number;
	time: string;
	method: string;
	/** Percent-decoded path. */
	path: string;
	/** Path exactly as received, to check URL encoding. */
	rawPath: string;
	/** Parsed query; a repeated key gives an array. */
	query: Record<string, string | string[]>;
	/** Query exactly as received, without the '?'. */
	rawQuery: string;
	headers: {
		contentType: string | null;
		accept: string | null;
		/** Whether an Authorization header was sent (never its value). */
		authorization: boolean;
		userAgent: string | null;
	};
	/** Parsed JSON body, the raw text when it was not JSON, or null. */
	body: unknown;
	/** null when the connection was reset before a response. */
	status: number | null;
	/** The fault that shaped the response, if any: rateLimit, serverError, connectionReset:before, connectionReset:after, malformedJson, slowResponse. */
	fault: string | null;
	latencyMs: number;
	durationMs: number;
}

/** One attempt to deliver an event to a REST hook's targetUrl. */
export interface HookDelivery {
	seq: number;
	/** When the delivery was dispatched (ISO, UTC). */
	time: string;
	hookId: number;
	eventName: string;
	/** The hook's targetUrl exactly as registered (query string included). */
	targetUrl: string;
	resource: ResourceName;
	recordId: number;
	/** The JSON body POSTed: `{data:{type,id,attributes,relationships}, meta:{debug:{resthook}}, jsonapi}`. */
	payload: unknown;
	/** pending → delivered (200) | failed (any other status, no answer, timeout) | refused (target not allowed). */
	state: 'pending' | 'delivered' | 'failed' | 'refused';
	/** The target's HTTP status, null when it did not answer. */
	status: number | null;
	/** Why a failed or refused delivery failed. */
	error: string | null;
	/** The first 2000 characters of the target's answer. */
	responseBody: string | null;
	durationMs: number | null;
	/** True when this delivery's failure disabled the hook (status Disabled), as Actionstep does. */
	disabledHook: boolean;
}

/** `POST /_sandbox/lawconnect/booking`: a client books an appointment on LawConnect for an Actionstep matter. */
export interface LawConnectBookingInput {
	/** The Actionstep matter (action) the appointment is linked to. */
	matterId: number;
	/** Appointment start, ISO 8601 with offset (a time without offset is read as UTC). */
	appointmentStart: string;
	/** Default 60. */
	durationMinutes?: number;
	/** Fee earner's participant id (must be a user's participant); default the matter's assignedTo. */
	assigneeId?: number;
	/** Default the matter's first primary participant's display name. */
	clientName?: string;
	/** Default 'Initial consultation'. */
	appointmentType?: string;
	/** Default LC-<task id>. */
	bookingReference?: string;
	/** Also complete the appointment at once (task Complete + time entry), as if it had already taken place. */
	attended?: boolean;
}

export interface AppointmentCompletion {
	/** Minutes actually spent; default the booked duration. */
	actualMinutes?: number;
	/** Create the time entry in the fee earner's timesheet (default true). */
	timeEntry?: boolean;
}

export interface LawConnectResult {
	task: TaskData;
	timeEntry?: TimeEntryData;
}

export interface SandboxHandle {
	/** 'http://127.0.0.1:PORT', no trailing slash. */
	url: string;
	/** url + '/api/'. */
	apiEndpoint: string;
	clientId: string;
	clientSecret: string;
	close(): Promise<void>;
	issueToken(opts?: IssueTokenOptions): Promise<TokenResponse>;
	expireAccessTokens(): void;
	setFaults(f: FaultConfig | null): void;
	requests(): LoggedRequest[];
	clearLog(): void;
	reset(): void;
	store: SandboxStore;
	/** Every REST-hook delivery so far (copies), oldest first. */
	deliveries(): HookDelivery[];
	clearDeliveries(): void;
	/** Resolves once every delivery dispatched so far has been answered, failed or timed out. */
	settleDeliveries(): Promise<HookDelivery[]>;
	/** Simulates a LawConnect booking: a task on the matter for the fee earner (TaskCreated). */
	lawConnectBooking(input: LawConnectBookingInput): LawConnectResult;
	/** The appointment took place: the task is completed (TaskUpdated) and, by default, a time entry made (TimeEntryCreated). */
	completeAppointment(taskId: number, options?: AppointmentCompletion): LawConnectResult;
	/** Fires an event for an existing record, as if it had been changed in Actionstep's own UI. */
	fireEvent(eventName: string, recordId: number): HookDelivery[];
	/** The RingCentral corner under `${url}/ringcentral`: call log, OAuth2, webhook subscriptions, call events. */
	ringcentral: RingCentralHandle;
	/** The HostedSuite corner under `${url}/hostedsuite`: the v2 call-record list (POST /api/calls). */
	hostedsuite: HostedSuiteHandle;
}
