import { FieldError } from '../../nodes/Actionstep/helpers/interfaces';
import {
	optionalBoolean,
	optionalNonNegative,
	optionalText,
	preview,
	requireDirection,
	requireId,
	requireText,
} from '../../nodes/Actionstep/helpers/validation';
import { hoursFromSeconds, roundUpToSixMinutes } from '../../nodes/Actionstep/helpers/billing';

function fieldOf(fn: () => unknown): string | undefined {
	try {
		fn();
	} catch (error) {
		if (error instanceof FieldError) return error.field;
		throw error;
	}
	return undefined;
}

describe('ids', () => {
	test('numbers and digit strings', () => {
		expect(requireId(8945, 'matter')).toBe(8945);
		expect(requireId(' 12 ', 'matter')).toBe(12);
	});
	test.each([['abc'], ['12a'], ['-3'], ['0'], [1.5], ['1,2'], ['../1'], [{}], [[1]], ['1 OR 1=1']])('rejects %p', (value) => {
		expect(fieldOf(() => requireId(value, 'matter'))).toBe('matter');
	});
	test('required', () => {
		expect(() => requireId('', 'phoneRecordId')).toThrow('phoneRecordId is required');
	});
});

describe('text', () => {
	test('trims and accepts numbers', () => {
		expect(requireText('  Call completed ', 'outcome')).toBe('Call completed');
		expect(requireText(42, 'outcome')).toBe('42');
	});
	test('control characters, line breaks and length', () => {
		expect(() => requireText('a\u0000b', 'outcome')).toThrow(/control characters/);
		expect(() => requireText('line1\nline2', 'outcome')).toThrow(/one line/);
		expect(optionalText('line1\nline2\ttab', 'notes', { multiline: true })).toBe('line1\nline2\ttab');
		expect(() => optionalText('a\u0007', 'notes', { multiline: true })).toThrow(/control characters/);
		expect(() => requireText('x'.repeat(256), 'outcome')).toThrow(/256 characters/);
		expect(() => requireText({}, 'outcome')).toThrow(/must be text, got an object/);
	});
});

describe('numbers', () => {
	test('accepts numbers and numeric text', () => {
		expect(optionalNonNegative('0.25', 'actualHours')).toBe(0.25);
		expect(optionalNonNegative(0, 'actualHours')).toBe(0);
		expect(optionalNonNegative('', 'actualHours')).toBeUndefined();
	});
	test.each([[-1], ['-0.5'], [NaN], [Infinity], ['abc'], ['1e999'], [{}]])('rejects %p', (value) => {
		expect(fieldOf(() => optionalNonNegative(value, 'durationSeconds'))).toBe('durationSeconds');
	});
	test('upper bound', () => {
		expect(() => optionalNonNegative(200, 'actualHours', 168)).toThrow(/at most 168/);
	});
	test('60,000 spaces and a digit are refused at once (length capped before the pattern)', () => {
		const started = process.hrtime.bigint();
		for (const hostile of [`${' '.repeat(60_000)}1`, `1${' '.repeat(60_000)}x`, `${'1'.repeat(60_000)}.`]) {
			expect(fieldOf(() => optionalNonNegative(hostile, 'actualHours'))).toBe('actualHours');
		}
		expect(optionalNonNegative(' 0.25 ', 'actualHours')).toBe(0.25);
		expect(Number(process.hrtime.bigint() - started) / 1e6).toBeLessThan(1000);
	});
});

test('direction words from phone systems', () => {
	expect(requireDirection('in')).toBe('in');
	expect(requireDirection('Inbound')).toBe('in');
	expect(requireDirection('OUTGOING')).toBe('out');
	expect(() => requireDirection('sideways')).toThrow('direction must be "in" or "out", got "sideways"');
	expect(() => requireDirection(undefined)).toThrow('direction is required');
});

test('booleans', () => {
	expect(optionalBoolean('T', 'isBillable')).toBe(true);
	expect(optionalBoolean(false, 'isBillable')).toBe(false);
	expect(() => optionalBoolean('maybe', 'isBillable')).toThrow(FieldError);
});

test('preview never echoes control characters or long text', () => {
	expect(preview('a\u0000b')).toBe('"a?b"');
	expect(preview('x'.repeat(100))).toHaveLength(43);
});

test('billing units', () => {
	expect(hoursFromSeconds(900)).toBe(0.25);
	expect(hoursFromSeconds(10)).toBe(0.01);
	expect(hoursFromSeconds(0)).toBe(0);
	expect(roundUpToSixMinutes(0.25)).toBe(0.3);
	expect(roundUpToSixMinutes(7 / 60)).toBe(0.2);
	expect(roundUpToSixMinutes(0.1)).toBe(0.1);
	expect(roundUpToSixMinutes(0)).toBe(0);
});
