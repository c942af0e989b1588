/**
 * Phone Record → Get Many, run in n8n's engine against a sandbox holding 1,450 phone records (8 pages of 200):
 * paging, Limit, every filter as the Actionstep parameter it becomes (checked in the raw query string),
 * merged "either side" queries, the single-object and 204 quirks, sorting and pairing.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import type { LoggedRequest } from '../../../sandbox';
import { runNode, TestCredentialsHelper } from '../../harness/engine';
import { openSandbox } from '../../harness/sandbox';
import type { SandboxFixture } from '../../harness/sandbox';
import { isSafelyEncoded, logOf, param, rawParam, sandboxRest } from '../../harness/workflow';

const TOTAL = 1450;
let fx: SandboxFixture;
beforeAll(async () => (fx = await openSandbox({ seedPhoneRecords: TOTAL - 10 })));
afterAll(async () => fx.sandbox.close());
beforeEach(() => fx.sandbox.reset());

type Phone = ReturnType<typeof allRecords>[number];
const allRecords = () => fx.sandbox.store.list('phonerecords');
const idsOf = (records: Array<{ id: number }>) => records.map((r) => r.id);
const ascending = (ids: number[]) => [...ids].sort((a, b) => a - b);

function getMany(filters: INodeParameters = {}, extra: INodeParameters = {}): INodeParameters {
	return { resource: 'phoneRecord', operation: 'getMany', returnAll: true, filters, ...extra };
}

async function run(parameters: INodeParameters, items?: IDataObject[]) {
	const result = await runNode({ parameters, items, credential: fx.credential });
	expect(result.error).toBeUndefined();
	return result;
}

/** The query of each phone-record list request, without paging, as the server parsed it. */
function variants(requests: LoggedRequest[]): IDataObject[] {
	const seen = new Map<string, IDataObject>();
	for (const r of requests) {
		const { page: _p, pageSize: _s, ...rest } = r.query;
		seen.set(JSON.stringify(rest), rest);
	}
	return [...seen.values()];
}

/** A phone record put straight into the sandbox (outside the node) for a filter to find. */
async function addCall(fields: IDataObject, links: IDataObject): Promise<number> {
	const created = await sandboxRest(fx.sandbox, fx.credential, 'POST', 'phonerecords', {
		phonerecords: { direction: 'in', callTimestamp: '2025-11-03T10:00:00+11:00', outcome: 'Call completed', ...fields, links },
	});
	expect(created.status).toBe(200);
	fx.sandbox.clearLog();
	return (created.json?.phonerecords as IDataObject).id as number;
}

describe('paging', () => {
	test('Return All returns every record exactly once, asking 200 a page', async () => {
		expect(fx.sandbox.store.count('phonerecords')).toBe(TOTAL);
		const result = await run(getMany());
		const ids = idsOf(result.success.map((i) => i.json as { id: number }));
		expect(ids).toHaveLength(TOTAL);
		expect(new Set(ids).size).toBe(TOTAL);
		expect(ascending(ids)).toEqual(ascending(idsOf(allRecords())));
		expect(result.success.every((i) => typeof i.json.id === 'number')).toBe(true);

		const pages = logOf(fx.sandbox, 'phonerecords', 'GET');
		expect(pages.every((r) => param(r, 'pageSize') === '200' && r.status === 200)).toBe(true);
		expect(pages.map((r) => Number(param(r, 'page'))).sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
	});

	test("Return All reads the credential for its base URL once, not for every page (n8n's signing reads it per request anyway)", async () => {
		const reads = jest.spyOn(TestCredentialsHelper.prototype, 'getDecrypted');
		try {
			await run(getMany());
			const pages = logOf(fx.sandbox, 'phonerecords', 'GET').length;
			expect(pages).toBe(8);
			// Each credential read makes n8n decrypt it and evaluate its expressions: a page's worth of CPU.
			expect(reads.mock.calls.length).toBe(pages + 1);
		} finally {
			reads.mockRestore();
		}
	});

	test('Limit 250 fetches only two pages and returns exactly the first 250', async () => {
		const result = await run(getMany({}, { returnAll: false, limit: 250 }));
		expect(idsOf(result.success.map((i) => i.json as { id: number }))).toEqual(
			ascending(idsOf(allRecords())).slice(0, 250),
		);
		const pages = logOf(fx.sandbox, 'phonerecords', 'GET');
		expect(pages.map((r) => [param(r, 'page'), param(r, 'pageSize')])).toEqual([
			['1', '200'],
			['2', '200'],
		]);
	});

	test('Limit 5 asks for one page of 5', async () => {
		const result = await run(getMany({}, { returnAll: false, limit: 5 }));
		expect(idsOf(result.success.map((i) => i.json as { id: number }))).toEqual([5001, 5002, 5003, 5004, 5005]);
		expect(logOf(fx.sandbox, 'phonerecords').map((r) => r.rawQuery)).toEqual(['page=1&pageSize=5']);
	});
});

describe('quirks', () => {
	test('a filter matching exactly one record (a bare object in the response) gives 1 item', async () => {
		const id = await addCall({ outcome: 'Call completed' }, { action: 2008, fromParticipant: 112, toParticipant: 102 });
		const result = await run(getMany({ matterId: '2008' }));
		expect(result.success).toHaveLength(1);
		expect(result.success[0].json).toMatchObject({ id, links: { action: 2008, fromParticipant: 112, toParticipant: 102 } });
		const [request] = logOf(fx.sandbox, 'phonerecords');
		expect(rawParam(request, 'action')).toBe('2008');
		expect(request.status).toBe(200);
	});

	test('a filter matching nothing (204) gives 0 items and the node does not fail', async () => {
		const result = await run(getMany({ matterId: '2012' }));
		expect(result.success).toEqual([]);
		expect(result.run.data.resultData.error).toBeUndefined();
		expect(logOf(fx.sandbox, 'phonerecords').map((r) => r.status)).toEqual([204]);
	});
});

describe('filters become Actionstep parameters', () => {
	test('direction → direction=in', async () => {
		const result = await run(getMany({ direction: 'in' }));
		const expected = allRecords().filter((r) => r.direction === 'in');
		expect(expected.length).toBeGreaterThan(200);
		expect(ascending(idsOf(result.success.map((i) => i.json as { id: number })))).toEqual(idsOf(expected));
		for (const r of logOf(fx.sandbox, 'phonerecords')) expect(rawParam(r, 'direction')).toBe('in');
	});

	test('outcome → outcome_ilike, URL-encoded, case-insensitive', async () => {
		const result = await run(getMany({ outcome: 'LEFT message' }));
		const expected = allRecords().filter((r) => r.outcome.toLowerCase() === 'left message');
		expect(expected.length).toBeGreaterThan(1);
		expect(idsOf(result.success.map((i) => i.json as { id: number }))).toEqual(idsOf(expected));
		const [request] = logOf(fx.sandbox, 'phonerecords');
		expect(rawParam(request, 'outcome_ilike')).toBe('LEFT%20message');
	});

	test('matterId → action=2001', async () => {
		const result = await run(getMany({ matterId: '2001' }));
		const expected = allRecords().filter((r) => r.links.action === 2001);
		expect(idsOf(result.success.map((i) => i.json as { id: number }))).toEqual(idsOf(expected));
		expect(result.success.every((i) => (i.json.links as IDataObject).action === 2001)).toBe(true);
		expect(rawParam(logOf(fx.sandbox, 'phonerecords')[0], 'action')).toBe('2001');
	});

	test('participantId → fromParticipant= and toParticipant= queries, merged without duplicates', async () => {
		const both = await addCall({ outcome: 'Internal transfer' }, { fromParticipant: 105, toParticipant: 105 });
		const result = await run(getMany({ participantId: '105' }));
		const expected = allRecords().filter((r) => r.links.fromParticipant === 105 || r.links.toParticipant === 105);
		const ids = idsOf(result.success.map((i) => i.json as { id: number }));
		expect(ids).toEqual(idsOf(expected));
		expect(ids.filter((id) => id === both)).toHaveLength(1);
		expect(new Set(ids).size).toBe(ids.length);
		expect(variants(logOf(fx.sandbox, 'phonerecords'))).toEqual([{ fromParticipant: '105' }, { toParticipant: '105' }]);
	});

	test('participantName → *Other_ilike queries plus a participants look-up and *_in queries; case-insensitive, no duplicates', async () => {
		const typed = await addCall({ fromParticipantOther: 'Jane SMITHERS', outcome: 'Call completed' }, { toParticipant: 103 });
		const result = await run(getMany({ participantName: 'smith' }));

		const smiths = fx.sandbox.store
			.list('participants')
			.filter((p) => /smith/i.test(p.displayName))
			.map((p) => p.id);
		expect(smiths).toEqual([101, 105, 124]);
		const named = (r: Phone) => /smith/i.test(r.fromParticipantOther ?? '') || /smith/i.test(r.toParticipantOther ?? '');
		const linked = (r: Phone) =>
			smiths.includes(r.links.fromParticipant as number) || smiths.includes(r.links.toParticipant as number);
		const expected = allRecords().filter((r) => named(r) || linked(r));
		const ids = idsOf(result.success.map((i) => i.json as { id: number }));
		expect(ids).toEqual(idsOf(expected));
		expect(ids).toContain(typed);
		expect(new Set(ids).size).toBe(ids.length);

		const lookups = logOf(fx.sandbox, 'participants');
		expect(lookups).toHaveLength(1);
		expect(rawParam(lookups[0], 'displayName_ilike')).toBe('*smith*');
		expect(variants(logOf(fx.sandbox, 'phonerecords'))).toEqual([
			{ fromParticipantOther_ilike: '*smith*' },
			{ toParticipantOther_ilike: '*smith*' },
			{ fromParticipant_in: '101,105,124' },
			{ toParticipant_in: '101,105,124' },
		]);
	});

	test('a participantName no participant has: only the two name queries are sent after the look-up (204)', async () => {
		const result = await run(getMany({ participantName: 'westpac' }));
		const expected = allRecords().filter((r) => /westpac/i.test(`${r.fromParticipantOther ?? ''} ${r.toParticipantOther ?? ''}`));
		expect(expected.length).toBeGreaterThan(0);
		expect(idsOf(result.success.map((i) => i.json as { id: number }))).toEqual(idsOf(expected));
		expect(logOf(fx.sandbox, 'participants').map((r) => r.status)).toEqual([204]);
		expect(variants(logOf(fx.sandbox, 'phonerecords'))).toEqual([
			{ fromParticipantOther_ilike: '*westpac*' },
			{ toParticipantOther_ilike: '*westpac*' },
		]);
	});

	test('a participant name with & = # % spaces and non-ASCII is percent-encoded and still matches', async () => {
		const name = "Søren & Ærø = #1 100% Ōtaki";
		const id = await addCall({ fromParticipantOther: name }, { toParticipant: 101 });
		const result = await run(getMany({ participantName: name.toUpperCase() }));
		expect(idsOf(result.success.map((i) => i.json as { id: number }))).toEqual([id]);

		const pattern = `*${name.toUpperCase()}*`;
		const requests = [...logOf(fx.sandbox, 'phonerecords'), ...logOf(fx.sandbox, 'participants')];
		const raws = requests.flatMap((r) =>
			['fromParticipantOther_ilike', 'toParticipantOther_ilike', 'displayName_ilike']
				.map((key) => rawParam(r, key))
				.filter((raw): raw is string => raw !== undefined),
		);
		expect(raws).toHaveLength(3);
		for (const raw of raws) {
			expect(isSafelyEncoded(raw, pattern)).toBe(true);
			expect(raw).toContain('%26');
			expect(raw).toContain('%3D');
			expect(raw).toContain('%23');
			expect(raw).toContain('%25');
			expect(raw).toContain('%C3%98'); // Ø in UTF-8
		}
	});

	test('phoneNumber is matched on digits whatever the formatting', async () => {
		// The server's loose pattern also matches this one; the node must drop it.
		const decoy = await addCall({ phoneNumber: '+61 9876 5432 0' }, { fromParticipant: 105, toParticipant: 101 });
		const expected = allRecords().filter((r) => (r.phoneNumber ?? '').replace(/\D/g, '').endsWith('98765432'));
		expect(expected.length).toBeGreaterThan(1);
		for (const typed of ['(02) 9876-5432', '+61298765432', '9876 5432']) {
			fx.sandbox.clearLog();
			const result = await run(getMany({ phoneNumber: typed }));
			expect(idsOf(result.success.map((i) => i.json as { id: number }))).toEqual(idsOf(expected));
			expect(param(logOf(fx.sandbox, 'phonerecords')[0], 'phoneNumber_ilike')).toBe('*9*8*7*6*5*4*3*2*');
			expect(idsOf(result.success.map((i) => i.json as { id: number }))).not.toContain(decoy);
		}
	});

	test('with a phone number, Limit applies after the exact match, so the server is not asked for only Limit records', async () => {
		const result = await run(getMany({ phoneNumber: '02 9876 5432' }, { returnAll: false, limit: 2 }));
		expect(result.success).toHaveLength(2);
		expect(result.success.every((i) => String(i.json.phoneNumber).replace(/\D/g, '').endsWith('98765432'))).toBe(true);
		expect(param(logOf(fx.sandbox, 'phonerecords')[0], 'pageSize')).toBe('200');
	});

	test('callTimestampFrom/To → callTimestamp_gteq/_lteq in UTC without offset', async () => {
		const result = await run(getMany({ callTimestampFrom: '2024-03-05T00:00:00', callTimestampTo: '2024-03-06T23:59:59' }));
		const from = Date.parse('2024-03-04T13:00:00Z');
		const to = Date.parse('2024-03-06T12:59:59Z');
		const expected = allRecords().filter((r) => Date.parse(r.callTimestamp) >= from && Date.parse(r.callTimestamp) <= to);
		expect(expected.map((r) => r.id)).toEqual(expect.arrayContaining([5002, 5003]));
		expect(idsOf(result.success.map((i) => i.json as { id: number }))).toEqual(idsOf(expected));
		const [request] = logOf(fx.sandbox, 'phonerecords');
		expect(param(request, 'callTimestamp_gteq')).toBe('2024-03-04T13:00:00');
		expect(param(request, 'callTimestamp_lteq')).toBe('2024-03-06T12:59:59');
		expect(rawParam(request, 'callTimestamp_gteq')).toBe('2024-03-04T13%3A00%3A00');
	});

	test('a from time with an offset is converted to UTC', async () => {
		await run(getMany({ callTimestampFrom: '2024-03-05T09:00:00+05:30' }, { returnAll: false, limit: 1 }));
		expect(param(logOf(fx.sandbox, 'phonerecords')[0], 'callTimestamp_gteq')).toBe('2024-03-05T03:30:00');
	});

	test('filters combine: direction and matter in one query', async () => {
		const result = await run(getMany({ direction: 'out', matterId: '2002' }));
		const expected = allRecords().filter((r) => r.direction === 'out' && r.links.action === 2002);
		expect(idsOf(result.success.map((i) => i.json as { id: number }))).toEqual(idsOf(expected));
		expect(variants(logOf(fx.sandbox, 'phonerecords'))).toEqual([{ direction: 'out', action: '2002' }]);
	});

	test('a bad filter value fails naming the field, with no request', async () => {
		const result = await runNode({ parameters: getMany({ matterId: 'abc' }), credential: fx.credential });
		expect(result.error?.message).toBe('matterId must be a numeric Actionstep ID, got "abc" (item 0)');
		const late = await runNode({
			parameters: getMany({ callTimestampFrom: '2024-03-06T00:00:00', callTimestampTo: '2024-03-05T00:00:00' }),
			credential: fx.credential,
		});
		expect(late.error?.message).toBe('callTimestampTo is before callTimestampFrom (item 0)');
		expect(fx.sandbox.requests()).toHaveLength(0);
	});
});

describe('sort', () => {
	test('-callTimestamp is sent as sort and the items come newest first', async () => {
		const result = await run(getMany({ matterId: '2002' }, { options: { sort: '-callTimestamp' } }));
		const times = result.success.map((i) => Date.parse(i.json.callTimestamp as string));
		expect(times.length).toBeGreaterThan(2);
		expect(times).toEqual([...times].sort((a, b) => b - a));
		expect(param(logOf(fx.sandbox, 'phonerecords')[0], 'sort')).toBe('-callTimestamp');
	});

	test('merged queries are sorted after merging (-id)', async () => {
		const result = await run(getMany({ participantId: '106' }, { options: { sort: '-id' } }));
		const ids = idsOf(result.success.map((i) => i.json as { id: number }));
		const expected = allRecords()
			.filter((r) => r.links.fromParticipant === 106 || r.links.toParticipant === 106)
			.map((r) => r.id)
			.sort((a, b) => b - a);
		expect(ids).toEqual(expected);
		for (const r of logOf(fx.sandbox, 'phonerecords')) expect(param(r, 'sort')).toBe('-id');
	});
});

test('run for 2 input items, each item\'s records are paired with it', async () => {
	const result = await run(getMany({ matterId: '={{ $json.matter }}' }), [{ matter: '2005' }, { matter: 2004 }]);
	const of = (matter: number) => allRecords().filter((r) => r.links.action === matter).map((r) => r.id);
	const expected = [...of(2005).map((id) => [id, 0]), ...of(2004).map((id) => [id, 1])];
	expect(of(2005)).toEqual([5005, 5006]);
	expect(result.success.map((i) => [i.json.id, (i.pairedItem as { item: number }).item])).toEqual(expected);
});
