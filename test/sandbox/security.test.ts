/**
 * The sandbox against a hostile web page and a nosy log reader: the admin endpoints and the consent decision
 * refuse a foreign Host (DNS rebinding) or Origin (cross-site form); authorize refuses redirect URIs that are
 * not registered for the client, without redirecting; the request and delivery logs keep no token, code,
 * secret or hook-target query value.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CliError, parseCli } from '../../sandbox/cli';
import { isRegisteredRedirectUri } from '../../sandbox/oauthAuthorize';
import { http, openSuite, type Suite } from './helpers';

let s: Suite;
beforeAll(async () => {
	s = await openSuite();
});
afterAll(() => s.sb.close());

const port = () => new URL(s.sb.url).port;

async function freePort(): Promise<number> {
	const probe = createServer();
	await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
	const { port: free } = probe.address() as AddressInfo;
	await new Promise<void>((resolve) => probe.close(() => resolve()));
	return free;
}
const N8N_CALLBACK = 'http://127.0.0.1:5678/rest/oauth2-credential/callback';

function authorizeUrl(sbUrl: string, clientId: string, redirectUri: string): string {
	return `${sbUrl}/api/oauth/authorize?${new URLSearchParams({ response_type: 'code', client_id: clientId, redirect_uri: redirectUri, scope: 'all', state: 'st' })}`;
}

describe('admin endpoints: Host and Origin (DNS rebinding, cross-site forms)', () => {
	test.each([
		['a rebinding host name', { Host: `attacker.example:${'PORT'}` }],
		['a host name without port', { Host: 'attacker.example' }],
		['a cross-site Origin', { Origin: 'http://attacker.example' }],
		['an opaque Origin', { Origin: 'null' }],
		['a loopback Origin on another port (another local web app)', { Origin: 'http://127.0.0.1:1' }],
	])('%s is refused with 403 and changes nothing', async (_what, headers) => {
		const h = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, v.replace('PORT', port())]));
		s.sb.setFaults({ latencyMs: 1 });
		const token = await http({ method: 'POST', url: `${s.sb.url}/_sandbox/token`, headers: { ...h, 'content-type': 'application/json' }, data: '{}' });
		expect(token.status).toBe(403);
		expect(token.body.access_token).toBeUndefined();
		expect((await http({ method: 'DELETE', url: `${s.sb.url}/_sandbox/faults`, headers: h })).status).toBe(403);
		expect((await http({ url: `${s.sb.url}/_sandbox/log`, headers: h })).status).toBe(403);
		expect((await http({ url: `${s.sb.url}/_sandbox/faults` })).body.faults).toEqual({ latencyMs: 1 });
		s.sb.setFaults(null);
	});

	test.each([
		['no Origin (curl, n8n, tests)', {}],
		['localhost as Host', { Host: `localhost:${'PORT'}` }],
		['[::1] as Host', { Host: `[::1]:${'PORT'}` }],
		['a same-origin Origin (the sandbox\'s own page)', { Origin: 'SELF' }],
	])('%s goes through', async (_what, headers) => {
		const h = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, v.replace('PORT', port()).replace('SELF', s.sb.url)]));
		const token = await http({ method: 'POST', url: `${s.sb.url}/_sandbox/token`, headers: { ...h, 'content-type': 'application/json' }, data: '{}' });
		expect(token.status).toBe(200);
		expect(token.body.access_token).toMatch(/^sbx_at_/);
	});

	test('the host of --public-url is trusted too, and its origin', async () => {
		const free = await freePort();
		const pub = await openSuite({ port: free, publicUrl: 'http://sandbox.test:8787' });
		const local = `http://127.0.0.1:${free}`;
		try {
			const ok = await http({ method: 'POST', url: `${local}/_sandbox/reset`, headers: { Host: 'sandbox.test:8787', Origin: 'http://sandbox.test:8787' } });
			expect(ok.status).toBe(200);
			const other = await http({ method: 'POST', url: `${local}/_sandbox/reset`, headers: { Host: 'sandbox.test:9999' } });
			expect(other.status).toBe(403);
		} finally {
			await pub.sb.close();
		}
	});
});

describe('the consent decision: Host and Origin', () => {
	async function pendingRequest(): Promise<string> {
		const page = await http({ url: authorizeUrl(s.sb.url, s.sb.clientId, N8N_CALLBACK) });
		expect(page.status).toBe(200);
		return /name="request_id" value="([^"]+)"/.exec(page.text)![1];
	}
	const decide = (requestId: string, headers: Record<string, string>) =>
		http({
			method: 'POST',
			url: `${s.sb.url}/api/oauth/authorize/decision`,
			data: new URLSearchParams({ request_id: requestId, user_id: '1', decision: 'allow' }).toString(),
			headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...headers },
		});

	test('a form posted from another site, or through a rebound host name, is refused and issues no code', async () => {
		const requestId = await pendingRequest();
		for (const headers of [{ Origin: 'https://attacker.example' }, { Host: `attacker.example:${port()}` }] as Array<Record<string, string>>) {
			const r = await decide(requestId, headers);
			expect(r.status).toBe(403);
			expect(r.headers.location).toBeUndefined();
		}
		// The user's own click on the sandbox's page still works.
		const r = await decide(requestId, { Origin: s.sb.url });
		expect(r.status).toBe(302);
		expect(new URL(r.headers.location).searchParams.get('code')).toMatch(/^code_/);
	});
});

describe('authorize: registered redirect URIs only', () => {
	test.each([
		'http://attacker.example/rest/oauth2-credential/callback',
		'https://n8n.example.com/rest/oauth2-credential/callback',
		'http://127.0.0.1:5678/rest/other',
		'http://127.0.0.1:5678/rest/oauth2-credential/callback?next=http://attacker.example',
		'http://127.0.0.1:5678/rest/oauth2-credential/callback#x',
		'http://user@127.0.0.1:5678/rest/oauth2-credential/callback',
		'http://127.0.0.1:5678/rest/x/../oauth2-credential/callback',
		'javascript:alert(1)',
	])('%s gets an error page and no redirect', async (redirectUri) => {
		const r = await http({ url: authorizeUrl(s.sb.url, s.sb.clientId, redirectUri) });
		expect(r.status).toBe(400);
		expect(r.headers.location).toBeUndefined();
		expect(r.headers['content-type']).toMatch(/text\/html/);
		expect(r.text).toContain('Invalid redirect_uri');
		expect(r.text).not.toContain('request_id');
		// Not even the error of a bad response_type is sent there.
		const bad = await http({ url: authorizeUrl(s.sb.url, s.sb.clientId, redirectUri).replace('response_type=code', 'response_type=token') });
		expect([bad.status, bad.headers.location]).toEqual([400, undefined]);
	});

	test.each([
		'http://localhost:5678/rest/oauth2-credential/callback',
		'http://127.0.0.1:5678/rest/oauth2-credential/callback',
		'http://127.0.0.1/rest/oauth2-credential/callback',
		'http://[::1]:5678/rest/oauth2-credential/callback',
	])('n8n\'s loopback callback %s is registered by default', (uri) => {
		expect(isRegisteredRedirectUri(uri, [])).toBe(true);
	});

	test('--redirect-uri (redirectUris) registers more, matched exactly', async () => {
		const extra = 'https://n8n.example.com/rest/oauth2-credential/callback';
		const cli = parseCli(['--redirect-uri', extra, '--redirect-uri', 'http://n8n.lan:5678/rest/oauth2-credential/callback']);
		expect(cli.options.redirectUris).toEqual([extra, 'http://n8n.lan:5678/rest/oauth2-credential/callback']);
		expect(() => parseCli(['--redirect-uri', 'not a url'])).toThrow(CliError);
		const reg = await openSuite({ redirectUris: [extra] });
		try {
			expect((await http({ url: authorizeUrl(reg.sb.url, reg.sb.clientId, extra) })).status).toBe(200);
			expect((await http({ url: authorizeUrl(reg.sb.url, reg.sb.clientId, `${extra}/`) })).status).toBe(400);
			expect((await http({ url: authorizeUrl(reg.sb.url, reg.sb.clientId, N8N_CALLBACK) })).status).toBe(200);
		} finally {
			await reg.sb.close();
		}
	});
});

describe('the logs keep no secrets', () => {
	let rx: Server;
	let rxUrl = '';
	beforeAll(async () => {
		rx = createServer((req, res) => res.writeHead(200).end('ok'));
		await new Promise<void>((resolve) => rx.listen(0, '127.0.0.1', resolve));
		rxUrl = `http://127.0.0.1:${(rx.address() as AddressInfo).port}`;
	});
	afterAll(() => new Promise<void>((resolve) => rx.close(() => resolve())));

	test('hook target query values, OAuth tokens, codes and secrets are redacted in the request and delivery logs', async () => {
		s.sb.clearLog();
		s.sb.clearDeliveries();
		const secret = 'Zq7SecretHookToken0123456789';
		const target = `${rxUrl}/webhook/abc/webhook?actionstepToken=${secret}&workflow=7`;
		const created = await s.rest('POST', 'resthooks', { resthooks: { eventName: 'TimeEntryUpdated', targetUrl: target } });
		expect(created.status).toBe(200);
		expect(created.body.resthooks.targetUrl).toBe(target); // the API itself answers what was stored
		await s.rest('GET', `resthooks?targetUrl=${encodeURIComponent(target)}&access_token=at_leak_1&code=code_leak_2&client_secret=cs_leak_3`);
		const put = await s.rest('PUT', 'timeentries/7001', { timeentries: { description: 'refresh_token=rt_leak_4 Bearer bt_leak_5' } });
		expect(put.status).toBe(200);
		const [delivery] = await s.sb.settleDeliveries();
		expect(delivery.state).toBe('delivered');

		const logged = JSON.stringify([s.sb.requests(), s.sb.deliveries()]);
		for (const leak of [secret, 'at_leak_1', 'code_leak_2', 'cs_leak_3', 'rt_leak_4', 'bt_leak_5']) expect(logged).not.toContain(leak);
		const [post, get] = s.sb.requests();
		expect(post.body).toEqual({ resthooks: { eventName: 'TimeEntryUpdated', targetUrl: `${rxUrl}/webhook/abc/webhook?actionstepToken=[redacted]&workflow=[redacted]` } });
		expect(get.query).toMatchObject({ access_token: '[redacted]', code: '[redacted]', client_secret: '[redacted]' });
		expect(get.rawQuery).toContain('access_token=[redacted]');
		expect(delivery.targetUrl).toBe(`${rxUrl}/webhook/abc/webhook?actionstepToken=[redacted]&workflow=[redacted]`);
		// Over HTTP too.
		const served = await http({ url: `${s.sb.url}/_sandbox/log` });
		expect(served.text).not.toContain(secret);
		const deliveries = await http({ url: `${s.sb.url}/_sandbox/deliveries` });
		expect(deliveries.text).not.toContain(secret);
	});
});
