/** Time Entry → Get Many, run in n8n's engine against the sandbox: each filter as the Actionstep parameter it becomes. */
import type { INodeParameters } from 'n8n-workflow';

import { runNode } from '../../harness/engine';
import { openSandbox } from '../../harness/sandbox';
import type { SandboxFixture } from '../../harness/sandbox';
import { logOf, param, rawParam, sandboxRest } from '../../harness/workflow';

let fx: SandboxFixture;
beforeAll(async () => (fx = await openSandbox()));
afterAll(async () => fx.sandbox.close());
beforeEach(() => fx.sandbox.reset());

function getMany(filters: INodeParameters = {}, extra: INodeParameters = {}): INodeParameters {
	return { resource: 'timeEntry', operation: 'getMany', returnAll: true, filters, ...extra };
}

async function ids(parameters: INodeParameters): Promise<number[]> {
	const result = await runNode({ parameters, credential: fx.credential });
	expect(result.error).toBeUndefined();
	return result.success.map((i) => i.json.id as number);
}

const entries = () => fx.sandbox.store.list('timeentries');

test('Return All lists every time entry with pageSize 200', async () => {
	expect(await ids(getMany())).toEqual(entries().map((e) => e.id));
	expect(logOf(fx.sandbox, 'timeentries').map((r) => r.rawQuery)).toEqual(['page=1&pageSize=200']);
});

test('Limit over several pages fetches only what it needs', async () => {
	for (let n = 0; n < 6; n++) {
		const created = await sandboxRest(fx.sandbox, fx.credential, 'POST', 'timeentries', {
			timeentries: { timestampDate: '2024-04-01T00:00:00+11:00', actualHours: 0.1 * (n + 1), links: { owner: 103, createdBy: 103, action: 2003 } },
		});
		expect(created.status).toBe(200);
	}
	fx.sandbox.clearLog();
	expect(await ids(getMany({}, { returnAll: false, limit: 3 }))).toEqual([7001, 7002, 7003]);
	expect(logOf(fx.sandbox, 'timeentries').map((r) => r.rawQuery)).toEqual(['page=1&pageSize=3']);
});

test('matterId → action=', async () => {
	expect(await ids(getMany({ matterId: '2002' }))).toEqual([7002, 7003]);
	expect(rawParam(logOf(fx.sandbox, 'timeentries')[0], 'action')).toBe('2002');
});

test('phoneRecordId → phoneRecord= (one match: the single-object answer)', async () => {
	expect(await ids(getMany({ phoneRecordId: '5001' }))).toEqual([7001]);
	expect(rawParam(logOf(fx.sandbox, 'timeentries')[0], 'phoneRecord')).toBe('5001');
});

test('ownerId → owner=', async () => {
	const expected = entries().filter((e) => e.links.owner === 102).map((e) => e.id);
	expect(expected).toEqual([7002, 7003, 7006]);
	expect(await ids(getMany({ ownerId: '102' }))).toEqual(expected);
	expect(rawParam(logOf(fx.sandbox, 'timeentries')[0], 'owner')).toBe('102');
});

test('Date From/To → timestampDate_gteq/_lteq in UTC, without offset', async () => {
	const got = await ids(getMany({ timestampDateFrom: '2024-03-06', timestampDateTo: '2024-03-07' }));
	const from = Date.parse('2024-03-05T13:00:00Z');
	const to = Date.parse('2024-03-06T13:00:00Z');
	const expected = entries()
		.filter((e) => Date.parse(e.timestampDate) >= from && Date.parse(e.timestampDate) <= to)
		.map((e) => e.id);
	expect(expected).toEqual([7002, 7003, 7004]);
	expect(got).toEqual(expected);
	const [request] = logOf(fx.sandbox, 'timeentries');
	expect(param(request, 'timestampDate_gteq')).toBe('2024-03-05T13:00:00');
	expect(param(request, 'timestampDate_lteq')).toBe('2024-03-06T13:00:00');
});

test('filters combine into one query', async () => {
	expect(await ids(getMany({ matterId: '2002', ownerId: '102', timestampDateFrom: '2024-03-06T00:00:00+11:00' }))).toEqual([7002, 7003]);
	const { page: _p, pageSize: _s, ...filters } = logOf(fx.sandbox, 'timeentries')[0].query;
	expect(filters).toEqual({ action: '2002', owner: '102', timestampDate_gteq: '2024-03-05T13:00:00' });
});

test('no match (204) gives no items and no failure', async () => {
	expect(await ids(getMany({ ownerId: '104' }))).toEqual([]);
	expect(logOf(fx.sandbox, 'timeentries').map((r) => r.status)).toEqual([204]);
});

test('a non-numeric filter id fails with no request', async () => {
	const result = await runNode({ parameters: getMany({ phoneRecordId: 'x' }), credential: fx.credential });
	expect(result.error?.message).toBe('phoneRecordId must be a numeric Actionstep ID, got "x" (item 0)');
	expect(fx.sandbox.requests()).toHaveLength(0);
});

test('for 2 input items, each item gets its own entries, paired to it', async () => {
	const result = await runNode({
		parameters: getMany({ matterId: '={{ $json.matter }}' }),
		items: [{ matter: 2004 }, { matter: 2002 }],
		credential: fx.credential,
	});
	expect(result.success.map((i) => [i.json.id, i.pairedItem])).toEqual([
		[7004, { item: 0 }],
		[7002, { item: 1 }],
		[7003, { item: 1 }],
	]);
});
