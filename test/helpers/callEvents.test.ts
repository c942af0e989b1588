import { billableHours, callHours } from '../../nodes/Actionstep/helpers/billing';
import { secondsOf, unwrapCallData } from '../../nodes/Actionstep/helpers/callData';
import { composeNotes, DEFAULT_NOTE_PARTS } from '../../nodes/Actionstep/helpers/callNotes';
import { decideOutcome } from '../../nodes/Actionstep/helpers/callOutcome';
import { fromGeneric, fromHostedSuite, fromRingCentral } from '../../nodes/Actionstep/helpers/callSources';
import { resolveCallTime } from '../../nodes/Actionstep/helpers/callTime';
import type { CallEvent } from '../../nodes/Actionstep/helpers/callEvents';
import { FieldError } from '../../nodes/Actionstep/helpers/interfaces';

const record = {
	sessionId: '4503991004',
	id: 'X2AvJPtwNQbNQA',
	startTime: '2018-09-11T13:24:09.000Z',
	duration: 7,
	direction: 'Inbound',
	result: 'Accepted',
	to: { phoneNumber: '+18662019834', name: 'Jane Smith' },
	from: { phoneNumber: '+16504445566', name: 'John Smith', location: 'Palo Alto, CA' },
};

function fieldError(fn: () => unknown): FieldError {
	try {
		fn();
	} catch (error) {
		if (error instanceof FieldError) return error;
		throw error;
	}
	throw new Error('no FieldError');
}

describe('unwrapping', () => {
	test('the record itself, a JSON text, a one-element list, webhook and notification bodies, App Connect', () => {
		for (const value of [
			record,
			JSON.stringify(record),
			[record],
			{ headers: {}, body: record },
			{ headers: {}, body: { event: '/call-log', body: record } },
			{ headers: {}, body: JSON.stringify(record) },
		]) {
			expect(unwrapCallData(value, 'ringcentral').record).toEqual(record);
		}
		const appConnect = unwrapCallData({ callLog: record, note: ' Called back ', aiNote: ['a', { text: 'b' }] }, 'ringcentral');
		expect(appConnect).toEqual({ record, note: 'Called back', aiNote: 'a\nb' });
	});

	test('refusals', () => {
		expect(fieldError(() => unwrapCallData([record, record], 'ringcentral')).message).toBe('callData holds a list of 2 calls, not one call');
		expect(fieldError(() => unwrapCallData({ body: { x: 1 } }, 'hostedsuite')).message).toMatch(/^callData does not look like a HostedSuite call record/);
		expect(fieldError(() => unwrapCallData(42, 'generic')).message).toBe('callData must be a call event object, got 42');
		expect(unwrapCallData({ x: 1 }, 'generic', 'callData', true).record).toEqual({ x: 1 });
	});
});

describe('sources', () => {
	test('RingCentral inbound: the caller is the other party', () => {
		expect(fromRingCentral({ record })).toEqual({
			source: 'ringcentral',
			callId: '4503991004',
			direction: 'in',
			start: '2018-09-11T13:24:09.000Z',
			durationSeconds: 7,
			otherNumber: '+16504445566',
			otherName: 'John Smith',
			firmNumber: '+18662019834',
			firmName: 'Jane Smith',
			result: 'Accepted',
			agentNote: undefined,
			aiNote: undefined,
			recordingLink: undefined,
		});
	});

	test('RingCentral outbound, durationMs, the call-log id when there is no session id, recording link', () => {
		const out = fromRingCentral({
			record: { ...record, direction: 'Outbound', sessionId: undefined, duration: undefined, durationMs: 61_400, recording: { link: 'https://x/rec' } },
		});
		expect(out).toMatchObject({ direction: 'out', callId: 'X2AvJPtwNQbNQA', durationSeconds: 61, otherNumber: '+18662019834', recordingLink: 'https://x/rec' });
	});

	test('HostedSuite: talk time by default, the whole call when asked', () => {
		const hs = { Id: 'A1', StartTime: '2026-03-02 14:05:00', CallerNumber: '0412', DurationInSeconds: 452, TalkTimeInSeconds: 361, AnsweredBy: 'Jess' };
		expect(fromHostedSuite({ record: hs })).toMatchObject({ callId: 'A1', direction: 'in', durationSeconds: 361, answeredBy: 'Jess' });
		expect(fromHostedSuite({ record: hs }, 'total').durationSeconds).toBe(452);
		expect(fromHostedSuite({ record: { ...hs, TalkTimeInSeconds: null } }).durationSeconds).toBe(452);
	});

	test('generic: a mapped value wins, an empty one falls back to the data', () => {
		const call = fromGeneric(
			{ record: { direction: 'in', startTime: '2026-03-02T09:00:00', phoneNumber: '111', duration: '00:01:05' } },
			{ callDirection: 'outgoing', otherNumber: '', callId: 42 },
		);
		expect(call).toMatchObject({ direction: 'out', start: '2026-03-02T09:00:00', otherNumber: '111', durationSeconds: 65, callId: '42' });
		expect(fieldError(() => fromGeneric(undefined, { callDirection: 'in' })).field).toBe('callTime');
		expect(fieldError(() => fromGeneric(undefined, { callDirection: 'in', callTime: { a: 1 } })).message).toBe('callTime must be a date and time, got an object');
	});
});

describe('seconds', () => {
	test.each([
		[361, 361],
		['361', 361],
		['06:01', 361],
		['1:00:01', 3601],
		['', undefined],
		[undefined, undefined],
	])('%p → %p', (value, seconds) => expect(secondsOf(value, 'callData')).toBe(seconds));

	test('pending and nonsense are refused', () => {
		expect(fieldError(() => secondsOf('pending', 'callData')).message).toBe('callData duration is "pending": the call has not ended yet');
		expect(fieldError(() => secondsOf('soon', 'callDuration')).message).toBe('callDuration duration must be seconds (e.g. 361 or "00:06:01"), got "soon"');
		expect(fieldError(() => secondsOf(-1, 'callData')).field).toBe('callData');
	});
});

describe('call time', () => {
	test.each<[string | number, string, string]>([
		['2018-09-11T13:24:09.000Z', 'Australia/Sydney', '2018-09-11T23:24:09+10:00'],
		['2026-03-02T09:30:00+05:30', 'Australia/Sydney', '2026-03-02T09:30:00+05:30'],
		['2026-03-02T09:30:00-0800', 'Australia/Sydney', '2026-03-02T09:30:00-08:00'],
		['2026-03-02 09:30', 'Australia/Perth', '2026-03-02T09:30:00+08:00'],
		[1772420700000, 'UTC', '2026-03-02T03:05:00+00:00'],
		[1772420700, 'UTC', '2026-03-02T03:05:00+00:00'],
		['/Date(1772420700000+1100)/', 'Australia/Sydney', '2026-03-02T14:05:00+11:00'],
		['12/31/2026 12:15 AM', 'UTC', '2026-12-31T00:15:00+00:00'],
		['1/2/2026 12:15:30 PM', 'UTC', '2026-01-02T12:15:30+00:00'],
	])('%p in %s', (value, zone, text) => expect(resolveCallTime(value, zone).text).toBe(text));

	test('refusals', () => {
		expect(fieldError(() => resolveCallTime('yesterday', 'UTC')).message).toMatch(/^callData start time "yesterday" is not an ISO 8601 date and time/);
		expect(fieldError(() => resolveCallTime('2026-03-02', 'Nowhere/Land')).field).toBe('timeZone');
	});
});

describe('outcome', () => {
	test.each([
		['Accepted', 'Call completed'],
		['Call connected', 'Call completed'],
		['Missed', 'Missed'],
		['Voicemail', 'Left voicemail'],
		['Sent to Voicemail', 'Left voicemail'],
		['Busy', 'Busy'],
		['No Answer', 'No answer'],
		['Rejected', 'Declined'],
		['Hang Up', 'Hung up'],
		['Left a message', 'Left voicemail'],
		['CALL ABANDONED IN QUEUE', 'Missed'],
		['Fax received', 'Fax received'],
	])('%s → %s', (result, outcome) => expect(decideOutcome(result, 10).outcome).toBe(outcome));

	test('the user decides first; without a result the duration does', () => {
		expect(decideOutcome('Voicemail', 0, [{ result: 'VOICEMAIL', outcome: 'Left message' }])).toEqual({
			outcome: 'Left message',
			how: 'your mapping of result "Voicemail"',
		});
		expect(decideOutcome('Voicemail', 0, [], 'Attempted').outcome).toBe('Attempted');
		expect(decideOutcome(undefined, 5).outcome).toBe('Call completed');
		expect(decideOutcome(undefined, 0).outcome).toBe('No answer');
	});
});

describe('notes', () => {
	const call: CallEvent = {
		source: 'ringcentral',
		direction: 'in',
		start: '',
		durationSeconds: 3725,
		result: 'Accepted',
		agentNote: 'Spoke\u0007 about costs',
		aiNote: 'Summary',
		recordingLink: 'https://r/1',
		answeredBy: 'Jess',
	};

	test('parts in order, the call-id line last; control characters dropped', () => {
		expect(composeNotes(call, [...DEFAULT_NOTE_PARTS, 'callDetails'], 'Call ID: ringcentral:1')).toBe(
			'Spoke  about costs\n\nAI notes:\nSummary\n\nRecording: https://r/1\n\nResult: Accepted · Duration: 1 h 2 min 5 s · Answered by: Jess\n\nCall ID: ringcentral:1',
		);
		expect(composeNotes(call, [], 'Call ID: x:1')).toBe('Call ID: x:1');
		expect(composeNotes(call, [])).toBeUndefined();
		expect(composeNotes({ ...call, recordingLink: 'pending...' }, ['recordingLink'])).toBeUndefined();
	});

	test('a very long note is shortened and the call-id line survives', () => {
		const notes = composeNotes({ ...call, agentNote: 'x'.repeat(40_000) }, ['agentNote'], 'Call ID: x:1')!;
		expect(notes.length).toBeLessThanOrEqual(32_000);
		expect(notes.endsWith('…\n\nCall ID: x:1')).toBe(true);
	});
});

describe('hours', () => {
	test.each([
		[1, 0.1],
		[359, 0.1],
		[360, 0.1],
		[361, 0.2],
		[720, 0.2],
		[721, 0.3],
		[3600, 1],
		[3601, 1.1],
	])('%i s rounds up to %p h', (seconds, hours) => expect(billableHours(seconds, 'up')).toBe(hours));

	test('nearest, none, other units, nothing for no time', () => {
		expect(billableHours(100, 'nearest')).toBe(0.1);
		expect(billableHours(539, 'nearest')).toBe(0.1);
		expect(billableHours(540, 'nearest')).toBe(0.2);
		expect(billableHours(361, 'none')).toBe(0.1);
		expect(billableHours(1, 'none')).toBe(0.01);
		expect(billableHours(901, 'up', 15)).toBe(0.5);
		expect(billableHours(0, 'up')).toBe(0);
		expect(callHours(361)).toBe(0.1);
		expect(callHours(undefined)).toBeUndefined();
	});
});
