/**
 * The matter and participant pickers (resourceLocator "From List" modes), run through n8n-core's real
 * LoadOptionsContext and OAuth2 helper against the sandbox.
 */
import { runListSearch } from '../harness/loadOptions';
import { openSandbox } from '../harness/sandbox';
import type { SandboxFixture } from '../harness/sandbox';
import { isSafelyEncoded, logOf, param, rawParam, sandboxRest } from '../harness/workflow';

let fx: SandboxFixture;
beforeAll(async () => (fx = await openSandbox()));
afterAll(async () => fx.sandbox.close());
beforeEach(() => fx.sandbox.reset());

describe('searchMatters', () => {
	test('a typed name searches name_ilike and lists matching matters, newest first', async () => {
		const result = await runListSearch({ method: 'searchMatters', credential: fx.credential, filter: 'smith' });
		expect(result.results).toEqual([
			{ name: 'Estate of the late Robert Smith (SMI-2024-011)', value: '2011' },
			{ name: 'Smith – Purchase of 12 Harbour Street, Balmain (SMI-2024-001)', value: '2001' },
		]);
		expect(result.paginationToken).toBeUndefined();
		const [request] = logOf(fx.sandbox, 'actions');
		expect(request.method).toBe('GET');
		expect(param(request, 'name_ilike')).toBe('*smith*');
		expect(param(request, 'sort')).toBe('-id');
		expect(param(request, 'page')).toBe('1');
		expect(logOf(fx.sandbox)).toHaveLength(1);
	});

	test('a numeric filter finds the matter by id', async () => {
		const result = await runListSearch({ method: 'searchMatters', credential: fx.credential, filter: '2003' });
		expect(result.results).toEqual([{ name: 'Chen – Will and enduring power of attorney (CHE-2024-003)', value: '2003' }]);
		const [request] = logOf(fx.sandbox, 'actions');
		expect(param(request, 'id')).toBe('2003');
		expect(param(request, 'name_ilike')).toBeUndefined();
	});

	test('no filter lists every matter; a filter that matches nothing gives no results', async () => {
		const all = await runListSearch({ method: 'searchMatters', credential: fx.credential });
		expect(all.results.map((r) => r.value)).toEqual(
			fx.sandbox.store
				.list('actions')
				.map((a) => String(a.id))
				.sort((a, b) => Number(b) - Number(a)),
		);
		const none = await runListSearch({ method: 'searchMatters', credential: fx.credential, filter: 'zzz-no-such-matter' });
		expect(none).toEqual({ results: [], paginationToken: undefined });
	});

	test('text with URL-special characters is percent-encoded', async () => {
		await runListSearch({ method: 'searchMatters', credential: fx.credential, filter: "O'Connor & co #1" });
		const [request] = logOf(fx.sandbox, 'actions');
		expect(rawParam(request, 'name_ilike')).toMatch(/^\*O(%27|')Connor%20%26%20co%20%231\*$/);
		expect(isSafelyEncoded(rawParam(request, 'name_ilike'), "*O'Connor & co #1*")).toBe(true);
		expect(param(request, 'name_ilike')).toBe("*O'Connor & co #1*");
	});
});

describe('searchParticipants', () => {
	test('a typed name searches displayName_ilike, sorted by display name', async () => {
		const result = await runListSearch({
			method: 'searchParticipants',
			credential: fx.credential,
			filter: 'SMITH',
			path: 'parameters.fromParticipant',
		});
		expect(result.results).toEqual([
			{ name: 'Smith, Anna', value: '124' },
			{ name: 'Smith, Emma', value: '101' },
			{ name: 'Smith, Michael', value: '105' },
		]);
		const [request] = logOf(fx.sandbox, 'participants');
		expect(param(request, 'displayName_ilike')).toBe('*SMITH*');
		expect(param(request, 'sort')).toBe('displayName');
	});

	test('a numeric filter finds the participant by id (the single-object answer)', async () => {
		const result = await runListSearch({ method: 'searchParticipants', credential: fx.credential, filter: '113' });
		expect(result.results).toEqual([{ name: 'Coastal Builders Pty Ltd', value: '113' }]);
		expect(param(logOf(fx.sandbox, 'participants')[0], 'id')).toBe('113');
	});

	test('paginates with paginationToken: 60 matches come as 50, then 10, then no token', async () => {
		for (let n = 1; n <= 60; n++) {
			const created = await sandboxRest(fx.sandbox, fx.credential, 'POST', 'participants', {
				participants: { isCompany: 'F', firstName: `P${String(n).padStart(2, '0')}`, lastName: 'Pagetest' },
			});
			expect(created.status).toBe(200);
		}
		fx.sandbox.clearLog();

		const first = await runListSearch({ method: 'searchParticipants', credential: fx.credential, filter: 'pagetest' });
		expect(first.results).toHaveLength(50);
		expect(first.results[0]).toEqual({ name: 'Pagetest, P01', value: expect.any(String) });
		expect(first.results[49].name).toBe('Pagetest, P50');
		expect(first.paginationToken).toBe('2');

		const second = await runListSearch({
			method: 'searchParticipants',
			credential: fx.credential,
			filter: 'pagetest',
			paginationToken: first.paginationToken,
		});
		expect(second.results.map((r) => r.name)).toEqual(
			Array.from({ length: 10 }, (_, i) => `Pagetest, P${51 + i}`),
		);
		expect(second.paginationToken).toBeUndefined();

		const pages = logOf(fx.sandbox, 'participants').map((r) => [param(r, 'page'), param(r, 'pageSize')]);
		expect(pages).toEqual([
			['1', '50'],
			['2', '50'],
		]);
		const ids = new Set([...first.results, ...second.results].map((r) => r.value));
		expect(ids.size).toBe(60);
	});

	test('an expired access token is refreshed through n8n and the search still answers', async () => {
		const credential = await fx.connect();
		fx.sandbox.expireAccessTokens();
		const result = await runListSearch({ method: 'searchParticipants', credential, filter: 'Ngata' });
		expect(result.results).toEqual([{ name: 'Ngata, Aroha', value: '108' }]);
		expect(credential.refreshes).toBe(1);
		const statuses = logOf(fx.sandbox, 'participants').map((r) => r.status);
		expect(statuses).toEqual([401, 200]);
	});
});
