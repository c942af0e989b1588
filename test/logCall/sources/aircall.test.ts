/** Aircall webhooks → calls (pure): the real published call.ended deliveries and hand-made ones of other cases. */
import type { IDataObject } from 'n8n-workflow';

import { auto, callOf, fieldError, fixture, readAs } from './realworld';

/** An Aircall webhook around a call (hand-made: an answered inbound call from a known contact). */
function webhook(event: string, data: IDataObject = {}): IDataObject {
	return {
		resource: 'call',
		event,
		timestamp: 1772491300,
		token: 'hand-made-token',
		data: {
			id: 990001,
			direct_link: 'https://api.aircall.io/v1/calls/990001',
			direction: 'inbound',
			status: 'done',
			missed_call_reason: null,
			started_at: 1772491200,
			answered_at: 1772491212,
			ended_at: 1772491633,
			duration: 433,
			voicemail: null,
			recording: null,
			asset: null,
			raw_digits: '+61 491 570 110',
			user: { id: 1, name: 'Emma Smith' },
			contact: { id: 7, first_name: 'Michael', last_name: 'Smith', company_name: 'Smith Estates' },
			number: { id: 2, name: 'Reception', digits: '+61 2 5550 0101' },
			...data,
		},
	};
}

const PRESIGNED = 'https://bucket.s3.amazonaws.com/companies/1/recordings/call-990001.mp3?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Expires=600&X-Amz-Signature=abc';

describe('real published webhooks', () => {
	test('outbound, answered: talk time is ended_at − answered_at (15 s), not duration (20 s, ringing included)', () => {
		const call = callOf(auto(fixture('aircall-webhook-call-ended-outbound-answered')));
		expect(call).toMatchObject({
			source: 'aircall',
			callId: '780836699',
			direction: 'out',
			phase: 'finished',
			durationSeconds: 15,
			otherNumber: '+43 720 880079',
			firmNumber: '+44 330 818 6690',
			firmName: 'Koen Test RrNuYErJ74',
			result: 'Completed',
		});
		expect(call.start?.text).toBe('2022-03-04T21:28:55+11:00');
		expect(call.recordingLink).toBeUndefined();
	});

	test('inbound "done" with missed_call_reason and a voicemail: Voicemail, 0 s, the lasting asset link, never the expiring S3 link', () => {
		const call = callOf(auto(fixture('aircall-webhook-call-ended-inbound-missed-voicemail')));
		expect(call).toMatchObject({
			callId: '780836754',
			direction: 'in',
			phase: 'finished',
			durationSeconds: 0,
			otherNumber: '+44 330 818 6690',
			result: 'Voicemail',
			recordingLink: 'https://assets.aircall.io/calls/780836754/voicemail',
		});
		expect(call.kind).toContain('agents_did_not_answer');
		expect(JSON.stringify(call)).not.toContain('X-Amz');
	});
});

describe('hand-made webhooks', () => {
	test('an answered inbound call: contact name, agent, line, talk time', () => {
		const call = callOf(readAs('aircall', webhook('call.ended')));
		expect(call).toMatchObject({
			direction: 'in',
			durationSeconds: 421,
			otherNumber: '+61 491 570 110',
			otherName: 'Michael Smith',
			firmNumber: '+61 2 5550 0101',
			firmName: 'Emma Smith',
			answeredBy: 'Emma Smith',
			result: 'Completed',
		});
	});

	test('missed without voicemail → Missed; an outbound call nobody answered → No answer', () => {
		const missed = callOf(readAs('aircall', webhook('call.ended', { answered_at: null, missed_call_reason: 'out_of_opening_hours', user: null })));
		expect(missed).toMatchObject({ result: 'Missed', durationSeconds: 0, answeredBy: undefined });
		const unanswered = callOf(readAs('aircall', webhook('call.ended', { direction: 'outbound', answered_at: null })));
		expect(unanswered).toMatchObject({ direction: 'out', result: 'No answer', durationSeconds: 0 });
	});

	test('an expiring recording link is left out; a lasting one is kept', () => {
		expect(callOf(readAs('aircall', webhook('call.ended', { recording: PRESIGNED }))).recordingLink).toBeUndefined();
		const asset = 'https://assets.aircall.io/calls/990001/recording';
		expect(callOf(readAs('aircall', webhook('call.ended', { recording: PRESIGNED, asset }))).recordingLink).toBe(asset);
	});

	test('call.answered → logged while it goes, from answered_at', () => {
		const call = callOf(readAs('aircall', webhook('call.answered', { ended_at: null })));
		expect(call).toMatchObject({ phase: 'inProgress', result: 'In progress', callId: '990001' });
		expect(call.start?.epochMs).toBe(1772491212000);
	});

	test.each(['call.created', 'call.ringing_on_agent', 'call.hungup', 'call.voicemail_left', 'call.tagged', 'call.commented'])('%s → skipped', (event) => {
		const reading = readAs('aircall', webhook(event));
		expect(reading).toMatchObject({ callId: '990001' });
		expect('skip' in reading).toBe(true);
	});

	test('a non-call event (a contact) is skipped', () => {
		const reading = auto({ resource: 'contact', event: 'contact.created', timestamp: 1, token: 't', data: { id: 5 } });
		expect(reading).toMatchObject({ sourceId: 'aircall', skip: expect.stringMatching(/not a call event/) });
	});

	test('a Call object from the Aircall API (no envelope) is read as the call', () => {
		const { data } = webhook('call.ended');
		expect(callOf(auto(data)).durationSeconds).toBe(421);
	});

	test('malformed: no id, no direction, no started_at', () => {
		expect(fieldError(() => readAs('aircall', webhook('call.ended', { id: null }))).reason).toMatch(/call id/);
		expect(fieldError(() => readAs('aircall', webhook('call.ended', { direction: undefined }))).reason).toMatch(/direction/);
		expect(fieldError(() => readAs('aircall', webhook('call.ended', { started_at: null }))).reason).toMatch(/started_at/);
	});
});
