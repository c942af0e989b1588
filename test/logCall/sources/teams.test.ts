/** Microsoft Teams (Graph) → calls (pure): Microsoft's published PSTN row and callRecord, hand-made variants. */
import type { IDataObject } from 'n8n-workflow';

import { auto, callOf, eventsOf, fieldError, fixture, readAs } from './realworld';

function pstnRow(overrides: IDataObject = {}): IDataObject {
	return {
		id: 'row-1',
		callId: 'call-1@10.0.0.1',
		userDisplayName: 'Emma Smith',
		startDateTime: '2026-03-02T22:40:00.1234567Z',
		endDateTime: '2026-03-02T22:47:01.1234567Z',
		duration: 421,
		callType: 'user_out',
		callerNumber: '+61255500101',
		calleeNumber: '+61491570110',
		...overrides,
	};
}

describe("Microsoft's published examples", () => {
	test('a PSTN call-log row (user_in) from the page\'s value: finished, duration, 7-digit fractions, the callee is the firm', () => {
		const [row] = eventsOf('msgraph-teams-pstn-call-log-row');
		const call = callOf(auto(row));
		expect(call).toMatchObject({
			source: 'teams',
			callId: '1835317186_112562680@61.221.3.176',
			direction: 'in',
			phase: 'finished',
			durationSeconds: 219,
			otherNumber: '+0123456789',
			firmNumber: '+1234567890',
			firmName: 'Richard Malk',
		});
		expect(call.start?.text).toBe('2019-11-01T11:00:08+11:00');
		expect(call.end?.text).toBe('2019-11-01T11:03:47+11:00');
	});

	test('the whole one-row page is unwrapped to its row too', () => {
		expect(callOf(auto(fixture('msgraph-teams-pstn-call-log-row'))).durationSeconds).toBe(219);
	});

	test('a peer-to-peer callRecord: skipped (no numbers, no direction)', () => {
		const reading = auto(fixture('msgraph-teams-callrecord-peer-to-peer-no-numbers'));
		expect(reading).toMatchObject({ sourceId: 'teams', callId: 'e523d2ed-2966-4b6b-925b-754a88034cc5' });
		expect('skip' in reading && reading.skip).toMatch(/no phone number and no direction/);
	});
});

describe('hand-made rows', () => {
	test('user_out: the callee is the other party', () => {
		expect(callOf(readAs('teams', pstnRow()))).toMatchObject({ direction: 'out', otherNumber: '+61491570110', firmNumber: '+61255500101', durationSeconds: 421 });
	});

	test('no duration: seconds from start to end', () => {
		expect(callOf(readAs('teams', pstnRow({ duration: undefined }))).durationSeconds).toBe(421);
	});

	test('a Direct Routing row: ByotIn is inbound; an unsuccessful call is Call failed with 0 s', () => {
		const direct = pstnRow({ callType: 'ByotIn', callId: undefined, correlationId: 'corr-9', successfulCall: false, callerNumber: '+61491570110', calleeNumber: '+61255500101' });
		expect(callOf(readAs('teams', direct))).toMatchObject({ direction: 'in', callId: 'corr-9', result: 'Call failed', durationSeconds: 0 });
	});

	test('a callType without a direction is skipped; a row without callType or start is malformed', () => {
		const odd = readAs('teams', pstnRow({ callType: 'emergency' }));
		expect('skip' in odd && odd.skip).toMatch(/no direction/);
		expect(fieldError(() => readAs('teams', pstnRow({ callType: '' }))).reason).toMatch(/callType/);
		expect(fieldError(() => readAs('teams', pstnRow({ startDateTime: undefined }))).reason).toMatch(/startDateTime/);
	});

	test('a Graph change notification for callRecords is skipped with what to read instead', () => {
		const notification = { value: [{ subscriptionId: 's1', changeType: 'created', resource: 'communications/callRecords/abc', resourceData: { id: 'abc' } }] };
		expect(auto(notification)).toMatchObject({ sourceId: 'teams', skip: expect.stringMatching(/getPstnCalls/) });
	});
});
