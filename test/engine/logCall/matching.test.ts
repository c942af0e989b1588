/** Log Call: finding the other party among participants by phone number (split fields, formats, 0/1/many). */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { runNode } from '../../harness/engine';
import { openSandbox } from '../../harness/sandbox';
import type { SandboxFixture } from '../../harness/sandbox';
import { logOf } from '../../harness/workflow';
import { logCallParams, posted, rest, ringCentralInbound, writes } from './fixtures';

let fx: SandboxFixture;
beforeAll(async () => (fx = await openSandbox()));
afterAll(async () => fx.sandbox.close());
beforeEach(() => fx.sandbox.reset());

function inboundFrom(phoneNumber: string | undefined, name: string | undefined, sessionId: string): IDataObject {
	const from: IDataObject = {};
	if (phoneNumber !== undefined) from.phoneNumber = phoneNumber;
	if (name !== undefined) from.name = name;
	return ringCentralInbound({ sessionId, from });
}

async function logInbound(event: IDataObject, options: IDataObject = {}, extra: IDataObject = {}) {
	return await runNode({
		parameters: logCallParams({ options: options as INodeParameters, ...extra }),
		items: [event],
		credential: fx.credential,
	});
}

describe('one participant', () => {
	test('a number in three formats (E.164, national with trunk 0, country code without +) matches Sarah Thompson', async () => {
		const formats = ['+61 491 570 111', '0491 570 111', '61491570111'];
		for (const [n, number] of formats.entries()) {
			const result = await logInbound(inboundFrom(number, 'Caller', `fmt-${n}`));
			expect(result.error).toBeUndefined();
			const json = result.success[0].json;
			expect(json.participant).toMatchObject({ id: 106 });
			expect(posted(fx.sandbox, 'phonerecords', n)).toMatchObject({
				phoneNumber: '+61491570111',
				links: { fromParticipant: 106, toParticipant: 101 },
			});
		}
		// Phone 1 is asked first, with the last digits; she has the number there, so no other slot is asked.
		const searches = logOf(fx.sandbox, 'participants');
		expect(searches).toHaveLength(3);
		for (const search of searches) {
			expect(search.query).toMatchObject({ phone1Number_ilike: '*5*7*0*1*1*1*' });
			expect(search.query.fields).toContain('phone4Number');
		}
	});

	test('a number nobody has in phone 1: the other four slots are asked (Actionstep ANDs filters, so one query each)', async () => {
		const result = await logInbound(inboundFrom('07 5550 8812', 'Caller', 'slots-1'));
		expect(result.error).toBeUndefined();
		const slots = logOf(fx.sandbox, 'participants').map((r) => Object.keys(r.query).find((k) => k.endsWith('_ilike')));
		expect(slots[0]).toBe('phone1Number_ilike');
		expect(slots.slice(1).sort()).toEqual(['phone2Number_ilike', 'phone3Number_ilike', 'phone4Number_ilike', 'sms_ilike']);
	});

	test('twenty calls from one number in one execution: the number is looked up once', async () => {
		const items = Array.from({ length: 20 }, (_, n) => inboundFrom('0491 570 111', 'Caller', `many-${n}`));
		const result = await runNode({ parameters: logCallParams(), items, credential: fx.credential });
		expect(result.error).toBeUndefined();
		expect(result.success.map((i) => i.json.status)).toEqual(Array(20).fill('created'));
		expect(logOf(fx.sandbox, 'participants')).toHaveLength(1);
		expect(logOf(fx.sandbox, 'users')).toHaveLength(1);
	});

	test('phone3 (Fatima Rahman, area 7), phone4 (José García, US) and sms (Daniel Kowalski) slots are found', async () => {
		const cases: Array<[string, number, string]> = [
			['07 5550 8812', 112, 'phone3Number, Work'],
			['+1 (415) 555-0134', 116, 'phone4Number, Mobile'],
			['0491570133', 111, 'sms, Mobile'],
		];
		for (const [n, [number, id, slot]] of cases.entries()) {
			const result = await logInbound(inboundFrom(number, undefined, `slot-${n}`));
			expect(result.error).toBeUndefined();
			const json = result.success[0].json;
			expect(json.participant).toMatchObject({ id });
			expect((json.decisions as IDataObject).participant).toMatch(`matched by phone (${slot})`);
		}
	});

	test('an area code stored with its trunk zero and a whole number typed into the number field still match', async () => {
		const put = await rest(fx.sandbox, fx.credential, 'PUT', 'participants/126', {
			participants: { phone1Label: 'Home', phone1Country: '61', phone1Area: '02', phone1Number: '5550 6677', phone2Label: 'Mobile', phone2Number: '0491 570 199' },
		});
		expect(put.status).toBe(200);
		fx.sandbox.clearLog();
		for (const [n, number] of ['+61255506677', '+61491570199'].entries()) {
			const result = await logInbound(inboundFrom(number, 'Olivia', `olivia-${n}`));
			expect(result.error).toBeUndefined();
			expect((result.success[0].json).participant).toMatchObject({ id: 126 });
		}
	});

	test('a matching tail with other leading digits is not a match (client-side check of the whole number)', async () => {
		// Emma Smith's work number is 02 5550 0101; this Melbourne number ends in the same digits.
		const result = await logInbound(inboundFrom('+61 3 5550 0101', 'Melbourne caller', 'tail-1'));
		expect(result.error).toBeUndefined();
		expect(result.success[0].json).toMatchObject({ participant: null });
		expect(posted(fx.sandbox, 'phonerecords')).toMatchObject({ fromParticipantOther: 'Melbourne caller', links: { toParticipant: 101 } });
		// The server did return Emma for the loose filter; she was dropped here.
		expect(logOf(fx.sandbox, 'participants').some((r) => r.status === 200)).toBe(true);
	});
});

describe('no participant', () => {
	test("the caller's name from the source is logged as fromParticipantOther", async () => {
		const result = await logInbound(inboundFrom('+61 2 5550 9001', 'Mark Jones', 'none-1'));
		expect(result.error).toBeUndefined();
		expect(posted(fx.sandbox, 'phonerecords')).toMatchObject({
			phoneNumber: '+61255509001',
			fromParticipantOther: 'Mark Jones',
			links: { toParticipant: 101 },
		});
		expect(posted(fx.sandbox, 'phonerecords').links).not.toHaveProperty('fromParticipant');
		const json = result.success[0].json;
		expect(json.participant).toBeNull();
		expect((json.decisions as IDataObject).participant).toBe('no participant has +61255509001: logged as "Mark Jones"');
	});

	test('without a name the number is logged; outbound puts it on the to side', async () => {
		const result = await logInbound(
			ringCentralInbound({ sessionId: 'none-2', direction: 'Outbound', from: { phoneNumber: '+61255500101' }, to: { phoneNumber: '(02) 5550 9002' } }),
		);
		expect(result.error).toBeUndefined();
		expect(posted(fx.sandbox, 'phonerecords')).toMatchObject({
			direction: 'out',
			phoneNumber: '+61255509002',
			toParticipantOther: '+61255509002',
			links: { fromParticipant: 101 },
		});
	});

	test('matching switched off: no participant query, the name is logged even for a known number', async () => {
		const result = await logInbound(inboundFrom('+61491570111', 'Sarah T', 'off-1'), { matchParticipant: false });
		expect(result.error).toBeUndefined();
		expect(logOf(fx.sandbox, 'participants')).toHaveLength(0);
		expect(posted(fx.sandbox, 'phonerecords')).toMatchObject({ fromParticipantOther: 'Sarah T' });
	});

	test('an internal call between two extensions is skipped; logged when asked, never looked up as a number', async () => {
		const internal = ringCentralInbound({ sessionId: 'ext-1', from: { extensionNumber: '104', name: 'Oliver Brown' } });
		const skipped = await logInbound(internal);
		expect(skipped.error).toBeUndefined();
		expect(logOf(fx.sandbox)).toHaveLength(0);
		expect(skipped.success[0].json).toMatchObject({ status: 'skipped', skipReason: expect.stringMatching(/^internal call between two extensions/) });

		const logged = await logInbound(internal, { includeInternal: true });
		expect(logged.error).toBeUndefined();
		expect(logOf(fx.sandbox, 'participants')).toHaveLength(0);
		const body = posted(fx.sandbox, 'phonerecords');
		expect(body).toMatchObject({ fromParticipantOther: 'Oliver Brown' });
		expect(body.phoneNumber).toBeUndefined();
		expect(((logged.success[0].json).decisions as IDataObject).participant).toMatch(/104 is an internal extension/);
	});
});

describe('several participants share the number', () => {
	// Michael Smith (105) and Anna Smith (124) share the home number 02 9876 5432.
	const shared = () => inboundFrom('+61 2 9876 5432', 'Smith', 'shared-1');

	test('first: the lowest id', async () => {
		const result = await logInbound(shared(), { multipleMatches: 'first' });
		expect(result.error).toBeUndefined();
		expect(posted(fx.sandbox, 'phonerecords').links).toEqual({ fromParticipant: 105, toParticipant: 101 });
		expect(((result.success[0].json).decisions as IDataObject).participant).toBe(
			'2 participants have +61298765432 (Smith, Michael (105), Smith, Anna (124)): picked the first, Smith, Michael (105)',
		);
	});

	test('error: the item fails naming both, and nothing is written', async () => {
		const result = await logInbound(shared(), { multipleMatches: 'error' });
		expect(result.error?.message).toBe('2 participants have the number +61298765432: Smith, Michael (105), Smith, Anna (124) (item 0)');
		expect(result.error?.description).toMatch(/Nothing was written/);
		expect(writes(fx.sandbox)).toHaveLength(0);
	});

	test('error with Continue (using error output): the item goes to the error output', async () => {
		const result = await runNode({
			parameters: logCallParams({ options: { multipleMatches: 'error' } }),
			items: [shared()],
			credential: fx.credential,
			onError: 'continueErrorOutput',
		});
		expect(result.success).toHaveLength(0);
		expect(result.errors).toHaveLength(1);
		expect(result.errors[0].json.error).toMatch(/2 participants have the number/);
		expect(writes(fx.sandbox)).toHaveLength(0);
	});

	test('log the name only', async () => {
		const result = await logInbound(shared(), { multipleMatches: 'useName' });
		expect(result.error).toBeUndefined();
		expect(posted(fx.sandbox, 'phonerecords')).toMatchObject({ fromParticipantOther: 'Smith', links: { toParticipant: 101 } });
	});

	test('most recent matter (the default): a tie on their shared matter 2011 picks the lowest id, and that matter is reused', async () => {
		const result = await logInbound(shared(), {}, { matterMode: 'mostRecent' });
		expect(result.error).toBeUndefined();
		expect(posted(fx.sandbox, 'phonerecords').links).toEqual({ action: 2011, fromParticipant: 105, toParticipant: 101 });
		const decisions = (result.success[0].json).decisions as IDataObject;
		expect(decisions.participant).toMatch(/picked Smith, Michael \(105\), whose open matter 2011 changed most recently \(a tie, so the lowest ID\)/);
		expect(decisions.matter).toBe('most recently active open matter of Smith, Michael (105): 2011');
		// One matter query per candidate, none repeated for the matter choice.
		expect(logOf(fx.sandbox, 'actionparticipants')).toHaveLength(2);
		expect(logOf(fx.sandbox, 'actions')).toHaveLength(0);
	});

	test('most recent matter picks the higher id when its matter changed later', async () => {
		// Grace Williams (110, matter 2006 changed 16 Feb 2024) gets Coastal Builders' office number
		// (113, matter 2009 changed 1 Mar 2024) as her second phone.
		const put = await rest(fx.sandbox, fx.credential, 'PUT', 'participants/110', {
			participants: { phone1Label: 'Office', phone1Country: '61', phone1Area: '2', phone1Number: '5550 7788' },
		});
		expect(put.status).toBe(200);
		fx.sandbox.clearLog();
		const first = await logInbound(inboundFrom('02 5550 7788', 'Coastal', 'coastal-1'), { multipleMatches: 'first' });
		expect(posted(fx.sandbox, 'phonerecords', 0).links).toMatchObject({ fromParticipant: 110 });
		expect((first.success[0].json).participant).toMatchObject({ id: 110, phone1Number: '5550 7788' });
		const recent = await logInbound(inboundFrom('02 5550 7788', 'Coastal', 'coastal-2'), {}, { matterMode: 'mostRecent' });
		expect(recent.error).toBeUndefined();
		expect(posted(fx.sandbox, 'phonerecords', 1).links).toEqual({ action: 2009, fromParticipant: 113, toParticipant: 101 });
		expect(((recent.success[0].json).decisions as IDataObject).participant).toBe(
			'2 participants have +61255507788 (Williams, Grace (110), Coastal Builders Pty Ltd (113)): picked Coastal Builders Pty Ltd (113), whose open matter 2009 changed most recently',
		);
	});
});

test('phone 1 first: a participant with the number in phone 1 is chosen without asking the other slots', async () => {
	// Grace Williams (110) gets Coastal Builders' office number (113's phone 1) as her second phone.
	await rest(fx.sandbox, fx.credential, 'PUT', 'participants/110', {
		participants: { phone2Label: 'Office', phone2Country: '61', phone2Area: '2', phone2Number: '5550 7788' },
	});
	fx.sandbox.clearLog();
	const result = await logInbound(inboundFrom('02 5550 7788', 'Coastal', 'coastal-3'), { multipleMatches: 'error' });
	expect(result.error).toBeUndefined();
	expect(posted(fx.sandbox, 'phonerecords').links).toMatchObject({ fromParticipant: 113 });
	expect(logOf(fx.sandbox, 'participants')).toHaveLength(1);
});

describe('the firm side', () => {
	test('a named firm participant replaces the connected user, and no users/current call is made', async () => {
		const result = await logInbound(inboundFrom('+61491570111', 'Sarah', 'firm-1'), { firmParticipant: '102' });
		expect(result.error).toBeUndefined();
		expect(posted(fx.sandbox, 'phonerecords').links).toEqual({ fromParticipant: 106, toParticipant: 102 });
		expect(logOf(fx.sandbox, 'users')).toHaveLength(0);
		expect(((result.success[0].json).decisions as IDataObject).firmParticipant).toBe('given: participant 102');
	});
});
