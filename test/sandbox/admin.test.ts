/** The request log, reset, and the loopback guard on /_sandbox/*. */
import { isLoopback } from '../../sandbox';
import { handleAdmin, type AdminDeps } from '../../sandbox/admin';
import { ApiError, type SandboxRequest } from '../../sandbox/http';
import { API, http, openSuite, type Suite } from './helpers';

let s: Suite;
beforeAll(async () => {
	s = await openSuite();
});
afterAll(() => s.sb.close());

describe('request log', () => {
	beforeEach(() => s.sb.clearLog());

	test('records method, decoded and raw path, parsed and raw query, headers without the token, body and status', async () => {
		await s.rest('GET', 'participants?displayName_ilike=*o%27connor*&fields%5Bparticipants%5D=displayName');
		await s.rest('POST', 'phonerecords', { phonerecords: { direction: 'in' } });
		const [get, post] = s.sb.requests();
		expect(get).toMatchObject({
			method: 'GET',
			path: '/api/rest/participants',
			rawPath: '/api/rest/participants',
			rawQuery: 'displayName_ilike=*o%27connor*&fields%5Bparticipants%5D=displayName',
			query: { displayName_ilike: "*o'connor*", 'fields[participants]': 'displayName' },
			status: 200,
			fault: null,
			body: null,
		});
		expect(get.headers).toEqual({ contentType: null, accept: API, authorization: true, userAgent: expect.stringContaining('axios') });
		expect(JSON.stringify(get)).not.toContain(s.token);
		expect(post).toMatchObject({ method: 'POST', status: 400, body: { phonerecords: { direction: 'in' } } });
		expect(post.headers.contentType).toBe(API);
		expect(post.seq).toBe(get.seq + 1);
		expect(typeof get.time).toBe('string');
	});

	test('rawPath shows percent-encoding exactly as sent', async () => {
		await s.rest('GET', 'phonerecords/5001%2C5002');
		await s.rest('GET', 'phonerecords/5001,5002');
		const [encoded, plain] = s.sb.requests();
		expect(encoded.rawPath).toBe('/api/rest/phonerecords/5001%2C5002');
		expect(encoded.path).toBe('/api/rest/phonerecords/5001,5002');
		expect(plain.rawPath).toBe('/api/rest/phonerecords/5001,5002');
	});

	test('a repeated query key is an array; a missing Authorization is logged as false', async () => {
		await s.rest('GET', 'phonerecords?direction=in&direction=out', undefined, { token: null });
		const [r] = s.sb.requests();
		expect(r.query).toEqual({ direction: ['in', 'out'] });
		expect(r.headers.authorization).toBe(false);
		expect(r.status).toBe(401);
	});

	test('only REST traffic is logged; GET /_sandbox/log serves it and DELETE clears it', async () => {
		await s.sb.issueToken();
		await http({ url: `${s.sb.url}/api/oauth/authorize?response_type=code&client_id=${s.sb.clientId}&redirect_uri=http://x/cb&scope=all` });
		await s.rest('GET', 'actions/2001');
		const served = await http({ url: `${s.sb.url}/_sandbox/log` });
		expect(served.status).toBe(200);
		expect(served.body.count).toBe(1);
		expect(served.body.requests[0].path).toBe('/api/rest/actions/2001');
		expect((await http({ method: 'DELETE', url: `${s.sb.url}/_sandbox/log` })).status).toBe(204);
		expect(s.sb.requests()).toHaveLength(0);
	});
});

describe('reset', () => {
	test('restores the seed, clears log and faults, keeps tokens valid', async () => {
		await s.rest('DELETE', 'timeentries/7001');
		const created = await s.rest('POST', 'resthooks', { resthooks: { eventName: 'TaskCreated', targetUrl: 'http://127.0.0.1:9/hook' } });
		s.sb.setFaults({ latencyMs: 1 });
		expect(s.sb.store.get('timeentries', 7001)).toBeUndefined();
		const r = await http({ method: 'POST', url: `${s.sb.url}/_sandbox/reset` });
		expect(r.status).toBe(200);
		expect(s.sb.store.get('timeentries', 7001)).toBeDefined();
		expect(s.sb.store.get('resthooks', created.body.resthooks.id)).toBeUndefined();
		expect(s.sb.requests()).toHaveLength(0);
		expect((await http({ url: `${s.sb.url}/_sandbox/faults` })).body.faults).toEqual({});
		expect((await s.rest('GET', 'timeentries/7001')).status).toBe(200); // same token still works
	});

	test('handle.reset() does the same', async () => {
		await s.rest('PUT', 'phonerecords/5004', { phonerecords: { notes: 'changed' } });
		s.sb.reset();
		expect(s.sb.store.get('phonerecords', 5004)?.notes).toBe('Went through the trustee resolution.');
	});
});

describe('admin endpoints are loopback-only', () => {
	test.each([
		['127.0.0.1', true],
		['127.3.2.1', true],
		['::1', true],
		['::ffff:127.0.0.1', true],
		['10.0.0.5', false],
		['192.168.1.20', false],
		['::ffff:10.0.0.5', false],
		['fe80::1', false],
		['', false],
		[undefined, false],
	])('isLoopback(%p) is %p', (addr, expected) => {
		expect(isLoopback(addr)).toBe(expected);
	});

	const deps: AdminDeps = {
		getFaults: () => ({}),
		setFaults: () => undefined,
		log: () => [],
		clearLog: () => undefined,
		reset: jest.fn(),
		issueToken: () => {
			throw new Error('must not be reached');
		},
		expireAccessTokens: () => undefined,
		deliveries: () => [],
		settleDeliveries: () => Promise.resolve([]),
		clearDeliveries: () => undefined,
		fireEvent: () => [],
		lawConnectBooking: () => {
			throw new Error('must not be reached');
		},
		completeAppointment: () => {
			throw new Error('must not be reached');
		},
	};
	const req = (remoteAddress: string, path: string, method = 'POST'): SandboxRequest => ({
		method,
		rawPath: path,
		rawQuery: '',
		path,
		query: new URLSearchParams(),
		headers: {},
		body: Buffer.alloc(0),
		remoteAddress,
	});

	test.each(['/_sandbox/token', '/_sandbox/reset', '/_sandbox/faults', '/_sandbox/log', '/_sandbox/deliveries', '/_sandbox/events', '/_sandbox/lawconnect/booking'])('%s answers 403 to a remote client', (path) => {
		let thrown: unknown;
		try {
			handleAdmin(req('203.0.113.9', path), deps);
		} catch (e) {
			thrown = e;
		}
		expect(thrown).toBeInstanceOf(ApiError);
		expect((thrown as ApiError).status).toBe(403);
		expect(deps.reset).not.toHaveBeenCalled();
	});

	test('the same call from loopback goes through', () => {
		expect(handleAdmin(req('127.0.0.1', '/_sandbox/reset'), deps).status).toBe(200);
		expect(deps.reset).toHaveBeenCalledTimes(1);
	});

	test('over HTTP from loopback, unknown admin paths are 404 and wrong methods 405', async () => {
		expect((await http({ url: `${s.sb.url}/_sandbox/nope` })).status).toBe(404);
		expect((await http({ url: `${s.sb.url}/_sandbox/reset` })).status).toBe(405);
	});

	test('POST /_sandbox/expire-tokens expires access tokens', async () => {
		const t = await s.sb.issueToken();
		await http({ method: 'POST', url: `${s.sb.url}/_sandbox/expire-tokens` });
		expect((await s.rest('GET', 'actions/2001', undefined, { token: t.access_token })).status).toBe(401);
		s.token = (await s.sb.issueToken()).access_token;
	});
});
