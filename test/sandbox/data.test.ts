/** The seed (deterministic, a realistic small firm, --seed N extras) and persistence to a data file. */
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSandbox, type SandboxHandle } from '../../sandbox';
import { parseInstant } from '../../sandbox/time';
import { http } from './helpers';

const dir = mkdtempSync(join(tmpdir(), 'actionstep-sandbox-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const open: SandboxHandle[] = [];
async function start(options: Parameters<typeof startSandbox>[0] = {}) {
	const sb = await startSandbox({ port: 0, quiet: true, ...options });
	open.push(sb);
	return sb;
}
afterEach(async () => {
	await Promise.all(open.splice(0).map((sb) => sb.close()));
});

function api(sb: SandboxHandle, token: string) {
	return (method: string, path: string, body?: unknown) =>
		http({
			method,
			url: `${sb.apiEndpoint}rest/${path}`,
			data: body === undefined ? undefined : JSON.stringify(body),
			headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/vnd.api+json' },
		});
}

describe('seed', () => {
	test('a small law firm: users who are participants, 20+ participants, companies, 10+ matters, linked time entries', async () => {
		const sb = await start();
		const users = sb.store.list('users');
		expect(users.length).toBeGreaterThanOrEqual(3);
		expect(users.length).toBeLessThanOrEqual(4);
		for (const u of users) expect(sb.store.get('participants', u.links.participant)).toBeDefined();
		expect(sb.store.count('participants')).toBeGreaterThanOrEqual(20);
		expect(sb.store.list('participants').filter((p) => p.isCompany === 'T').length).toBeGreaterThanOrEqual(2);
		const actions = sb.store.list('actions');
		expect(actions.length).toBeGreaterThanOrEqual(10);
		expect(actions.map((a) => a.reference)).toContain('SMI-2024-001');
		const linked = sb.store.list('timeentries').filter((t) => t.links.phoneRecord !== null);
		expect(linked.length).toBeGreaterThanOrEqual(2);
		for (const t of linked) expect(sb.store.get('phonerecords', t.links.phoneRecord as number)).toBeDefined();
		expect(sb.store.count('phonerecords')).toBe(10);
	});

	test('every seeded record passes the rules the API enforces', async () => {
		const sb = await start();
		for (const p of sb.store.list('phonerecords')) {
			expect(['in', 'out']).toContain(p.direction);
			expect(p.outcome).toBeTruthy();
			expect((p.links.fromParticipant === null) !== (p.fromParticipantOther === null)).toBe(true);
			expect((p.links.toParticipant === null) !== (p.toParticipantOther === null)).toBe(true);
		}
	});

	test('the same state on every start', async () => {
		const a = await start({ seedPhoneRecords: 30 });
		const b = await start({ seedPhoneRecords: 30 });
		for (const res of ['phonerecords', 'timeentries', 'participants', 'actions', 'users'] as const) {
			expect(a.store.list(res)).toEqual(b.store.list(res));
		}
	});

	test('seedPhoneRecords N adds N records spread over matters, participants and working days', async () => {
		const sb = await start({ seedPhoneRecords: 120 });
		const all = sb.store.list('phonerecords');
		expect(all).toHaveLength(130);
		const extra = all.filter((p) => p.id > 5010);
		expect(extra.map((p) => p.id)).toEqual(Array.from({ length: 120 }, (_, i) => 5011 + i));
		expect(new Set(extra.map((p) => p.links.action)).size).toBeGreaterThanOrEqual(6);
		const parties = new Set(extra.flatMap((p) => [p.links.fromParticipant, p.links.toParticipant]).filter((x) => x !== null));
		expect(parties.size).toBeGreaterThanOrEqual(8);
		const days = new Set(extra.map((p) => p.callTimestamp.slice(0, 10)));
		expect(days.size).toBeGreaterThanOrEqual(25);
		for (const p of extra) {
			const local = new Date((parseInstant(p.callTimestamp)?.ms as number) + (p.callTimestamp.endsWith('+11:00') ? 11 : 10) * 3_600_000);
			expect([1, 2, 3, 4, 5]).toContain(local.getUTCDay());
			expect((p.links.fromParticipant === null) !== (p.fromParticipantOther === null)).toBe(true);
		}
	});
});

describe('persistence', () => {
	test('no file: seeded and written; mutations are written at once; a restart loads them', async () => {
		const file = join(dir, 'nested', 'demo.json');
		const first = await start({ dataFile: file, seedPhoneRecords: 5 });
		expect(existsSync(file)).toBe(true);
		const token = await first.issueToken();
		const created = await api(first, token.access_token)('POST', 'phonerecords', {
			phonerecords: { direction: 'out', callTimestamp: '2024-06-03T10:00:00+10:00', outcome: 'Persisted', fromParticipantOther: 'Me', toParticipantOther: 'You' },
		});
		expect(created.status).toBe(200);
		const id = created.body.phonerecords.id;
		expect(readFileSync(file, 'utf8')).toContain('"Persisted"');
		await api(first, token.access_token)('DELETE', 'timeentries/7006');
		await first.close();
		open.splice(open.indexOf(first), 1);

		// seedPhoneRecords is ignored once the file exists: the file is the state.
		const second = await start({ dataFile: file, seedPhoneRecords: 50 });
		expect(second.store.get('phonerecords', id)?.outcome).toBe('Persisted');
		expect(second.store.get('timeentries', 7006)).toBeUndefined();
		expect(second.store.count('phonerecords')).toBe(16);
		// The access token issued before the restart still works.
		expect((await api(second, token.access_token)('GET', `phonerecords/${id}`)).status).toBe(200);
		// Ids are not reused after a delete, across restarts too.
		const next = await api(second, token.access_token)('POST', 'timeentries', {
			timeentries: { timestampDate: '2024-06-03', actualHours: 0.1, links: { owner: 101, createdBy: 101 } },
		});
		expect(next.body.timeentries.id).toBe(7007);
	});

	test('a used refresh token stays used after a restart; the rotated one works', async () => {
		const file = join(dir, 'tokens.json');
		const first = await start({ dataFile: file });
		const t = await first.issueToken();
		const refresh = (sb: SandboxHandle, rt: string) =>
			http({
				method: 'POST',
				url: `${sb.url}/api/oauth/token`,
				data: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: rt, client_id: sb.clientId, client_secret: sb.clientSecret }).toString(),
				headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
			});
		const rotated = await refresh(first, t.refresh_token);
		await first.close();
		open.splice(open.indexOf(first), 1);
		const second = await start({ dataFile: file });
		expect((await refresh(second, t.refresh_token)).body.error).toBe('invalid_grant');
		expect((await refresh(second, rotated.body.refresh_token)).status).toBe(200);
	});

	test('reset writes the seed back to the file', async () => {
		const file = join(dir, 'reset.json');
		const sb = await start({ dataFile: file });
		const t = await sb.issueToken();
		await api(sb, t.access_token)('DELETE', 'timeentries/7005');
		expect(JSON.parse(readFileSync(file, 'utf8')).store.records.timeentries.map((x: { id: number }) => x.id)).not.toContain(7005);
		sb.reset();
		expect(JSON.parse(readFileSync(file, 'utf8')).store.records.timeentries.map((x: { id: number }) => x.id)).toContain(7005);
	});

	test('a file that is not a sandbox data file is refused', async () => {
		const file = join(dir, 'other.json');
		writeFileSync(file, '{"hello":"world"}');
		await expect(startSandbox({ port: 0, quiet: true, dataFile: file })).rejects.toThrow(/not an Actionstep sandbox data file/);
	});

	test('without a data file nothing is written and state is per instance', async () => {
		const a = await start();
		const t = await a.issueToken();
		await api(a, t.access_token)('DELETE', 'timeentries/7004');
		const b = await start();
		expect(b.store.get('timeentries', 7004)).toBeDefined();
	});
});
