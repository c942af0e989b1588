/** Log Call from RingCentral call-log records, run in n8n's engine against the sandbox. */
import type { IDataObject } from 'n8n-workflow';

import { runNode } from '../../harness/engine';
import { openSandbox } from '../../harness/sandbox';
import type { SandboxFixture } from '../../harness/sandbox';
import { logOf, rl } from '../../harness/workflow';
import { logCallParams, posted, ringCentralInbound, ringCentralOutbound, withMarkerShown, writes } from './fixtures';

let fx: SandboxFixture;
beforeAll(async () => (fx = await openSandbox()));
afterAll(async () => fx.sandbox.close());
beforeEach(() => fx.sandbox.reset());

describe('RingCentral inbound call', () => {
	test('caller matched by phone, firm side is the connected user, UTC start written in Sydney time, one POST', async () => {
		const before = fx.sandbox.store.count('phonerecords');
		const result = await runNode({ parameters: logCallParams(), items: [ringCentralInbound()], credential: fx.credential });
		expect(result.error).toBeUndefined();
		expect(result.success).toHaveLength(1);

		const body = posted(fx.sandbox, 'phonerecords');
		expect({ ...body, notes: withMarkerShown(body.notes) }).toEqual({
			direction: 'in',
			callTimestamp: '2026-03-03T09:30:05+11:00',
			outcome: 'Call completed',
			phoneNumber: '+61491570111',
			phoneNumberType: 'Mobile',
			actualHours: 0.1,
			notes: 'Recording: https://media.ringcentral.com/restapi/v1.0/account/1/recording/401/content\n\n<marker ringcentral:s-4503991004>',
			links: { fromParticipant: 106, toParticipant: 101 },
		});
		expect(writes(fx.sandbox)).toHaveLength(1);

		const out = result.success[0];
		expect(out.pairedItem).toEqual({ item: 0 });
		const json = out.json;
		const record = json.phoneRecord as IDataObject;
		expect(fx.sandbox.store.count('phonerecords')).toBe(before + 1);
		expect(fx.sandbox.store.get('phonerecords', record.id as number)).toMatchObject({
			direction: 'in',
			callTimestamp: '2026-03-03T09:30:05+11:00',
			fromParticipantOther: null,
			toParticipantOther: null,
			links: { action: null, fromParticipant: 106, toParticipant: 101 },
		});
		expect(json).toMatchObject({
			duplicate: false,
			participant: { id: 106, displayName: 'Thompson, Sarah' },
			matter: null,
			timeEntry: null,
			call: {
				source: 'ringcentral',
				callId: 's-4503991004',
				identity: 'ringcentral:s-4503991004',
				direction: 'in',
				durationSeconds: 361,
				phoneNumber: '+61491570111',
				name: 'Sarah T',
				result: 'Accepted',
				outcome: 'Call completed',
			},
			decisions: {
				source: 'chosen: RingCentral',
				duplicate: 'new call: no phone record is marked ringcentral:s-4503991004',
				callTimestamp: 'UTC time written in Australia/Sydney',
				outcome: 'result "Accepted"',
				participant: 'matched by phone (phone1Number, Mobile): Thompson, Sarah (106)',
				firmParticipant: 'the connected user: participant 101',
				timeEntry: 'not asked',
			},
		});
	});

	test('a webhook item ({headers, body}) holding a RingCentral telephony-session notification ({event, body}) is unwrapped', async () => {
		const webhookItem = {
			headers: { 'content-type': 'application/json; charset=UTF-8', 'user-agent': 'RingCentral-Webhook/8.3' },
			params: {},
			query: {},
			body: {
				uuid: 'a1b2',
				event: '/restapi/v1.0/account/~/extension/~/telephony/sessions',
				ownerId: '1477535004',
				body: {
					sequence: 5,
					sessionId: '4503991004',
					telephonySessionId: 's-4503991004',
					eventTime: '2026-03-02T22:30:05.000Z',
					parties: [
						{
							extensionId: '1477535004',
							direction: 'Inbound',
							status: { code: 'Answered' },
							from: { phoneNumber: '+61491570111' },
							to: { phoneNumber: '+61255500101', extensionId: '1477535004' },
						},
					],
				},
			},
		};
		const result = await runNode({ parameters: logCallParams(), items: [webhookItem], credential: fx.credential });
		expect(result.error).toBeUndefined();
		expect(posted(fx.sandbox, 'phonerecords')).toMatchObject({ direction: 'in', links: { fromParticipant: 106, toParticipant: 101 } });
	});

	test("App Connect's {callLog, note, aiNote}: agent note, AI notes and recording link in the notes; matter given; billed", async () => {
		const event = {
			callLog: ringCentralInbound({ recording: { link: 'https://app.ringcentral.com/rec/401' } }),
			note: 'Client asked about the settlement timetable.',
			aiNote: { text: '- Settlement moved to 14 March\n- Client to send ID' },
		};
		const result = await runNode({
			parameters: logCallParams({ matterMode: 'given', matter: rl('2002'), createTimeEntry: true }),
			items: [event],
			credential: fx.credential,
		});
		expect(result.error).toBeUndefined();
		const body = posted(fx.sandbox, 'phonerecords');
		expect(withMarkerShown(body.notes)).toBe(
			'Client asked about the settlement timetable.\n\n' +
				'AI notes:\n- Settlement moved to 14 March\n- Client to send ID\n\n' +
				'Recording: https://app.ringcentral.com/rec/401\n\n' +
				'<marker ringcentral:s-4503991004>',
		);
		expect(body.links).toEqual({ action: 2002, fromParticipant: 106, toParticipant: 101 });
		const json = result.success[0].json;
		expect(json.matter).toMatchObject({ id: 2002, name: 'Thompson v Coastal Builders Pty Ltd' });
		expect((json.decisions as IDataObject).matter).toBe('given: 2002');
		const te = posted(fx.sandbox, 'timeentries');
		expect(te).toEqual({
			timestampDate: '2026-03-03T00:00:00+11:00',
			actualHours: 0.1,
			billableHours: 0.2,
			description: 'Phone call from Thompson, Sarah (Call completed): Client asked about the settlement timetable.',
			isBillable: 'T',
			links: { action: 2002, phoneRecord: (json.phoneRecord as IDataObject).id, owner: 101, createdBy: 101 },
		});
		expect(fx.sandbox.store.get('timeentries', (json.timeEntry as IDataObject).id as number)).toMatchObject({
			billableHours: 0.2,
			links: { phoneRecord: (json.phoneRecord as IDataObject).id, action: 2002 },
		});
	});
});

describe('RingCentral outbound call', () => {
	test('firm side is from, callee matched on to; July start gets +10:00; their only matter is closed so none is set', async () => {
		const result = await runNode({
			parameters: logCallParams({ matterMode: 'mostRecent' }),
			items: [ringCentralOutbound()],
			credential: fx.credential,
		});
		expect(result.error).toBeUndefined();
		expect(posted(fx.sandbox, 'phonerecords')).toEqual({
			direction: 'out',
			callTimestamp: '2026-07-15T18:00:00+10:00',
			outcome: 'Call completed',
			phoneNumber: '+442079460321',
			phoneNumberType: 'Work',
			actualHours: 0.03,
			notes: expect.stringMatching(/^Call ID: ringcentral:4503992200 \[n8n /),
			links: { fromParticipant: 101, toParticipant: 109 },
		});
		const json = result.success[0].json;
		expect(json.participant).toMatchObject({ id: 109 });
		expect((json.decisions as IDataObject).matter).toBe("none: O'Connor, Liam (109) has no open matter");
		// The matter look-up asked who is on which matter (actionparticipants), with the matters included.
		const rows = logOf(fx.sandbox, 'actionparticipants');
		expect(rows).toHaveLength(1);
		expect(rows[0].query).toMatchObject({ participant: '109', include: 'action' });
		expect(logOf(fx.sandbox, 'actions')).toHaveLength(0);
	});

	test("most recent open matter of the callee is set: Michael Smith's mobile → matter 2011 (changed after 2001)", async () => {
		const result = await runNode({
			parameters: logCallParams({ matterMode: 'mostRecent' }),
			items: [ringCentralOutbound({ to: { phoneNumber: '+61491570110', name: 'Michael' }, result: 'Voicemail', duration: 40 })],
			credential: fx.credential,
		});
		expect(result.error).toBeUndefined();
		const body = posted(fx.sandbox, 'phonerecords');
		expect(body).toMatchObject({ outcome: 'Left voicemail', links: { action: 2011, fromParticipant: 101, toParticipant: 105 } });
		const json = result.success[0].json;
		expect(json.matter).toMatchObject({ id: 2011, status: 'Active' });
		expect((json.decisions as IDataObject).matter).toBe('most recently active open matter of Smith, Michael (105): 2011');
		expect((json.decisions as IDataObject).outcome).toBe('result "Voicemail"');
	});
});
