import type { IDataObject } from 'n8n-workflow';

import { parseCallTime } from '../../nodes/Actionstep/actions/phoneRecord/logCall/rules/callTime';
import { composeNotes, completeNotes, DEFAULT_NOTE_PARTS } from '../../nodes/Actionstep/actions/phoneRecord/logCall/rules/notes';
import { decideOutcome } from '../../nodes/Actionstep/actions/phoneRecord/logCall/rules/outcome';
import { locateEvent } from '../../nodes/Actionstep/actions/phoneRecord/logCall/sources';
import { secondsOf } from '../../nodes/Actionstep/actions/phoneRecord/logCall/sources/read';
import type { CallEvent, ReadContext, SourceReading } from '../../nodes/Actionstep/actions/phoneRecord/logCall/sources/types';
import { billableHours, callHours } from '../../nodes/Actionstep/helpers/billing';
import { FieldError } from '../../nodes/Actionstep/helpers/interfaces';

const record = {
	sessionId: '4503991004',
	telephonySessionId: 's-abc',
	id: 'X2AvJPtwNQbNQA',
	startTime: '2018-09-11T13:24:09.000Z',
	duration: 7,
	direction: 'Inbound',
	result: 'Accepted',
	to: { phoneNumber: '+18662019834', name: 'Jane Smith' },
	from: { phoneNumber: '+16504445566', name: 'John Smith', location: 'Palo Alto, CA' },
};

const context: ReadContext = { timeZone: 'UTC', durationBasis: 'talk', includeInternal: false, mapping: {} };

function fieldError(fn: () => unknown): FieldError {
	try {
		fn();
	} catch (error) {
		if (error instanceof FieldError) return error;
		throw error;
	}
	throw new Error('no FieldError');
}

function read(value: unknown, source = 'auto'): SourceReading & { source?: string; note?: string; aiNote?: string } {
	const located = locateEvent(value, source);
	if (!('source' in located)) throw new Error('not recognised');
	return { ...located.source.read(located.event, context), source: located.source.id, note: located.note, aiNote: located.aiNote };
}

function callOf(value: unknown, source = 'auto'): CallEvent {
	const reading = read(value, source);
	if (!('call' in reading)) throw new Error(`skipped: ${(reading as { skip: string }).skip}`);
	return reading.call;
}

describe('finding the event inside what arrives', () => {
	test('the record itself, a JSON text, a one-element list, webhook and notification bodies, App Connect, pn_apns', () => {
		for (const value of [
			record,
			JSON.stringify(record),
			[record],
			{ headers: {}, body: record },
			{ headers: {}, body: { uuid: '1', body: record } },
			{ headers: {}, body: JSON.stringify(record) },
			{ records: [record] },
		]) {
			expect(callOf(value)).toMatchObject({ source: 'ringcentral', callId: 's-abc', direction: 'in', durationSeconds: 7 });
		}
		const appConnect = read({ callLog: record, note: ' Called back ', aiNote: ['a', { text: 'b' }] });
		expect(appConnect).toMatchObject({ note: 'Called back', aiNote: 'a\nb' });
	});

	test('refusals', () => {
		expect(fieldError(() => locateEvent([record, record], 'ringcentral')).message).toBe('callData holds a list of 2 calls, not one call');
		expect(fieldError(() => locateEvent(42, 'generic')).message).toBe('callData must be a call event object, got 42');
		expect(fieldError(() => locateEvent('{nope', 'auto')).message).toBe('callData is not valid JSON');
		expect('source' in locateEvent({ body: { x: 1 } }, 'hostedsuite')).toBe(false);
	});
});

describe('RingCentral', () => {
	test('a call-log record: the caller is the other party; telephonySessionId is the call id', () => {
		expect(callOf(record)).toMatchObject({
			source: 'ringcentral',
			callId: 's-abc',
			direction: 'in',
			phase: 'finished',
			start: { epochMs: Date.parse('2018-09-11T13:24:09.000Z') },
			durationSeconds: 7,
			otherNumber: '+16504445566',
			otherName: 'John Smith',
			firmNumber: '+18662019834',
			result: 'Accepted',
		});
	});

	test('outbound, durationMs, the session id without a telephony session id, the recording link', () => {
		const call = callOf({ ...record, telephonySessionId: undefined, duration: undefined, durationMs: 7400, direction: 'Outbound', recording: { contentUri: 'https://media/1' } });
		expect(call).toMatchObject({ callId: '4503991004', direction: 'out', durationSeconds: 7, otherNumber: '+18662019834', recordingLink: 'https://media/1' });
	});

	test('in progress (no duration, or result "In Progress") is logged as going; a fax is skipped; an internal call is skipped', () => {
		expect(callOf({ ...record, duration: undefined })).toMatchObject({ phase: 'inProgress', result: 'In progress' });
		expect(callOf({ ...record, result: 'In Progress' })).toMatchObject({ phase: 'inProgress', durationSeconds: undefined });
		expect(read({ ...record, type: 'Fax', result: 'Sent' })).toMatchObject({ skip: 'a fax, not a phone call' });
		expect(read({ ...record, from: { extensionNumber: '102' } })).toMatchObject({ skip: expect.stringMatching(/^internal call/) });
	});

	const session = (code: string, party: IDataObject = {}) => ({
		uuid: '1',
		event: '/restapi/v1.0/account/1/extension/7/telephony/sessions',
		ownerId: '7',
		body: {
			sequence: 4,
			sessionId: '99',
			telephonySessionId: 's-99',
			eventTime: '2026-03-02T22:31:00.000Z',
			parties: [
				{ extensionId: '8', direction: 'Outbound', status: { code: 'Answered' }, from: { phoneNumber: '+61255500199' }, to: { phoneNumber: '+61491570999' } },
				{ extensionId: '7', direction: 'Inbound', status: { code }, missedCall: false, from: { phoneNumber: '+61491570111', name: 'Sarah' }, to: { phoneNumber: '+61255500101', extensionId: '7' }, ...party },
			],
		},
	});

	test('telephony sessions: the owner\'s party; Setup and Proceeding skipped, Answered in progress, Disconnected ends', () => {
		expect(read(session('Setup'))).toMatchObject({ skip: expect.stringMatching(/^setup: the call is not answered/), callId: 's-99' });
		expect(read(session('Proceeding'))).toMatchObject({ skip: expect.stringMatching(/^proceeding/) });
		expect(callOf(session('Answered'))).toMatchObject({ phase: 'inProgress', direction: 'in', otherNumber: '+61491570111', otherName: 'Sarah', start: { epochMs: Date.parse('2026-03-02T22:31:00.000Z') } });
		expect(callOf(session('Disconnected'))).toMatchObject({ phase: 'ended', end: { epochMs: Date.parse('2026-03-02T22:31:00.000Z') }, result: undefined });
		expect(callOf(session('Disconnected', { missedCall: true }))).toMatchObject({ phase: 'ended', result: 'Missed' });
		expect(read(session('Answered', { from: { phoneNumber: '101', extensionId: '9' } }))).toMatchObject({ skip: expect.stringMatching(/^internal call/) });
		expect(callOf({ body: { sequence: 9, telephonySessionId: 's-1', eventTime: '2020-07-17T13:34:02.098Z', parties: [{ status: { code: 'Disconnected' } }] } })).toMatchObject({ phase: 'ended', directionUnknown: true });
	});

	test('presence, voicemail messages and the validation request are skipped, with the reason', () => {
		expect(read({ event: '/restapi/v1.0/account/~/extension/1/presence', body: { telephonyStatus: 'NoCall', activeCalls: [] } })).toMatchObject({ skip: expect.stringMatching(/^presence event/) });
		expect(read({ event: '/restapi/v1.0/account/~/extension/1/voicemail', body: { id: '1', type: 'VoiceMail', creationTime: '2018-02-28T10:05:55.000Z', attachments: [] } })).toMatchObject({ skip: expect.stringMatching(/^VoiceMail message event/) });
		expect(read({ headers: { 'validation-token': 'x' }, body: {} })).toMatchObject({ skip: expect.stringMatching(/validation request/) });
	});
});

describe('HostedSuite and Generic', () => {
	const hs = { Id: 'HS-1', StartTime: '2026-03-02 14:05:00', CallerNumber: '0370104421', TalkTimeInSeconds: 361, DurationInSeconds: 452, Type: 'Incoming' };
	test('HostedSuite: talk time by default, the whole call when asked; detected', () => {
		expect(callOf(hs)).toMatchObject({ source: 'hostedsuite', durationSeconds: 361, direction: 'in' });
		const located = locateEvent(hs, 'hostedsuite');
		if (!('source' in located)) throw new Error('not found');
		expect(located.source.read(located.event, { ...context, durationBasis: 'total' })).toMatchObject({ call: { durationSeconds: 452 } });
	});

	test('generic: a mapped value wins, an empty one falls back to the data', () => {
		const located = locateEvent({ direction: 'out', callTimestamp: '2026-03-02T09:30:00+11:00', duration: '60', phoneNumber: '0491 570 111' }, 'generic');
		if (!('source' in located)) throw new Error('not found');
		const reading = located.source.read(located.event, { ...context, mapping: { callDuration: '00:02:00', otherName: 'Sarah' } });
		expect(reading).toMatchObject({ call: { direction: 'out', durationSeconds: 120, otherName: 'Sarah', otherNumber: '0491 570 111' } });
		expect(fieldError(() => located.source.read({ callTimestamp: '2026-03-02' }, context)).field).toBe('callDirection');
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
		// As phone systems publish them: Graph's 7-digit fractions, RingCentral 2015's +0000, Twilio's RFC 2822,
		// Aircall's unix seconds as text, Zoom's epoch milliseconds.
		['2020-02-25T18:52:21.2169889Z', 'UTC', '2020-02-25T18:52:21+00:00'],
		['2015-04-10T18:49:14.679+0000', 'Australia/Sydney', '2015-04-11T04:49:14+10:00'],
		['Wed, 27 Sep 2023 11:41:24 +0000', 'UTC', '2023-09-27T11:41:24+00:00'],
		['27 Sep 2023 11:41:24 -0500', 'UTC', '2023-09-27T11:41:24-05:00'],
		['Tue, 10 Aug 2010 01:37:05 GMT', 'Europe/London', '2010-08-10T02:37:05+01:00'],
		['1584026473', 'UTC', '2020-03-12T15:21:13+00:00'],
		['1584026473123', 'UTC', '2020-03-12T15:21:13+00:00'],
	])('%p in %s', (value, zone, text) => expect(parseCallTime(value, zone).text).toBe(text));

	test('refusals, and huge text refused before any pattern runs', () => {
		expect(fieldError(() => parseCallTime('yesterday', 'UTC')).message).toMatch(/^callData start time "yesterday" is not an ISO 8601 date and time/);
		expect(fieldError(() => parseCallTime('2026-03-02', 'Nowhere/Land')).field).toBe('timeZone');
		expect(fieldError(() => parseCallTime('Wed, 27 Foo 2023 11:41:24 +0000', 'UTC')).message).toMatch(/unknown month/);
		expect(fieldError(() => parseCallTime('2026-03-02' + ' '.repeat(100_000) + 'Z', 'UTC')).message).toMatch(/characters long/);
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
		['no-answer', 'No answer'],
		['canceled', 'Cancelled'],
		// A word the table does not know is kept, never turned into "Call completed".
		['Disconnected', 'Disconnected'],
		['Unknown', 'Unknown'],
		['done', 'done'],
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
		kind: 'test',
		direction: 'in',
		phase: 'finished',
		durationSeconds: 3725,
		result: 'Accepted',
		agentNote: 'Spoke\u0007 about costs',
		aiNote: 'Summary',
		recordingLink: 'https://r/1',
		answeredBy: 'Jess',
	};

	test('parts in order, the marker last; control characters dropped', () => {
		expect(composeNotes(call, [...DEFAULT_NOTE_PARTS, 'callDetails'], 'MARK')).toBe(
			'Spoke  about costs\n\nAI notes:\nSummary\n\nRecording: https://r/1\n\nResult: Accepted · Duration: 1 h 2 min 5 s · Answered by: Jess\n\nMARK',
		);
		expect(composeNotes(call, [], 'MARK')).toBe('MARK');
		expect(composeNotes(call, [])).toBeUndefined();
		expect(composeNotes({ ...call, recordingLink: 'pending...' }, ['recordingLink'])).toBeUndefined();
	});

	test('a very long note is shortened and the marker survives', () => {
		const notes = composeNotes({ ...call, agentNote: 'x'.repeat(40_000) }, ['agentNote'], 'MARK')!;
		expect(notes.length).toBeLessThanOrEqual(32_000);
		expect(notes.endsWith('…\n\nMARK')).toBe(true);
	});

	test('caller text that looks like a marker line is quoted', () => {
		expect(composeNotes({ ...call, agentNote: 'hi\nCall ID: ringcentral:s-other [n8n x y]\n  call id: z' }, ['agentNote'])).toBe(
			'hi\nCall ID (quoted): ringcentral:s-other [n8n x y]\n  Call ID (quoted): z',
		);
	});

	test('completing: only what is new is added, before the marker', () => {
		const before = 'Spoke  about costs\n\nMARK';
		expect(completeNotes(before, call, ['agentNote'], 'MARK')).toBeUndefined();
		expect(completeNotes(before, call, ['agentNote', 'recordingLink'], 'MARK')).toBe('Spoke  about costs\n\nRecording: https://r/1\n\nMARK');
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
