/**
 * Phone Record → Get Many, bounded reads (run in n8n's engine against the sandbox, requests counted in its
 * log): a phone-number search with Limit stops reading once Limit records are confirmed and never reads
 * more than MAX_PHONE_SCAN_PAGES pages (saying so in a hint); a participant name that matches more than
 * MAX_NAME_MATCHES participants fails the item asking for a narrower name, before any phone record is read.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { MAX_NAME_MATCHES, MAX_PHONE_SCAN_PAGES } from '../../../nodes/Actionstep/actions/phoneRecord/getMany.operation';
import type { Store } from '../../../sandbox/store';
import { runNode } from '../../harness/engine';
import { openSandbox } from '../../harness/sandbox';
import type { SandboxFixture } from '../../harness/sandbox';
import { logOf, param } from '../../harness/workflow';

let fx: SandboxFixture;
beforeAll(async () => (fx = await openSandbox()));
afterAll(async () => fx.sandbox.close());
beforeEach(() => fx.sandbox.reset());

const store = () => fx.sandbox.store as unknown as Store;
/** The number searched for; no seeded call has it. */
const WANTED = '03 5550 1234';
/** Matched by the server's loose pattern (*5*5*5*0*1*2*3*4*) but not by the digits: the node must drop it. */
const DECOY = '5 5 5 0 1 2 3 4 9';

/** `count` copies of seeded call 5001 with this phone number, straight into the store; their ids. */
function calls(count: number, phoneNumber: string): number[] {
	const base = store().find('phonerecords', 5001)!;
	return Array.from({ length: count }, () => store().insert('phonerecords', { ...base, phoneNumber } as never).id);
}

async function getMany(filters: IDataObject, extra: IDataObject = {}) {
	fx.sandbox.clearLog();
	const parameters = { resource: 'phoneRecord', operation: 'getMany', returnAll: false, limit: 50, filters, options: { sort: 'id' }, ...extra } as INodeParameters;
	return await runNode({ parameters, credential: fx.credential });
}

const ids = (items: Array<{ json: IDataObject }>) => items.map((i) => i.json.id);
const hintsOf = (run: Awaited<ReturnType<typeof runNode>>['run']) => (run.data.resultData.runData.Actionstep[0].hints ?? []).map((h) => h.message);

describe('a phone number with Limit', () => {
	test('reading stops at the page that completes Limit confirmed records', async () => {
		calls(250, DECOY);
		const wanted = calls(4, WANTED);
		calls(600, DECOY);
		const result = await getMany({ phoneNumber: WANTED }, { limit: 3 });
		expect(result.error).toBeUndefined();
		expect(ids(result.success)).toEqual(wanted.slice(0, 3));
		// 854 loose matches are 5 pages; the first 3 confirmed ones are on page 2.
		const pages = logOf(fx.sandbox, 'phonerecords', 'GET').map((r) => [param(r, 'page'), param(r, 'pageSize')]);
		expect(pages).toEqual([
			['1', '200'],
			['2', '200'],
		]);
		expect(hintsOf(result.run)).toEqual([]);
	});

	test(`at most ${MAX_PHONE_SCAN_PAGES} pages are read, and a hint says the search stopped there`, async () => {
		expect(MAX_PHONE_SCAN_PAGES).toBe(10);
		calls(2400, DECOY);
		calls(2, WANTED);
		const result = await getMany({ phoneNumber: WANTED }, { limit: 5 });
		expect(result.error).toBeUndefined();
		expect(result.success).toEqual([]);
		expect(logOf(fx.sandbox, 'phonerecords', 'GET')).toHaveLength(10);
		expect(hintsOf(result.run)).toEqual([expect.stringMatching(/^Item 0: the phone number search stopped after reading 10 pages \(2000 records\)/)]);
	});

	test('the page budget is shared by the queries of an item (participant on either side)', async () => {
		const base = store().find('phonerecords', 5001)!;
		for (let n = 0; n < 1500; n++) store().insert('phonerecords', { ...base, phoneNumber: DECOY, links: { ...base.links, fromParticipant: 110 } } as never);
		for (let n = 0; n < 1500; n++) store().insert('phonerecords', { ...base, phoneNumber: DECOY, links: { ...base.links, fromParticipant: 101, toParticipant: 110 } } as never);
		const result = await getMany({ phoneNumber: WANTED, participantId: '110' }, { limit: 5 });
		expect(result.error).toBeUndefined();
		expect(logOf(fx.sandbox, 'phonerecords', 'GET')).toHaveLength(MAX_PHONE_SCAN_PAGES);
		expect(hintsOf(result.run)).toHaveLength(1);
	});

	test('Return All still reads every loose match and keeps the exact ones', async () => {
		calls(450, DECOY);
		const wanted = calls(2, WANTED);
		const result = await getMany({ phoneNumber: WANTED }, { returnAll: true });
		expect(ids(result.success)).toEqual(wanted);
		expect(logOf(fx.sandbox, 'phonerecords', 'GET')).toHaveLength(3);
	});
});

describe('a participant name', () => {
	function people(count: number): number[] {
		const base = store().find('participants', 105)!;
		return Array.from({ length: count }, (_, n) => store().insert('participants', { ...base, firstName: 'Quill', lastName: `Zanzibar ${n}`, displayName: `Zanzibar ${n}, Quill` } as never).id);
	}

	test(`matching more than ${MAX_NAME_MATCHES} participants fails the item, naming the field, after one look-up and before any phone record is read`, async () => {
		expect(MAX_NAME_MATCHES).toBe(100);
		people(150);
		const result = await getMany({ participantName: 'zanzibar' });
		expect(result.error?.message).toBe('participantName matches more than 100 participants (item 0)');
		expect(result.error?.description).toMatch(/Narrow "participantName"/);
		const lookups = logOf(fx.sandbox, 'participants', 'GET');
		expect(lookups.map((r) => [param(r, 'page'), param(r, 'pageSize')])).toEqual([['1', '101']]);
		expect(logOf(fx.sandbox, 'phonerecords')).toEqual([]);
	});

	test(`exactly ${MAX_NAME_MATCHES} matching participants are searched in one query per side`, async () => {
		const made = people(100);
		const result = await getMany({ participantName: 'zanzibar' }, { returnAll: true });
		expect(result.error).toBeUndefined();
		const queries = logOf(fx.sandbox, 'phonerecords', 'GET').map((r) => Object.keys(r.query).find((k) => k.endsWith('_in')));
		expect(queries.filter(Boolean)).toEqual(['fromParticipant_in', 'toParticipant_in']);
		expect(param(logOf(fx.sandbox, 'phonerecords', 'GET')[2], 'fromParticipant_in')).toBe(made.join(','));
	});
});
