/**
 * The sandbox's HostedSuite corner, mounted under /hostedsuite on the sandbox's server and separate from the
 * Actionstep API (no shared state, its own login, ServiceStack's error bodies, not in the Actionstep request log,
 * no faults). HostedSuite has no webhook: the recipe polls its v2 call-record service, so that is what it serves:
 *
 *   POST /hostedsuite/api/calls[.json][?format=json]   ListCallRecordsRequest: CustomerName, UserName, Password
 *                                                     in the JSON body, then filters and paging (calls.ts)
 *   POST /hostedsuite/_sandbox/calls                   (loopback) add a call: {callerNumber, callerName?, type?, …}
 *
 * and, for tests and the demo, the same through `handle` (sandbox.hostedsuite).
 */
import { isLoopback } from '../admin';
import { jsonObjectBody, type Reply, type SandboxRequest } from '../http';
import { buildCall, callRecordInfo, HsRequestError, listCallRecords, SEED_CALLS } from './calls';
import { loggedInActionstep, SEEDED_WINDOW_LOGGED } from './outcome';
import type { SandboxStore } from '../recordTypes';
import type { HostedSuiteHandle, HsCall, HsCallSpec, HsRequest } from './types';

export type * from './types';

export const MOUNT = '/hostedsuite';
export const HS_CUSTOMER_NAME = 'harbourside';
export const HS_USER_NAME = 'n8n@harbourside.example';
export const HS_PASSWORD = 'hs-sandbox-password';
/** The firm's zone: the account's StartTime is written in it. */
export const HS_TIME_ZONE = 'Australia/Sydney';
const MAX_LOGGED = 2000;

export interface HostedSuiteCorner {
	handle: HostedSuiteHandle;
	route: (r: SandboxRequest) => Reply;
}

/** ServiceStack's error body: {ResponseStatus: {ErrorCode, Message, Errors: [{ErrorCode, FieldName, Message}]}}. */
const hsError = (e: HsRequestError): Reply => ({
	status: e.status,
	contentType: 'application/json',
	json: {
		ResponseStatus: {
			ErrorCode: e.errorCode,
			Message: e.message,
			Errors: e.fieldName ? [{ ErrorCode: e.errorCode, FieldName: e.fieldName, Message: e.message }] : [],
		},
	},
});
const ok = (json: unknown): Reply => ({ status: 200, contentType: 'application/json; charset=utf-8', json });

/** A call spec from an admin request body; a missing or odd number is refused. */
function parseCallSpec(b: Record<string, unknown>): HsCallSpec {
	const bad = (field: string, message: string) => new HsRequestError(400, 'ArgumentException', message, field);
	if (typeof b.callerNumber !== 'string' || !/^[+()\d\s-]{3,25}$/.test(b.callerNumber)) throw bad('callerNumber', 'callerNumber must be a phone number');
	if (b.type !== undefined && b.type !== 'Incoming' && b.type !== 'Outgoing') throw bad('type', 'type must be Incoming or Outgoing');
	const text = (v: unknown) => (typeof v === 'string' && v.length <= 500 ? v : undefined);
	const secs = (v: unknown) => (typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= 86400 ? v : undefined);
	return {
		type: b.type,
		callerNumber: b.callerNumber,
		callerName: text(b.callerName),
		startTime: text(b.startTime),
		endedMinutesAgo: secs(b.endedMinutesAgo),
		ringSeconds: secs(b.ringSeconds),
		talkSeconds: secs(b.talkSeconds),
		holdSeconds: secs(b.holdSeconds),
		transferSeconds: secs(b.transferSeconds),
		workSeconds: secs(b.workSeconds),
		notes: text(b.notes),
		answeredBy: text(b.answeredBy),
		transferToName: text(b.transferToName),
		transferToNumber: text(b.transferToNumber),
	};
}

/** `store`: the sandbox's Actionstep data, read (never written) by `handle.loggedInActionstep`. */
export function createHostedSuite(opts: { baseUrl: () => string; store: SandboxStore; timeZone?: string }): HostedSuiteCorner {
	const timeZone = opts.timeZone ?? HS_TIME_ZONE;
	let calls: HsCall[] = [];
	let requests: HsRequest[] = [];

	const addCall = (spec: HsCallSpec, nowMs = Date.now()): HsCall => {
		const call = buildCall(spec, calls.length + 1, nowMs);
		calls.push(call);
		return call;
	};
	const reset = () => {
		const now = Date.now();
		calls = [];
		requests = [];
		for (const spec of SEED_CALLS) addCall(spec, now);
	};
	reset();

	const handle: HostedSuiteHandle = {
		get baseUrl() {
			return `${opts.baseUrl()}${MOUNT}`;
		},
		customerName: HS_CUSTOMER_NAME,
		userName: HS_USER_NAME,
		password: HS_PASSWORD,
		timeZone,
		calls: () => listCallRecords(calls, { ItemsPerPage: 1000 }, timeZone),
		addCall: (spec) => callRecordInfo(addCall(spec), timeZone),
		requests: () => structuredClone(requests),
		reset,
		seededWindowLogged: SEEDED_WINDOW_LOGGED,
		loggedInActionstep: (outputs) => loggedInActionstep(opts.store, outputs),
	};

	/** RequestBase: every request's body carries the login of a HostedSuite user (not a client-level login). */
	const authenticate = (b: Record<string, unknown>) => {
		if (b.CustomerName !== HS_CUSTOMER_NAME || b.UserName !== HS_USER_NAME || b.Password !== HS_PASSWORD) {
			throw new HsRequestError(401, 'Unauthorized', 'Invalid CustomerName, UserName or Password');
		}
	};

	const api = (r: SandboxRequest, path: string): Reply => {
		if (path !== '/api/calls' && path !== '/api/calls.json') throw new HsRequestError(404, 'NotFound', `Handler for Request not found: ${r.method} ${path.slice(0, 120)}`);
		if (r.method !== 'POST') throw new HsRequestError(405, 'NotImplementedException', `Could not find method named ${r.method}(ListCallRecordsRequest) on Service CallRecordService: use POST`);
		const b = jsonObjectBody(r);
		if (!b) throw new HsRequestError(400, 'SerializationException', 'The body must be a JSON object (ListCallRecordsRequest)');
		authenticate(b);
		return ok(listCallRecords(calls, b, timeZone));
	};

	const admin = (r: SandboxRequest, path: string): Reply => {
		if (!isLoopback(r.remoteAddress)) throw new HsRequestError(403, 'Forbidden', 'The /hostedsuite/_sandbox endpoints answer loopback clients only');
		if (path === '/_sandbox/calls' && r.method === 'POST') {
			const b = jsonObjectBody(r);
			if (!b) throw new HsRequestError(400, 'SerializationException', 'The body must be a JSON object');
			return ok(handle.addCall(parseCallSpec(b)));
		}
		throw new HsRequestError(404, 'NotFound', `No sandbox route ${r.method} ${path.slice(0, 120)}`);
	};

	const route = (r: SandboxRequest): Reply => {
		const path = r.path.slice(MOUNT.length) || '/';
		const isAdmin = path.startsWith('/_sandbox/');
		let reply: Reply;
		try {
			reply = isAdmin ? admin(r, path) : api(r, path);
		} catch (e) {
			if (!(e instanceof HsRequestError)) throw e;
			reply = hsError(e);
		}
		if (!isAdmin) {
			const b = jsonObjectBody(r);
			const body = b ? Object.fromEntries(Object.entries(b).filter(([k]) => k.toLowerCase() !== 'password')) : null;
			requests.push({ method: r.method, path, status: reply.status, body });
			if (requests.length > MAX_LOGGED) requests.splice(0, requests.length - MAX_LOGGED);
		}
		return reply;
	};

	return { handle, route };
}
