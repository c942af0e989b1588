/**
 * The sandbox's HostedSuite corner (sandbox/hostedsuite/): POST /api/calls as ListCallRecordsRequest is documented
 * (login in the JSON body, date and id filters, paging) answering CallRecordInfo with every published field, in the
 * published sample's order and types (the seed text is read from ../shared/reference at test time).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { startSandbox, type SandboxHandle } from '../../sandbox';
import { http } from './helpers';

const SEED = path.resolve(__dirname, '..', '..', '..', 'shared', 'reference', 'seeds', 'hostedsuite-update-call-record.txt');

/** The sample CallRecordInfo HostedSuite publishes (the JSON answer of UpdateCallRecordRequest), and the field table's names. */
function published(): { sample: Record<string, unknown>; fields: string[] } {
	const text = fs.readFileSync(SEED, 'utf8');
	const sample = JSON.parse(text.slice(text.lastIndexOf('{"Id"')).trim()) as Record<string, unknown>;
	const table = text.slice(text.indexOf('CallRecordInfo Parameters:'), text.indexOf('CallRecordInteractionInfo Parameters:'));
	const fields = [...table.matchAll(/^(\w+)form/gm)].map((m) => m[1]);
	return { sample, fields };
}

let sb: SandboxHandle;
beforeAll(async () => (sb = await startSandbox({ quiet: true })));
afterAll(async () => sb.close());
beforeEach(() => sb.hostedsuite.reset());

const login = () => ({ CustomerName: sb.hostedsuite.customerName, UserName: sb.hostedsuite.userName, Password: sb.hostedsuite.password });
const list = (body: Record<string, unknown>, url = `${sb.hostedsuite.baseUrl}/api/calls?format=json`) => http({ method: 'POST', url, data: body, headers: { 'content-type': 'application/json' } });
/** `YYYY-MM-DD HH:mm:ss` in the account's zone, as the recipe sends StartDate/EndDate. */
const wallClock = (ms: number) => new Date(ms).toLocaleString('sv-SE', { timeZone: sb.hostedsuite.timeZone });

describe('HostedSuite corner: POST /api/calls', () => {
	test('a CallRecordInfo has every published field, in the published order, with the published JSON types', async () => {
		const { sample, fields } = published();
		const r = await list(login());
		expect(r.status).toBe(200);
		expect(Array.isArray(r.body)).toBe(true);
		const record = r.body[0] as Record<string, unknown>;
		// The sample answer leaves out the two list fields; the field table has them.
		expect(Object.keys(record)).toEqual(fields);
		const typeOf = (v: unknown) => (Array.isArray(v) ? 'array' : typeof v);
		for (const [k, v] of Object.entries(sample)) expect(`${k}: ${typeOf(record[k])}`).toBe(`${k}: ${typeOf(v)}`);
		expect(typeOf(record.Interactions)).toBe('array');
		expect(Object.keys((record.Interactions as object[])[0])).toEqual(['StartTime', 'Type', 'Description']);
	});

	test('the seeded calls: newest first, StartTime a wall-clock time in the account zone, known, unknown and outbound callers', async () => {
		const r = await list(login());
		expect(r.body.map((c: Record<string, unknown>) => [c.CallerName, c.Type, c.TalkTimeInSeconds])).toEqual([
			['Aroha Ngata', 'Outgoing', 95],
			['ALEX MORGAN', 'Incoming', 48],
			['WEI CHEN', 'Incoming', 361],
			['MICHAEL SMITH', 'Incoming', 200],
		]);
		const wei = r.body[2];
		expect(wei.StartTime).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
		// Ended 12 minutes ago after 457 seconds (ring 12 + talk 361 + hold 79 + transfer 5).
		expect(wei.DurationInSeconds).toBe(457);
		const started = Date.now() - (12 * 60 + 457) * 1000;
		expect([wallClock(started - 1000), wallClock(started), wallClock(started + 1000)]).toContain(wei.StartTime);
	});

	test('StartDate/EndDate (account wall clock, or an ISO instant) and CallRecordId filter; Page/ItemsPerPage page; SortDir orders', async () => {
		const now = Date.now();
		const window = { StartDate: wallClock(now - 30 * 60_000), EndDate: wallClock(now) };
		const recent = await list({ ...login(), ...window });
		expect(recent.body.map((c: Record<string, unknown>) => c.CallerName)).toEqual(['Aroha Ngata', 'ALEX MORGAN', 'WEI CHEN']);
		const iso = await list({ ...login(), StartDate: new Date(now - 30 * 60_000).toISOString() });
		expect(iso.body).toHaveLength(3);
		const pages = [];
		for (const Page of [1, 2, 3]) pages.push((await list({ ...login(), ...window, Page, ItemsPerPage: 2, SortDir: 'Asc' })).body.map((c: Record<string, unknown>) => c.CallerName));
		expect(pages).toEqual([['WEI CHEN', 'ALEX MORGAN'], ['Aroha Ngata'], []]);
		const one = await list({ ...login(), CallRecordId: recent.body[1].Id }, `${sb.hostedsuite.baseUrl}/api/calls.json`);
		expect(one.body.map((c: Record<string, unknown>) => c.CallerName)).toEqual(['ALEX MORGAN']);
		expect((await list({ ...login(), CallType: 'Outgoing' })).body).toHaveLength(1);
	});

	test('a wrong or missing login is 401 in ServiceStack’s shape; bad filters are 400 naming the field; the password is never logged', async () => {
		const wrong = await list({ ...login(), Password: 'nope' });
		expect({ status: wrong.status, body: wrong.body }).toEqual({
			status: 401,
			body: { ResponseStatus: { ErrorCode: 'Unauthorized', Message: 'Invalid CustomerName, UserName or Password', Errors: [] } },
		});
		expect((await list({})).status).toBe(401);
		const bad = await list({ ...login(), StartDate: 'yesterday' });
		expect({ status: bad.status, field: bad.body.ResponseStatus.Errors[0].FieldName }).toEqual({ status: 400, field: 'StartDate' });
		expect((await list({ ...login(), ItemsPerPage: 0 })).body.ResponseStatus.Errors[0].FieldName).toBe('ItemsPerPage');
		expect((await http({ method: 'GET', url: `${sb.hostedsuite.baseUrl}/api/calls` })).status).toBe(405);
		expect(JSON.stringify(sb.hostedsuite.requests())).not.toContain(sb.hostedsuite.password);
		expect(sb.hostedsuite.requests().map((q) => q.status)).toEqual([401, 401, 400, 400, 405]);
		// Not Actionstep: nothing in its request log.
		expect(sb.requests().filter((q) => q.path.includes('hostedsuite'))).toEqual([]);
	});

	test('the loopback admin route adds a call; bad specs and foreign web pages are refused', async () => {
		const added = await http({ method: 'POST', url: `${sb.hostedsuite.baseUrl}/_sandbox/calls`, data: { callerNumber: '02 9876 5432', callerName: 'ANNA SMITH', talkSeconds: 30 } });
		expect({ status: added.status, name: added.body.CallerName, talk: added.body.TalkTimeInSeconds }).toEqual({ status: 200, name: 'ANNA SMITH', talk: 30 });
		expect(sb.hostedsuite.calls()).toHaveLength(5);
		expect((await http({ method: 'POST', url: `${sb.hostedsuite.baseUrl}/_sandbox/calls`, data: { callerNumber: 'x' } })).status).toBe(400);
		const foreign = await http({ method: 'POST', url: `${sb.hostedsuite.baseUrl}/_sandbox/calls`, headers: { origin: 'https://evil.example' }, data: { callerNumber: '0491 570 110' } });
		expect(foreign.status).toBe(403);
		expect(sb.hostedsuite.calls()).toHaveLength(5);
	});
});
