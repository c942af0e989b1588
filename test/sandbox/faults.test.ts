/** Fault injection: every kind, method filters, where faults apply, and the /_sandbox/faults endpoint. */
import axios from 'axios';
import { startSandbox } from '../../sandbox';
import { http, openSuite, type Suite } from './helpers';

let s: Suite;
beforeAll(async () => {
	s = await openSuite();
});
afterEach(() => {
	s.sb.setFaults(null);
	s.sb.clearLog();
});
afterAll(() => s.sb.close());

const newCall = () => ({ phonerecords: { direction: 'in', callTimestamp: '2024-06-03T10:00:00+10:00', outcome: 'Call completed', fromParticipantOther: 'Caller', toParticipantOther: 'Reception' } });

async function timed<T>(f: () => Promise<T>): Promise<[T, number]> {
	const t0 = Date.now();
	const v = await f();
	return [v, Date.now() - t0];
}

/** A raw POST through axios so a reset surfaces as a rejected promise. */
function rawPost(body: unknown) {
	return axios.post(`${s.sb.apiEndpoint}rest/phonerecords`, JSON.stringify(body), {
		headers: { Authorization: `Bearer ${s.token}`, 'Content-Type': 'application/vnd.api+json' },
		validateStatus: () => true,
	});
}

test('latency delays every REST request, and only REST requests', async () => {
	s.sb.setFaults({ latencyMs: 300 });
	const [r, ms] = await timed(() => s.rest('GET', 'phonerecords/5001'));
	expect(r.status).toBe(200);
	expect(ms).toBeGreaterThanOrEqual(290);
	const [, adminMs] = await timed(() => http({ url: `${s.sb.url}/_sandbox/faults` }));
	expect(adminMs).toBeLessThan(250);
	expect(s.sb.requests()[0].latencyMs).toBe(300);
});

test('rate limit: 429 after K requests in the window, with Retry-After when configured, then recovers', async () => {
	s.sb.setFaults({ rateLimit: { requests: 3, windowMs: 400, retryAfterSeconds: 1 } });
	for (let i = 0; i < 3; i++) expect((await s.rest('GET', 'phonerecords/5001')).status).toBe(200);
	const limited = await s.rest('GET', 'phonerecords/5001');
	expect(limited.status).toBe(429);
	expect(limited.headers['retry-after']).toBe('1');
	expect(limited.body.errors[0]).toMatchObject({ status: '429', title: 'Too Many Requests' });
	expect(s.sb.requests().at(-1)?.fault).toBe('rateLimit');
	await new Promise((r) => setTimeout(r, 450));
	expect((await s.rest('GET', 'phonerecords/5001')).status).toBe(200);

	s.sb.setFaults({ rateLimit: { requests: 1, windowMs: 10_000 } });
	await s.rest('GET', 'phonerecords/5001');
	const noHeader = await s.rest('GET', 'phonerecords/5001');
	expect(noHeader.status).toBe(429);
	expect(noHeader.headers['retry-after']).toBeUndefined();
});

test('server error every Nth request with a configurable status', async () => {
	s.sb.setFaults({ serverError: { every: 3, status: 503 } });
	const statuses: number[] = [];
	for (let i = 0; i < 6; i++) statuses.push((await s.rest('GET', 'phonerecords/5001')).status);
	expect(statuses).toEqual([200, 200, 503, 200, 200, 503]);
	const log = s.sb.requests();
	expect(log[2]).toMatchObject({ status: 503, fault: 'serverError' });
	expect(log[0].fault).toBeNull();
});

test('server error with a method filter counts only those methods, and the write is not applied', async () => {
	s.sb.setFaults({ serverError: { every: 2, methods: ['POST'] } });
	const before = s.sb.store.count('phonerecords');
	expect((await s.rest('POST', 'phonerecords', newCall())).status).toBe(200);
	for (let i = 0; i < 3; i++) expect((await s.rest('GET', 'phonerecords/5001')).status).toBe(200);
	const failed = await s.rest('POST', 'phonerecords', newCall());
	expect(failed.status).toBe(500);
	expect(failed.body.errors[0].status).toBe('500');
	expect(s.sb.store.count('phonerecords')).toBe(before + 1);
});

test('connection reset before the write: no response, nothing written', async () => {
	s.sb.setFaults({ connectionReset: { every: 2, phase: 'before', methods: ['POST'] } });
	const before = s.sb.store.count('phonerecords');
	expect((await rawPost(newCall())).status).toBe(200);
	await expect(rawPost(newCall())).rejects.toThrow(/socket hang up|ECONNRESET/);
	expect(s.sb.store.count('phonerecords')).toBe(before + 1);
	expect(s.sb.requests().at(-1)).toMatchObject({ method: 'POST', status: null, fault: 'connectionReset:before' });
});

test('connection reset after the write: no response, but the record exists', async () => {
	s.sb.setFaults({ connectionReset: { every: 1, phase: 'after', methods: ['POST'] } });
	const before = s.sb.store.count('phonerecords');
	await expect(rawPost(newCall())).rejects.toThrow(/socket hang up|ECONNRESET/);
	expect(s.sb.store.count('phonerecords')).toBe(before + 1);
	expect(s.sb.requests().at(-1)).toMatchObject({ status: null, fault: 'connectionReset:after' });
	// GETs are not affected by a POST-only reset.
	expect((await s.rest('GET', 'phonerecords/5001')).status).toBe(200);
});

test('malformed JSON every Nth response', async () => {
	s.sb.setFaults({ malformedJson: { every: 2 } });
	const good = await s.rest('GET', 'phonerecords/5001');
	expect(good.body).toBeDefined();
	const bad = await s.rest('GET', 'phonerecords/5001');
	expect(bad.status).toBe(200);
	expect(bad.headers['content-type']).toBe('application/vnd.api+json');
	expect(bad.text.startsWith('{"links"')).toBe(true);
	expect(() => JSON.parse(bad.text)).toThrow();
	expect(s.sb.requests().at(-1)?.fault).toBe('malformedJson');
});

test('slow response every Nth request', async () => {
	s.sb.setFaults({ slowResponse: { every: 2, delayMs: 400 } });
	const [, fast] = await timed(() => s.rest('GET', 'phonerecords/5001'));
	const [slowRes, slow] = await timed(() => s.rest('GET', 'phonerecords/5001'));
	expect(fast).toBeLessThan(300);
	expect(slow).toBeGreaterThanOrEqual(390);
	expect(slowRes.status).toBe(200);
	expect(s.sb.requests().at(-1)?.fault).toBe('slowResponse');
});

test('faults leave the token endpoint alone unless includeOAuthToken is set', async () => {
	const t = await s.sb.issueToken();
	const refresh = (token: string) =>
		http({
			method: 'POST',
			url: `${s.sb.url}/api/oauth/token`,
			data: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: token, client_id: s.sb.clientId, client_secret: s.sb.clientSecret }).toString(),
			headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
		});
	s.sb.setFaults({ serverError: { every: 1 } });
	const ok = await refresh(t.refresh_token);
	expect(ok.status).toBe(200);
	s.sb.setFaults({ serverError: { every: 1, status: 502 }, includeOAuthToken: true });
	expect((await refresh(ok.body.refresh_token)).status).toBe(502);
	expect(s.sb.requests()).toHaveLength(0); // the token endpoint is not in the REST log
});

describe('/_sandbox/faults', () => {
	const url = () => `${s.sb.url}/_sandbox/faults`;
	const put = (method: string, body: unknown) => http({ method, url: url(), data: JSON.stringify(body), headers: { 'Content-Type': 'application/json' } });

	test('PUT replaces, GET shows, DELETE clears', async () => {
		const set = await put('PUT', { serverError: { every: 1, status: 500, methods: ['delete'] }, latencyMs: 5 });
		expect(set.status).toBe(200);
		expect(set.body.faults).toEqual({ latencyMs: 5, serverError: { every: 1, status: 500, methods: ['DELETE'] } });
		expect((await http({ url: url() })).body.faults.serverError.every).toBe(1);
		expect((await s.rest('DELETE', 'resthooks/1')).status).toBe(500);
		const replaced = await put('POST', { latencyMs: 1 });
		expect(replaced.body.faults).toEqual({ latencyMs: 1 });
		expect((await http({ method: 'DELETE', url: url() })).status).toBe(204);
		expect((await http({ url: url() })).body.faults).toEqual({});
	});

	test('an invalid configuration is 400 and leaves the current one', async () => {
		await put('PUT', { latencyMs: 3 });
		const unknown = await put('PUT', { explode: true });
		expect(unknown.status).toBe(400);
		expect(unknown.body.errors[0].detail).toContain('explode');
		expect((await put('PUT', { serverError: { every: 0 } })).status).toBe(400);
		expect((await put('PUT', { connectionReset: { every: 1, phase: 'during' } })).status).toBe(400);
		expect((await http({ url: url() })).body.faults).toEqual({ latencyMs: 3 });
	});

	test('faults given at start apply from the first request', async () => {
		const sb = await startSandbox({ port: 0, quiet: true, faults: { serverError: { every: 1, status: 503 } } });
		try {
			const t = await sb.issueToken();
			const r = await http({ url: `${sb.apiEndpoint}rest/phonerecords`, headers: { Authorization: `Bearer ${t.access_token}` } });
			expect(r.status).toBe(503);
		} finally {
			await sb.close();
		}
	});
});
