/** The data API's gatekeeping and envelope: auth, scopes, media types, the response shape and its quirks. */
import { API, http, openSuite, rows, type Suite } from './helpers';

let s: Suite;
beforeAll(async () => {
	s = await openSuite();
});
afterAll(() => s.sb.close());

describe('authentication', () => {
	test('no token is 401 with an errors body and WWW-Authenticate invalid_token', async () => {
		const r = await s.rest('GET', 'phonerecords', undefined, { token: null });
		expect(r.status).toBe(401);
		expect(r.headers['www-authenticate']).toMatch(/^Bearer .*error="invalid_token"/);
		expect(Object.keys(r.body)).toEqual(['errors']);
		expect(r.body.errors[0]).toMatchObject({ status: '401', title: 'Unauthorized' });
	});

	test('an unknown token is 401; a basic header is not a bearer token', async () => {
		expect((await s.rest('GET', 'phonerecords', undefined, { token: 'sbx_at_nope' })).status).toBe(401);
		const basic = await s.rest('GET', 'phonerecords', undefined, { token: null, headers: { Authorization: 'Basic abc' } });
		expect(basic.status).toBe(401);
	});

	test('an expired token is 401 (and a fresh one is fine)', async () => {
		const t = await s.sb.issueToken();
		s.sb.expireAccessTokens();
		const r = await s.rest('GET', 'phonerecords', undefined, { token: t.access_token });
		expect(r.status).toBe(401);
		expect(r.headers['www-authenticate']).toContain('invalid_token');
		const fresh = await s.sb.issueToken();
		expect((await s.rest('GET', 'phonerecords', undefined, { token: fresh.access_token })).status).toBe(200);
		s.token = fresh.access_token;
	});
});

describe('scopes', () => {
	test('a token without the resource scope is 403 insufficient_scope', async () => {
		const t = await s.sb.issueToken({ scope: 'phonerecords participants' });
		const r = await s.rest('GET', 'timeentries', undefined, { token: t.access_token });
		expect(r.status).toBe(403);
		expect(r.body.errors[0]).toMatchObject({ status: '403', title: 'insufficient_scope' });
		expect(r.body.errors[0].detail).toContain('timeentries');
		expect(r.headers['www-authenticate']).toContain('insufficient_scope');
		expect((await s.rest('GET', 'phonerecords', undefined, { token: t.access_token })).status).toBe(200);
		expect((await s.rest('GET', 'participants/105', undefined, { token: t.access_token })).status).toBe(200);
	});

	test.each([
		['phonerecords', 'phonerecords/5001'],
		['timeentries', 'timeentries/7001'],
		['participants', 'participants/101'],
		['actions', 'actions/2001'],
		['users', 'users/current'],
		['resthooks', 'resthooks'],
	])('scope %s opens %s and nothing else', async (scope, path) => {
		const t = await s.sb.issueToken({ scope });
		const own = await s.rest('GET', path, undefined, { token: t.access_token });
		expect([200, 204]).toContain(own.status);
		const other = scope === 'actions' ? 'phonerecords' : 'actions';
		expect((await s.rest('GET', other, undefined, { token: t.access_token })).status).toBe(403);
	});

	test('all allows everything', async () => {
		const t = await s.sb.issueToken({ scope: 'all' });
		for (const p of ['phonerecords', 'timeentries', 'participants', 'actions', 'users/current']) {
			expect((await s.rest('GET', p, undefined, { token: t.access_token })).status).toBe(200);
		}
	});
});

describe('media types', () => {
	test('responses are application/vnd.api+json', async () => {
		const r = await s.rest('GET', 'phonerecords/5001');
		expect(r.headers['content-type']).toBe(API);
	});

	test('a body in another media type is 415; application/json is accepted', async () => {
		const body = JSON.stringify({ phonerecords: { direction: 'out', callTimestamp: '2024-05-01T10:00:00+10:00', outcome: 'Call completed', fromParticipantOther: 'A', toParticipantOther: 'B' } });
		const text = await s.rest('POST', 'phonerecords', body, { headers: { 'Content-Type': 'text/plain' } });
		expect(text.status).toBe(415);
		expect(text.body.errors[0].status).toBe('415');
		const formBody = await s.rest('POST', 'phonerecords', body, { headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });
		expect(formBody.status).toBe(415);
		const json = await s.rest('POST', 'phonerecords', body, { headers: { 'Content-Type': 'application/json; charset=utf-8' } });
		expect(json.status).toBe(200);
		const api = await s.rest('POST', 'phonerecords', body);
		expect(api.status).toBe(200);
	});

	test('an Accept that excludes JSON is 406; */* is fine', async () => {
		expect((await s.rest('GET', 'phonerecords/5001', undefined, { headers: { Accept: 'application/xml' } })).status).toBe(406);
		expect((await s.rest('GET', 'phonerecords/5001', undefined, { headers: { Accept: 'application/json, text/plain, */*' } })).status).toBe(200);
	});

	test('invalid JSON and an empty body are 400', async () => {
		expect((await s.rest('POST', 'phonerecords', '{"phonerecords": {')).status).toBe(400);
		const empty = await s.rest('POST', 'phonerecords', '', { headers: { 'Content-Type': API } });
		expect(empty.status).toBe(400);
	});
});

describe('envelope', () => {
	test('a collection has links templates, an array under the resource key and meta.paging', async () => {
		const r = await s.rest('GET', 'phonerecords');
		expect(r.status).toBe(200);
		expect(Object.keys(r.body)).toEqual(['links', 'phonerecords', 'meta']);
		expect(r.body.links['phonerecords.action']).toEqual({ href: `${s.sb.apiEndpoint}rest/actions/{phonerecords.action}`, type: 'actions' });
		expect(r.body.links['phonerecords.fromParticipant'].type).toBe('participants');
		expect(Array.isArray(r.body.phonerecords)).toBe(true);
		expect(r.body.meta.paging.phonerecords).toMatchObject({ page: 1, pageSize: 50, prevPage: null, nextPage: null });
	});

	test('ids are numbers at the top level and strings inside links; T/F booleans', async () => {
		const pr = (await s.rest('GET', 'phonerecords/5001')).body.phonerecords;
		expect(pr.id).toBe(5001);
		expect(pr.links).toEqual({ action: '2001', fromParticipant: '101', toParticipant: '105' });
		const action = (await s.rest('GET', 'actions/2011')).body.actions;
		expect(action.links.primaryParticipants).toEqual(['105', '124']);
		expect(action.isDeleted).toBe('F');
		const te = (await s.rest('GET', 'timeentries/7001')).body.timeentries;
		expect(te.isBillable).toBe('T');
		expect(te.links.phoneRecord).toBe('5001');
		const company = (await s.rest('GET', 'participants/113')).body.participants;
		expect(company.isCompany).toBe('T');
	});

	test('phone record fields are the OpenAPI set, in order', async () => {
		const pr = (await s.rest('GET', 'phonerecords/5001')).body.phonerecords;
		expect(Object.keys(pr)).toEqual(['id', 'direction', 'callTimestamp', 'outcome', 'fromParticipantOther', 'toParticipantOther', 'phoneNumber', 'phoneNumberType', 'actualHours', 'notes', 'links']);
		expect(typeof pr.actualHours).toBe('number');
	});

	test('GET by id is a bare object with meta.paging', async () => {
		const r = await s.rest('GET', 'phonerecords/5002');
		expect(Array.isArray(r.body.phonerecords)).toBe(false);
		expect(r.body.phonerecords.id).toBe(5002);
		expect(r.body.meta.paging.phonerecords.recordCount).toBe(1);
	});

	test('a filtered collection with exactly one match is a bare object, two matches an array', async () => {
		const one = await s.rest('GET', 'phonerecords?outcome=Left%20message');
		expect(one.status).toBe(200);
		expect(Array.isArray(one.body.phonerecords)).toBe(false);
		expect(one.body.phonerecords.id).toBe(5002);
		const two = await s.rest('GET', 'phonerecords?action=2002');
		expect(Array.isArray(two.body.phonerecords)).toBe(true);
		expect(two.body.phonerecords.map((p: any) => p.id)).toEqual([5002, 5003]);
	});

	test('a page holding one record is a bare object too (rule singleObject=page, the default)', async () => {
		const r = await s.rest('GET', 'phonerecords?pageSize=1');
		expect(Array.isArray(r.body.phonerecords)).toBe(false);
		expect(r.body.meta.paging.phonerecords.recordCount).toBeGreaterThan(1);
	});

	test('an empty filtered collection is 204 with no body', async () => {
		const r = await s.rest('GET', 'phonerecords?outcome=Nothing%20like%20this');
		expect(r.status).toBe(204);
		expect(r.text).toBe('');
		expect(r.headers['content-type']).toBeUndefined();
	});

	test('several ids in the path give a collection; missing ones are left out', async () => {
		const r = await s.rest('GET', 'phonerecords/5001,5003,999999');
		expect(r.status).toBe(200);
		expect(rows(r.body, 'phonerecords').map((p) => p.id)).toEqual([5001, 5003]);
		expect(Array.isArray(r.body.phonerecords)).toBe(true);
		const encoded = await s.rest('GET', 'phonerecords/5001%2C5002');
		expect(rows(encoded.body, 'phonerecords').map((p) => p.id)).toEqual([5001, 5002]);
	});

	test('unknown ids, resources and paths are 404 with an errors body', async () => {
		const missing = await s.rest('GET', 'phonerecords/999999');
		expect(missing.status).toBe(404);
		expect(missing.body.errors[0]).toMatchObject({ status: '404', title: 'Not Found' });
		expect((await s.rest('GET', 'phonecalls')).status).toBe(404);
		expect((await s.rest('GET', 'phonerecords/abc')).status).toBe(404);
		expect((await s.rest('GET', 'phonerecords/1/extra')).status).toBe(404);
	});

	test('methods a resource lacks are 405 with Allow', async () => {
		const del = await s.rest('DELETE', 'participants/105');
		expect(del.status).toBe(405);
		expect(del.headers.allow).toContain('PUT');
		expect(del.headers.allow).not.toContain('DELETE');
		expect((await s.rest('POST', 'actions', { actions: { name: 'x' } })).status).toBe(405);
		expect((await s.rest('PUT', 'phonerecords', { phonerecords: {} })).status).toBe(405);
		expect((await s.rest('PATCH', 'phonerecords/5001', { phonerecords: {} })).status).toBe(405);
		const opts = await s.rest('OPTIONS', 'phonerecords/5001');
		expect(opts.status).toBe(204);
		expect(opts.headers.allow).toBe('GET, PUT, DELETE, OPTIONS');
	});

	test('errors carry only the errors member with string status, title and detail', async () => {
		const r = await s.rest('POST', 'phonerecords', { phonerecords: { direction: 'sideways' } });
		expect(r.status).toBe(400);
		expect(Object.keys(r.body)).toEqual(['errors']);
		for (const e of r.body.errors) {
			expect(typeof e.status).toBe('string');
			expect(typeof e.title).toBe('string');
			expect(typeof e.detail).toBe('string');
		}
		expect(r.body.errors[0].source.pointer).toBe('/phonerecords/direction');
	});
});

describe('users/current', () => {
	test('answers the token user with links.participant; include=participant adds the participant', async () => {
		const t = await s.sb.issueToken({ userId: 4 });
		const r = await s.rest('GET', 'users/current?include=participant', undefined, { token: t.access_token });
		expect(r.status).toBe(200);
		expect(r.body.users).toMatchObject({ id: 4, email: 'oliver.brown@harbourside.example', firstName: 'Oliver', lastName: 'Brown', links: { participant: '104' } });
		expect(rows(r.body.linked, 'participants').map((p) => p.id)).toEqual([104]);
		expect((await s.rest('PUT', 'users/current', { users: {} })).status).toBe(405);
	});

	test('users can be listed too', async () => {
		const r = await s.rest('GET', 'users');
		expect(rows(r.body, 'users')).toHaveLength(4);
	});
});

describe('root', () => {
	test('GET / points at the endpoints', async () => {
		const r = await http({ url: `${s.sb.url}/` });
		expect(r.body.api_endpoint).toBe(s.sb.apiEndpoint);
	});
});
