import {
	COUNTRIES,
	displayNumber,
	lastDigitsWildcard,
	PARTICIPANT_PHONE_FIELDSET,
	parsePhoneNumber,
	participantPhone,
	participantPhoneMatch,
	samePhoneNumber,
	splitInternational,
} from '../../nodes/Actionstep/helpers/phoneNumbers';

const { AU } = COUNTRIES;

describe('parsePhoneNumber', () => {
	test.each([
		['+61 2 9876 5432', 'AU', '61', '298765432'],
		['(02) 9876 5432', 'AU', '61', '298765432'],
		['0061 2 9876 5432', 'AU', '61', '298765432'],
		['0011 61 2 9876 5432', 'AU', '61', '298765432'],
		['61298765432', 'AU', '61', '298765432'],
		['0491 570 111', 'AU', '61', '491570111'],
		['+44 (0)20 7946 0321', 'AU', '44', '2079460321'],
		['020 7946 0321', 'GB', '44', '2079460321'],
		['(650) 555-1234', 'US', '1', '6505551234'],
		['1-650-555-1234', 'US', '1', '6505551234'],
		['011 44 20 7946 0321', 'US', '44', '2079460321'],
		['+1 212 555 0187 x123', 'AU', '1', '2125550187'],
		['09 555 0142', 'NZ', '64', '95550142'],
		['+39 06 1234 5678', 'AU', '39', '0612345678'],
	])('%s (default country %s)', (text, iso, callingCode, nsn) => {
		expect(parsePhoneNumber(text, COUNTRIES[iso])).toEqual({ callingCode, nsn, e164: `+${callingCode}${nsn}` });
	});

	test('without a default country: no calling code, the trunk 0 still dropped', () => {
		expect(parsePhoneNumber('(02) 9876 5432')).toEqual({ nsn: '298765432' });
		expect(parsePhoneNumber('+61 2 9876 5432')).toMatchObject({ callingCode: '61', nsn: '298765432' });
	});

	test('nothing to read', () => {
		expect(parsePhoneNumber('', AU)).toBeUndefined();
		expect(parsePhoneNumber('anonymous', AU)).toBeUndefined();
		expect(parsePhoneNumber(undefined, AU)).toBeUndefined();
		expect(parsePhoneNumber({ n: 1 }, AU)).toBeUndefined();
	});

	test('calling codes of one, two and three digits', () => {
		expect(splitInternational('12125550187')).toEqual({ callingCode: '1', nsn: '2125550187' });
		expect(splitInternational('74951234567')).toEqual({ callingCode: '7', nsn: '4951234567' });
		expect(splitInternational('6421555019')).toEqual({ callingCode: '64', nsn: '21555019' });
		expect(splitInternational('353871234567')).toEqual({ callingCode: '353', nsn: '871234567' });
	});
});

describe('participant phones (split fields)', () => {
	test.each([
		['61', '2', '9876 5432'],
		['61', '02', '9876 5432'],
		[61, 2, '9876 5432'],
		['+61', '(02)', '9876-5432'],
		['', '', '+61 2 9876 5432'],
		['61', '', '02 9876 5432'],
		['', '', '(02) 9876 5432'],
	])('country %p area %p number %p', (country, area, number) => {
		expect(participantPhone(country, area, number, AU)).toEqual({ callingCode: '61', nsn: '298765432', e164: '+61298765432' });
	});

	test('another country stored on the participant wins over the default', () => {
		expect(participantPhone('44', '20', '7946 0321', AU)).toMatchObject({ e164: '+442079460321' });
		expect(participantPhone('1', '415', '555 0134', AU)).toMatchObject({ e164: '+14155550134' });
	});

	test('an empty slot is no phone', () => {
		expect(participantPhone('61', '2', '', AU)).toBeUndefined();
		expect(participantPhone(null, null, null, AU)).toBeUndefined();
	});

	test('the matching slot and its label', () => {
		const p = {
			phone1Country: '61', phone1Area: '2', phone1Number: '5550 0101', phone1Label: 'Work',
			phone3Country: '61', phone3Area: '491', phone3Number: '570 006', phone3Label: ' Mobile ',
			sms: '+61 491 570 133',
		};
		expect(participantPhoneMatch(p, parsePhoneNumber('0491570006', AU)!, AU)).toEqual({ field: 'phone3Number', label: 'Mobile' });
		expect(participantPhoneMatch(p, parsePhoneNumber('+61491570133', AU)!, AU)).toEqual({ field: 'sms', label: 'Mobile' });
		expect(participantPhoneMatch(p, parsePhoneNumber('+61 3 5550 0101', AU)!, AU)).toBeUndefined();
	});
});

describe('comparing, searching, writing', () => {
	test('same number: NSN equal, calling codes equal where both known', () => {
		const au = parsePhoneNumber('+61 2 9876 5432');
		expect(samePhoneNumber(au, parsePhoneNumber('(02) 9876 5432'))).toBe(true);
		expect(samePhoneNumber(au, parsePhoneNumber('(02) 9876 5432', AU))).toBe(true);
		expect(samePhoneNumber(au, parsePhoneNumber('+64 2 9876 5432'))).toBe(false);
		expect(samePhoneNumber(au, parsePhoneNumber('9876 5432', AU))).toBe(false);
		expect(samePhoneNumber(parsePhoneNumber('101'), parsePhoneNumber('101'))).toBe(false);
	});

	test('the search pattern: last six digits with wildcards; short numbers are not searched', () => {
		expect(lastDigitsWildcard('298765432')).toBe('*7*6*5*4*3*2*');
		expect(lastDigitsWildcard('5550142')).toBe('*5*0*1*4*2*');
		expect(lastDigitsWildcard('12345')).toBeUndefined();
	});

	test('the fieldset asks for the additional phone fields', () => {
		expect(PARTICIPANT_PHONE_FIELDSET.split(',')).toEqual(expect.arrayContaining([':default', 'phone2Number', 'phone3Country', 'phone4Area', 'phone4Label']));
	});

	test('E.164 when the country is known, else what was given', () => {
		expect(displayNumber(parsePhoneNumber('0491 570 111', AU))).toBe('+61491570111');
		expect(displayNumber(parsePhoneNumber('0491 570 111'), '0491 570 111')).toBe('0491 570 111');
		expect(displayNumber(undefined)).toBeUndefined();
	});
});
