/** Zoom Phone webhooks → calls (pure): Zoom's published examples and hand-made live events and rows. */
import type { IDataObject } from 'n8n-workflow';

import { auto, callOf, fieldError, fixture, readAs } from './realworld';

function webhook(event: string, object: IDataObject): IDataObject {
	return { event, event_ts: 1772491700123, payload: { account_id: 'acct', object } };
}

/** A v2 call-history row (hand-made): an outside caller answered by the user. */
function historyRow(overrides: IDataObject = {}): IDataObject {
	return {
		id: '20260303-row',
		call_path_id: '20260303-path',
		call_id: '7100000000000000001',
		connect_type: 'external',
		direction: 'inbound',
		hide_caller_id: false,
		caller_name: 'Michael Smith',
		caller_did_number: '+61491570110',
		caller_number_type: 'external_pstn',
		callee_name: 'Emma Smith',
		callee_did_number: '+61255500101',
		callee_ext_number: '101',
		start_time: '2026-03-02T22:40:00Z',
		answer_time: '2026-03-02T22:40:12Z',
		end_time: '2026-03-02T22:47:13Z',
		result: 'answered',
		talk_time: 421,
		...overrides,
	};
}

const live = {
	call_id: '7100000000000000002',
	caller: { phone_number: '+61491570110', connection_type: 'voip' },
	callee: { extension_number: 101, phone_number: '+61255500101', name: 'Emma Smith' },
	ringing_start_time: '2026-03-02T22:40:00Z',
};

describe("Zoom's published examples", () => {
	test('callee_call_history_completed: hidden caller withheld, talk_time capped at the time the call lasted, answered by another member', () => {
		const call = callOf(auto(fixture('zoom-phone-webhook-callee-call-history-completed')));
		expect(call).toMatchObject({
			source: 'zoom',
			callId: '7018317023722949162',
			direction: 'in',
			phase: 'finished',
			durationSeconds: 11,
			otherNumber: 'withheld',
			otherName: 'Caller name',
			firmName: 'Callee name',
			result: 'Answered elsewhere',
		});
		expect(call.start?.text).toBe('2023-10-09T03:12:04+11:00');
	});

	test('callee_missed: Missed, 0 s, from the ringing start; extension_number as a number is read', () => {
		const call = callOf(auto(fixture('zoom-phone-webhook-callee-missed')));
		expect(call).toMatchObject({ callId: '6998252731812285292', direction: 'in', result: 'Missed', durationSeconds: 0, otherNumber: '+12092592844', firmNumber: '+12058945456' });
		expect(call.start?.text).toBe('2021-08-20T07:15:29+10:00');
	});
});

describe('hand-made call-history rows', () => {
	test('an answered inbound call: talk_time, both sides, outcome words as Zoom gives them', () => {
		const call = callOf(readAs('zoom', webhook('phone.callee_call_history_completed', { call_logs: [historyRow()], user_id: 'u' })));
		expect(call).toMatchObject({ durationSeconds: 421, otherNumber: '+61491570110', otherName: 'Michael Smith', firmNumber: '+61255500101', result: 'answered' });
	});

	test('outbound (caller side): the other party is the callee', () => {
		const row = historyRow({ direction: 'outbound', caller_name: 'Emma Smith', caller_did_number: '+61255500101', callee_name: 'Wei Chen', callee_did_number: '+61370104421', callee_ext_number: undefined });
		const call = callOf(readAs('zoom', webhook('phone.caller_call_history_completed', { call_logs: [row] })));
		expect(call).toMatchObject({ direction: 'out', otherNumber: '+61370104421', otherName: 'Wei Chen', firmName: 'Emma Smith' });
	});

	test.each([
		['no_answer', 0],
		['voicemail', 0],
		['busy', 0],
		['rejected', 0],
		['call_failed', 0],
	])('result %s is passed through (the outcome table reads it), unanswered: 0 s', (result, seconds) => {
		const row = historyRow({ result, answer_time: undefined, talk_time: undefined });
		expect(callOf(readAs('zoom', webhook('phone.callee_call_history_completed', { call_logs: [row] })))).toMatchObject({ result, durationSeconds: seconds });
	});

	test('an anonymous_number caller is withheld; an extension-only caller is internal and skipped unless asked', () => {
		const anonymous = historyRow({ caller_number_type: 'anonymous_number' });
		expect(callOf(readAs('zoom', { ...anonymous })).otherNumber).toBe('withheld');
		const internal = historyRow({ caller_did_number: undefined, caller_ext_number: '102', caller_number_type: undefined });
		const reading = readAs('zoom', webhook('phone.callee_call_history_completed', { call_logs: [internal] }));
		expect('skip' in reading && reading.skip).toMatch(/internal call/);
		expect(callOf(readAs('zoom', webhook('phone.callee_call_history_completed', { call_logs: [internal] }), { includeInternal: true })).otherNumber).toBe('102');
	});

	test('a row on its own (after a Split Out of call_logs) is read; several rows in one event are refused with a hint', () => {
		expect(callOf(auto(historyRow())).callId).toBe('7100000000000000001');
		const two = webhook('phone.callee_call_history_completed', { call_logs: [historyRow(), historyRow({ call_id: '2' })] });
		expect(fieldError(() => readAs('zoom', two)).hint).toMatch(/Split Out/);
	});

	test('the older call_log_completed row (date_time, duration, number types 1/2)', () => {
		const row = {
			id: 'log-1',
			call_type: 'voip',
			caller_number: '+61491570110',
			caller_number_type: 2,
			caller_name: 'Michael Smith',
			callee_number: '101',
			callee_number_type: 1,
			callee_name: 'Emma Smith',
			direction: 'inbound',
			duration: 95,
			result: 'Call connected',
			date_time: '2026-03-02T22:40:00Z',
			call_id: '7100000000000000003',
			call_end_time: '2026-03-02T22:41:47Z',
		};
		const call = callOf(auto(webhook('phone.callee_call_log_completed', { call_logs: [row] })));
		expect(call).toMatchObject({ direction: 'in', durationSeconds: 95, otherNumber: '+61491570110', result: 'Call connected' });
		const internal = readAs('zoom', webhook('phone.callee_call_log_completed', { call_logs: [{ ...row, caller_number: '102', caller_number_type: 1 }] }));
		expect('skip' in internal).toBe(true);
	});

	test('malformed: no call_logs, no start_time', () => {
		expect(fieldError(() => readAs('zoom', webhook('phone.callee_call_history_completed', {}))).reason).toMatch(/call_logs/);
		expect(fieldError(() => readAs('zoom', webhook('phone.callee_call_history_completed', { call_logs: [historyRow({ start_time: undefined })] }))).reason).toMatch(/start_time/);
	});
});

describe('hand-made live events', () => {
	test('callee_answered → logged while it goes, from the answer', () => {
		const call = callOf(readAs('zoom', webhook('phone.callee_answered', { ...live, answer_start_time: '2026-03-02T22:40:12Z' })));
		expect(call).toMatchObject({ phase: 'inProgress', direction: 'in', callId: live.call_id, otherNumber: '+61491570110' });
		expect(call.start?.text).toBe('2026-03-03T09:40:12+11:00');
	});

	test('callee_ended with the answer time: finished, talk time from answer to end, Zoom\'s hang-up result', () => {
		const ended = webhook('phone.callee_ended', { ...live, answer_start_time: '2026-03-02T22:40:12Z', call_end_time: '2026-03-02T22:47:13Z', handup_result: 'Call connected' });
		expect(callOf(readAs('zoom', ended))).toMatchObject({ phase: 'finished', durationSeconds: 421, result: 'Call connected' });
	});

	test('caller_ended without an answer time: only the end (completes a record logged while it went)', () => {
		const call = callOf(readAs('zoom', webhook('phone.caller_ended', { ...live, caller: live.callee, callee: live.caller, call_end_time: '2026-03-02T22:47:13Z' })));
		expect(call).toMatchObject({ phase: 'ended', direction: 'out', otherNumber: '+61491570110' });
		expect(call.start).toBeUndefined();
		expect(call.end?.text).toBe('2026-03-03T09:47:13+11:00');
	});

	test('callee_rejected → Rejected; between two extensions it is internal and skipped', () => {
		const rejected = webhook('phone.callee_rejected', { ...live, call_end_time: '2026-03-02T22:40:05Z' });
		expect(callOf(readAs('zoom', rejected))).toMatchObject({ result: 'Rejected', durationSeconds: 0 });
		const internal = webhook('phone.callee_rejected', { ...live, caller: { extension_number: 1045, phone_number: '1045' }, call_end_time: '2026-03-02T22:40:05Z' });
		expect('skip' in readAs('zoom', internal)).toBe(true);
	});

	test('ringing, other phone events and the URL validation are skipped', () => {
		for (const event of ['phone.callee_ringing', 'phone.caller_ringing', 'phone.voicemail_received', 'phone.callee_hold']) {
			expect('skip' in readAs('zoom', webhook(event, live))).toBe(true);
		}
		const validation = auto({ event: 'endpoint.url_validation', event_ts: 1, payload: { plainToken: 'abc' } });
		expect(validation).toMatchObject({ sourceId: 'zoom', skip: expect.stringMatching(/URL validation/) });
	});

	test('malformed: a live event without call_id or call_end_time', () => {
		expect(fieldError(() => readAs('zoom', webhook('phone.callee_missed', { ...live, call_id: undefined }))).reason).toMatch(/call_id/);
		expect(fieldError(() => readAs('zoom', webhook('phone.callee_missed', live))).reason).toMatch(/call_end_time/);
	});
});
