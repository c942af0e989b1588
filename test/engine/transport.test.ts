/**
 * The foundation's promises, proven through n8n-core's real engine and OAuth2 code against the sandbox:
 * where requests go, how they are signed and typed, token refresh, refused endpoints, errors without
 * secrets, and 429 handling.
 */
import { runNode } from '../harness/engine';
import type { CredentialStore } from '../harness/engine';
import { openSandbox, restRequests } from '../harness/sandbox';
import type { SandboxFixture } from '../harness/sandbox';

let fx: SandboxFixture;
beforeAll(async () => (fx = await openSandbox()));
afterAll(async () => fx.sandbox.close());
beforeEach(() => fx.sandbox.reset());

const getRecord = (credential: CredentialStore, id = '5001') =>
	runNode({ parameters: { resource: 'phoneRecord', operation: 'get', phoneRecordId: id }, credential });

function secretsOf(credential: CredentialStore): string[] {
	const token = credential.data.oauthTokenData as { access_token: string; refresh_token: string };
	return [token.access_token, token.refresh_token, String(credential.data.clientSecret)];
}

test('requests reach {api_endpoint}rest/... signed, as application/vnd.api+json', async () => {
	const credential = await fx.connect();
	const created = await runNode({
		parameters: {
			resource: 'phoneRecord',
			operation: 'create',
			direction: 'in',
			callTimestamp: '2026-03-02T09:30:00+11:00',
			outcome: 'Call completed',
			fromType: 'other',
			fromParticipantOther: 'Caller',
			toType: 'participant',
			toParticipant: { __rl: true, mode: 'id', value: '101' },
		},
		credential,
	});
	expect(created.error).toBeUndefined();
	const [post] = restRequests(fx.sandbox).filter((r) => r.method === 'POST');
	expect(post.path).toBe('/api/rest/phonerecords');
	expect(post.headers).toMatchObject({
		authorization: true,
		accept: 'application/vnd.api+json',
		contentType: expect.stringContaining('application/vnd.api+json'),
	});
	expect(post.body).toEqual({
		phonerecords: expect.objectContaining({ direction: 'in', fromParticipantOther: 'Caller', links: { toParticipant: 101 } }),
	});
	expect(fx.sandbox.store.get('phonerecords', created.success[0].json.id as number)).toBeTruthy();
});

test("an expired token is refreshed by n8n's OAuth2 code, the request retried, and api_endpoint kept", async () => {
	const credential = await fx.connect();
	const before = credential.data.oauthTokenData as Record<string, string>;
	fx.sandbox.expireAccessTokens();

	const result = await getRecord(credential);

	expect(result.error).toBeUndefined();
	expect(result.success[0].json.id).toBe(5001);
	expect(credential.refreshes).toBe(1);
	const after = credential.data.oauthTokenData as Record<string, string>;
	expect(after.access_token).not.toBe(before.access_token);
	expect(after.refresh_token).not.toBe(before.refresh_token); // the sandbox rotates refresh tokens
	expect(after.api_endpoint).toBe(`${fx.sandbox.url}/api/`);
	const statuses = restRequests(fx.sandbox, 'phonerecords').map((r) => r.status);
	expect(statuses).toEqual([401, 200]);

	// The rotated refresh token keeps working for the next expiry.
	fx.sandbox.expireAccessTokens();
	expect((await getRecord(credential)).success[0].json.id).toBe(5001);
	expect(credential.refreshes).toBe(2);
});

test('a refused refresh asks the user to reconnect, without leaking tokens', async () => {
	const credential = await fx.connect();
	const secrets = secretsOf(credential);
	(credential.data.oauthTokenData as Record<string, string>).refresh_token = 'revoked-refresh-token';
	fx.sandbox.expireAccessTokens();
	const result = await getRecord(credential);
	expect(result.success).toHaveLength(0);
	expect(result.error?.message).toMatch(/reconnect/i);
	const text = JSON.stringify(result.run);
	for (const secret of [...secrets, 'revoked-refresh-token']) expect(text).not.toContain(secret);
});

test.each([
	['a foreign host', 'http://evil.example/api/'],
	['the right host on another port', 'http://127.0.0.1:1/api/'],
])('an api_endpoint on %s is refused before any request', async (_what, endpoint) => {
	const credential = await fx.connect();
	(credential.data.oauthTokenData as Record<string, string>).api_endpoint = endpoint;
	fx.sandbox.clearLog();
	const result = await getRecord(credential);
	expect(result.error?.message).toMatch(/no request was sent/);
	expect(fx.sandbox.requests()).toHaveLength(0);
});

test('a production credential never sends to a non-Actionstep or plain-http host', async () => {
	const credential = await fx.connect();
	credential.data.environment = 'production';
	fx.sandbox.clearLog();
	const result = await getRecord(credential);
	expect(result.error?.message).toMatch(/not an https host of actionstep\.com/);
	expect(fx.sandbox.requests()).toHaveLength(0);
});

test('a credential without api_endpoint says to reconnect', async () => {
	const credential = await fx.connect();
	delete (credential.data.oauthTokenData as Record<string, string>).api_endpoint;
	const result = await getRecord(credential);
	expect(result.error?.message).toMatch(/no API endpoint/);
	expect(result.error?.description).toMatch(/Reconnect/);
});

test("Actionstep's error body becomes a readable NodeApiError without secrets", async () => {
	const credential = await fx.connect();
	const secrets = secretsOf(credential);
	const result = await runNode({
		parameters: {
			resource: 'phoneRecord',
			operation: 'create',
			direction: 'in',
			callTimestamp: '2026-03-02T09:30:00+11:00',
			outcome: 'Call completed',
			fromType: 'other',
			fromParticipantOther: 'Caller',
			toType: 'other',
			toParticipantOther: 'Reception',
			matter: { __rl: true, mode: 'id', value: '999999' },
		},
		credential,
	});
	expect(result.error?.httpCode).toBe('400');
	expect(result.error?.message).toMatch(/^Actionstep refused POST phonerecords: .*999999/);
	const text = JSON.stringify(result.run);
	for (const secret of secrets) expect(text).not.toContain(secret);
});

test('a missing scope gives a 403 that says to reconnect with the right scopes', async () => {
	const credential = await fx.connect('timeentries');
	const result = await getRecord(credential);
	expect(result.error?.httpCode).toBe('403');
	expect(result.error?.message).toMatch(/insufficient_scope/);
	expect(result.error?.description).toMatch(/Reconnect/);
});

test('429 with Retry-After is waited out and retried', async () => {
	const credential = await fx.connect();
	fx.sandbox.setFaults({ rateLimit: { requests: 1, windowMs: 1000, retryAfterSeconds: 1 } });
	const started = Date.now();
	const result = await runNode({
		parameters: { resource: 'phoneRecord', operation: 'get', phoneRecordId: '={{ $json.id }}' },
		items: [{ id: 5001 }, { id: 5002 }],
		credential,
	});
	expect(result.error).toBeUndefined();
	expect(result.success.map((item) => item.json.id)).toEqual([5001, 5002]);
	const log = restRequests(fx.sandbox, 'phonerecords');
	expect(log.map((r) => r.status)).toEqual([200, 429, 200]);
	// The retry came no sooner than Retry-After asked.
	expect(Date.parse(log[2].time) - Date.parse(log[1].time)).toBeGreaterThanOrEqual(950);
	expect(Date.now() - started).toBeLessThan(10_000);
});

test('a server error on a read is retried; a create is resent only after a lookup found nothing', async () => {
	const credential = await fx.connect();
	fx.sandbox.setFaults({ serverError: { every: 1, status: 503, methods: ['POST'] } });
	const result = await runNode({
		parameters: {
			resource: 'phoneRecord',
			operation: 'create',
			direction: 'in',
			callTimestamp: '2026-03-02T09:30:00+11:00',
			outcome: 'Call completed',
			fromType: 'other',
			fromParticipantOther: 'Caller',
			toType: 'other',
			toParticipantOther: 'Reception',
		},
		credential,
	});
	expect(result.error?.httpCode).toBe('503');
	const methods = restRequests(fx.sandbox, 'phonerecords').map((r) => r.method);
	expect(methods[0]).toBe('POST');
	for (let i = 1; i < methods.length; i++) if (methods[i] === 'POST') expect(methods[i - 1]).toBe('GET');
	expect(fx.sandbox.store.list('phonerecords').filter((r) => r.fromParticipantOther === 'Caller')).toHaveLength(0);

	fx.sandbox.clearLog();
	fx.sandbox.setFaults({ serverError: { every: 2, status: 502, methods: ['GET'] } });
	const read = await getRecord(credential);
	expect(read.success[0]?.json.id).toBe(5001);
});
