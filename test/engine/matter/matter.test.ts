/** Matter: Get, Get Many (participant through actionparticipants, status, name, reference, modified), Get Participants. */
import type { INodeParameters } from 'n8n-workflow';

import { runNode } from '../../harness/engine';
import { runListSearch } from '../../harness/loadOptions';
import { openSandbox } from '../../harness/sandbox';
import type { SandboxFixture } from '../../harness/sandbox';
import { logOf, param, rl } from '../../harness/workflow';

let fx: SandboxFixture;
beforeAll(async () => (fx = await openSandbox()));
afterAll(async () => fx.sandbox.close());
beforeEach(() => fx.sandbox.reset());

async function ids(parameters: INodeParameters): Promise<number[]> {
	const result = await runNode({ parameters, credential: fx.credential });
	expect(result.error).toBeUndefined();
	return result.success.map((i) => i.json.id as number);
}

const getMany = (filters: INodeParameters = {}, extra: INodeParameters = {}): INodeParameters => ({ resource: 'matter', operation: 'getMany', returnAll: true, filters, ...extra });

test('get by picker, id or Actionstep URL', async () => {
	expect(await ids({ resource: 'matter', operation: 'get', matterId: rl('2002', 'list') })).toEqual([2002]);
	expect(await ids({ resource: 'matter', operation: 'get', matterId: rl('https://go.actionstep.com/mym/asfw/workflow/action/overview/action_id/2004', 'url') })).toEqual([2004]);
	const result = await runNode({ parameters: { resource: 'matter', operation: 'get', matterId: rl('2001') }, credential: fx.credential });
	expect(result.success[0].json).toMatchObject({ id: 2001, reference: 'SMI-2024-001', links: { assignedTo: 101, actionType: 11, primaryParticipants: [105] } });
});

describe('getMany', () => {
	test('participantId: every matter the participant plays any role on, found through actionparticipants', async () => {
		expect(await ids(getMany({ participantId: '105' }))).toEqual([2001, 2011]);
		expect(await ids(getMany({ participantId: '119' }))).toEqual([2002, 2009]); // other side's lawyer, not a primary participant
		expect(await ids(getMany({ participantId: '101', status: 'Active' }))).toEqual([2001, 2004, 2009, 2011, 2014]);
		const [roles, matters] = logOf(fx.sandbox).slice(-2);
		expect(roles.path).toBe('/api/rest/actionparticipants');
		expect(param(roles, 'participant')).toBe('101');
		expect(param(matters, 'id_in')).toBe('2001,2004,2009,2011,2014');
		expect(param(matters, 'status')).toBe('Active');
	});

	test.each([
		['participant', 'Actionstep ignored the participant filter (role'],
		['id', 'Actionstep ignored the id_in filter (matter'],
	])('participantId on a tenant that ignores the %s filter fails the item instead of listing other people\'s matters', async (field, message) => {
		fx.sandbox.setFaults({ ignoreFilters: [field] });
		try {
			const result = await runNode({ parameters: getMany({ participantId: '105' }), credential: fx.credential });
			expect(result.success).toHaveLength(0);
			expect(result.error?.message).toContain(message);
		} finally {
			fx.sandbox.setFaults(null);
		}
	});

	test('a participant on no matter gives no items and asks for no matters', async () => {
		expect(await ids(getMany({ participantId: '126' }))).toEqual([]);
		expect(logOf(fx.sandbox, 'actions')).toHaveLength(0);
	});

	test('status, name (partial), reference (whole) and modifiedFrom', async () => {
		expect(await ids(getMany({ status: 'Closed' }))).toEqual([2005, 2012]);
		expect(await ids(getMany({ name: 'coastal' }))).toEqual([2002, 2009]);
		expect(await ids(getMany({ reference: 'KIW-2024-010' }))).toEqual([2010]);
		const from = '2024-03-10T00:00:00+11:00';
		const expected = fx.sandbox.store.list('actions').filter((a) => Date.parse(String(a.modifiedTimestamp)) >= Date.parse(from)).map((a) => a.id);
		expect(expected.length).toBeGreaterThan(0);
		expect(await ids(getMany({ modifiedFrom: from }))).toEqual(expected);
		expect(param(logOf(fx.sandbox, 'actions').at(-1)!, 'modifiedTimestamp_gteq')).toBe('2024-03-09T13:00:00');
	});

	test('Limit, also with a participant filter', async () => {
		expect(await ids(getMany({}, { returnAll: false, limit: 2 }))).toEqual([2001, 2002]);
		expect(await ids(getMany({ participantId: '101' }, { returnAll: false, limit: 2 }))).toEqual([2001, 2004]);
		expect(param(logOf(fx.sandbox, 'actions').at(-1)!, 'pageSize')).toBe('2');
	});

	test('bad filters fail naming the field, with no request', async () => {
		for (const [filters, message] of [
			[{ participantId: 'Smith' }, 'participantId must be a numeric Actionstep ID, got "Smith" (item 0)'],
			[{ modifiedFrom: 'last week' }, 'modifiedFrom "last week" is not an ISO 8601 date and time (e.g. 2026-03-01T09:30:00+11:00 or 2026-03-01 09:30) (item 0)'],
			[{ status: '={{ "Open" }}' }, 'status must be one of Active, Inactive, Template, Closed (item 0)'],
		] as Array<[INodeParameters, string]>) {
			const result = await runNode({ parameters: getMany(filters), credential: fx.credential });
			expect(result.error?.message).toBe(message);
		}
		expect(fx.sandbox.requests()).toHaveLength(0);
	});
});

test('getParticipants: one item per role, in the order added, with the role name and the participant', async () => {
	const result = await runNode({ parameters: { resource: 'matter', operation: 'getParticipants', matterId: rl('2002') }, credential: fx.credential });
	expect(result.error).toBeUndefined();
	expect(result.success.map((i) => [i.json.id, i.json.participantNumber, i.json.role, (i.json.participant as { displayName: string }).displayName])).toEqual([
		['2002--6--106', 1, 'Client', 'Thompson, Sarah'],
		['2002--5--102', 2, 'Responsible Lawyer', 'Nguyen, James'],
		['2002--7--113', 3, 'Other Side', 'Coastal Builders Pty Ltd'],
		['2002--8--119', 4, "Other Side's Lawyer", 'Clarke, Noah'],
	]);
	expect(result.success[0].json.links).toEqual({ action: 2002, participantType: 6, participant: 106 });
	expect(logOf(fx.sandbox).map((r) => r.path)).toEqual(['/api/rest/actionparticipants', '/api/rest/participants', '/api/rest/participanttypes']);
	fx.sandbox.clearLog();
	const bad = await runNode({ parameters: { resource: 'matter', operation: 'getParticipants', matterId: rl('={{ "SMI" }}') }, credential: fx.credential });
	expect(bad.error?.message).toBe('matterId must be a numeric Actionstep ID, got "SMI" (item 0)');
	expect(fx.sandbox.requests()).toHaveLength(0);
});

test('the matter picker serves the Matter ID field', async () => {
	const found = await runListSearch({ method: 'searchMatters', credential: fx.credential, filter: 'kiwi', parameters: { resource: 'matter', operation: 'get' }, path: 'parameters.matterId' });
	expect(found.results).toEqual([{ name: 'Kiwi Freight – supply contract dispute (KIW-2024-010)', value: '2010' }]);
});
