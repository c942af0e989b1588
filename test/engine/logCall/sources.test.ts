/** Log Call from HostedSuite call records and from fields mapped with expressions generic. */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { runNode } from '../../harness/engine';
import { openSandbox } from '../../harness/sandbox';
import type { SandboxFixture } from '../../harness/sandbox';
import { rl } from '../../harness/workflow';
import { hostedSuiteRecord, logCallParams, posted, postedShown } from './fixtures';

let fx: SandboxFixture;
beforeAll(async () => (fx = await openSandbox()));
afterAll(async () => fx.sandbox.close());
beforeEach(() => fx.sandbox.reset());

describe('HostedSuite', () => {
	test('a call record: caller matched, talk time, notes, local start read in the chosen zone, matter and time entry', async () => {
		const result = await runNode({
			parameters: logCallParams({
				source: 'hostedsuite',
				matterMode: 'mostRecent',
				createTimeEntry: true,
				options: { timeZone: 'Australia/Melbourne', notesInclude: ['agentNote', 'callDetails'] },
			}),
			items: [hostedSuiteRecord()],
			credential: fx.credential,
			timezone: 'Australia/Perth',
		});
		expect(result.error).toBeUndefined();
		expect(postedShown(fx.sandbox, 'phonerecords')).toEqual({
			direction: 'in',
			callTimestamp: '2026-03-02T14:05:00+11:00',
			outcome: 'Call completed',
			phoneNumber: '+61370104421',
			phoneNumberType: 'Home',
			actualHours: 0.1,
			notes:
				'Wants to update the will after the sale of the Carlton unit. Call back after 3pm.\n\n' +
				'Duration: 6 min 1 s · Answered by: Jess (HostedSuite agent)\n\n' +
				'<marker hostedsuite:HS-88213>',
			links: { action: 2003, fromParticipant: 107, toParticipant: 101 },
		});
		const json = result.success[0].json;
		expect(json).toMatchObject({
			participant: { id: 107, displayName: 'Chen, Wei' },
			matter: { id: 2003 },
			timeEntry: { billableHours: 0.2, actualHours: 0.1 },
			call: { source: 'hostedsuite', callId: 'HS-88213', durationSeconds: 361, name: 'WEI CHEN' },
			decisions: {
				callTimestamp: 'no zone in the source: read in Australia/Melbourne',
				outcome: 'no result given; the call had talk time',
			},
		});
		expect(posted(fx.sandbox, 'timeentries')).toMatchObject({
			timestampDate: '2026-03-02T00:00:00+11:00',
			description: 'Phone call from Chen, Wei (Call completed): Wants to update the will after the sale of the Carlton unit. Call back after 3pm.',
		});
	});

	test("the whole call's seconds when asked; camelCase keys; a .NET JSON date; the workflow's zone by default", async () => {
		const camel = {
			id: 'HS-90001',
			startTime: '/Date(1772420700000)/',
			callerName: 'Unknown',
			callerNumber: '+64 9 555 0142',
			durationInSeconds: 452,
			talkTimeInSeconds: 361,
		};
		const result = await runNode({
			parameters: logCallParams({ source: 'hostedsuite', options: { durationBasis: 'total' } }),
			items: [camel],
			credential: fx.credential,
			timezone: 'Pacific/Auckland',
		});
		expect(result.error).toBeUndefined();
		expect(postedShown(fx.sandbox, 'phonerecords')).toMatchObject({
			callTimestamp: '2026-03-02T16:05:00+13:00',
			actualHours: 0.13,
			phoneNumber: '+6495550142',
			notes: '<marker hostedsuite:HS-90001>',
			links: { fromParticipant: 108, toParticipant: 101 },
		});
	});

	test('an outgoing call record type puts the caller number on the to side', async () => {
		const result = await runNode({
			parameters: logCallParams({ source: 'hostedsuite' }),
			items: [hostedSuiteRecord({ Id: 'HS-OUT-1', Type: 'Outgoing', CallerNumber: '0412 000 999', CallerName: 'Pat Doe' })],
			credential: fx.credential,
		});
		expect(result.error).toBeUndefined();
		expect(postedShown(fx.sandbox, 'phonerecords')).toMatchObject({
			direction: 'out',
			toParticipantOther: 'Pat Doe',
			links: { fromParticipant: 101 },
		});
	});
});

describe('generic', () => {
	test('fields mapped with expressions over the input item', async () => {
		const item = {
			call: { uuid: 'c-7731', dir: 'OUTGOING', at: '2026-03-04 16:20', talk: '00:12:30', peer: '+1 212 555 0187', peerName: 'Grace' },
			summary: 'Walked through the make-good clause.',
			disposition: 'Answered',
		};
		const result = await runNode({
			parameters: logCallParams({
				source: 'generic',
				callDirection: '={{ $json.call.dir }}',
				callTime: '={{ $json.call.at }}',
				callDuration: '={{ $json.call.talk }}',
				otherNumber: '={{ $json.call.peer }}',
				otherName: '={{ $json.call.peerName }}',
				callNotes: '={{ $json.summary }}',
				callId: '={{ $json.call.uuid }}',
				callResult: '={{ $json.disposition }}',
				matterMode: 'mostRecent',
			}),
			items: [item],
			credential: fx.credential,
		});
		expect(result.error).toBeUndefined();
		expect(postedShown(fx.sandbox, 'phonerecords')).toEqual({
			direction: 'out',
			callTimestamp: '2026-03-04T16:20:00+11:00',
			outcome: 'Call completed',
			phoneNumber: '+12125550187',
			phoneNumberType: 'Mobile',
			actualHours: 0.21,
			notes: 'Walked through the make-good clause.\n\n<marker generic:c-7731>',
			links: { action: 2006, fromParticipant: 101, toParticipant: 110 },
		});
		expect(result.success[0].json).toMatchObject({ call: { durationSeconds: 750, result: 'Answered' } });
	});

	test('empty mappings fall back to the usual keys of Call Data, here a webhook body', async () => {
		const webhook = {
			headers: { 'user-agent': 'pbx' },
			body: { direction: 'in', callTimestamp: '2026-03-05T11:00:00+10:30', phoneNumber: '08 5550 3321', name: 'Mia', duration: 30, notes: 'Quick question', callId: 91 },
		};
		const result = await runNode({ parameters: logCallParams({ source: 'generic' }), items: [webhook], credential: fx.credential });
		expect(result.error).toBeUndefined();
		expect(postedShown(fx.sandbox, 'phonerecords')).toEqual({
			direction: 'in',
			callTimestamp: '2026-03-05T11:00:00+10:30',
			outcome: 'Call completed',
			phoneNumber: '+61855503321',
			phoneNumberType: 'Home',
			actualHours: 0.01,
			notes: 'Quick question\n\n<marker generic:91>',
			links: { fromParticipant: 118, toParticipant: 101 },
		});
	});

	test('a given outcome and a mapping of results override the table', async () => {
		const base = { direction: 'out', startTime: '2026-03-05T11:00:00+11:00', phoneNumber: '0491 570 042', duration: 0 };
		const params = (options: IDataObject) => logCallParams({ source: 'generic', options: options as INodeParameters, matterMode: 'given', matter: rl('2001') });
		await runNode({
			parameters: params({ outcomeMap: { mappings: [{ result: 'voicemail', outcome: 'Left message' }] } }),
			items: [{ ...base, callId: 'o-1', result: 'Voicemail' }],
			credential: fx.credential,
		});
		await runNode({ parameters: params({ outcome: 'Attempted' }), items: [{ ...base, callId: 'o-2', result: 'Voicemail' }], credential: fx.credential });
		await runNode({ parameters: params({}), items: [{ ...base, callId: 'o-3', result: 'Sent to Voicemail' }], credential: fx.credential });
		await runNode({ parameters: params({}), items: [{ ...base, callId: 'o-4', result: 'Busy' }], credential: fx.credential });
		await runNode({ parameters: params({}), items: [{ ...base, callId: 'o-5' }], credential: fx.credential });
		expect([0, 1, 2, 3, 4].map((n) => posted(fx.sandbox, 'phonerecords', n).outcome)).toEqual([
			'Left message',
			'Attempted',
			'Left voicemail',
			'Busy',
			'No answer',
		]);
	});
});
