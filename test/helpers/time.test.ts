import { parseTimestamp, toUtcFilterValue, zoneOffsetMinutes, optionalUtcFilter } from '../../nodes/Actionstep/helpers/time';
import { FieldError } from '../../nodes/Actionstep/helpers/interfaces';

describe('parseTimestamp', () => {
	test('keeps an explicit offset as given', () => {
		const parsed = parseTimestamp('2025-09-17T09:12:32+12:00', 'Australia/Sydney');
		expect(parsed).toMatchObject({ ok: true, text: '2025-09-17T09:12:32+12:00', offsetMinutes: 720 });
	});

	test('Z becomes +00:00 and fractional seconds are dropped', () => {
		expect(parseTimestamp('2026-01-05T22:00:00.123Z', 'Australia/Sydney')).toMatchObject({
			ok: true,
			text: '2026-01-05T22:00:00+00:00',
		});
	});

	test('a bare local time is read in the workflow time zone, daylight saving included', () => {
		// Sydney is +11:00 in March (daylight time) and +10:00 in July.
		expect(parseTimestamp('2026-03-02T09:30:00', 'Australia/Sydney')).toMatchObject({ text: '2026-03-02T09:30:00+11:00' });
		expect(parseTimestamp('2026-07-02 09:30', 'Australia/Sydney')).toMatchObject({ text: '2026-07-02T09:30:00+10:00' });
		expect(parseTimestamp('2026-07-02T09:30:00', 'America/New_York')).toMatchObject({ text: '2026-07-02T09:30:00-04:00' });
		expect(parseTimestamp('2026-07-02', 'Asia/Kolkata')).toMatchObject({ text: '2026-07-02T00:00:00+05:30' });
	});

	test('a wall time inside the spring-forward gap moves to a real instant', () => {
		// 2026-10-04 02:30 does not exist in Sydney (clocks jump 02:00 → 03:00).
		const parsed = parseTimestamp('2026-10-04T02:30:00', 'Australia/Sydney');
		expect(parsed.ok).toBe(true);
		if (parsed.ok) expect(parsed.text).toMatch(/^2026-10-04T0[13]:30:00\+1[01]:00$/);
	});

	test('luxon-like DateTime objects and Dates are accepted', () => {
		const luxonLike = { toISO: () => '2026-03-02T09:30:00.000+11:00' };
		expect(parseTimestamp(luxonLike, 'UTC')).toMatchObject({ text: '2026-03-02T09:30:00+11:00' });
		expect(parseTimestamp(new Date(Date.UTC(2026, 0, 1, 0, 0, 0)), 'UTC')).toMatchObject({ text: '2026-01-01T00:00:00+00:00' });
	});

	test.each([
		['yesterday'],
		['2026-02-30T10:00:00'],
		['2026-13-01'],
		['2026-01-01T25:00:00'],
		['2026-01-01T10:00:00+15:00'],
		[''],
		['   '],
	])('rejects %p', (text) => {
		expect(parseTimestamp(text, 'Australia/Sydney').ok).toBe(false);
	});

	test('rejects non-text values and unknown zones', () => {
		expect(parseTimestamp(12345, 'UTC').ok).toBe(false);
		expect(parseTimestamp({}, 'UTC').ok).toBe(false);
		expect(parseTimestamp('2026-01-01T10:00:00', 'Mars/Olympus')).toMatchObject({ ok: false });
	});
});

test('zone offsets follow daylight saving', () => {
	expect(zoneOffsetMinutes('Australia/Sydney', Date.UTC(2026, 0, 15))).toBe(660);
	expect(zoneOffsetMinutes('Australia/Sydney', Date.UTC(2026, 6, 15))).toBe(600);
	expect(zoneOffsetMinutes('UTC', Date.UTC(2026, 6, 15))).toBe(0);
});

test('filter values are UTC without an offset, as Actionstep reads them', () => {
	expect(toUtcFilterValue(Date.UTC(2026, 2, 1, 22, 30, 5))).toBe('2026-03-01T22:30:05');
	expect(optionalUtcFilter('2026-03-02T09:30:00+11:00', 'callTimestampFrom', 'UTC')).toBe('2026-03-01T22:30:00');
	expect(optionalUtcFilter('2026-03-02T09:30:00', 'callTimestampFrom', 'Australia/Sydney')).toBe('2026-03-01T22:30:00');
	expect(optionalUtcFilter('', 'callTimestampFrom', 'UTC')).toBeUndefined();
	expect(() => optionalUtcFilter('soon', 'callTimestampTo', 'UTC')).toThrow(FieldError);
});
