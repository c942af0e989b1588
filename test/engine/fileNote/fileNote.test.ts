/** File Note: Create (a call's transcript on a matter) and Get Many, in n8n's engine against the sandbox. */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { runNode } from '../../harness/engine';
import { openSandbox } from '../../harness/sandbox';
import type { SandboxFixture } from '../../harness/sandbox';
import { logOf, param, rl } from '../../harness/workflow';

let fx: SandboxFixture;
beforeAll(async () => (fx = await openSandbox()));
afterAll(async () => fx.sandbox.close());
beforeEach(() => fx.sandbox.reset());

const create = (extra: INodeParameters = {}): INodeParameters => ({ resource: 'fileNote', operation: 'create', matter: rl('2003'), text: 'Transcript:\nClient: hello\nLawyer: hi', ...extra });
const posted = () => logOf(fx.sandbox, 'filenotes', 'POST').map((r) => (r.body as { filenotes: IDataObject }).filenotes);

test('create files the text on the matter, dated now when no time is given', async () => {
	const before = Math.floor(Date.now() / 1000) * 1000;
	const result = await runNode({ parameters: create(), credential: fx.credential });
	expect(result.error).toBeUndefined();
	const [sent] = posted();
	expect(sent).toMatchObject({ text: 'Transcript:\nClient: hello\nLawyer: hi', links: { action: 2003 } });
	expect(String(sent.noteTimestamp)).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+1[01]:00$/);
	expect(Date.parse(String(sent.noteTimestamp))).toBeGreaterThanOrEqual(before);
	expect(result.success[0].json).toMatchObject({ id: 9005, enteredBy: 'Emma Smith', source: 'User', links: { action: 2003, participant: 101 } });
});

test('a given note time is read in the workflow time zone', async () => {
	await runNode({ parameters: create({ noteTimestamp: '2026-03-02T15:04:00' }), credential: fx.credential });
	expect(posted()[0].noteTimestamp).toBe('2026-03-02T15:04:00+11:00');
});

test.each<[string, INodeParameters, string]>([
	['no text', create({ text: '={{ $json.none }}' }), 'text is required (item 0)'],
	['no matter', create({ matter: rl('={{ $json.none }}') }), 'matter is required (item 0)'],
	['a bad note time', create({ noteTimestamp: '={{ "yesterday" }}' }), 'noteTimestamp "yesterday" is not an ISO 8601 date and time (e.g. 2026-03-01T09:30:00+11:00 or 2026-03-01 09:30) (item 0)'],
	['text longer than 100,000 characters', create({ text: '={{ "a".repeat(100001) }}' }), 'text is 100001 characters long; the most allowed is 100000 (item 0)'],
])('%s fails naming the field, with no request', async (_what, parameters, message) => {
	const result = await runNode({ parameters, credential: fx.credential });
	expect(result.error?.message).toBe(message);
	expect(fx.sandbox.requests()).toHaveLength(0);
	expect(fx.sandbox.store.count('filenotes')).toBe(4);
});

describe('getMany', () => {
	const getMany = (filters: INodeParameters = {}, extra: INodeParameters = {}): INodeParameters => ({ resource: 'fileNote', operation: 'getMany', returnAll: true, filters, ...extra });
	const ids = async (parameters: INodeParameters) => (await runNode({ parameters, credential: fx.credential })).success.map((i) => i.json.id);

	test('matter and time range', async () => {
		expect(await ids(getMany({ matterId: '2002' }))).toEqual([9002, 9003]);
		expect(await ids(getMany({ matterId: '2002', noteTimestampFrom: '2024-03-07' }))).toEqual([9003]);
		expect(param(logOf(fx.sandbox, 'filenotes').at(-1)!, 'noteTimestamp_gteq')).toBe('2024-03-06T13:00:00');
		expect(await ids(getMany({ noteTimestampTo: '2024-03-06T12:00:00+11:00' }))).toEqual([9001, 9002]);
	});

	test('Limit', async () => {
		expect(await ids(getMany({}, { returnAll: false, limit: 3 }))).toEqual([9001, 9002, 9003]);
		expect(logOf(fx.sandbox, 'filenotes').map((r) => r.rawQuery)).toEqual(['page=1&pageSize=3']);
	});

	test('To before From fails with no request', async () => {
		const result = await runNode({ parameters: getMany({ noteTimestampFrom: '2024-03-08', noteTimestampTo: '2024-03-01' }), credential: fx.credential });
		expect(result.error?.message).toBe('noteTimestampTo is before noteTimestampFrom (item 0)');
		expect(fx.sandbox.requests()).toHaveLength(0);
	});
});
