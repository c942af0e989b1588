/**
 * The sandbox's own control endpoints under /_sandbox/ (not part of Actionstep): faults, the request log,
 * reset, scripted tokens and token expiry, REST-hook deliveries and events, and the LawConnect booking
 * simulation. They can change state and mint tokens, so only loopback clients may use them, even when the
 * sandbox listens on another interface.
 */
import { ApiError, type Reply, type SandboxRequest, mediaType } from './http';
import { parseBooking, parseCompletion } from './lawconnect';
import type {
	AppointmentCompletion,
	FaultConfig,
	HookDelivery,
	IssueTokenOptions,
	LawConnectBookingInput,
	LawConnectResult,
	LoggedRequest,
	TokenResponse,
} from './types';

export interface AdminDeps {
	getFaults(): FaultConfig;
	setFaults(f: unknown): void;
	log(): LoggedRequest[];
	clearLog(): void;
	reset(): void;
	issueToken(o: IssueTokenOptions): TokenResponse;
	expireAccessTokens(): void;
	deliveries(): HookDelivery[];
	settleDeliveries(): Promise<HookDelivery[]>;
	clearDeliveries(): void;
	fireEvent(eventName: string, recordId: number): HookDelivery[];
	lawConnectBooking(input: LawConnectBookingInput): LawConnectResult;
	completeAppointment(taskId: number, options: AppointmentCompletion): LawConnectResult;
}

const ENDPOINTS =
	'/_sandbox/faults, /_sandbox/log, /_sandbox/reset, /_sandbox/token, /_sandbox/expire-tokens, /_sandbox/deliveries, /_sandbox/events, /_sandbox/lawconnect/booking, /_sandbox/lawconnect/appointments/{taskId}/complete';

/** 127.0.0.0/8, ::1 and their IPv4-mapped IPv6 forms. */
export function isLoopback(remoteAddress: string | undefined | null): boolean {
	if (!remoteAddress) return false;
	const a = remoteAddress.toLowerCase().replace(/^::ffff:/, '');
	return a === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(a);
}

function json(status: number, body: unknown): Reply {
	return { status, contentType: 'application/json', json: body };
}

function parseJsonBody(req: SandboxRequest): unknown {
	const text = req.body.toString('utf8').trim();
	if (!text) return undefined;
	const type = mediaType(req.headers);
	if (type && !['application/json', 'application/vnd.api+json'].includes(type)) {
		throw ApiError.of(415, 'Unsupported Media Type', 'Send JSON.');
	}
	try {
		return JSON.parse(text);
	} catch (e) {
		throw ApiError.of(400, 'Bad Request', `Body is not valid JSON: ${(e as Error).message}`);
	}
}

function notAllowed(allow: string): never {
	throw ApiError.of(405, 'Method Not Allowed', `Allowed: ${allow}.`, { headers: { Allow: allow } });
}

/** Like handleAdmin, but `GET /_sandbox/deliveries?wait=true` first waits for deliveries under way. */
export async function handleAdminAsync(req: SandboxRequest, d: AdminDeps): Promise<Reply> {
	const wait = req.query.get('wait');
	if (isLoopback(req.remoteAddress) && req.method === 'GET' && /^\/_sandbox\/deliveries\/?$/.test(req.path) && (wait === 'true' || wait === '1')) {
		await d.settleDeliveries();
	}
	return handleAdmin(req, d);
}

export function handleAdmin(req: SandboxRequest, d: AdminDeps): Reply {
	if (!isLoopback(req.remoteAddress)) {
		throw ApiError.of(403, 'Forbidden', 'The /_sandbox endpoints answer loopback clients only.');
	}
	const route = req.path.replace(/^\/_sandbox\/?/, '').replace(/\/$/, '');
	const completeRoute = /^lawconnect\/appointments\/(\d+)\/complete$/.exec(route);
	if (completeRoute) {
		if (req.method !== 'POST') return notAllowed('POST');
		return json(200, d.completeAppointment(Number(completeRoute[1]), parseCompletion(parseJsonBody(req))));
	}
	switch (route) {
		case 'deliveries': {
			if (req.method === 'GET') {
				const deliveries = d.deliveries();
				const pending = deliveries.filter((x) => x.state === 'pending').length;
				return json(200, { count: deliveries.length, pending, deliveries });
			}
			if (req.method === 'DELETE') {
				d.clearDeliveries();
				return { status: 204 };
			}
			return notAllowed('GET, DELETE');
		}
		case 'events': {
			if (req.method !== 'POST') return notAllowed('POST');
			const body = parseJsonBody(req) as Record<string, unknown> | undefined;
			if (!body || typeof body !== 'object' || typeof body.eventName !== 'string' || !Number.isInteger(body.id)) {
				throw ApiError.of(400, 'Bad Request', 'Send {"eventName": "ActionUpdated", "id": 2001}: an event and the id of an existing record of its resource.');
			}
			const deliveries = d.fireEvent(body.eventName, body.id as number);
			return json(200, { count: deliveries.length, deliveries });
		}
		case 'lawconnect/booking':
			if (req.method !== 'POST') return notAllowed('POST');
			return json(200, d.lawConnectBooking(parseBooking(parseJsonBody(req))));
		case 'faults':
			if (req.method === 'GET') return json(200, { faults: d.getFaults() });
			if (req.method === 'PUT' || req.method === 'POST') {
				d.setFaults(parseJsonBody(req) ?? {});
				return json(200, { faults: d.getFaults() });
			}
			if (req.method === 'DELETE') {
				d.setFaults(null);
				return { status: 204 };
			}
			return notAllowed('GET, PUT, POST, DELETE');
		case 'log':
			if (req.method === 'GET') {
				const requests = d.log();
				return json(200, { count: requests.length, requests });
			}
			if (req.method === 'DELETE') {
				d.clearLog();
				return { status: 204 };
			}
			return notAllowed('GET, DELETE');
		case 'reset':
			if (req.method !== 'POST') return notAllowed('POST');
			d.reset();
			return json(200, { reset: true });
		case 'token': {
			if (req.method !== 'POST') return notAllowed('POST');
			const body = (parseJsonBody(req) ?? {}) as Record<string, unknown>;
			if (typeof body !== 'object' || Array.isArray(body) || body === null) throw ApiError.of(400, 'Bad Request', 'Body must be a JSON object.');
			const opts: IssueTokenOptions = {};
			if (body.scope !== undefined) {
				if (typeof body.scope !== 'string') throw ApiError.of(400, 'Bad Request', 'scope must be a space-separated string.');
				opts.scope = body.scope;
			}
			if (body.userId !== undefined) {
				if (!Number.isInteger(body.userId)) throw ApiError.of(400, 'Bad Request', 'userId must be an integer.');
				opts.userId = body.userId as number;
			}
			if (body.accessTokenTtl !== undefined) {
				if (!Number.isInteger(body.accessTokenTtl) || (body.accessTokenTtl as number) < 1) throw ApiError.of(400, 'Bad Request', 'accessTokenTtl must be a positive integer (seconds).');
				opts.accessTokenTtl = body.accessTokenTtl as number;
			}
			try {
				return json(200, d.issueToken(opts));
			} catch (e) {
				throw ApiError.of(400, 'Bad Request', (e as Error).message);
			}
		}
		case 'expire-tokens':
			if (req.method !== 'POST') return notAllowed('POST');
			d.expireAccessTokens();
			return json(200, { expired: true });
		default:
			throw ApiError.of(404, 'Not Found', `Sandbox endpoints: ${ENDPOINTS}.`);
	}
}
