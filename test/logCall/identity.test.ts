/** The call's identity and the marker that carries it: keys, HMAC tags, forgery, huge input. */
import {
	callKey,
	identityOfCall,
	markerLine,
	markerOf,
	markersIn,
	quoteMarkerLookalikes,
} from '../../nodes/Actionstep/actions/phoneRecord/logCall/rules/identity';
import { otherParty } from '../../nodes/Actionstep/actions/phoneRecord/logCall/rules/party';
import { COUNTRIES, parsePhoneNumber } from '../../nodes/Actionstep/helpers/phoneNumbers';

const AU = COUNTRIES.AU;
const at = Date.parse('2026-03-01T22:30:00Z');
const SECRET = 'client-secret-of-the-firm';

describe('keys', () => {
	test('are one safe line: no control characters, wildcards or brackets', () => {
		expect(callKey('ringcentral', '4503991004')).toBe('ringcentral:4503991004');
		expect(callKey('generic', 91)).toBe('generic:91');
		// An id changed to fit keeps a digest of the whole id: two ids never become one key.
		expect(callKey('generic', ' a*b\nc[d] ')).toMatch(/^generic:a b c d#[0-9a-f]{16}$/);
		expect(callKey('generic', 'a*b')).not.toBe(callKey('generic', 'a[b'));
		expect(callKey('generic', `${'y'.repeat(200)}1`)).not.toBe(callKey('generic', `${'y'.repeat(200)}2`));
		expect(callKey('generic', ' 45 ')).toBe('generic:45');
		expect(callKey('generic', '  ')).toBeUndefined();
		expect(callKey('generic', { id: 1 })).toBeUndefined();
		expect(callKey('x', 'y'.repeat(300))?.length).toBe(2 + 150 + 17);
	});

	test('a call without an id: its start, direction and number or name; with none of these, no identity', () => {
		const phone = parsePhoneNumber('0491 570 111', AU);
		expect(identityOfCall({ source: 'generic', epochMs: at + 400, direction: 'in', phone })).toEqual({
			kind: 'fingerprint',
			key: 'generic:~in~1772404200~+61491570111',
		});
		expect(identityOfCall({ source: 'generic', epochMs: at, direction: 'out', name: 'Registry' })).toMatchObject({ key: 'generic:~out~1772404200~registry' });
		// A withheld number and no name: nothing tells this call apart from another in the same second.
		expect(identityOfCall({ source: 'generic', epochMs: at, direction: 'in' })).toEqual({ kind: 'none' });
		expect(identityOfCall({ source: 'ringcentral', callId: 's-1', direction: 'in' })).toEqual({ kind: 'callId', key: 'ringcentral:s-1' });
	});
});

describe('markers', () => {
	const line = markerLine('ringcentral:s-45', SECRET, at);

	test('carry the key, when the run logged it, and a tag only the secret makes', () => {
		expect(line).toMatch(/^Call ID: ringcentral:s-45 \[n8n 2026-03-01T22:30:00\.000Z [0-9a-f]{16}\]$/);
		expect(markersIn(`Talked.\n\n${line}`, SECRET)).toEqual([{ key: 'ringcentral:s-45', loggedAtMs: at, line }]);
		expect(markerOf(`x\n${line}\r\n`, 'ringcentral:s-45', SECRET)?.loggedAtMs).toBe(at);
		expect(markerOf(line, 'ringcentral:s-4', SECRET)).toBeUndefined();
		expect(markerOf(line, 'ringcentral:s-456', SECRET)).toBeUndefined();
	});

	test('a line copied into another call, edited, or made with another secret is no marker', () => {
		const forged = line.replace('s-45', 's-46');
		expect(markerOf(forged, 'ringcentral:s-46', SECRET)).toBeUndefined();
		expect(markerOf(line.replace('22:30:00', '22:30:01'), 'ringcentral:s-45', SECRET)).toBeUndefined();
		expect(markerOf(markerLine('ringcentral:s-46', 'someone else', at), 'ringcentral:s-46', SECRET)).toBeUndefined();
		expect(markerOf('Call ID: ringcentral:s-46', 'ringcentral:s-46', SECRET)).toBeUndefined();
		expect(markerOf(`  Mentioned ${line}`, 'ringcentral:s-45', SECRET)).toBeUndefined();
		expect(quoteMarkerLookalikes(`a\n${line}`)).toBe(`a\n${line.replace('Call ID:', 'Call ID (quoted):')}`);
	});

	test('huge notes and huge lines are read in time that grows with their length only', () => {
		const started = process.hrtime.bigint();
		const hostile = `Call ID: ${' '.repeat(200_000)}[n8n`;
		expect(markersIn(`${hostile}\n${'Call ID: '.repeat(50_000)}\n${line}`, SECRET)).toHaveLength(1);
		expect(Number(process.hrtime.bigint() - started) / 1e6).toBeLessThan(1000);
	});
});

describe('the other party', () => {
	const US = COUNTRIES.US;
	test.each([
		// Numbers that carry their country code without "+", against each default country's own forms.
		['16504445567', AU, '+16504445567'],
		['447911123456', AU, '+447911123456'],
		['64211234567', AU, '+64211234567'],
		['61491570111', US, '+61491570111'],
		['0491 570 111', AU, '+61491570111'],
		['+43 720 880079', AU, '+43720880079'],
		['(650) 444-5567', US, '+16504445567'],
		['16504445567', US, '+16504445567'],
		['02079460321', COUNTRIES.GB, '+442079460321'],
		['0211234567', COUNTRIES.NZ, '+64211234567'],
	])('%s with default %o is %s', (number, country, e164) => {
		expect(otherParty(number, undefined, country).phoneText).toBe(e164);
	});

	test('extensions are no phone number; withheld callers have none', () => {
		expect(otherParty('102', 'Agent J', AU)).toMatchObject({ extension: '102', phone: undefined, phoneText: undefined, name: 'Agent J' });
		for (const hidden of ['anonymous', 'Restricted', 'PRIVATE', '+266696687', '+7378742833', '0000000']) {
			expect(otherParty(hidden, undefined, AU)).toMatchObject({ withheld: true, phone: undefined });
		}
		expect(otherParty(undefined, undefined, AU)).toMatchObject({ withheld: false, phone: undefined });
	});

	test('carrier labels, places and a queue prefix are not names (kept as the label)', () => {
		for (const label of ['WIRELESS CALLER', 'SAN FRANCSCO CA', "Tyler's call queue - WIRELESS CALLER", 'TOLL FREE CALLER', '+1 650 444 5567']) {
			expect(otherParty('+16504445567', label, US)).toMatchObject({ name: undefined, label });
		}
		expect(otherParty('+16504445567', "Sales queue - O'CONNOR L", US)).toMatchObject({ name: "O'CONNOR L" });
		expect(otherParty('+16504445567', 'WEI CHEN', US).name).toBe('WEI CHEN');
	});

	test('a number of 60,000 spaces is read at once (length capped before any pattern)', () => {
		const started = process.hrtime.bigint();
		expect(otherParty(`${' '.repeat(60_000)}1`, ' '.repeat(60_000), AU)).toMatchObject({ phone: undefined });
		expect(parsePhoneNumber(`1${' '.repeat(60_000)}x1`, AU)).toBeDefined();
		expect(Number(process.hrtime.bigint() - started) / 1e6).toBeLessThan(1000);
	});
});
