import { FieldError } from '../../nodes/Actionstep/helpers/interfaces';
import { buildPhoneRecordCreate, buildPhoneRecordUpdate } from '../../nodes/Actionstep/helpers/phoneRecord';
import { phoneNumbersMatch, phoneWildcard, planPhoneRecordQuery } from '../../nodes/Actionstep/helpers/phoneRecordQuery';
import { buildCallTimeEntry, midnightOf } from '../../nodes/Actionstep/helpers/timeEntry';

const TZ = 'Australia/Sydney';

describe('phone record create body', () => {
	test('participants, matter and seconds → hours', () => {
		expect(
			buildPhoneRecordCreate(
				{
					direction: 'in',
					callTimestamp: '2026-03-02T09:30:00',
					outcome: 'Call completed',
					from: { type: 'participant', participant: '105' },
					to: { type: 'participant', participant: 101 },
					matter: '2001',
					durationSeconds: 900,
					phoneNumber: '+61 2 9876 5432',
				},
				TZ,
			),
		).toEqual({
			direction: 'in',
			callTimestamp: '2026-03-02T09:30:00+11:00',
			outcome: 'Call completed',
			phoneNumber: '+61 2 9876 5432',
			actualHours: 0.25,
			links: { action: 2001, fromParticipant: 105, toParticipant: 101 },
		});
	});

	test('free-text names and actualHours winning over seconds', () => {
		const body = buildPhoneRecordCreate(
			{
				direction: 'out',
				callTimestamp: '2026-03-02T09:30:00+10:00',
				outcome: 'Left voicemail',
				from: { type: 'other', other: 'Reception' },
				to: { type: 'other', other: 'AJ Accountants LLC' },
				actualHours: 0.5,
				durationSeconds: 60,
			},
			TZ,
		);
		expect(body).toEqual({
			direction: 'out',
			callTimestamp: '2026-03-02T09:30:00+10:00',
			outcome: 'Left voicemail',
			fromParticipantOther: 'Reception',
			toParticipantOther: 'AJ Accountants LLC',
			actualHours: 0.5,
		});
	});

	test.each([
		[{ direction: 'x' }, 'direction'],
		[{ callTimestamp: 'nope' }, 'callTimestamp'],
		[{ outcome: '' }, 'outcome'],
		[{ from: { type: 'participant', participant: '' } }, 'fromParticipant'],
		[{ to: { type: 'other', other: '  ' } }, 'toParticipantOther'],
		[{ matter: 'abc' }, 'matter'],
		[{ durationSeconds: -5 }, 'durationSeconds'],
		[{ actualHours: 'NaN' }, 'actualHours'],
	])('%p fails on %s', (override, field) => {
		const input = {
			direction: 'in',
			callTimestamp: '2026-03-02T09:30:00',
			outcome: 'ok',
			from: { type: 'other' as const, other: 'A' },
			to: { type: 'other' as const, other: 'B' },
			...override,
		};
		expect(() => buildPhoneRecordCreate(input as never, TZ)).toThrow(FieldError);
		try {
			buildPhoneRecordCreate(input as never, TZ);
		} catch (error) {
			expect((error as FieldError).field).toBe(field);
		}
	});
});

describe('phone record update body', () => {
	test('only given fields, and a side switches between participant and name', () => {
		expect(buildPhoneRecordUpdate({ notes: 'Called back', fromParticipant: '106' }, TZ)).toEqual({
			notes: 'Called back',
			fromParticipantOther: '',
			links: { fromParticipant: 106 },
		});
		expect(buildPhoneRecordUpdate({ toParticipantOther: 'Front desk' }, TZ)).toEqual({
			toParticipantOther: 'Front desk',
			links: { toParticipant: null },
		});
	});
	test('empty or contradictory updates are refused', () => {
		expect(() => buildPhoneRecordUpdate({}, TZ)).toThrow(/updateFields is empty/);
		expect(() => buildPhoneRecordUpdate({ fromParticipant: '1', fromParticipantOther: 'x' }, TZ)).toThrow(FieldError);
	});
});

describe('get many query plan', () => {
	test('filters map to Actionstep parameters', () => {
		const plan = planPhoneRecordQuery(
			{
				direction: 'out',
				outcome: 'Call completed',
				matterId: '2001',
				callTimestampFrom: '2026-03-01T00:00:00',
				callTimestampTo: '2026-03-31T23:59:59',
			},
			'-callTimestamp',
			TZ,
		);
		expect(plan.base).toEqual({
			direction: 'out',
			outcome_ilike: 'Call completed',
			action: 2001,
			callTimestamp_gteq: '2026-02-28T13:00:00',
			callTimestamp_lteq: '2026-03-31T12:59:59',
			sort: '-callTimestamp',
		});
		expect(plan.variants).toEqual([]);
	});
	test('either-side filters become alternative queries', () => {
		expect(planPhoneRecordQuery({ participantId: '105' }, undefined, TZ).variants).toEqual([
			{ fromParticipant: 105 },
			{ toParticipant: 105 },
		]);
		const byName = planPhoneRecordQuery({ participantName: 'smi*th' }, undefined, TZ);
		expect(byName.participantName).toBe('smi*th');
		expect(byName.variants).toEqual([{ fromParticipantOther_ilike: '*smith*' }, { toParticipantOther_ilike: '*smith*' }]);
	});
	test('bad filters', () => {
		expect(() => planPhoneRecordQuery({ matterId: '1;DROP' }, undefined, TZ)).toThrow(FieldError);
		expect(() => planPhoneRecordQuery({}, 'name', TZ)).toThrow(/sort must be one of/);
		expect(() => planPhoneRecordQuery({ callTimestampFrom: '2026-03-02', callTimestampTo: '2026-03-01' }, undefined, TZ)).toThrow(
			/before callTimestampFrom/,
		);
	});
	test('phone numbers match on digits', () => {
		expect(phoneWildcard('0298765432')).toBe('*9*8*7*6*5*4*3*2*');
		expect(phoneNumbersMatch('+61 2 9876 5432', '0298765432')).toBe(true);
		expect(phoneNumbersMatch('(02) 9876-5432', '+61298765432')).toBe(true);
		expect(phoneNumbersMatch('+61 2 9876 5433', '0298765432')).toBe(false);
		expect(phoneNumbersMatch(null, '0298765432')).toBe(false);
	});
});

describe('a time entry that bills a call', () => {
	const call = {
		id: 5001,
		direction: 'in',
		callTimestamp: '2026-03-02T09:30:00+11:00',
		outcome: 'Call completed',
		fromParticipantOther: 'John Smith',
		actualHours: 0.25,
		notes: 'Settlement date',
		links: { action: 2001, fromParticipant: null, toParticipant: 101 },
	};
	test('on the call matter, for its hours, owned by the connected user', () => {
		expect(buildCallTimeEntry(call, {}, TZ, 101)).toEqual({
			timestampDate: '2026-03-02T00:00:00+11:00',
			actualHours: 0.25,
			billableHours: 0.25,
			description: 'Phone call from John Smith (Call completed): Settlement date',
			links: { action: 2001, phoneRecord: 5001, owner: 101, createdBy: 101 },
		});
	});
	test('six-minute rounding, an explicit owner and billable flag', () => {
		const body = buildCallTimeEntry(call, { roundToSixMinutes: true, owner: '102', isBillable: false }, TZ, 101);
		expect(body).toMatchObject({ actualHours: 0.25, billableHours: 0.3, isBillable: 'F', links: { owner: 102, createdBy: 101 } });
	});
	test('a call without a matter cannot be billed', () => {
		expect(() => buildCallTimeEntry({ ...call, links: { action: null } }, {}, TZ, 101)).toThrow(/not on a matter/);
	});
	test('midnight keeps the call offset', () => {
		expect(midnightOf('2026-03-02T09:30:00+11:00')).toBe('2026-03-02T00:00:00+11:00');
		expect(midnightOf('2026-03-02T09:30:00Z')).toBe('2026-03-02T00:00:00+00:00');
	});
	test("a call on a daylight-saving change day is dated at the firm's midnight, with that midnight's offset", () => {
		// Sydney: DST starts 2026-10-04 02:00 (+10:00 → +11:00) and ends 2026-04-05 03:00 (+11:00 → +10:00).
		const on = (callTimestamp: string) => buildCallTimeEntry({ ...call, callTimestamp }, {}, TZ, 101).timestampDate;
		expect(on('2026-10-04T09:30:00+11:00')).toBe('2026-10-04T00:00:00+10:00');
		expect(on('2026-04-05T09:30:00+10:00')).toBe('2026-04-05T00:00:00+11:00');
		expect(on('2026-03-02T09:30:00+11:00')).toBe('2026-03-02T00:00:00+11:00');
		// Written in another zone's offset: midnight in that offset, as before.
		expect(on('2026-10-04T09:30:00Z')).toBe('2026-10-04T00:00:00+00:00');
	});
});
