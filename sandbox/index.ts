/**
 * The sandbox's entry point: `startSandbox(options)` wires store, OAuth, REST, faults, log and admin into one
 * server and returns a handle for tests. See sandbox/README.md for usage and FIDELITY.md for what it copies
 * from the real Actionstep API and what it assumes.
 */
import type { AddressInfo } from 'node:net';
import type { AdminDeps } from './admin';
import { DEFAULT_DELIVERY_TIMEOUT_MS, EVENT_RESOURCES, HookDeliverer, WRITE_EVENTS } from './delivery';
import { FaultEngine, validateFaultConfig } from './faults';
import { ApiError } from './http';
import { book, complete, type LawConnectDeps } from './lawconnect';
import { RequestLog } from './log';
import { OAuthServer, ORG_KEY } from './oauth';
import { readDataFile, writeDataFile } from './persistence';
import { RESOURCE_NAMES } from './resources';
import { RestApi } from './rest';
import { createHostedSuite } from './hostedsuite';
import { createRingCentral } from './ringcentral';
import { seedSnapshot } from './seed';
import { createSandboxServer } from './server';
import { Store } from './store';
import type { FaultConfig, SandboxHandle, SandboxOptions, SandboxRules } from './types';

export type {
	AppointmentCompletion,
	FaultConfig,
	HookDelivery,
	IssueTokenOptions,
	LawConnectBookingInput,
	LawConnectResult,
	LoggedRequest,
	RecordMap,
	ResourceName,
	SandboxHandle,
	SandboxOptions,
	SandboxRules,
	SandboxStore,
	StoredRecord,
	TaskData,
	TokenExchange,
	TokenResponse,
} from './types';
export { isLoopback } from './admin';
export { EVENT_RESOURCES, hookPayload } from './delivery';
export { isLoopbackUrl } from './resources/resthooks';
export { validateFaultConfig } from './faults';
export { parseRateLimit } from './cli';

export const DEFAULT_CLIENT_ID = 'sandbox-client-id';
export const DEFAULT_CLIENT_SECRET = 'sandbox-client-secret';
export const DEFAULT_ACCESS_TOKEN_TTL = 3600;
export const DEFAULT_REFRESH_TOKEN_TTL = 21 * 24 * 3600;

/** The startup banner; scripts may parse the `client id:` / `client secret:` / `base url:` lines. */
export function bannerLines(h: Pick<SandboxHandle, 'url' | 'apiEndpoint' | 'clientId' | 'clientSecret'>, extra: string[] = []): string[] {
	return [
		'Actionstep sandbox (Harbourside Legal) is ready',
		`base url: ${h.url}`,
		`api endpoint: ${h.apiEndpoint}`,
		`authorize url: ${h.url}/api/oauth/authorize`,
		`token url: ${h.url}/api/oauth/token`,
		`client id: ${h.clientId}`,
		`client secret: ${h.clientSecret}`,
		...extra,
		`scripted token: curl -s -X POST ${h.url}/_sandbox/token -H 'content-type: application/json' -d '{"scope":"all","userId":1}'`,
	];
}

function urlHost(host: string): string {
	if (host === '0.0.0.0' || host === '::') return '127.0.0.1';
	return host.includes(':') ? `[${host}]` : host;
}

export async function startSandbox(options: SandboxOptions = {}): Promise<SandboxHandle> {
	const host = options.host ?? '127.0.0.1';
	const clientId = options.clientId ?? DEFAULT_CLIENT_ID;
	const clientSecret = options.clientSecret ?? DEFAULT_CLIENT_SECRET;
	const rules: Required<SandboxRules> = {
		enforceParticipantPairs: true,
		blockDeleteWhenLinked: true,
		ownerMustBeUser: true,
		singleObject: 'page',
		...options.rules,
	};
	const initialState = () => seedSnapshot(options.seedPhoneRecords ?? 0);

	// A data file that exists wins over the seed options: it is the demo's saved state.
	const saved = options.dataFile ? readDataFile(options.dataFile) : null;
	const store = new Store(RESOURCE_NAMES, saved?.store ?? initialState());
	let url = '';
	const apiEndpoint = () => `${url}/api/`;
	const persist = () => {
		if (options.dataFile) writeDataFile(options.dataFile, store.snapshot(), oauth.snapshot());
	};
	const oauth = new OAuthServer({
		clientId,
		clientSecret,
		accessTokenTtl: options.accessTokenTtl ?? DEFAULT_ACCESS_TOKEN_TTL,
		refreshTokenTtl: options.refreshTokenTtl ?? DEFAULT_REFRESH_TOKEN_TTL,
		apiEndpoint,
		users: () => store.all('users').map((u) => ({ id: u.id, name: `${u.firstName} ${u.lastName}`, email: String(u.email) })),
		autoApprove: options.autoApprove ?? false,
		redirectUris: options.redirectUris ?? [],
		onChange: persist,
		onTokenExchange: options.onTokenExchange,
	});
	oauth.load(saved?.tokens);
	store.onChange = persist;

	const faults = new FaultEngine(options.faults);
	const log = new RequestLog();
	const quiet = options.quiet ?? false;
	const allowRemoteHookTargets = options.allowRemoteHookTargets ?? false;
	const deliverer = new HookDeliverer({
		store,
		allowRemoteTargets: allowRemoteHookTargets,
		timeoutMs: options.hookDeliveryTimeoutMs ?? DEFAULT_DELIVERY_TIMEOUT_MS,
		quiet,
	});
	const rest = new RestApi({
		store,
		oauth,
		rules,
		apiEndpoint,
		allowRemoteHookTargets,
		onWrite: (resource, operation, record) => {
			const event = WRITE_EVENTS[resource]?.[operation];
			if (event) deliverer.emit(event, resource, record);
		},
	});
	const lawConnect: LawConnectDeps = {
		store,
		ctx: () => ({ store, rules, now: Date.now(), userId: 1, allowRemoteHookTargets }),
		emit: (eventName, resource, record) => deliverer.emit(eventName, resource, record),
	};
	const fireEvent = (eventName: string, recordId: number) => {
		if (!Object.prototype.hasOwnProperty.call(EVENT_RESOURCES, eventName)) {
			throw ApiError.of(400, 'Bad Request', `Unknown event "${eventName}"; Actionstep's events are ${Object.keys(EVENT_RESOURCES).join(', ')}.`);
		}
		const resource = EVENT_RESOURCES[eventName];
		if (!resource) throw ApiError.of(400, 'Bad Request', `The sandbox has no records for ${eventName}; it can fire ${Object.keys(EVENT_RESOURCES).filter((e) => EVENT_RESOURCES[e]).join(', ')}.`);
		const record = store.find(resource, recordId);
		if (!record) throw ApiError.of(404, 'Not Found', `No ${resource} with id ${recordId} for ${eventName}.`);
		return deliverer.emit(eventName, resource, record);
	};
	const reset = () => {
		store.load(initialState());
		log.clear();
		deliverer.clear();
		faults.set(null);
		persist();
	};
	const admin: AdminDeps = {
		getFaults: () => faults.get(),
		setFaults: (f) => faults.set(f === null ? null : validateFaultConfig(f)),
		log: () => log.list(),
		clearLog: () => log.clear(),
		reset,
		issueToken: (o) => oauth.issueDirect(o),
		expireAccessTokens: () => oauth.expireAccessTokens(),
		deliveries: () => deliverer.deliveries(),
		settleDeliveries: () => deliverer.settle(),
		clearDeliveries: () => deliverer.clear(),
		fireEvent,
		lawConnectBooking: (input) => book(lawConnect, input),
		completeAppointment: (taskId, o) => complete(lawConnect, taskId, o),
	};
	const ringcentral = createRingCentral({ baseUrl: () => url });
	const hostedsuite = createHostedSuite({ baseUrl: () => url, store });
	const srv = createSandboxServer({
		rest,
		oauth,
		faults,
		log,
		admin,
		corners: { '/ringcentral': ringcentral.route, '/hostedsuite': hostedsuite.route },
		quiet,
		publicUrl: () => url,
		info: () => ({
			sandbox: 'Actionstep sandbox',
			orgkey: ORG_KEY,
			api_endpoint: apiEndpoint(),
			authorize: `${url}/api/oauth/authorize`,
			token: `${url}/api/oauth/token`,
			admin: [
				'/_sandbox/faults',
				'/_sandbox/log',
				'/_sandbox/reset',
				'/_sandbox/token',
				'/_sandbox/expire-tokens',
				'/_sandbox/deliveries',
				'/_sandbox/events',
				'/_sandbox/lawconnect/booking',
				'/_sandbox/lawconnect/appointments/{taskId}/complete',
			],
			ringcentral: `${url}/ringcentral (a RingCentral look-alike for the call-logging recipes; sandbox/README.md)`,
			hostedsuite: `${url}/hostedsuite (a HostedSuite call-record service look-alike; sandbox/README.md)`,
		}),
	});

	await new Promise<void>((resolve, reject) => {
		srv.server.once('error', reject);
		srv.server.listen(options.port ?? 0, host, () => {
			srv.server.off('error', reject);
			resolve();
		});
	});
	const port = (srv.server.address() as AddressInfo).port;
	url = (options.publicUrl ?? `http://${urlHost(host)}:${port}`).replace(/\/+$/, '');
	if (options.dataFile && !saved) persist();

	const handle: SandboxHandle = {
		url,
		apiEndpoint: apiEndpoint(),
		clientId,
		clientSecret,
		close: () => {
			deliverer.close();
			return srv.close();
		},
		issueToken: (o) => Promise.resolve().then(() => oauth.issueDirect(o)),
		expireAccessTokens: () => oauth.expireAccessTokens(),
		setFaults: (f: FaultConfig | null) => faults.set(f),
		requests: () => log.list(),
		clearLog: () => log.clear(),
		reset,
		store,
		deliveries: () => deliverer.deliveries(),
		clearDeliveries: () => deliverer.clear(),
		settleDeliveries: () => deliverer.settle(),
		lawConnectBooking: (input) => book(lawConnect, input),
		completeAppointment: (taskId, o = {}) => complete(lawConnect, taskId, o),
		fireEvent,
		ringcentral: ringcentral.handle,
		hostedsuite: hostedsuite.handle,
	};
	if (!quiet) {
		if (allowRemoteHookTargets) console.log('REST hooks: any http(s) target allowed (--allow-remote-hooks)');
		const hs = hostedsuite.handle;
		const extra: string[] = [
			`ringcentral: ${ringcentral.handle.baseUrl} (client id ${ringcentral.handle.clientId}, client secret ${ringcentral.handle.clientSecret})`,
			`hostedsuite: ${hs.baseUrl} (CustomerName ${hs.customerName}, UserName ${hs.userName}, Password ${hs.password})`,
		];
		if (options.dataFile) extra.push(`data file: ${options.dataFile}${saved ? ' (loaded)' : ' (seeded)'}`);
		const f = faults.get();
		if (Object.keys(f).length) extra.push(`faults: ${JSON.stringify(f)}`);
		for (const line of bannerLines(handle, extra)) console.log(line);
	}
	return handle;
}
