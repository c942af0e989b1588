/**
 * The Actionstep Phone Record Trigger in n8n-core's real PollContext against the sandbox: each new phone
 * record exactly once across polls and restarts (watermark in static data), the first-poll choice, the
 * filters, paging, and the manual "Fetch Test Event".
 */
import { NodeOperationError } from 'n8n-workflow';
import type { IDataObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { ActionstepPhoneRecordTrigger } from '../../nodes/Actionstep/ActionstepPhoneRecordTrigger.node';
import { MAX_RECORDS_PER_POLL } from '../../nodes/Actionstep/trigger/phoneRecordPoll';
import type { Store } from '../../sandbox/store';
import { openSandbox, type SandboxFixture } from '../harness/sandbox';
import { logOf, param, sandboxRest } from '../harness/workflow';
import { POLL_TYPE, TriggerWorkflow } from './harness';

let fx: SandboxFixture;
beforeAll(async () => {
	fx = await openSandbox();
});
afterAll(() => fx.sandbox.close());
beforeEach(() => fx.sandbox.reset());

function poller(parameters: INodeParameters = {}, staticData?: IDataObject): TriggerWorkflow {
	return new TriggerWorkflow({ type: POLL_TYPE, parameters, credential: fx.credential, nodeName: 'New Phone Record', staticData });
}

let minute = 0;
/** A phone record created through the API; `from`/`to` are participant ids or free text. */
async function newCall(over: { direction?: 'in' | 'out'; from?: number | string; to?: number | string; matter?: number | null; outcome?: string } = {}): Promise<number> {
	const side = (v: number | string, name: 'from' | 'to') => (typeof v === 'number' ? { links: { [`${name}Participant`]: v } } : { [`${name}ParticipantOther`]: v });
	const from = side(over.from ?? 105, 'from');
	const to = side(over.to ?? 101, 'to');
	minute++;
	const body = {
		phonerecords: {
			direction: over.direction ?? 'in',
			callTimestamp: `2026-03-02T10:${String(minute % 60).padStart(2, '0')}:00+11:00`,
			outcome: over.outcome ?? 'Call completed',
			...('fromParticipantOther' in from ? from : {}),
			...('toParticipantOther' in to ? to : {}),
			links: {
				...((from as { links?: IDataObject }).links ?? {}),
				...((to as { links?: IDataObject }).links ?? {}),
				...(over.matter === null ? {} : { action: over.matter ?? 2001 }),
			},
		},
	};
	const r = await sandboxRest(fx.sandbox, fx.credential, 'POST', 'phonerecords', body);
	expect(r.status).toBe(200);
	return (r.json!.phonerecords as IDataObject).id as number;
}

const ids = (result: INodeExecutionData[][] | null) => (result ? result[0].map((i) => i.json.id) : null);

test('the node: polling, no inputs, the contract\'s name and filters, not a tool', () => {
	const d = new ActionstepPhoneRecordTrigger().description;
	expect(d).toMatchObject({ name: 'actionstepPhoneRecordTrigger', polling: true, inputs: [], group: ['trigger'] });
	expect(d.usableAsTool).toBeUndefined();
	const filters = d.properties.find((p) => p.name === 'filters')!;
	expect((filters.options as Array<{ name: string }>).map((o) => o.name).sort()).toEqual(['direction', 'matterId', 'outcome', 'participantId']);
});

describe('exactly once', () => {
	test('first poll emits nothing and sets the watermark; each later poll emits only what is new, once', async () => {
		const t = poller();
		expect(await t.poll()).toBeNull();
		expect(t.staticData()).toEqual({ lastPhoneRecordId: 5010 });

		const a = await newCall();
		const b = await newCall({ direction: 'out', from: 101, to: 'Court registry' });
		const first = await t.poll();
		expect(ids(first)).toEqual([a, b]);
		expect(first![0][1].json).toMatchObject({ id: b, direction: 'out', toParticipantOther: 'Court registry', links: { action: 2001, fromParticipant: 101, toParticipant: null } });
		expect(t.staticData()).toEqual({ lastPhoneRecordId: b });

		expect(await t.poll()).toBeNull();
		const c = await newCall();
		expect(ids(await t.poll())).toEqual([c]);
		expect(await t.poll()).toBeNull();

		// The query: id_gt the watermark, sorted by id, through the transport's paging.
		const last = logOf(fx.sandbox, 'phonerecords', 'GET').at(-1)!;
		expect(param(last, 'id_gt')).toBe(String(c));
		expect(param(last, 'sort')).toBe('id');
		expect(param(last, 'page')).toBe('1');
	});

	test('the watermark survives a restart (static data saved with the workflow); losing it starts afresh', async () => {
		const t = poller();
		await t.poll();
		const a = await newCall();
		expect(ids(await t.poll())).toEqual([a]);

		t.restart(true);
		expect(await t.poll()).toBeNull();
		const b = await newCall();
		t.restart(true);
		expect(ids(await t.poll())).toEqual([b]);

		t.restart(false);
		await newCall();
		expect(await t.poll()).toBeNull(); // a first poll again: nothing, watermark at the newest
		const d = await newCall();
		expect(ids(await t.poll())).toEqual([d]);
	});

	test('a deleted record below the watermark changes nothing; records never come twice', async () => {
		const t = poller();
		await t.poll();
		const a = await newCall();
		const b = await newCall();
		await sandboxRest(fx.sandbox, fx.credential, 'DELETE', `phonerecords/${b}`);
		expect(ids(await t.poll())).toEqual([a]);
		const c = await newCall();
		expect(ids(await t.poll())).toEqual([c]);
	});

	test('many new records are paged through (200 a page) and each is emitted once', async () => {
		const big = await openSandbox({ seedPhoneRecords: 450 });
		try {
			const t = new TriggerWorkflow({ type: POLL_TYPE, parameters: {}, credential: big.credential, staticData: { 'node:New Phone Record': { lastPhoneRecordId: 5010 } }, nodeName: 'New Phone Record' });
			const result = await t.poll();
			expect(result![0]).toHaveLength(450);
			expect(ids(result)).toEqual(Array.from({ length: 450 }, (_, i) => 5011 + i));
			expect(t.staticData()).toEqual({ lastPhoneRecordId: 5460 });
			const pages = logOf(big.sandbox, 'phonerecords', 'GET').map((r) => [param(r, 'page'), param(r, 'pageSize')]);
			expect(pages).toEqual([
				['1', '200'],
				['2', '200'],
				['3', '200'],
			]);
			expect(await t.poll()).toBeNull();
		} finally {
			await big.sandbox.close();
		}
	});
});

/** Puts `count` copies of seeded call 5001 straight into the sandbox's store (fast), with the given links. */
function bulkCalls(count: number, links: (i: number) => IDataObject = () => ({})): number[] {
	const store = fx.sandbox.store as unknown as Store;
	const base = store.find('phonerecords', 5001)!;
	return Array.from({ length: count }, (_, i) => store.insert('phonerecords', { ...base, links: { ...base.links, ...links(i) } } as never).id);
}

describe('catch-up after a long downtime', () => {
	test(`a poll emits at most ${MAX_RECORDS_PER_POLL} records, oldest first; the watermark advances only over those, the rest come next poll`, async () => {
		expect(MAX_RECORDS_PER_POLL).toBe(1000);
		const t = poller();
		await t.poll();
		const made = bulkCalls(2450);
		const emitted: number[][] = [];
		const requests: number[] = [];
		for (let poll = 0; poll < 3; poll++) {
			fx.sandbox.clearLog();
			emitted.push(ids(await t.poll()) as number[]);
			requests.push(logOf(fx.sandbox, 'phonerecords', 'GET').length);
			expect(t.staticData()).toEqual({ lastPhoneRecordId: emitted[poll].at(-1) });
		}
		expect(emitted.map((e) => e.length)).toEqual([1000, 1000, 450]);
		expect(emitted.flat()).toEqual(made);
		// 1,000 records are 5 pages of 200: the sandbox saw 5 requests, not the 13 the whole backlog takes.
		expect(requests).toEqual([5, 5, 3]);
		expect(await t.poll()).toBeNull();
	});

	test('with filters (two merged queries) each poll is capped too, and every matching record comes exactly once, in order', async () => {
		const t = poller({ filters: { participantId: '110' } });
		await t.poll();
		// 1,500 calls from participant 110 interleaved with 1,200 calls to it, then 300 that do not match.
		const side = (i: number) => (i % 9 < 5 ? { fromParticipant: 110 } : { toParticipant: 110 });
		const matching = bulkCalls(2700, side);
		bulkCalls(300);
		const emitted: number[][] = [];
		for (let poll = 0; poll < 6; poll++) {
			fx.sandbox.clearLog();
			const got = ids(await t.poll());
			if (!got) break;
			emitted.push(got as number[]);
			// The newest id, then at most 5 pages for each of the two queries.
			expect(logOf(fx.sandbox, 'phonerecords', 'GET').length).toBeLessThanOrEqual(1 + 2 * 5);
		}
		expect(emitted.every((e) => e.length <= MAX_RECORDS_PER_POLL)).toBe(true);
		expect(emitted[0]).toHaveLength(MAX_RECORDS_PER_POLL);
		expect(emitted.flat()).toEqual(matching);
		expect(t.staticData()).toEqual({ lastPhoneRecordId: matching.at(-1)! + 300 });
	});
});

describe('first poll', () => {
	test('"Emit the Latest Records" emits the newest N once, oldest first, then only new ones', async () => {
		const t = poller({ firstPoll: 'emitLatest', latestCount: 3 });
		expect(ids(await t.poll())).toEqual([5008, 5009, 5010]);
		expect(await t.poll()).toBeNull();
		const a = await newCall();
		expect(ids(await t.poll())).toEqual([a]);
	});

	test('with filters, the latest N are the newest matching ones; the watermark still starts at the newest overall', async () => {
		const t = poller({ firstPoll: 'emitLatest', latestCount: 2, filters: { direction: 'out' } });
		expect(ids(await t.poll())).toEqual([5007, 5009]);
		expect(t.staticData()).toEqual({ lastPhoneRecordId: 5010 });
	});

	test('on an organisation without phone records the watermark is 0 and the first record is emitted', async () => {
		const t = poller();
		fx.sandbox.setFaults(null);
		for (const id of [5001, 5003]) {
			const te = fx.sandbox.store.list('timeentries').find((x) => x.links.phoneRecord === id)!;
			await sandboxRest(fx.sandbox, fx.credential, 'PUT', `timeentries/${te.id}`, { timeentries: { links: { phoneRecord: null } } });
		}
		for (let id = 5001; id <= 5010; id++) await sandboxRest(fx.sandbox, fx.credential, 'DELETE', `phonerecords/${id}`);
		expect(await t.poll()).toBeNull();
		expect(t.staticData()).toEqual({ lastPhoneRecordId: 0 });
		const a = await newCall();
		expect(ids(await t.poll())).toEqual([a]);
	});
});

describe('filters', () => {
	test('direction, matter, outcome and participant (either side of the call) narrow what is emitted', async () => {
		const cases: Array<[IDataObject, (made: Record<string, number>) => number[]]> = [
			[{ direction: 'out' }, (m) => [m.out, m.to110]],
			[{ matterId: '2002' }, (m) => [m.matter2002]],
			[{ outcome: 'left MESSAGE' }, (m) => [m.leftMessage]],
			[{ participantId: '110' }, (m) => [m.from110, m.to110]],
			[{ participantId: '110', direction: 'in' }, (m) => [m.from110]],
		];
		for (const [filters, expected] of cases) {
			fx.sandbox.reset();
			const t = poller({ filters: filters as INodeParameters });
			expect(await t.poll()).toBeNull();
			const made = {
				plain: await newCall(),
				out: await newCall({ direction: 'out', from: 101, to: 105 }),
				matter2002: await newCall({ matter: 2002, from: 106, to: 102 }),
				leftMessage: await newCall({ outcome: 'Left message' }),
				from110: await newCall({ from: 110, to: 101, matter: 2006 }),
				to110: await newCall({ direction: 'out', from: 102, to: 110, matter: 2006 }),
			};
			expect([filters, ids(await t.poll())]).toEqual([filters, expected(made)]);
			expect(await t.poll()).toBeNull();
			// A record that did not match when created is not picked up later.
			expect(t.staticData()).toEqual({ lastPhoneRecordId: made.to110 });
		}
	});

	test('with filters each poll reads the newest id first, then asks for the window (watermark, newest]', async () => {
		const t = poller({ filters: { direction: 'in' } });
		await t.poll();
		const a = await newCall();
		fx.sandbox.clearLog();
		expect(ids(await t.poll())).toEqual([a]);
		const [top, window] = logOf(fx.sandbox, 'phonerecords', 'GET');
		expect([param(top, 'sort'), param(top, 'pageSize'), param(top, 'fields')]).toEqual(['-id', '1', 'id']);
		expect([param(window, 'direction'), param(window, 'id_gt'), param(window, 'id_lteq'), param(window, 'sort')]).toEqual(['in', '5010', String(a), 'id']);
		fx.sandbox.clearLog();
		expect(await t.poll()).toBeNull();
		expect(logOf(fx.sandbox)).toHaveLength(1); // nothing newer: no window query
	});

	test('a bad filter fails before any request', async () => {
		fx.sandbox.clearLog();
		for (const filters of [{ matterId: 'abc' }, { participantId: '12x' }, { direction: 'sideways' }]) {
			const error = await poller({ filters }).poll().catch((e: unknown) => e);
			expect(error).toBeInstanceOf(NodeOperationError);
			expect((error as Error).message).toMatch(/^Filter (matterId|participantId|direction) /);
		}
		expect(logOf(fx.sandbox)).toEqual([]);
	});
});

describe('Fetch Test Event (manual)', () => {
	test('shows the newest matching record and leaves the watermark alone', async () => {
		const t = poller({ filters: { direction: 'out' } });
		expect(ids(await t.poll('manual'))).toEqual([5009]);
		expect(t.staticData()).toEqual({});
		await t.poll();
		const before = t.staticData();
		await newCall({ direction: 'out', from: 101, to: 105 });
		await t.poll('manual');
		expect(t.staticData()).toEqual(before);
	});
});

describe('each poll reads the credential afresh', () => {
	// n8n keeps one PollContext for the whole activation and hands it to every scheduled poll; a credential
	// edited meanwhile (reconnected to another organisation, another environment) counts from the next poll.
	test('a credential changed between polls to a host its environment refuses: the next poll sends nothing', async () => {
		const credential = await fx.connect();
		const t = new TriggerWorkflow({ type: POLL_TYPE, parameters: {}, credential, nodeName: 'New Phone Record' });
		expect(await t.poll()).toBeNull();
		await newCall();

		credential.data.environment = 'production';
		fx.sandbox.clearLog();
		const error = await t.poll().catch((e: unknown) => e);
		expect(error).toBeInstanceOf(NodeOperationError);
		expect((error as Error).message).toMatch(/is not an https host of actionstep\.com, so no request was sent/);
		expect(logOf(fx.sandbox)).toEqual([]);
	});
});
