import {
	callIdLine,
	callKey,
	callKeysInNotes,
	identityOfBody,
	identityOfCall,
	identityQuery,
	pickExisting,
	recordIsCall,
} from '../../nodes/Actionstep/helpers/callIdentity';
import type { ActionstepRecord } from '../../nodes/Actionstep/helpers/interfaces';
import { COUNTRIES, parsePhoneNumber } from '../../nodes/Actionstep/helpers/phoneNumbers';

const AU = COUNTRIES.AU;
const at = Date.parse('2026-03-01T22:30:00Z');

describe('call ids', () => {
	test('keys are one safe line', () => {
		expect(callKey('ringcentral', '4503991004')).toBe('ringcentral:4503991004');
		expect(callKey('generic', 91)).toBe('generic:91');
		expect(callKey('generic', ' a*b\nc ')).toBe('generic:a b c');
		expect(callKey('generic', '  ')).toBeUndefined();
		expect(callKey('generic', { id: 1 })).toBeUndefined();
		expect(callKey('x', 'y'.repeat(300))?.length).toBe(202);
	});

	test('lines in notes are read whole', () => {
		expect(callKeysInNotes('Talked.\n\nCall ID: ringcentral:45\r\nCall ID: x:1')).toEqual(['ringcentral:45', 'x:1']);
		expect(callKeysInNotes('Mentioned Call ID: inline')).toEqual([]);
		expect(callKeysInNotes(null)).toEqual([]);
	});

	test('the query and the confirmation', () => {
		const identity = identityOfCall({ source: 'ringcentral', callId: '45', epochMs: at, direction: 'in' });
		expect(identity).toEqual({ kind: 'callId', key: 'ringcentral:45' });
		expect(identityQuery(identity)).toEqual({ notes_ilike: '*Call ID: ringcentral:45*' });
		expect(recordIsCall({ notes: `x\n${callIdLine('ringcentral:45')}` }, identity)).toBe(true);
		expect(recordIsCall({ notes: 'Call ID: ringcentral:456' }, identity)).toBe(false);
	});
});

describe('fingerprints (no call id)', () => {
	const phone = parsePhoneNumber('0491 570 111', AU);
	const identity = identityOfCall({ source: 'generic', epochMs: at + 400, direction: 'in', phone, name: 'Sarah' });

	test('start to the second, direction and number', () => {
		expect(identity).toMatchObject({ kind: 'fingerprint', key: 'in|1772404200|+61491570111', epochSeconds: 1772404200 });
		expect(identityQuery(identity)).toEqual({
			callTimestamp_gteq: '2026-03-01T22:29:59',
			callTimestamp_lteq: '2026-03-01T22:30:01',
			direction: 'in',
		});
		const same = { direction: 'in', callTimestamp: '2026-03-02T09:30:00+11:00', phoneNumber: '+61 491 570 111' };
		expect(recordIsCall(same, identity, AU)).toBe(true);
		expect(recordIsCall({ ...same, direction: 'out' }, identity, AU)).toBe(false);
		expect(recordIsCall({ ...same, callTimestamp: '2026-03-02T09:30:01+11:00' }, identity, AU)).toBe(false);
		expect(recordIsCall({ ...same, phoneNumber: '+61 491 570 112' }, identity, AU)).toBe(false);
	});

	test('without a number, the name on the other side', () => {
		const byName = identityOfCall({ source: 'generic', epochMs: at, direction: 'out', name: 'Registry' });
		expect(byName).toMatchObject({ key: 'out|1772404200|registry', name: 'Registry' });
		expect(recordIsCall({ direction: 'out', callTimestamp: '2026-03-01T22:30:00Z', toParticipantOther: 'REGISTRY' }, byName)).toBe(true);
		expect(recordIsCall({ direction: 'out', callTimestamp: '2026-03-01T22:30:00Z', toParticipantOther: 'Court' }, byName)).toBe(false);
	});

	test('the oldest matching record wins', () => {
		const records = [
			{ id: 9, direction: 'in', callTimestamp: '2026-03-01T22:30:00Z', phoneNumber: '0491570111' },
			{ id: 7, direction: 'in', callTimestamp: '2026-03-01T22:30:00Z', phoneNumber: '+61491570111' },
			{ id: 3, direction: 'in', callTimestamp: '2026-03-01T22:30:00Z', phoneNumber: '+61491570999' },
		] as ActionstepRecord[];
		expect(pickExisting(records, identity, AU)?.id).toBe(7);
	});
});

describe('identity of a body about to be created (for safe retries elsewhere)', () => {
	test('its Call ID line, else its time, direction and number', () => {
		expect(identityOfBody({ notes: 'x\nCall ID: hostedsuite:A1', direction: 'in', callTimestamp: '2026-03-02T09:30:00+11:00' })).toEqual({
			kind: 'callId',
			key: 'hostedsuite:A1',
		});
		expect(identityOfBody({ direction: 'in', callTimestamp: '2026-03-02T09:30:00+11:00', phoneNumber: '0491 570 111' }, AU)).toMatchObject({
			kind: 'fingerprint',
			key: 'in|1772404200|+61491570111',
		});
		expect(identityOfBody({ direction: 'sideways', callTimestamp: '2026-03-02T09:30:00+11:00' })).toBeUndefined();
	});
});
