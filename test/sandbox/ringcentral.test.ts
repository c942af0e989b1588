/**
 * The sandbox's RingCentral corner (sandbox/ringcentral/): OAuth2 as n8n's OAuth2 credential uses it, the call
 * log with RingCentral's paging, webhook subscriptions with the Validation-Token handshake, and the telephony-
 * session events of a call. Shapes are compared key path by key path with RingCentral's published payloads,
 * read from ../shared/realworld at test time.
 */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { startSandbox, type SandboxHandle } from '../../sandbox';
import { http } from './helpers';

const FIXTURES = path.resolve(__dirname, '..', '..', '..', 'shared', 'realworld', 'fixtures');
const fixture = (name: string) => JSON.parse(fs.readFileSync(path.join(FIXTURES, `${name}.json`), 'utf8'));

/** Every key path of a JSON value with the type found there ('records[].legs[].to.phoneNumber' → 'string'). */
function shape(v: unknown, prefix = '', out = new Map<string, string>()): Map<string, string> {
	if (Array.isArray(v)) {
		out.set(prefix, 'array');
		for (const x of v) shape(x, `${prefix}[]`, out);
	} else if (v && typeof v === 'object') {
		out.set(prefix, 'object');
		for (const [k, x] of Object.entries(v)) shape(x, prefix ? `${prefix}.${k}` : k, out);
	} else out.set(prefix, v === null ? 'null' : typeof v);
	return out;
}

/** Key paths of `published` missing from `ours` or typed differently, and key paths of ours the publisher does not have, minus `extras`. */
function shapeDiff(ours: unknown, published: unknown, extras: string[] = []) {
	const a = shape(ours);
	const b = shape(published);
	const missing = [...b].filter(([k, t]) => a.get(k) !== t).map(([k, t]) => `${k}: ${t} (ours ${a.get(k) ?? 'absent'})`);
	const added = [...a.keys()].filter((k) => !b.has(k) && !extras.some((e) => k === e || k.startsWith(`${e}.`) || k.startsWith(`${e}[]`)));
	return { missing, added };
}

interface Received {
	headers: IncomingHttpHeaders;
	body: any;
}

/** A loopback webhook: echoes the validation token unless told not to, records every POST. */
async function webhook(opts: { echo: boolean } = { echo: true }) {
	const r = { url: '', received: [] as Received[], echo: opts.echo, close: (): Promise<void> => Promise.resolve() };
	const server: Server = createServer((req, res) => {
		let text = '';
		req.on('data', (c) => (text += c));
		req.on('end', () => {
			r.received.push({ headers: req.headers, body: text ? JSON.parse(text) : undefined });
			const token = req.headers['validation-token'];
			res.writeHead(200, token && r.echo ? { 'Validation-Token': String(token) } : {});
			res.end();
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	r.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhook/ringcentral-calls`;
	r.close = () => new Promise<void>((resolve) => (server.closeAllConnections(), server.close(() => resolve())));
	return r;
}

let sb: SandboxHandle;
beforeAll(async () => {
	sb = await startSandbox({ quiet: true });
});
afterAll(() => sb.close());
beforeEach(() => sb.ringcentral.clear());

const rc = () => sb.ringcentral;
const basic = (id: string, secret: string) => `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`;
const tokenRequest = (form: Record<string, string>, authorization = basic(rc().clientId, rc().clientSecret)) =>
	http({ method: 'POST', url: rc().tokenUrl, headers: { authorization, 'content-type': 'application/x-www-form-urlencoded' }, data: new URLSearchParams(form).toString() });
const get = (url: string, token: string) => http({ url, headers: { authorization: `Bearer ${token}` } });
const CALL_LOG = '/restapi/v1.0/account/~/extension/~/call-log';
const MICHAEL = { phoneNumber: '+61491570110', name: 'MICHAEL SMITH', location: 'Sydney, NSW' };

describe('OAuth2 as n8n’s OAuth2 credential does it', () => {
	test('client credentials with HTTP Basic give a bearer token; a wrong secret or a body-only client is refused; the API needs the token', async () => {
		const t = await tokenRequest({ grant_type: 'client_credentials' });
		expect(t.status).toBe(200);
		expect(t.body).toEqual({
			access_token: expect.any(String),
			token_type: 'bearer',
			expires_in: 3600,
			scope: expect.stringContaining('ReadCallLog'),
			owner_id: expect.any(String),
			endpoint_id: expect.any(String),
		});
		expect((await tokenRequest({ grant_type: 'client_credentials' }, basic(rc().clientId, 'wrong'))).body.error).toBe('invalid_client');
		const bodyOnly = await http({
			method: 'POST',
			url: rc().tokenUrl,
			headers: { 'content-type': 'application/x-www-form-urlencoded' },
			data: new URLSearchParams({ grant_type: 'client_credentials', client_id: rc().clientId, client_secret: rc().clientSecret }).toString(),
		});
		expect(bodyOnly.status).toBe(401);
		expect(bodyOnly.text).not.toContain(rc().clientSecret);

		expect((await get(`${rc().baseUrl}${CALL_LOG}`, 'not-a-token')).body).toMatchObject({ errorCode: 'TokenInvalid' });
		expect((await http({ url: `${rc().baseUrl}${CALL_LOG}` })).status).toBe(401);
		expect((await get(`${rc().baseUrl}${CALL_LOG}`, t.body.access_token)).status).toBe(200);
	});

	test('authorization code: authorize redirects with code and state; the code is single-use; refresh tokens rotate', async () => {
		const redirect = 'http://127.0.0.1:5678/rest/oauth2-credential/callback';
		const auth = await http({ url: `${rc().authorizeUrl}?${new URLSearchParams({ response_type: 'code', client_id: rc().clientId, redirect_uri: redirect, state: 'st-1' })}` });
		expect(auth.status).toBe(302);
		const back = new URL(auth.headers.location);
		expect(`${back.origin}${back.pathname}`).toBe(redirect);
		expect(back.searchParams.get('state')).toBe('st-1');
		const code = back.searchParams.get('code')!;
		const t = await tokenRequest({ grant_type: 'authorization_code', code, redirect_uri: redirect });
		expect(t.body).toMatchObject({ token_type: 'bearer', refresh_token: expect.any(String), refresh_token_expires_in: 604800 });
		expect((await tokenRequest({ grant_type: 'authorization_code', code, redirect_uri: redirect })).body.error).toBe('invalid_grant');
		const r1 = await tokenRequest({ grant_type: 'refresh_token', refresh_token: t.body.refresh_token });
		expect(r1.status).toBe(200);
		expect((await tokenRequest({ grant_type: 'refresh_token', refresh_token: t.body.refresh_token })).body.error).toBe('invalid_grant');
	});
});

describe('the call log', () => {
	test('a Detailed record has every key path, with its type, of RingCentral’s published Detailed record; Simple has no legs', async () => {
		const call = rc().addCall({ scenario: 'answered', other: MICHAEL });
		const token = rc().issueToken().access_token;
		const page = await get(`${rc().baseUrl}${CALL_LOG}?view=Detailed`, token);
		const [record] = page.body.records;
		expect(shapeDiff(record, fixture('rc-calllog-detailed-single-leg-master-billing'), ['durationMs', 'legs[].durationMs'])).toEqual({ missing: [], added: [] });
		expect(record).toMatchObject({
			id: call.id,
			sessionId: call.sessionId,
			telephonySessionId: call.telephonySessionId,
			direction: 'Inbound',
			result: 'Accepted',
			from: MICHAEL,
			legs: [{ legType: 'Accept', master: true, result: 'Accepted' }],
		});
		expect(record.duration).toBe(6 + 421);
		const list = fixture('rc-calllog-list-detailed-multileg-recorded-devtest');
		const top = (o: Record<string, unknown>) => ({ keys: Object.keys(o).sort(), paging: Object.keys(o.paging as object).sort(), nav: Object.keys(o.navigation as object).sort() });
		expect(top(page.body)).toEqual(top(list));
		expect((await get(`${rc().baseUrl}${CALL_LOG}`, token)).body.records[0].legs).toBeUndefined();
	});

	test('paging as RingCentral pages: perPage, pageStart/pageEnd, navigation.nextPage until the last page; newest first; dateFrom filters', async () => {
		const base = Date.parse('2026-03-02T22:00:00Z');
		for (let i = 0; i < 5; i++) rc().addCall({ scenario: i === 2 ? 'missed' : 'answered', other: { phoneNumber: `+6149157011${i}` }, startTime: new Date(base + i * 600_000).toISOString() });
		const token = rc().issueToken().access_token;
		let url: string | undefined = `${rc().baseUrl}${CALL_LOG}?dateFrom=2026-03-02T22:05:00.000Z&view=Detailed&type=Voice&perPage=2`;
		const pages: any[] = [];
		while (url) {
			const p = await get(url, token);
			expect(p.status).toBe(200);
			pages.push(p.body);
			url = p.body.navigation.nextPage?.uri;
		}
		expect(pages.map((p) => p.paging)).toEqual([
			{ page: 1, perPage: 2, pageStart: 0, pageEnd: 1 },
			{ page: 2, perPage: 2, pageStart: 2, pageEnd: 3 },
		]);
		expect(pages[1].navigation.previousPage.uri).toBe(pages[0].uri);
		const starts = pages.flatMap((p) => p.records.map((r: any) => r.startTime));
		expect(starts).toEqual([4, 3, 2, 1].map((i) => new Date(base + i * 600_000).toISOString()));
		expect(pages[0].uri).toContain('dateFrom=2026-03-02T22%3A05%3A00.000Z');
		expect((await get(`${rc().baseUrl}${CALL_LOG}?dateFrom=yesterday`, token)).body).toMatchObject({ errorCode: 'CMN-101', errors: [{ parameterName: 'dateFrom' }] });
	});

	test('calls to the corner stay out of the Actionstep request log', async () => {
		sb.clearLog();
		await get(`${rc().baseUrl}${CALL_LOG}`, rc().issueToken().access_token);
		expect(sb.requests()).toEqual([]);
		expect(rc().requests()).toEqual([expect.objectContaining({ method: 'GET', path: CALL_LOG, status: 200, bearer: true })]);
	});
});

describe('webhook subscriptions and telephony-session events', () => {
	test('creating a subscription sends RingCentral’s validation request; it is kept only if the token comes back', async () => {
		const hook = await webhook();
		const bad = await webhook({ echo: false });
		try {
			const token = rc().issueToken().access_token;
			const create = (address: string) =>
				http({
					method: 'POST',
					url: `${rc().baseUrl}/restapi/v1.0/subscription`,
					headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
					data: { eventFilters: ['/restapi/v1.0/account/~/extension/~/telephony/sessions'], deliveryMode: { transportType: 'WebHook', address } },
				});
			const ok = await create(hook.url);
			expect(ok.status).toBe(200);
			expect(ok.body).toMatchObject({ status: 'Active', deliveryMode: { transportType: 'WebHook', address: hook.url }, eventFilters: [expect.stringMatching(/\/telephony\/sessions$/)] });
			const published = fixture('rc-webhook-delivery-headers-validation-token').headers;
			const v = hook.received[0].headers;
			for (const h of ['accept', 'accept-encoding', 'content-type', 'user-agent']) expect({ h, v: v[h] }).toEqual({ h, v: published[h] });
			expect(v['validation-token']).toMatch(/^[0-9a-f]{32}$/);
			expect(hook.received[0].body).toBeUndefined();

			const refused = await create(bad.url);
			expect(refused.body).toMatchObject({ errorCode: 'SUB-522' });
			expect((await create('https://example.com/webhook')).status).toBe(400);
			expect(rc().subscriptions().map((s) => s.address)).toEqual([hook.url]);
		} finally {
			await hook.close();
			await bad.close();
		}
	});

	test('an answered inbound call: Setup, Proceeding, Answered, Disconnected in order, shaped as RingCentral’s, with its headers; the call-log record has the same telephonySessionId', async () => {
		const hook = await webhook();
		try {
			await rc().subscribe(hook.url);
			hook.received.length = 0;
			// The published inbound Setup has a caller without a name: play the same.
			const { call, deliveries } = await rc().playCall({ scenario: 'answered', other: { phoneNumber: '+14083388064' } });
			const events = hook.received.map((r) => r.body);
			expect(events.map((e) => [e.body.sequence, e.body.parties[0].status.code, e.body.parties[0].missedCall])).toEqual([
				[1, 'Setup', false],
				[2, 'Proceeding', false],
				[3, 'Answered', false],
				[4, 'Disconnected', false],
			]);
			expect(deliveries.map((d) => d.status)).toEqual([200, 200, 200, 200]);
			expect(shapeDiff(events[0], fixture('rc-webhook-telephony-session-inbound-setup'))).toEqual({ missing: [], added: [] });
			const published = fixture('rc-webhook-delivery-headers-validation-token').headers;
			for (const h of ['accept', 'accept-encoding', 'content-type', 'user-agent']) expect(hook.received[3].headers[h]).toBe(published[h]);
			expect(hook.received[3].headers['validation-token']).toBeUndefined();
			const sub = rc().subscriptions()[0];
			for (const e of events) {
				expect(e).toMatchObject({ subscriptionId: sub.id, ownerId: call.spec.extension.id, body: { telephonySessionId: call.telephonySessionId, sessionId: call.sessionId, origin: { type: 'Call' } } });
				expect(e.event).toMatch(/^\/restapi\/v1\.0\/account\/\d+\/extension\/\d+\/telephony\/sessions$/);
			}
			const times = events.map((e) => Date.parse(e.body.eventTime));
			expect(times).toEqual([...times].sort((a, b) => a - b));
			expect(Math.round((times[3] - times[2]) / 1000)).toBe(421);
			expect(events[3].body.parties[0]).toMatchObject({ direction: 'Inbound', from: { phoneNumber: '+14083388064' }, to: { phoneNumber: call.spec.extension.phoneNumber } });
			expect(rc().callLog()[0]).toMatchObject({ telephonySessionId: call.telephonySessionId, result: 'Accepted' });
		} finally {
			await hook.close();
		}
	});

	test('an outbound call’s Disconnected has the published outbound Disconnected’s shape', async () => {
		const hook = await webhook();
		try {
			await rc().subscribe(hook.url);
			hook.received.length = 0;
			await rc().playCall({ scenario: 'answered', direction: 'Outbound', other: { phoneNumber: '+16579991394' } });
			const last = hook.received.at(-1)!.body;
			expect(last.body.parties[0].status.code).toBe('Disconnected');
			// RingCentral's published outbound party has no park member; ours carries it on every party, as the inbound ones do.
			expect(shapeDiff(last, fixture('rc-webhook-telephony-session-outbound-disconnected'), ['body.parties[].park'])).toEqual({ missing: [], added: [] });
		} finally {
			await hook.close();
		}
	});

	test('a missed call ends Disconnected with missedCall true and no Answered; a voicemail adds VoiceMail and the message-store event; a repeat delivery is the same notification', async () => {
		const hook = await webhook();
		try {
			await rc().subscribe(hook.url);
			hook.received.length = 0;
			await rc().playCall({ scenario: 'missed', other: { phoneNumber: '+61491570111', name: 'Sarah Thompson' } });
			expect(hook.received.map((r) => [r.body.body.parties[0].status.code, r.body.body.parties[0].missedCall])).toEqual([
				['Setup', false],
				['Proceeding', false],
				['Disconnected', true],
			]);
			hook.received.length = 0;
			const vm = await rc().playCall({ scenario: 'voicemail', other: { phoneNumber: '+18664320079', name: 'Jane Doe' } });
			expect(hook.received.map((r) => r.body.body.parties?.[0].status.code ?? r.body.body.type)).toEqual(['Setup', 'Proceeding', 'VoiceMail', 'Disconnected', 'VoiceMail']);
			const message = hook.received.at(-1)!.body;
			expect(shapeDiff(message, fixture('rc-webhook-voicemail-message-event'))).toEqual({ missing: [], added: [] });
			expect(message.body.attachments[0].vmDuration).toBe(32);
			const missedRecord = rc().callLog().find((r) => r.result === 'Missed')!;
			// RingCentral's published missed and voicemail records: duration 0, and the message's length.
			expect(shapeDiff(missedRecord, fixture('rc-calllog-simple-missed-appconnect-testdata'), ['extension', 'billing', 'durationMs', 'legs', 'transport', 'lastModifiedTime', 'from.name', 'from.location', 'to.name'])).toEqual({ missing: [], added: [] });
			expect(missedRecord.duration).toBe(fixture('rc-calllog-simple-missed-appconnect-testdata').duration);
			expect(rc().callLog().find((r) => r.telephonySessionId === vm.call.telephonySessionId)).toMatchObject({ duration: 32, result: 'Voicemail', message: { id: vm.call.messageId, type: 'VoiceMail' } });

			const disconnected = vm.deliveries[3];
			const again = await rc().redeliver(disconnected.seq);
			expect(again.status).toBe(200);
			expect(hook.received.at(-1)!.body).toEqual(hook.received[3].body);
		} finally {
			await hook.close();
		}
	});

	test('the loopback admin route plays a call; bad specs and foreign web pages are refused before anything is sent', async () => {
		const hook = await webhook();
		try {
			await rc().subscribe(hook.url);
			hook.received.length = 0;
			const played = await http({ method: 'POST', url: `${rc().baseUrl}/_sandbox/calls`, data: { scenario: 'answered', other: MICHAEL, talkSeconds: 60 } });
			expect(played.status).toBe(200);
			expect(played.body.deliveries).toHaveLength(4);
			expect(hook.received).toHaveLength(4);
			const logged = await http({ method: 'POST', url: `${rc().baseUrl}/_sandbox/calls`, data: { scenario: 'answered', other: MICHAEL, deliver: false } });
			expect(logged.body.deliveries).toEqual([]);
			expect(hook.received).toHaveLength(4);
			expect(rc().callLog()).toHaveLength(2);
			const bad = await http({ method: 'POST', url: `${rc().baseUrl}/_sandbox/calls`, data: { scenario: 'ringing', other: MICHAEL } });
			expect(bad.status).toBe(400);
			expect((await http({ method: 'POST', url: `${rc().baseUrl}/_sandbox/calls`, data: { scenario: 'answered', other: { phoneNumber: 'call me' } } })).status).toBe(400);
			expect(hook.received).toHaveLength(4);
			// A web page on another origin (or reaching it by DNS rebinding) cannot play calls into n8n.
			const foreign = await http({ method: 'POST', url: `${rc().baseUrl}/_sandbox/calls`, headers: { origin: 'https://evil.example' }, data: { scenario: 'answered', other: MICHAEL } });
			expect(foreign.status).toBe(403);
			const rebound = await http({ method: 'POST', url: `${rc().baseUrl}/_sandbox/calls`, headers: { host: 'attacker.example' }, data: { scenario: 'answered', other: MICHAEL } });
			expect(rebound.status).toBe(403);
			expect(hook.received).toHaveLength(4);
		} finally {
			await hook.close();
		}
	});
});
