/** OAuth2 as Actionstep runs it (notes §1): code flow via the consent page, token exchange, refresh rotation. */
import type { TokenExchange } from '../../sandbox';
import { http, openSuite, type Suite } from './helpers';

let s: Suite;
const exchanges: TokenExchange[] = [];
beforeAll(async () => {
	s = await openSuite({ accessTokenTtl: 1800, onTokenExchange: (x) => exchanges.push(x) });
});
afterAll(() => s.sb.close());

const REDIRECT = 'http://localhost:5678/rest/oauth2-credential/callback';

function form(data: Record<string, string>): string {
	return new URLSearchParams(data).toString();
}

/** Walks the consent page like n8n's popup: GET authorize → submit the Allow form → follow the 302. */
async function authorize(params: Record<string, string> = {}) {
	const q = new URLSearchParams({
		response_type: 'code',
		client_id: s.sb.clientId,
		redirect_uri: REDIRECT,
		scope: 'phonerecords timeentries participants',
		state: 'xyz-123',
		...params,
	});
	const page = await http({ url: `${s.sb.url}/api/oauth/authorize?${q}` });
	const requestId = /name="request_id" value="([^"]+)"/.exec(page.text)?.[1];
	const action = /<form method="post" action="([^"]+)"/.exec(page.text)?.[1];
	return { page, requestId, action };
}

async function submit(action: string, requestId: string, decision = 'allow', userId = '1') {
	const r = await http({
		method: 'POST',
		url: `${s.sb.url}${action}`,
		data: form({ request_id: requestId, user_id: userId, decision }),
		headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
	});
	return { r, location: r.headers.location ? new URL(r.headers.location) : undefined };
}

async function codeFor(scope = 'phonerecords timeentries participants', userId = '1'): Promise<string> {
	const { requestId, action } = await authorize({ scope });
	const { location } = await submit(action as string, requestId as string, 'allow', userId);
	return location?.searchParams.get('code') as string;
}

function tokenRequest(data: Record<string, string>, basic?: [string, string]) {
	const headers: Record<string, string> = { 'Content-Type': 'application/x-www-form-urlencoded' };
	if (basic) headers.Authorization = `Basic ${Buffer.from(`${basic[0]}:${basic[1]}`).toString('base64')}`;
	return http({ method: 'POST', url: `${s.sb.url}/api/oauth/token`, data: form(data), headers });
}

describe('authorize and consent', () => {
	test('the consent page is an HTML form whose Allow button redirects back with code and state', async () => {
		const { page, requestId, action } = await authorize();
		expect(page.status).toBe(200);
		expect(page.headers['content-type']).toMatch(/text\/html/);
		expect(page.text).toContain('value="allow"');
		expect(page.text).toContain('phonerecords timeentries participants');
		expect(requestId).toBeTruthy();
		const { r, location } = await submit(action as string, requestId as string);
		expect(r.status).toBe(302);
		expect(`${location?.origin}${location?.pathname}`).toBe(REDIRECT);
		expect(location?.searchParams.get('state')).toBe('xyz-123');
		expect(location?.searchParams.get('code')).toMatch(/^code_/);
	});

	test('the form also works as a GET (a plain link)', async () => {
		const { requestId, action } = await authorize();
		const r = await http({ url: `${s.sb.url}${action}?request_id=${requestId}&decision=allow&user_id=2` });
		expect(r.status).toBe(302);
		expect(new URL(r.headers.location).searchParams.get('code')).toBeTruthy();
	});

	test('Deny redirects with error=access_denied and the state', async () => {
		const { requestId, action } = await authorize();
		const { location } = await submit(action as string, requestId as string, 'deny');
		expect(location?.searchParams.get('error')).toBe('access_denied');
		expect(location?.searchParams.get('state')).toBe('xyz-123');
		expect(location?.searchParams.get('code')).toBeNull();
	});

	test('a consent request can be answered once', async () => {
		const { requestId, action } = await authorize();
		await submit(action as string, requestId as string);
		const again = await submit(action as string, requestId as string);
		expect(again.r.status).toBe(400);
	});

	test('an unknown client gets an error page, not a redirect', async () => {
		const { page } = await authorize({ client_id: 'nope' });
		expect(page.status).toBe(400);
		expect(page.headers.location).toBeUndefined();
	});

	test('response_type other than code and a missing scope redirect with an OAuth error', async () => {
		const bad = await http({ url: `${s.sb.url}/api/oauth/authorize?${new URLSearchParams({ response_type: 'token', client_id: s.sb.clientId, redirect_uri: REDIRECT, state: 's' })}` });
		expect(bad.status).toBe(302);
		expect(new URL(bad.headers.location).searchParams.get('error')).toBe('unsupported_response_type');
		const noScope = await http({ url: `${s.sb.url}/api/oauth/authorize?${new URLSearchParams({ response_type: 'code', client_id: s.sb.clientId, redirect_uri: REDIRECT })}` });
		expect(new URL(noScope.headers.location).searchParams.get('error')).toBe('invalid_scope');
	});

	test('autoApprove skips the consent page', async () => {
		const { startSandbox } = await import('../../sandbox');
		const auto = await startSandbox({ port: 0, quiet: true, autoApprove: true });
		try {
			const r = await http({ url: `${auto.url}/api/oauth/authorize?${new URLSearchParams({ response_type: 'code', client_id: auto.clientId, redirect_uri: REDIRECT, scope: 'all', state: 'a' })}` });
			expect(r.status).toBe(302);
			expect(new URL(r.headers.location).searchParams.get('code')).toBeTruthy();
		} finally {
			await auto.close();
		}
	});
});

describe('token endpoint', () => {
	test('authorization_code with client credentials in the body gives the Actionstep token response', async () => {
		const code = await codeFor();
		const r = await tokenRequest({ grant_type: 'authorization_code', code, redirect_uri: REDIRECT, client_id: s.sb.clientId, client_secret: s.sb.clientSecret });
		expect(r.status).toBe(200);
		expect(r.headers['cache-control']).toBe('no-store');
		expect(Object.keys(r.body).sort()).toEqual(['access_token', 'api_endpoint', 'expires_in', 'orgkey', 'refresh_token', 'token_type']);
		expect(r.body).toMatchObject({ token_type: 'bearer', expires_in: 1800, api_endpoint: `${s.sb.url}/api/`, orgkey: 'harbourside' });
		// The token works against {api_endpoint}rest/...
		const me = await s.rest('GET', 'participants/101', undefined, { token: r.body.access_token });
		expect(me.status).toBe(200);
	});

	test('client credentials as HTTP Basic work too', async () => {
		const code = await codeFor();
		const r = await tokenRequest({ grant_type: 'authorization_code', code, redirect_uri: REDIRECT }, [s.sb.clientId, s.sb.clientSecret]);
		expect(r.status).toBe(200);
		expect(r.body.access_token).toMatch(/^sbx_at_/);
	});

	test('the token belongs to the user who consented', async () => {
		const code = await codeFor('all', '3');
		const t = await tokenRequest({ grant_type: 'authorization_code', code, redirect_uri: REDIRECT, client_id: s.sb.clientId, client_secret: s.sb.clientSecret });
		const me = await s.rest('GET', 'users/current', undefined, { token: t.body.access_token });
		expect(me.body.users).toMatchObject({ id: 3, firstName: 'Priya', links: { participant: '103' } });
	});

	test('a wrong secret or unknown client is 401 invalid_client', async () => {
		const code = await codeFor();
		const wrong = await tokenRequest({ grant_type: 'authorization_code', code, redirect_uri: REDIRECT, client_id: s.sb.clientId, client_secret: 'wrong' });
		expect(wrong.status).toBe(401);
		expect(wrong.body.error).toBe('invalid_client');
		const basic = await tokenRequest({ grant_type: 'authorization_code', code, redirect_uri: REDIRECT }, ['someone', s.sb.clientSecret]);
		expect(basic.status).toBe(401);
		expect(basic.headers['www-authenticate']).toMatch(/^Basic/);
		const none = await tokenRequest({ grant_type: 'authorization_code', code, redirect_uri: REDIRECT });
		expect(none.status).toBe(401);
	});

	test('redirect_uri must match the authorize request', async () => {
		const code = await codeFor();
		const r = await tokenRequest({ grant_type: 'authorization_code', code, redirect_uri: 'http://localhost:9999/other', client_id: s.sb.clientId, client_secret: s.sb.clientSecret });
		expect(r.status).toBe(400);
		expect(r.body).toEqual({ error: 'invalid_grant', error_description: expect.stringMatching(/redirect_uri/) });
		const missing = await tokenRequest({ grant_type: 'authorization_code', code, client_id: s.sb.clientId, client_secret: s.sb.clientSecret });
		expect(missing.body.error).toBe('invalid_grant');
	});

	test('a code works once; an unknown code is invalid_grant', async () => {
		const code = await codeFor();
		const creds = { client_id: s.sb.clientId, client_secret: s.sb.clientSecret, redirect_uri: REDIRECT };
		expect((await tokenRequest({ grant_type: 'authorization_code', code, ...creds })).status).toBe(200);
		const again = await tokenRequest({ grant_type: 'authorization_code', code, ...creds });
		expect(again.status).toBe(400);
		expect(again.body.error).toBe('invalid_grant');
		expect((await tokenRequest({ grant_type: 'authorization_code', code: 'made-up', ...creds })).body.error).toBe('invalid_grant');
	});

	test('unsupported grant types and non-form bodies are refused', async () => {
		const cc = await tokenRequest({ grant_type: 'client_credentials', client_id: s.sb.clientId, client_secret: s.sb.clientSecret });
		expect(cc.status).toBe(400);
		expect(cc.body.error).toBe('unsupported_grant_type');
		const json = await http({
			method: 'POST',
			url: `${s.sb.url}/api/oauth/token`,
			data: JSON.stringify({ grant_type: 'refresh_token' }),
			headers: { 'Content-Type': 'application/json' },
		});
		expect(json.status).toBe(400);
		expect(json.body.error).toBe('invalid_request');
	});
});

describe('refresh', () => {
	const creds = () => ({ client_id: s.sb.clientId, client_secret: s.sb.clientSecret });

	test('refresh rotates: new pair, api_endpoint again, the old refresh token is then invalid_grant', async () => {
		const first = await s.sb.issueToken({ scope: 'phonerecords' });
		const r = await tokenRequest({ grant_type: 'refresh_token', refresh_token: first.refresh_token, ...creds() });
		expect(r.status).toBe(200);
		expect(r.body.api_endpoint).toBe(`${s.sb.url}/api/`);
		expect(r.body.orgkey).toBe('harbourside');
		expect(r.body.refresh_token).not.toBe(first.refresh_token);
		expect(r.body.access_token).not.toBe(first.access_token);
		const reuse = await tokenRequest({ grant_type: 'refresh_token', refresh_token: first.refresh_token, ...creds() });
		expect(reuse.status).toBe(400);
		expect(reuse.body.error).toBe('invalid_grant');
		expect(reuse.body.error_description).toMatch(/already been used/);
		// The new one works, and keeps the original scope.
		const next = await tokenRequest({ grant_type: 'refresh_token', refresh_token: r.body.refresh_token }, [s.sb.clientId, s.sb.clientSecret]);
		expect(next.status).toBe(200);
		expect((await s.rest('GET', 'phonerecords/5001', undefined, { token: next.body.access_token })).status).toBe(200);
		expect((await s.rest('GET', 'timeentries/7001', undefined, { token: next.body.access_token })).status).toBe(403);
	});

	test('onTokenExchange hears every answer of the token endpoint: grant, token presented, status, error, token issued', async () => {
		const first = await s.sb.issueToken({ scope: 'phonerecords' });
		exchanges.length = 0;
		const r = await tokenRequest({ grant_type: 'refresh_token', refresh_token: first.refresh_token, ...creds() });
		await tokenRequest({ grant_type: 'refresh_token', refresh_token: first.refresh_token, ...creds() });
		await http({ method: 'POST', url: `${s.sb.url}/api/oauth/token`, data: '{}', headers: { 'Content-Type': 'application/json' } });
		expect(exchanges.map(({ at: _at, ...x }) => x)).toEqual([
			{ grantType: 'refresh_token', refreshToken: first.refresh_token, status: 200, error: null, issuedRefreshToken: r.body.refresh_token },
			{ grantType: 'refresh_token', refreshToken: first.refresh_token, status: 400, error: 'invalid_grant', issuedRefreshToken: null },
			{ grantType: null, refreshToken: null, status: 400, error: 'invalid_request', issuedRefreshToken: null },
		]);
	});

	test('a refresh sending a different redirect_uri than the grant is refused', async () => {
		const code = await codeFor();
		const t = await tokenRequest({ grant_type: 'authorization_code', code, redirect_uri: REDIRECT, ...creds() });
		const bad = await tokenRequest({ grant_type: 'refresh_token', refresh_token: t.body.refresh_token, redirect_uri: 'http://elsewhere/cb', ...creds() });
		expect(bad.body.error).toBe('invalid_grant');
		const good = await tokenRequest({ grant_type: 'refresh_token', refresh_token: t.body.refresh_token, redirect_uri: REDIRECT, ...creds() });
		expect(good.status).toBe(200);
	});

	test('an expired access token is 401 and a refresh brings access back', async () => {
		const t = await s.sb.issueToken();
		expect((await s.rest('GET', 'phonerecords/5001', undefined, { token: t.access_token })).status).toBe(200);
		s.sb.expireAccessTokens();
		const expired = await s.rest('GET', 'phonerecords/5001', undefined, { token: t.access_token });
		expect(expired.status).toBe(401);
		expect(expired.body.errors[0].detail).toMatch(/expired/);
		const r = await tokenRequest({ grant_type: 'refresh_token', refresh_token: t.refresh_token, ...creds() });
		expect((await s.rest('GET', 'phonerecords/5001', undefined, { token: r.body.access_token })).status).toBe(200);
	});

	test('access tokens expire by their lifetime', async () => {
		const t = await s.sb.issueToken({ accessTokenTtl: 1 });
		expect(t.expires_in).toBe(1);
		await new Promise((r) => setTimeout(r, 1100));
		expect((await s.rest('GET', 'phonerecords/5001', undefined, { token: t.access_token })).status).toBe(401);
	});

	test('refresh tokens expire by their lifetime', async () => {
		const { startSandbox } = await import('../../sandbox');
		const short = await startSandbox({ port: 0, quiet: true, refreshTokenTtl: 1 });
		try {
			const t = await short.issueToken();
			await new Promise((r) => setTimeout(r, 1100));
			const r = await http({
				method: 'POST',
				url: `${short.url}/api/oauth/token`,
				data: form({ grant_type: 'refresh_token', refresh_token: t.refresh_token, client_id: short.clientId, client_secret: short.clientSecret }),
				headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
			});
			expect(r.status).toBe(400);
			expect(r.body.error_description).toMatch(/expired/);
		} finally {
			await short.close();
		}
	});
});

describe('scripted tokens', () => {
	test('POST /_sandbox/token answers what the token endpoint answers, with a working refresh token', async () => {
		const r = await http({ method: 'POST', url: `${s.sb.url}/_sandbox/token`, data: JSON.stringify({ scope: 'users', userId: 2, accessTokenTtl: 60 }), headers: { 'Content-Type': 'application/json' } });
		expect(r.status).toBe(200);
		expect(Object.keys(r.body).sort()).toEqual(['access_token', 'api_endpoint', 'expires_in', 'orgkey', 'refresh_token', 'token_type']);
		expect(r.body.expires_in).toBe(60);
		const me = await s.rest('GET', 'users/current', undefined, { token: r.body.access_token });
		expect(me.body.users.id).toBe(2);
		const refreshed = await tokenRequest({ grant_type: 'refresh_token', refresh_token: r.body.refresh_token, client_id: s.sb.clientId, client_secret: s.sb.clientSecret });
		expect(refreshed.status).toBe(200);
	});

	test('an empty body gives an all-scope token for user 1; an unknown user is 400', async () => {
		const r = await http({ method: 'POST', url: `${s.sb.url}/_sandbox/token` });
		const me = await s.rest('GET', 'users/current', undefined, { token: r.body.access_token });
		expect(me.body.users.id).toBe(1);
		const bad = await http({ method: 'POST', url: `${s.sb.url}/_sandbox/token`, data: '{"userId":99}', headers: { 'Content-Type': 'application/json' } });
		expect(bad.status).toBe(400);
	});
});
