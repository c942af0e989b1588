/** Task: Create, Get, Get Many, Update, Complete, and the staff picker, run in n8n's engine against the sandbox. */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { runNode } from '../../harness/engine';
import { runListSearch } from '../../harness/loadOptions';
import { openSandbox, restRequests } from '../../harness/sandbox';
import type { SandboxFixture } from '../../harness/sandbox';
import { logOf, param, rl } from '../../harness/workflow';

let fx: SandboxFixture;
beforeAll(async () => (fx = await openSandbox()));
afterAll(async () => fx.sandbox.close());
beforeEach(() => fx.sandbox.reset());

function create(extra: INodeParameters = {}): INodeParameters {
	return {
		resource: 'task',
		operation: 'create',
		matter: rl('2001'),
		name: 'Call back Michael Smith',
		assignee: rl('101', 'list'),
		dueTimestamp: '2026-03-10T10:00:00',
		...extra,
	};
}

const posted = () => logOf(fx.sandbox, 'tasks', 'POST').map((r) => (r.body as { tasks: IDataObject }).tasks);

async function ids(parameters: INodeParameters): Promise<number[]> {
	const result = await runNode({ parameters, credential: fx.credential });
	expect(result.error).toBeUndefined();
	return result.success.map((i) => i.json.id as number);
}

describe('create', () => {
	test('sends the fields as tasks.yml names them, status Incomplete by default; the output is the stored task, ids as numbers', async () => {
		const result = await runNode({ parameters: create({ additionalFields: { description: 'Missed call at 9:58', priority: 'High' } }), credential: fx.credential });
		expect(result.error).toBeUndefined();
		expect(posted()).toEqual([
			{
				status: 'Incomplete',
				name: 'Call back Michael Smith',
				dueTimestamp: '2026-03-10T10:00:00+11:00',
				description: 'Missed call at 9:58',
				priority: 'High',
				links: { action: 2001, assignee: 101 },
			},
		]);
		const item = result.success[0];
		expect(item.json).toMatchObject({ id: 8005, status: 'Incomplete', priority: 'High', links: { action: 2001, assignee: 101 } });
		expect(item.pairedItem).toEqual({ item: 0 });
		expect(fx.sandbox.store.get('tasks', 8005)).toMatchObject({ name: 'Call back Michael Smith', dueTimestamp: '2026-03-10T10:00:00+11:00' });
	});

	test('a given status is kept', async () => {
		await runNode({ parameters: create({ additionalFields: { status: 'Complete' } }), credential: fx.credential });
		expect(posted()[0].status).toBe('Complete');
	});

	describe('bad input fails naming the field and the item, with no request', () => {
		test.each<[string, INodeParameters, string]>([
			['no matter', create({ matter: rl('={{ $json.none }}') }), 'matter is required (item 0)'],
			['a matter that is not an id', create({ matter: rl('={{ "SMI-2024-001" }}') }), 'matter must be a numeric Actionstep ID, got "SMI-2024-001" (item 0)'],
			['no name', create({ name: '={{ $json.none }}' }), 'name is required (item 0)'],
			['no assignee', create({ assignee: rl('={{ $json.none }}') }), 'assignee is required (item 0)'],
			['no due time', create({ dueTimestamp: '={{ $json.none }}' }), 'dueTimestamp is required (item 0)'],
			['an impossible due time', create({ dueTimestamp: '2026-02-30T10:00:00' }), 'dueTimestamp "2026-02-30T10:00:00" is not a real date and time (item 0)'],
			['an unknown priority', create({ additionalFields: { priority: 'Urgent' } }), 'priority must be one of Low, Normal, High (item 0)'],
			['a name on two lines', create({ name: '={{ "a\\nb" }}' }), 'name must be one line without control characters (item 0)'],
		])('%s', async (_what, parameters, message) => {
			const result = await runNode({ parameters, credential: fx.credential });
			expect(result.error?.message).toBe(message);
			expect(fx.sandbox.requests()).toHaveLength(0);
			expect(fx.sandbox.store.count('tasks')).toBe(4);
		});
	});

	test("Actionstep's refusal (an assignee who is not staff) comes back with its detail", async () => {
		const result = await runNode({ parameters: create({ assignee: rl('105') }), credential: fx.credential });
		expect(result.error?.message).toBe('Actionstep refused POST tasks: links.assignee must be the participant id of an Actionstep user; participant 105 is not a user.');
	});

	test('a create whose answer is lost is found through the task spec\'s lookup, not sent twice', async () => {
		fx.sandbox.setFaults({ connectionReset: { every: 1, phase: 'after', methods: ['POST'] } });
		const pending = runNode({ parameters: create(), credential: fx.credential });
		await new Promise((r) => setTimeout(r, 50));
		fx.sandbox.setFaults(null);
		const result = await pending;
		expect(result.error).toBeUndefined();
		expect(fx.sandbox.store.count('tasks')).toBe(5);
		expect(result.success[0].json.id).toBe(8005);
		const log = restRequests(fx.sandbox, 'tasks');
		expect(log.map((r) => r.method)).toEqual(['POST', 'GET']);
		expect(log[1].query).toMatchObject({ action: '2001', assignee: '101', dueTimestamp_gteq: '2026-03-09T23:00:00', dueTimestamp_lteq: '2026-03-09T23:00:00', sort: '-id' });
	});
});

test('get returns the task; a bad id fails with no request', async () => {
	expect(await ids({ resource: 'task', operation: 'get', taskId: '8002' })).toEqual([8002]);
	fx.sandbox.clearLog();
	const bad = await runNode({ parameters: { resource: 'task', operation: 'get', taskId: 'eight' }, credential: fx.credential });
	expect(bad.error?.message).toBe('taskId must be a numeric Actionstep ID, got "eight" (item 0)');
	expect(fx.sandbox.requests()).toHaveLength(0);
});

describe('getMany', () => {
	const getMany = (filters: INodeParameters = {}, extra: INodeParameters = {}): INodeParameters => ({ resource: 'task', operation: 'getMany', returnAll: true, filters, ...extra });

	test('each filter becomes its Actionstep parameter; due times in UTC', async () => {
		expect(await ids(getMany({ assigneeId: '102', status: 'Incomplete' }))).toEqual([8002, 8004]);
		expect(await ids(getMany({ matterId: '2003' }))).toEqual([8003]);
		fx.sandbox.clearLog();
		expect(await ids(getMany({ dueFrom: '2024-03-20', dueTo: '2024-03-22T23:59:59' }))).toEqual([8002, 8003]);
		const [request] = logOf(fx.sandbox, 'tasks');
		expect(param(request, 'dueTimestamp_gteq')).toBe('2024-03-19T13:00:00');
		expect(param(request, 'dueTimestamp_lteq')).toBe('2024-03-22T12:59:59');
	});

	test('Limit asks for only that many', async () => {
		expect(await ids(getMany({}, { returnAll: false, limit: 2 }))).toEqual([8001, 8002]);
		expect(logOf(fx.sandbox, 'tasks').map((r) => r.rawQuery)).toEqual(['page=1&pageSize=2']);
	});

	test('Due To before Due From, or a non-numeric assignee, fails with no request', async () => {
		const reversed = await runNode({ parameters: getMany({ dueFrom: '2024-03-22', dueTo: '2024-03-20' }), credential: fx.credential });
		expect(reversed.error?.message).toBe('dueTo is before dueFrom (item 0)');
		const text = await runNode({ parameters: getMany({ assigneeId: 'James' }), credential: fx.credential });
		expect(text.error?.message).toBe('assigneeId must be a numeric Actionstep ID, got "James" (item 0)');
		expect(fx.sandbox.requests()).toHaveLength(0);
	});
});

test('update sends only the given fields (PUT is partial); an empty update fails with no request', async () => {
	const result = await runNode({
		parameters: { resource: 'task', operation: 'update', taskId: '8002', updateFields: { priority: 'High', assignee: rl('103'), dueTimestamp: '2024-03-25T17:00:00+11:00' } },
		credential: fx.credential,
	});
	expect(result.error).toBeUndefined();
	expect(logOf(fx.sandbox, 'tasks', 'PUT').map((r) => r.body)).toEqual([
		{ tasks: { priority: 'High', dueTimestamp: '2024-03-25T17:00:00+11:00', links: { assignee: 103 } } },
	]);
	expect(fx.sandbox.store.get('tasks', 8002)).toMatchObject({ name: 'File statement of claim', priority: 'High', links: { assignee: 103 } });
	fx.sandbox.clearLog();
	const empty = await runNode({ parameters: { resource: 'task', operation: 'update', taskId: '8002', updateFields: {} }, credential: fx.credential });
	expect(empty.error?.message).toBe('updateFields is empty: add at least one field to update (item 0)');
	expect(fx.sandbox.requests()).toHaveLength(0);
});

test('complete sets status Complete and completedTimestamp now, in the workflow time zone', async () => {
	const before = Date.now();
	const result = await runNode({ parameters: { resource: 'task', operation: 'complete', taskId: '8003' }, credential: fx.credential });
	expect(result.error).toBeUndefined();
	const [put] = logOf(fx.sandbox, 'tasks', 'PUT');
	const sent = (put.body as { tasks: IDataObject }).tasks;
	expect(sent.status).toBe('Complete');
	expect(String(sent.completedTimestamp)).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+1[01]:00$/);
	expect(Date.parse(String(sent.completedTimestamp))).toBeGreaterThanOrEqual(Math.floor(before / 1000) * 1000);
	expect(Date.parse(String(sent.completedTimestamp))).toBeLessThanOrEqual(Date.now());
	expect(result.success[0].json).toMatchObject({ id: 8003, status: 'Complete', completedTimestamp: sent.completedTimestamp });
});

test('two items completing the same task run one after another (the router reads taskId from the task spec)', async () => {
	const result = await runNode({
		parameters: { resource: 'task', operation: 'complete', taskId: '={{ $json.task }}' },
		items: [{ task: 8002 }, { task: '8002' }, { task: 8004 }],
		credential: fx.credential,
	});
	expect(result.success.map((i) => [i.json.id, i.pairedItem])).toEqual([
		[8002, { item: 0 }],
		[8002, { item: 1 }],
		[8004, { item: 2 }],
	]);
	const puts = logOf(fx.sandbox, 'tasks', 'PUT');
	const first = puts.findIndex((r) => r.path.endsWith('/8002'));
	const second = puts.map((r) => r.path.endsWith('/8002')).lastIndexOf(true);
	// The second PUT on 8002 started only after the first had its answer.
	expect(Date.parse(puts[second].time)).toBeGreaterThanOrEqual(Date.parse(puts[first].time) + puts[first].durationMs - 1);
});

test('the staff picker lists users by name, valued by their participant id', async () => {
	const all = await runListSearch({ method: 'searchStaff', credential: fx.credential, parameters: create() });
	expect(all.results).toEqual([
		{ name: 'Oliver Brown', value: '104' },
		{ name: 'James Nguyen', value: '102' },
		{ name: 'Priya Patel', value: '103' },
		{ name: 'Emma Smith', value: '101' },
	]);
	const some = await runListSearch({ method: 'searchStaff', credential: fx.credential, filter: 'pat', parameters: create() });
	expect(some.results).toEqual([{ name: 'Priya Patel', value: '103' }]);
});
