/** Phone Record → Get, run in n8n's engine against the sandbox. */
import type { IDataObject } from 'n8n-workflow';

import { runNode } from '../../harness/engine';
import { openSandbox } from '../../harness/sandbox';
import type { SandboxFixture } from '../../harness/sandbox';
import { logOf } from '../../harness/workflow';

let fx: SandboxFixture;
beforeAll(async () => (fx = await openSandbox()));
afterAll(async () => fx.sandbox.close());
beforeEach(() => fx.sandbox.clearLog());

test('get by id returns the record with its fields at the top level and link ids as numbers', async () => {
	const result = await runNode({
		parameters: { resource: 'phoneRecord', operation: 'get', phoneRecordId: '5003' },
		credential: fx.credential,
	});
	expect(result.error).toBeUndefined();
	expect(result.success).toHaveLength(1);
	expect(result.success[0]).toEqual({
		json: {
			id: 5003,
			direction: 'in',
			callTimestamp: '2024-03-06T10:30:00+11:00',
			outcome: 'Call completed',
			fromParticipantOther: "Mark Jones (Coastal Builders' insurer)",
			toParticipantOther: null,
			phoneNumber: '+61 2 5550 9001',
			phoneNumberType: 'Business',
			actualHours: 0.5,
			notes: 'Insurer wants to discuss settlement; asked for our client’s position in writing.',
			links: { action: 2002, fromParticipant: null, toParticipant: 102 },
		},
		pairedItem: { item: 0 },
	});
	const requests = logOf(fx.sandbox);
	expect(requests.map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual(['GET /api/rest/phonerecords/5003 200']);
	expect(requests[0].headers.accept).toMatch(/application\/vnd\.api\+json/);
	expect(requests[0].headers.authorization).toBe(true);
});

test('the id may come from an expression, with spaces around it', async () => {
	const result = await runNode({
		parameters: { resource: 'phoneRecord', operation: 'get', phoneRecordId: '={{ $json.call.id }}' },
		items: [{ call: { id: ' 5001 ' } }, { call: { id: 5002 } }],
		credential: fx.credential,
	});
	expect(result.success.map((i) => [i.json.id, i.pairedItem])).toEqual([
		[5001, { item: 0 }],
		[5002, { item: 1 }],
	]);
	expect(logOf(fx.sandbox).map((r) => r.rawPath)).toEqual(['/api/rest/phonerecords/5001', '/api/rest/phonerecords/5002']);
});

test('a missing id fails with a clear 404 "not found" error that carries no secret', async () => {
	const result = await runNode({
		parameters: { resource: 'phoneRecord', operation: 'get', phoneRecordId: '999999' },
		credential: fx.credential,
	});
	expect(result.success).toHaveLength(0);
	expect(result.error?.message).toBe('Not found in Actionstep: phonerecords/999999: No phonerecords with id 999999.');
	expect(result.error?.httpCode).toBe('404');
	expect(result.error?.description).toMatch(/Check the id/);
	expect(logOf(fx.sandbox).map((r) => r.status)).toEqual([404]);

	const token = fx.credential.data.oauthTokenData as IDataObject;
	const everything = JSON.stringify(result.run);
	for (const secret of [token.access_token, token.refresh_token, fx.sandbox.clientSecret]) {
		expect(typeof secret).toBe('string');
		expect(everything).not.toContain(secret as string);
	}
	expect(everything).not.toMatch(/bearer\s+[\w-]{8,}/i);
});

test('a non-numeric id fails before any request', async () => {
	const result = await runNode({
		parameters: { resource: 'phoneRecord', operation: 'get', phoneRecordId: '5001/../5002' },
		credential: fx.credential,
	});
	expect(result.error?.message).toBe('phoneRecordId must be a numeric Actionstep ID, got "5001/../5002" (item 0)');
	expect(fx.sandbox.requests()).toHaveLength(0);
});
