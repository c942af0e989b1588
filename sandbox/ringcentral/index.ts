/**
 * The sandbox's RingCentral corner, mounted under /ringcentral on the sandbox's server and separate from the
 * Actionstep API (no shared state, its own client id, RingCentral's error bodies, not in the Actionstep request
 * log, no faults). It serves what the two RingCentral recipes in examples/ need:
 *
 *   POST /ringcentral/restapi/oauth/token            client_credentials | authorization_code | refresh_token (HTTP Basic client)
 *   GET  /ringcentral/restapi/oauth/authorize        redirects at once with a code
 *   GET  /ringcentral/restapi/v1.0/account/~/extension/~/call-log   the call log (bearer), RingCentral's paging
 *   GET|POST /ringcentral/restapi/v1.0/subscription, DELETE …/subscription/{id}   webhook subscriptions (bearer)
 *   POST /ringcentral/_sandbox/calls                  (loopback) play a call: {scenario, other, …, deliver?}
 *   GET  /ringcentral/_sandbox/deliveries             (loopback) what was pushed, with the answers
 *
 * and, for tests and the demo, the same through `handle` (sandbox.ringcentral).
 */
import { isLoopback } from '../admin';
import { jsonObjectBody, type Reply, type SandboxRequest } from '../http';
import { callLogPage, CallLogQueryError } from './calllog';
import { ACCOUNT_ID, buildCall, callLogRecord, callNotifications, DEFAULT_EXTENSION } from './calls';
import { RcOAuth } from './oauth';
import type { RcCall, RcCallSpec, RcDelivery, RingCentralHandle } from './types';
import { SubscriptionError, Webhooks } from './webhooks';

export type * from './types';
export { ACCOUNT_ID, DEFAULT_EXTENSION } from './calls';
export { WEBHOOK_HEADERS } from './webhooks';

export const MOUNT = '/ringcentral';
export const RC_CLIENT_ID = 'rc-sandbox-client-id';
export const RC_CLIENT_SECRET = 'rc-sandbox-client-secret';
export const DEFAULT_EVENT_FILTERS = Object.freeze(['/restapi/v1.0/account/~/extension/~/telephony/sessions', '/restapi/v1.0/account/~/extension/~/voicemail']);
const MAX_LOGGED = 2000;

export interface RingCentralCorner {
	handle: RingCentralHandle;
	route: (r: SandboxRequest) => Promise<Reply>;
}

const rcError = (status: number, errorCode: string, message: string, parameterName?: string): Reply => ({
	status,
	contentType: 'application/json',
	json: { errorCode, message, errors: [{ errorCode, message, ...(parameterName ? { parameterName } : {}) }] },
});
const ok = (json: unknown, status = 200): Reply => ({ status, contentType: 'application/json', json });

/** A call spec from an admin request body; unknown scenarios and missing numbers are refused. */
function parseCallSpec(b: Record<string, unknown>): RcCallSpec {
	const other = b.other as Record<string, unknown> | undefined;
	if (!['answered', 'missed', 'voicemail'].includes(String(b.scenario))) throw new SubscriptionError(400, 'CMN-101', 'scenario must be answered, missed or voicemail');
	if (!other || typeof other.phoneNumber !== 'string' || !/^\+?\d{3,15}$/.test(other.phoneNumber)) throw new SubscriptionError(400, 'CMN-101', 'other.phoneNumber must be a phone number');
	if (b.direction !== undefined && b.direction !== 'Inbound' && b.direction !== 'Outbound') throw new SubscriptionError(400, 'CMN-101', 'direction must be Inbound or Outbound');
	const text = (v: unknown) => (typeof v === 'string' && v.length <= 100 ? v : undefined);
	const secs = (v: unknown) => (typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= 86400 ? v : undefined);
	return {
		scenario: b.scenario as RcCallSpec['scenario'],
		direction: b.direction,
		other: { phoneNumber: other.phoneNumber, name: text(other.name), location: text(other.location) },
		startTime: text(b.startTime),
		ringSeconds: secs(b.ringSeconds),
		talkSeconds: secs(b.talkSeconds),
	};
}

export function createRingCentral(opts: { baseUrl: () => string; clientId?: string; clientSecret?: string }): RingCentralCorner {
	const oauth = new RcOAuth(opts.clientId ?? RC_CLIENT_ID, opts.clientSecret ?? RC_CLIENT_SECRET, DEFAULT_EXTENSION.id);
	const webhooks = new Webhooks();
	let calls: RcCall[] = [];
	let requests: Array<{ method: string; path: string; query: string; status: number; bearer: boolean }> = [];

	const addCall = (spec: RcCallSpec): RcCall => {
		const call = buildCall(spec, calls.length + 1, Date.now());
		calls.push(call);
		return call;
	};

	const playCall: RingCentralHandle['playCall'] = async (spec, options = {}) => {
		const call = addCall(spec);
		const deliveries: RcDelivery[] = [];
		for (const n of callNotifications(call)) {
			for (const d of await webhooks.notify(n, call.id)) {
				deliveries.push(d);
				if (options.afterEach) await options.afterEach(d, deliveries.length - 1);
			}
		}
		return { call: structuredClone(call), deliveries };
	};

	const handle: RingCentralHandle = {
		get baseUrl() {
			return `${opts.baseUrl()}${MOUNT}`;
		},
		clientId: oauth.clientId,
		clientSecret: oauth.clientSecret,
		get tokenUrl() {
			return `${opts.baseUrl()}${MOUNT}/restapi/oauth/token`;
		},
		get authorizeUrl() {
			return `${opts.baseUrl()}${MOUNT}/restapi/oauth/authorize`;
		},
		issueToken: () => oauth.issue(false),
		subscribe: (address, eventFilters = [...DEFAULT_EVENT_FILTERS]) => webhooks.subscribe(address, eventFilters),
		subscriptions: () => webhooks.subscriptions(),
		playCall,
		addCall: (spec) => structuredClone(addCall(spec)),
		redeliver: (seq) => webhooks.redeliver(seq),
		callLog: () =>
			[...calls].sort((a, b) => Date.parse(b.times.setup) - Date.parse(a.times.setup)).map((c) => callLogRecord(c, handle.baseUrl, 'Detailed')),
		deliveries: () => webhooks.deliveries(),
		requests: () => structuredClone(requests),
		clear: () => {
			calls = [];
			requests = [];
			webhooks.clear();
			oauth.clear();
		},
	};

	const api = async (r: SandboxRequest, path: string): Promise<Reply> => {
		if (path === '/restapi/oauth/token') {
			if (r.method !== 'POST') return rcError(405, 'CMN-405', 'Use POST');
			const reply = oauth.token(r.headers.authorization, new URLSearchParams(r.body.toString('utf8')));
			return ok(reply.json, reply.status);
		}
		if (path === '/restapi/oauth/authorize') {
			const a = oauth.authorize(r.query);
			return 'location' in a ? { status: 302, headers: { Location: a.location } } : ok(a.json, a.status);
		}
		if (!oauth.bearerOk(r.headers.authorization)) return rcError(401, 'TokenInvalid', 'Invalid token');
		const callLog = /^\/restapi\/v1\.0\/account\/(~|\d+)\/extension\/(~|\d+)\/call-log$/.exec(path);
		if (callLog) {
			if (r.method !== 'GET') return rcError(405, 'CMN-405', 'Use GET');
			const keep = new URLSearchParams(r.query);
			keep.delete('page');
			keep.delete('perPage');
			const listUri = `${handle.baseUrl}/restapi/v1.0/account/${ACCOUNT_ID}/extension/${DEFAULT_EXTENSION.id}/call-log${[...keep].length ? `?${keep}` : ''}`;
			try {
				return ok(callLogPage(calls, r.query, { baseUrl: handle.baseUrl, listUri, nowMs: Date.now() }));
			} catch (e) {
				if (e instanceof CallLogQueryError) return rcError(400, 'CMN-101', e.message, e.parameter);
				throw e;
			}
		}
		if (path === '/restapi/v1.0/subscription') {
			if (r.method === 'GET') return ok({ uri: `${handle.baseUrl}/restapi/v1.0/subscription`, records: webhooks.subscriptions().map(subscriptionJson) });
			if (r.method !== 'POST') return rcError(405, 'CMN-405', 'Use GET or POST');
			const b = jsonObjectBody(r);
			const mode = b?.deliveryMode as Record<string, unknown> | undefined;
			if (!b || !Array.isArray(b.eventFilters) || !b.eventFilters.every((f) => typeof f === 'string')) return rcError(400, 'CMN-101', 'Parameter [eventFilters] value is invalid', 'eventFilters');
			if (!mode || mode.transportType !== 'WebHook' || typeof mode.address !== 'string') return rcError(400, 'CMN-101', 'Parameter [deliveryMode] value is invalid', 'deliveryMode');
			return ok(subscriptionJson(await webhooks.subscribe(mode.address, b.eventFilters)));
		}
		const one = /^\/restapi\/v1\.0\/subscription\/([\w-]+)$/.exec(path);
		if (one && r.method === 'DELETE') return webhooks.remove(one[1]) ? { status: 204 } : rcError(404, 'SUB-404', 'Subscription not found');
		return rcError(404, 'CMN-102', `Resource for parameter [path] is not found: ${r.method} ${path.slice(0, 120)}`);
	};

	const subscriptionJson = (s: ReturnType<Webhooks['subscriptions']>[number]) => ({
		uri: `${handle.baseUrl}/restapi/v1.0/subscription/${s.id}`,
		id: s.id,
		creationTime: s.creationTime,
		status: s.status,
		eventFilters: s.eventFilters.map((f) => f.replace(/\/account\/~/, `/account/${ACCOUNT_ID}`).replace(/\/extension\/~/, `/extension/${DEFAULT_EXTENSION.id}`)),
		expirationTime: s.expirationTime,
		expiresIn: Math.max(0, Math.round((Date.parse(s.expirationTime) - Date.now()) / 1000)),
		deliveryMode: { transportType: 'WebHook', encryption: false, address: s.address },
	});

	const admin = async (r: SandboxRequest, path: string): Promise<Reply> => {
		if (!isLoopback(r.remoteAddress)) return rcError(403, 'CMN-403', 'The /ringcentral/_sandbox endpoints answer loopback clients only');
		if (path === '/_sandbox/calls' && r.method === 'POST') {
			const b = jsonObjectBody(r);
			if (!b) return rcError(400, 'CMN-101', 'The body must be a JSON object');
			const spec = parseCallSpec(b);
			if (b.deliver === false) return ok({ call: handle.addCall(spec), deliveries: [] });
			return ok(await playCall(spec));
		}
		if (path === '/_sandbox/deliveries' && r.method === 'GET') return ok(webhooks.deliveries());
		const again = /^\/_sandbox\/deliveries\/(\d+)\/redeliver$/.exec(path);
		if (again && r.method === 'POST') return ok(await webhooks.redeliver(Number(again[1])));
		return rcError(404, 'CMN-102', `No sandbox route ${r.method} ${path.slice(0, 120)}`);
	};

	const route = async (r: SandboxRequest): Promise<Reply> => {
		const path = r.path.slice(MOUNT.length) || '/';
		let reply: Reply;
		try {
			reply = path.startsWith('/_sandbox/') ? await admin(r, path) : await api(r, path);
		} catch (e) {
			if (!(e instanceof SubscriptionError)) throw e;
			reply = rcError(e.status, e.errorCode, e.message);
		}
		if (!path.startsWith('/_sandbox/')) {
			requests.push({ method: r.method, path, query: r.rawQuery, status: reply.status, bearer: /^Bearer\s/i.test(r.headers.authorization ?? '') });
			if (requests.length > MAX_LOGGED) requests.splice(0, requests.length - MAX_LOGGED);
		}
		return reply;
	};

	return { handle, route };
}
