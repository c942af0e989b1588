/** Twilio status callbacks → calls (pure): the real published callbacks and hand-made ones of the other statuses. */
import type { IDataObject } from 'n8n-workflow';

import { auto, callOf, fieldError, fixture, readAs } from './realworld';

/** A finished inbound call as Twilio posts it (form-encoded: every value a text). */
function callback(overrides: IDataObject = {}): IDataObject {
	return {
		AccountSid: 'AC00000000000000000000000000000001',
		ApiVersion: '2010-04-01',
		CallSid: 'CA00000000000000000000000000000042',
		CallStatus: 'completed',
		Direction: 'inbound',
		From: '+61491570110',
		To: '+61255500101',
		CallerName: 'SMITH MICHAEL',
		Timestamp: 'Mon, 02 Mar 2026 22:41:07 +0000',
		CallDuration: '421',
		Duration: '8',
		SequenceNumber: '3',
		CallbackSource: 'call-progress-events',
		...overrides,
	};
}

describe('real published callbacks', () => {
	test('busy, outbound-api, US → GB: finished, no talk time, start = end = Timestamp', () => {
		const call = callOf(auto(fixture('twilio-status-callback-busy-outbound-international')));
		expect(call).toMatchObject({
			source: 'twilio',
			callId: 'CA8367245817625617832576245724',
			direction: 'out',
			phase: 'finished',
			durationSeconds: 0,
			otherNumber: '+441111111111',
			firmNumber: '+11111111111',
			result: 'Busy',
		});
		expect(call.start?.text).toBe('2025-10-09T00:54:12+11:00');
		expect(call.end?.epochMs).toBe(call.start?.epochMs);
	});

	test('initiated child leg of an outbound-dial: skipped, keyed by the parent call', () => {
		const reading = auto(fixture('twilio-status-callback-initiated-child-leg-outbound-dial'));
		expect(reading).toMatchObject({ sourceId: 'twilio', callId: 'CA81bd32324f804bbd23e7bb3ba40f99b4' });
		expect('skip' in reading && reading.skip).toMatch(/^initiated: /);
	});
});

describe('hand-made callbacks', () => {
	test('completed inbound: the start is Timestamp − CallDuration, the length from the text "421", never Duration (minutes)', () => {
		const call = callOf(readAs('twilio', callback()));
		expect(call).toMatchObject({ direction: 'in', phase: 'finished', durationSeconds: 421, otherNumber: '+61491570110', otherName: 'SMITH MICHAEL', result: 'Completed' });
		expect(call.start?.text).toBe('2026-03-03T09:34:06+11:00');
		expect(call.end?.text).toBe('2026-03-03T09:41:07+11:00');
	});

	test.each([
		['busy', 'Busy'],
		['no-answer', 'No answer'],
		['failed', 'Call failed'],
		['canceled', 'Cancelled'],
	])('%s → finished, result %s, 0 s', (status, result) => {
		const call = callOf(readAs('twilio', callback({ CallStatus: status, CallDuration: '0' })));
		expect(call).toMatchObject({ phase: 'finished', result, durationSeconds: 0 });
	});

	test('no-answer without CallDuration is 0 s; a completed call without it is malformed', () => {
		const { CallDuration: _omit, ...without } = callback({ CallStatus: 'no-answer' });
		expect(callOf(readAs('twilio', without)).durationSeconds).toBe(0);
		const { CallDuration: _omit2, ...completed } = callback();
		expect(fieldError(() => readAs('twilio', completed))).toMatchObject({ field: 'callData', reason: expect.stringMatching(/CallDuration/) });
	});

	test('in-progress → logged while it goes, started at its Timestamp', () => {
		const call = callOf(readAs('twilio', callback({ CallStatus: 'in-progress', CallDuration: undefined })));
		expect(call).toMatchObject({ phase: 'inProgress', result: 'In progress' });
		expect(call.durationSeconds).toBeUndefined();
		expect(call.start?.text).toBe('2026-03-03T09:41:07+11:00');
	});

	test.each(['queued', 'initiated', 'ringing'])('%s → skipped', (status) => {
		const reading = readAs('twilio', callback({ CallStatus: status }));
		expect('skip' in reading && reading.skip).toMatch(new RegExp(`^${status}: `));
	});

	test('outbound-api and outbound-dial are out: the other party is To', () => {
		for (const Direction of ['outbound-api', 'outbound-dial']) {
			const call = callOf(readAs('twilio', callback({ Direction, From: '+61255500101', To: '+61491570110' })));
			expect(call).toMatchObject({ direction: 'out', otherNumber: '+61491570110', firmNumber: '+61255500101', otherName: undefined });
		}
	});

	test("both legs of a <Dial> are one call (the parent's sid); the leg to the firm's own softphone is skipped", () => {
		const parent = callOf(readAs('twilio', callback()));
		const child = callOf(readAs('twilio', callback({ CallSid: 'CA0000000000000000000000000000child', ParentCallSid: parent.callId, Direction: 'outbound-dial' })));
		expect(child.callId).toBe(parent.callId);
		const softphone = readAs('twilio', callback({ ParentCallSid: parent.callId, Direction: 'outbound-dial', To: 'client:emma' }));
		expect('skip' in softphone && softphone.skip).toMatch(/softphone \(client:emma\)/);
	});

	test('the recording link is kept', () => {
		const link = 'https://api.twilio.com/2010-04-01/Accounts/AC1/Recordings/RE1';
		expect(callOf(readAs('twilio', callback({ RecordingUrl: link }))).recordingLink).toBe(link);
	});

	test('a recording status callback and an unknown status are skipped, not errors', () => {
		const recording = readAs('twilio', { AccountSid: 'AC1', CallSid: 'CA1', RecordingSid: 'RE1', RecordingUrl: 'https://api.twilio.com/x', RecordingStatus: 'completed' });
		expect('skip' in recording && recording.skip).toMatch(/recording status callback/);
		const odd = readAs('twilio', callback({ CallStatus: 'answered-by-robot' }));
		expect('skip' in odd && odd.skip).toMatch(/"answered-by-robot" is not a call status/);
	});

	test('malformed: no Timestamp, an unknown Direction', () => {
		expect(fieldError(() => readAs('twilio', callback({ Timestamp: '' }))).reason).toMatch(/Timestamp/);
		expect(fieldError(() => readAs('twilio', callback({ Direction: 'sideways' }))).reason).toMatch(/Direction/);
	});
});
