/**
 * Limit on every resource's Get Many, in n8n's engine against the sandbox: whichever way a resource reads its
 * filters (one query, several merged queries, a look-up first, a phone-number match), Limit N gives exactly
 * the first N records that Return All gives, in the same order. The generic Get Many layer owns Limit, so
 * this pins it for each resource and each way of reading at once.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { runNode } from '../harness/engine';
import { openSandbox } from '../harness/sandbox';
import type { SandboxFixture } from '../harness/sandbox';

let fx: SandboxFixture;
// Generated calls, so that a phone number stands on several phone records.
beforeAll(async () => (fx = await openSandbox({ seedPhoneRecords: 40 })));
afterAll(async () => fx.sandbox.close());
beforeEach(() => fx.sandbox.reset());

async function ids(resource: string, filters: IDataObject, limit?: number): Promise<number[]> {
	const parameters = { resource, operation: 'getMany', returnAll: limit === undefined, filters, ...(limit === undefined ? {} : { limit }) };
	const result = await runNode({ parameters: parameters as INodeParameters, credential: fx.credential });
	expect(result.error).toBeUndefined();
	return result.success.map((i) => i.json.id as number);
}

const CASES: Array<[resource: string, how: string, filters: IDataObject]> = [
	['fileNote', 'one query', {}],
	['matter', 'one query', {}],
	['matter', 'participant roles looked up first', { participantId: '101' }],
	['participant', 'one query', {}],
	['participant', 'one query per name field, merged', { name: 'smith' }],
	['participant', 'phone number matched as Log Call matches it', { phoneNumber: '(02) 9876 5432' }],
	['phoneRecord', 'one query', {}],
	['phoneRecord', 'participant names looked up first, queries merged', { participantName: 'smith' }],
	['phoneRecord', 'phone number confirmed page by page', { phoneNumber: '02 9876 5432' }],
	['task', 'one query', {}],
	['timeEntry', 'one query', {}],
];

test.each(CASES)('%s (%s): Limit N gives the first N that Return All gives', async (resource, _how, filters) => {
	const all = await ids(resource, filters);
	expect(all.length).toBeGreaterThanOrEqual(2);
	expect(await ids(resource, filters, 1)).toEqual(all.slice(0, 1));
	expect(await ids(resource, filters, all.length - 1)).toEqual(all.slice(0, -1));
	expect(await ids(resource, filters, all.length + 5)).toEqual(all);
});

test('a Limit that is not a whole number of at least 1 fails its item, naming Limit, before any request', async () => {
	// An expression can give Limit anything; the editor's minimum of 1 holds only for typed values.
	const limits = [0, -1, 2.5, 'abc', null, 2];
	const parameters = { resource: 'phoneRecord', operation: 'getMany', returnAll: false, limit: '={{ $json.limit }}' };
	fx.sandbox.clearLog();
	const result = await runNode({
		parameters: parameters as INodeParameters,
		items: limits.map((limit) => ({ limit })),
		credential: fx.credential,
		onError: 'continueRegularOutput',
	});
	const errors = result.success.filter((item) => item.json.error !== undefined);
	expect(errors.map((item) => item.pairedItem)).toEqual([0, 1, 2, 3, 4].map((item) => ({ item })));
	for (const [n, item] of errors.entries()) expect(item.json.error).toMatch(new RegExp(`^limit .*\\(item ${n}\\)$`));
	expect(result.success.filter((item) => item.json.error === undefined)).toHaveLength(2);
	// Only the last item asked: one page of 2.
	expect(fx.sandbox.requests().map((r) => r.path)).toEqual(['/api/rest/phonerecords']);
});
