/** Participant: Get, Get Many (name, email, phone number, company), Create, Update, in n8n's engine against the sandbox. */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { runNode } from '../../harness/engine';
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

const getMany = (filters: INodeParameters = {}, extra: INodeParameters = {}): INodeParameters => ({
	resource: 'participant',
	operation: 'getMany',
	returnAll: true,
	filters,
	...extra,
});

test('get by id (a picker value or a plain id)', async () => {
	expect(await ids({ resource: 'participant', operation: 'get', participantId: rl('105', 'list') })).toEqual([105]);
	expect(await ids({ resource: 'participant', operation: 'get', participantId: '113' })).toEqual([113]);
});

describe('getMany', () => {
	test('name matches display, first, last or company name, any case, merged in id order', async () => {
		expect(await ids(getMany({ name: 'smith' }))).toEqual([101, 105, 124]);
		expect(await ids(getMany({ name: 'COASTAL' }))).toEqual([113]);
		expect(await ids(getMany({ name: 'Emma' }))).toEqual([101]);
		const fields = logOf(fx.sandbox, 'participants').slice(-4).map((r) => Object.keys(r.query).find((k) => k.endsWith('_ilike')));
		expect(fields).toEqual(['displayName_ilike', 'firstName_ilike', 'lastName_ilike', 'companyName_ilike']);
	});

	test('email (whole address, any case) and company filters', async () => {
		expect(await ids(getMany({ email: 'Sarah.T@Example.com' }))).toEqual([106]);
		expect(await ids(getMany({ isCompany: true }))).toEqual([113, 114, 115]);
		expect(await ids(getMany({ isCompany: false, name: 'kiwi' }))).toEqual([]);
	});

	test('phone number is matched the way Log Call matches callers: any slot, any formatting, two people sharing a number', async () => {
		expect(await ids(getMany({ phoneNumber: '(02) 9876 5432' }))).toEqual([105, 124]);
		expect(await ids(getMany({ phoneNumber: '+61 2 9876 5432', name: 'anna' }))).toEqual([124]);
		expect(await ids(getMany({ phoneNumber: '+1 415 555 0134' }))).toEqual([116]); // phone4 only
		expect(await ids(getMany({ phoneNumber: '0491 570 133' }))).toEqual([111]); // sms only
		const slots = logOf(fx.sandbox, 'participants').slice(-5).map((r) => Object.keys(r.query).find((k) => k.endsWith('_ilike')));
		expect(slots).toEqual(['phone1Number_ilike', 'phone2Number_ilike', 'phone3Number_ilike', 'phone4Number_ilike', 'sms_ilike']);
	});

	test('Limit: the first N by id, one page per query', async () => {
		expect(await ids(getMany({}, { returnAll: false, limit: 3 }))).toEqual([101, 102, 103]);
		expect(logOf(fx.sandbox, 'participants').map((r) => r.rawQuery)).toEqual(['sort=id&page=1&pageSize=3']);
		fx.sandbox.clearLog();
		expect(await ids(getMany({ name: 'smith' }, { returnAll: false, limit: 2 }))).toEqual([101, 105]);
	});

	test('a user\'s text is sent URL-encoded; bad filters fail with no request', async () => {
		await ids(getMany({ name: "O'Connor & Co" }));
		expect(param(logOf(fx.sandbox, 'participants')[0], 'displayName_ilike')).toBe("*O'Connor & Co*");
		fx.sandbox.clearLog();
		for (const [filters, message] of [
			[{ phoneNumber: '12345' }, 'phoneNumber needs at least 6 digits to search by (item 0)'],
			[{ name: '***' }, 'name needs at least one character besides * (item 0)'],
			[{ name: 'x'.repeat(101) }, 'name is 101 characters long; the most allowed is 100 (item 0)'],
		] as Array<[IDataObject, string]>) {
			const result = await runNode({ parameters: getMany(filters as INodeParameters), credential: fx.credential });
			expect(result.error?.message).toBe(message);
		}
		expect(fx.sandbox.requests()).toHaveLength(0);
	});
});

describe('create', () => {
	const create = (extra: INodeParameters): INodeParameters => ({ resource: 'participant', operation: 'create', ...extra });

	test('a person: names, email and a phone split as Actionstep stores it; the output is the stored participant', async () => {
		const result = await runNode({
			parameters: create({ firstName: 'Ava', lastName: 'Jones', additionalFields: { email: 'ava@example.com', phoneNumber: '+61 2 5550 4444', phoneLabel: 'Mobile', importExternalReference: 'RC-991' } }),
			credential: fx.credential,
		});
		expect(result.error).toBeUndefined();
		expect(logOf(fx.sandbox, 'participants', 'POST').map((r) => r.body)).toEqual([
			{ participants: { isCompany: 'F', firstName: 'Ava', lastName: 'Jones', importExternalReference: 'RC-991', email: 'ava@example.com', phone1Country: 61, phone1Area: 2, phone1Number: '5550 4444', phone1Label: 'Mobile' } },
		]);
		expect(result.success[0].json).toMatchObject({ id: 127, displayName: 'Jones, Ava', isCompany: 'F' });
		// The new participant is found by the number the way Log Call will look for it.
		expect(await ids(getMany({ phoneNumber: '02 5550 4444' }))).toEqual([127]);
	});

	test('a company needs its name; first and last name are not sent', async () => {
		const result = await runNode({ parameters: create({ isCompany: true, companyName: 'Harbour Bank Ltd', firstName: 'x', lastName: 'y' }), credential: fx.credential });
		expect(result.error).toBeUndefined();
		expect(logOf(fx.sandbox, 'participants', 'POST')[0].body).toEqual({ participants: { isCompany: 'T', companyName: 'Harbour Bank Ltd' } });
	});

	test.each<[string, INodeParameters, string]>([
		['a person without a last name', create({ firstName: 'Ava', lastName: '={{ $json.none }}' }), 'lastName is required for a person (item 0)'],
		['a company without a name', create({ isCompany: true, companyName: '={{ $json.none }}' }), 'companyName is required for a company (item 0)'],
		['a bad email', create({ firstName: 'A', lastName: 'B', additionalFields: { email: 'not-an-address' } }), 'email must be an email address, got "not-an-address" (item 0)'],
		['a short phone number', create({ firstName: 'A', lastName: 'B', additionalFields: { phoneNumber: '555' } }), 'phoneNumber needs at least 6 digits, got "555" (item 0)'],
	])('%s fails with no request', async (_what, parameters, message) => {
		const result = await runNode({ parameters, credential: fx.credential });
		expect(result.error?.message).toBe(message);
		expect(fx.sandbox.requests()).toHaveLength(0);
		expect(fx.sandbox.store.count('participants')).toBe(26);
	});
});

test('update sends only the given fields; an empty update fails with no request', async () => {
	const result = await runNode({
		parameters: { resource: 'participant', operation: 'update', participantId: rl('126'), updateFields: { email: 'olivia@example.org', sms: '+61 491 570 200' } },
		credential: fx.credential,
	});
	expect(result.error).toBeUndefined();
	expect(logOf(fx.sandbox, 'participants', 'PUT')[0].body).toEqual({ participants: { email: 'olivia@example.org', sms: '+61 491 570 200' } });
	expect(fx.sandbox.store.get('participants', 126)).toMatchObject({ firstName: 'Olivia', email: 'olivia@example.org', sms: '+61 491 570 200' });
	fx.sandbox.clearLog();
	const empty = await runNode({ parameters: { resource: 'participant', operation: 'update', participantId: rl('126'), updateFields: {} }, credential: fx.credential });
	expect(empty.error?.message).toBe('updateFields is empty: add at least one field to update (item 0)');
	expect(fx.sandbox.requests()).toHaveLength(0);
});

describe('update of phone 1: Actionstep keeps country and area beside the number and cannot clear them', () => {
	const update = (id: string, phoneNumber: string): INodeParameters => ({ resource: 'participant', operation: 'update', participantId: rl(id), updateFields: { phoneNumber } });

	test('a number with its + country code and area replaces all three parts, with no read first', async () => {
		const result = await runNode({ parameters: update('107', '+61 2 5550 4444'), credential: fx.credential });
		expect(result.error).toBeUndefined();
		expect(fx.sandbox.requests().map((r) => r.method)).toEqual(['PUT']);
		expect(fx.sandbox.store.get('participants', 107)).toMatchObject({ phone1Country: 61, phone1Area: 2, phone1Number: '5550 4444' });
	});

	test('a local number on a participant whose phone 1 has a country and area fails, naming both, and writes nothing', async () => {
		const result = await runNode({ parameters: update('107', '5550 4444'), credential: fx.credential });
		expect(result.error?.message).toBe(`phoneNumber "5550 4444" would be stored beside phone 1's old country code 61 and area 3, which Actionstep cannot clear (item 0)`);
		expect(fx.sandbox.requests().map((r) => r.method)).toEqual(['GET']);
		expect(fx.sandbox.store.get('participants', 107)).toMatchObject({ phone1Country: 61, phone1Area: 3, phone1Number: '7010 4421' });
	});

	test('a local number on a participant with no phone 1 parts is written after one read', async () => {
		const result = await runNode({ parameters: update('126', '5550 4444'), credential: fx.credential });
		expect(result.error).toBeUndefined();
		expect(fx.sandbox.requests().map((r) => r.method)).toEqual(['GET', 'PUT']);
		expect(logOf(fx.sandbox, 'participants', 'PUT')[0].body).toEqual({ participants: { phone1Number: '5550 4444' } });
	});
});
