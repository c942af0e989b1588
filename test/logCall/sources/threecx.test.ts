/** 3CX call journals → calls (pure): the published template (not a call) and filled-in journals made from its fields. */
import type { IDataObject } from 'n8n-workflow';

import { auto, callOf, fieldError, fixture, readAs } from './realworld';

/** The template's fields as 3CX fills them in at the end of a call (hand-made values). */
function journal(overrides: IDataObject = {}): IDataObject {
	return {
		number: '+61491570110',
		direction: 'Inbound',
		type: 'Inbound',
		name: 'Michael Smith',
		entityType: 'Contacts',
		agent: '101',
		agentFirstName: 'Emma',
		agentLastName: 'Smith',
		agentEmail: 'emma@example.com',
		durationSeconds: '421',
		durationMinutes: '7',
		dateTime: '2026-03-03 09:40:00',
		callStartTimeUTC: '03/02/2026 22:40:00',
		callEstablishedTimeUTC: '03/02/2026 22:40:12',
		callEndTimeUTC: '03/02/2026 22:47:13',
		subject: 'Call from Michael Smith',
		inboundCallText: 'Inbound call',
		missedCallText: 'Missed call',
		outboundCallText: 'Outbound call',
		notAnsweredOutboundCallText: 'Not answered',
		...overrides,
	};
}

test('the published template, placeholders unfilled: skipped, never logged with "[Number]" as a number', () => {
	const reading = auto(fixture('3cx-crm-call-journal-body-template'));
	expect(reading).toMatchObject({ sourceId: 'threecx' });
	expect('skip' in reading && reading.skip).toMatch(/template itself.*\[Number\]/);
});

test('a template with one variable left unfilled (misspelt) fails, naming it', () => {
	const error = fieldError(() => readAs('threecx', journal({ number: '[Numbr]' })));
	expect(error).toMatchObject({ field: 'callData', reason: expect.stringMatching(/number = \[Numbr\]/) });
});

test('a filled-in inbound journal: the UTC start written in the firm\'s zone, seconds from text, both sides', () => {
	const call = callOf(auto(journal()));
	expect(call).toMatchObject({
		source: 'threecx',
		direction: 'in',
		phase: 'finished',
		durationSeconds: 421,
		otherNumber: '+61491570110',
		otherName: 'Michael Smith',
		firmNumber: '101',
		firmName: 'Emma Smith',
		result: 'Completed',
	});
	expect(call.start?.text).toBe('2026-03-03T09:40:00+11:00');
	expect(call.end?.text).toBe('2026-03-03T09:47:13+11:00');
});

test('Missed and Notanswered: the outcome words, no talk time billed; direction from the type when CallDirection is absent', () => {
	expect(callOf(readAs('threecx', journal({ type: 'Missed', durationSeconds: '25' })))).toMatchObject({ result: 'Missed', durationSeconds: 0 });
	const notAnswered = callOf(readAs('threecx', journal({ type: 'Notanswered', direction: undefined, durationSeconds: '30' })));
	expect(notAnswered).toMatchObject({ direction: 'out', result: 'No answer', durationSeconds: 0 });
});

test('without durationSeconds: established → end, else the minutes', () => {
	expect(callOf(readAs('threecx', journal({ durationSeconds: undefined }))).durationSeconds).toBe(421);
	expect(callOf(readAs('threecx', journal({ durationSeconds: undefined, callEstablishedTimeUTC: undefined }))).durationSeconds).toBe(420);
});

test('ISO UTC times and a local dateTime alone are read too', () => {
	expect(callOf(readAs('threecx', journal({ callStartTimeUTC: '2026-03-02T22:40:00' }))).start?.text).toBe('2026-03-03T09:40:00+11:00');
	const local = callOf(readAs('threecx', journal({ callStartTimeUTC: undefined }), { timeZone: 'Australia/Perth' }));
	expect(local.start?.text).toBe('2026-03-03T09:40:00+08:00');
});

test('malformed: no direction, no time', () => {
	expect(fieldError(() => readAs('threecx', journal({ direction: undefined, type: undefined }))).reason).toMatch(/direction/);
	expect(fieldError(() => readAs('threecx', journal({ callStartTimeUTC: undefined, dateTime: undefined }))).reason).toMatch(/callStartTimeUTC/);
});

test('recognised without the UTC times by its other variables; a generic event with an agent stays Generic', () => {
	expect(auto(journal({ callStartTimeUTC: undefined, callEstablishedTimeUTC: undefined, callEndTimeUTC: undefined }))).toMatchObject({ sourceId: 'threecx' });
	const genericEvent = { direction: 'in', callTimestamp: '2026-03-02T22:40:00Z', number: '+61491570110', agent: '101' };
	expect(auto(genericEvent)).toMatchObject({ sourceId: 'generic' });
});
