/**
 * Phone numbers as phone systems send them and as Actionstep participants store them (pure).
 *
 * Numbers are compared on their national significant number (NSN: the digits after the country code,
 * without the trunk prefix, e.g. 0 in Australia) plus the country code when both sides know it. So
 * "+61 2 9876 5432", "(02) 9876 5432" and "0061 2 9876 5432" are one number, and a participant whose
 * phone is stored split as country "61", area "2" (or "02"), number "9876 5432" has it too.
 * A small in-house table covers the countries Actionstep firms mostly work with; other countries work
 * when the number carries its "+" country code.
 */

export interface CountryRule {
	/** ISO 3166 alpha-2, e.g. AU. */
	iso: string;
	/** Country calling code, digits only, e.g. 61. */
	callingCode: string;
	/** National trunk prefix dialled before the NSN inside the country ('' when there is none). */
	trunk: string;
	/** International call prefixes dialled from this country, longest first. */
	exitCodes: string[];
	/** Usual lengths of an NSN, used to recognise a number written with its country code but no "+". */
	nsnLengths: number[];
}

export const COUNTRIES: Record<string, CountryRule> = {
	AU: { iso: 'AU', callingCode: '61', trunk: '0', exitCodes: ['0011', '00'], nsnLengths: [9] },
	CA: { iso: 'CA', callingCode: '1', trunk: '1', exitCodes: ['011'], nsnLengths: [10] },
	GB: { iso: 'GB', callingCode: '44', trunk: '0', exitCodes: ['00'], nsnLengths: [9, 10] },
	HK: { iso: 'HK', callingCode: '852', trunk: '', exitCodes: ['001', '00'], nsnLengths: [8] },
	IE: { iso: 'IE', callingCode: '353', trunk: '0', exitCodes: ['00'], nsnLengths: [7, 8, 9] },
	NZ: { iso: 'NZ', callingCode: '64', trunk: '0', exitCodes: ['00'], nsnLengths: [8, 9, 10] },
	SG: { iso: 'SG', callingCode: '65', trunk: '', exitCodes: ['000', '001', '00'], nsnLengths: [8] },
	US: { iso: 'US', callingCode: '1', trunk: '1', exitCodes: ['011'], nsnLengths: [10] },
	ZA: { iso: 'ZA', callingCode: '27', trunk: '0', exitCodes: ['00'], nsnLengths: [9] },
};

/** Countries whose NSN keeps a leading 0 (Italy and its neighbours): their 0 is not a trunk prefix. */
const KEEPS_LEADING_ZERO = new Set(['39', '378', '379']);

/** ITU calling codes that are one or two digits long; every other code has three. */
const ONE_DIGIT_CODES = new Set(['1', '7']);
const TWO_DIGIT_CODES = new Set(
	(
		'20 27 30 31 32 33 34 36 39 40 41 43 44 45 46 47 48 49 51 52 53 54 55 56 57 58 ' +
		'60 61 62 63 64 65 66 81 82 84 86 90 91 92 93 94 95 98'
	).split(' '),
);

export function countryRule(iso: unknown): CountryRule | undefined {
	return typeof iso === 'string' ? COUNTRIES[iso.trim().toUpperCase()] : undefined;
}

function ruleForCallingCode(callingCode: string, preferred?: CountryRule): CountryRule | undefined {
	if (preferred && preferred.callingCode === callingCode) return preferred;
	return Object.values(COUNTRIES).find((c) => c.callingCode === callingCode);
}

/** Splits "61298765432" (digits after a "+") into calling code and NSN. */
export function splitInternational(digits: string): { callingCode: string; nsn: string } {
	const one = digits.slice(0, 1);
	if (ONE_DIGIT_CODES.has(one)) return { callingCode: one, nsn: digits.slice(1) };
	const two = digits.slice(0, 2);
	if (TWO_DIGIT_CODES.has(two)) return { callingCode: two, nsn: digits.slice(2) };
	return { callingCode: digits.slice(0, 3), nsn: digits.slice(3) };
}

function stripTrunk(nsn: string, callingCode: string | undefined, rule: CountryRule | undefined): string {
	if (callingCode && KEEPS_LEADING_ZERO.has(callingCode)) return nsn;
	const trunk = rule?.trunk ?? '0';
	if (trunk && nsn.startsWith(trunk) && nsn.length > trunk.length + 3) return nsn.slice(trunk.length);
	return nsn;
}

export interface PhoneNumber {
	/** Calling code when known (from a "+", an international prefix or the default country). */
	callingCode?: string;
	/** National significant number: digits only, no country code, no trunk prefix. */
	nsn: string;
	/** `+<callingCode><nsn>` when the calling code is known. */
	e164?: string;
}

function make(callingCode: string | undefined, nsn: string): PhoneNumber {
	return callingCode ? { callingCode, nsn, e164: `+${callingCode}${nsn}` } : { nsn };
}

/** Text of a phone value: a number from a JSON field, or a string; anything else is no number. */
function textOf(value: unknown): string {
	if (typeof value === 'number' && Number.isFinite(value)) return String(value);
	return typeof value === 'string' ? value : '';
}

/** No phone number is longer than this; anything longer is cut before any pattern reads it. */
export const MAX_PHONE_TEXT = 64;

/** Text of a phone value cut to a phone number's length, with an extension at its end ("x123", "ext. 12") dropped. */
function phoneText(value: unknown): string {
	const text = textOf(value).slice(0, MAX_PHONE_TEXT);
	return text.replace(/(?:ext\.?|extension|x|#) ?\d{1,6} *$/i, '').trim();
}

/** A number written with its country code but without "+", for a country in the table ("16504445567"). */
function bareInternational(digits: string, except?: CountryRule): PhoneNumber | undefined {
	for (const rule of Object.values(COUNTRIES)) {
		if (rule === except || !digits.startsWith(rule.callingCode)) continue;
		const nsn = digits.slice(rule.callingCode.length);
		if (rule.nsnLengths.includes(nsn.length)) return make(rule.callingCode, nsn);
	}
	return undefined;
}

/**
 * Reads one phone number as people and phone systems write it. `defaultCountry` is the country of a
 * number written without its country code. Undefined when there are no digits.
 * An extension such as "x123" or "ext. 12" at the end is dropped.
 */
export function parsePhoneNumber(value: unknown, defaultCountry?: CountryRule): PhoneNumber | undefined {
	const text = phoneText(value);
	const digits = text.replace(/\D/g, '');
	if (!digits) return undefined;
	if (text.startsWith('+')) {
		const { callingCode, nsn } = splitInternational(digits);
		return make(callingCode, stripTrunk(nsn, callingCode, ruleForCallingCode(callingCode)));
	}
	const rule = defaultCountry;
	for (const exit of rule?.exitCodes ?? ['00']) {
		if (digits.startsWith(exit) && digits.length > exit.length + 6) {
			const { callingCode, nsn } = splitInternational(digits.slice(exit.length));
			return make(callingCode, stripTrunk(nsn, callingCode, ruleForCallingCode(callingCode)));
		}
	}
	if (!rule) return make(undefined, stripTrunk(digits, undefined, undefined));
	const cc = rule.callingCode;
	// A national number of the default country: with its trunk prefix, or without it.
	const trunkForm = rule.trunk && digits.startsWith(rule.trunk) ? digits.slice(rule.trunk.length) : undefined;
	if (trunkForm !== undefined && rule.nsnLengths.includes(trunkForm.length)) return make(cc, trunkForm);
	if (rule.nsnLengths.includes(digits.length)) return make(cc, digits);
	// Written with a country code but without "+", as some systems export E.164 ("61298765432", "16504445567").
	if (digits.startsWith(cc) && rule.nsnLengths.includes(digits.length - cc.length)) return make(cc, digits.slice(cc.length));
	const abroad = digits.length >= 10 ? bareInternational(digits, rule) : undefined;
	if (abroad) return abroad;
	return make(cc, stripTrunk(digits, cc, rule));
}

/**
 * One of a participant's phones, stored by Actionstep in parts: country (calling code, e.g. 61 — as a
 * number or text, with or without "+"), area (e.g. 2 or "02"; an integer field loses the trunk 0) and the
 * local number (e.g. "9876 5432"). Users also type whole numbers into the number part alone.
 */
export function participantPhone(
	country: unknown,
	area: unknown,
	number: unknown,
	defaultCountry?: CountryRule,
): PhoneNumber | undefined {
	const local = textOf(number).trim();
	if (!/\d/.test(local)) return undefined;
	const ccDigits = textOf(country).replace(/\D/g, '');
	const rule = ccDigits ? (ruleForCallingCode(ccDigits, defaultCountry) ?? pseudoRule(ccDigits)) : defaultCountry;
	const areaDigits = textOf(area).replace(/\D/g, '');
	if (local.startsWith('+') || !areaDigits) return parsePhoneNumber(local, rule);
	const callingCode = rule?.callingCode;
	const keepsZero = callingCode !== undefined && KEEPS_LEADING_ZERO.has(callingCode);
	const areaPart = keepsZero ? areaDigits : areaDigits.replace(/^0+/, '');
	return make(callingCode, areaPart + local.replace(/\D/g, ''));
}

/** A country outside the table, known only by its calling code: trunk 0 assumed. */
function pseudoRule(callingCode: string): CountryRule {
	return { iso: '', callingCode, trunk: '0', exitCodes: ['00'], nsnLengths: [] };
}

/** Same number: equal NSNs, and equal calling codes where both are known. */
export function samePhoneNumber(a: PhoneNumber | undefined, b: PhoneNumber | undefined): boolean {
	if (!a || !b || a.nsn.length < 4 || a.nsn !== b.nsn) return false;
	return !a.callingCode || !b.callingCode || a.callingCode === b.callingCode;
}

/**
 * An Actionstep `_ilike` pattern on the last digits of a number, with `*` between them so any spacing or
 * punctuation matches. Only the last few digits, because a participant's number field may hold just the
 * local part (the area is stored separately). Undefined for numbers too short to search by.
 */
export function lastDigitsWildcard(nsn: string): string | undefined {
	if (nsn.length < 6) return undefined;
	const tail = Math.min(6, nsn.length - 2);
	return `*${nsn.slice(-tail).split('').join('*')}*`;
}

/** The number as it goes on a phone record: E.164 when the country is known, else its digits. */
export function displayNumber(phone: PhoneNumber | undefined, original?: string): string | undefined {
	if (!phone) return undefined;
	if (phone.e164) return phone.e164;
	return original?.trim() || phone.nsn;
}

/** Participant phone slots Actionstep has: phone1..phone4 (split) and sms (one text). */
export const PARTICIPANT_PHONE_FIELDS = ['phone1Number', 'phone2Number', 'phone3Number', 'phone4Number', 'sms'] as const;
export type ParticipantPhoneField = (typeof PARTICIPANT_PHONE_FIELDS)[number];

/** The `fields` value that brings back every phone slot (phone2..4 are "additional" fields). */
export const PARTICIPANT_PHONE_FIELDSET = [
	':default',
	...[2, 3, 4].flatMap((n) => ['Label', 'Country', 'Area', 'Number'].map((part) => `phone${n}${part}`)),
].join(',');

export interface PhoneSlotMatch {
	field: ParticipantPhoneField;
	label?: string;
}

/** Which of a participant's phones (if any) is this number; the first slot that is wins. */
export function participantPhoneMatch(
	participant: Record<string, unknown>,
	wanted: PhoneNumber,
	defaultCountry?: CountryRule,
): PhoneSlotMatch | undefined {
	for (const field of PARTICIPANT_PHONE_FIELDS) {
		if (field === 'sms') {
			if (samePhoneNumber(parsePhoneNumber(participant.sms, defaultCountry), wanted)) return { field, label: 'Mobile' };
			continue;
		}
		const n = field.slice(5, 6);
		const stored = participantPhone(
			participant[`phone${n}Country`],
			participant[`phone${n}Area`],
			participant[`phone${n}Number`],
			defaultCountry,
		);
		if (samePhoneNumber(stored, wanted)) {
			const label = participant[`phone${n}Label`];
			return { field, label: typeof label === 'string' && label.trim() ? label.trim() : undefined };
		}
	}
	return undefined;
}

/** A number as a participant's phone slot stores it: country (calling code), area and the local number. */
export interface PhoneParts {
	country?: string;
	area?: string;
	number: string;
}

/** `digits` in groups of the given sizes, the rest in the last group ("5700111", [3] → "570 0111"). */
function grouped(digits: string, first: number): string {
	return first > 0 && digits.length > first ? `${digits.slice(0, first)} ${digits.slice(first)}` : digits;
}

/** Length of the area part of an NSN, for the countries whose numbering is simple enough to tell (0: none). */
function areaLength(callingCode: string | undefined, nsn: string): number {
	if (callingCode === '61' && nsn.length === 9) return /^[45]/.test(nsn) ? 3 : /^[2378]/.test(nsn) ? 1 : 0;
	if (callingCode === '1' && nsn.length === 10) return 3;
	if (callingCode === '64' && nsn.length >= 8) return nsn.startsWith('2') ? 2 : 1;
	if (callingCode === '44' && nsn.length >= 9) return /^20/.test(nsn) ? 2 : /^7/.test(nsn) ? 4 : /^1(1\d|\d1)/.test(nsn) ? 3 : 4;
	return 0;
}

/**
 * The inverse of `participantPhone`: "+61491570111" → country 61, area 491, number "570 111", as Actionstep
 * stores the seed's and its users' phones. Countries whose area codes are not in this small table keep the
 * whole NSN in the number part (still matched, since matching joins the parts again).
 */
export function phoneParts(phone: PhoneNumber): PhoneParts {
	const area = areaLength(phone.callingCode, phone.nsn);
	const local = phone.nsn.slice(area);
	const number = local.length >= 7 ? grouped(local, local.length - 4) : local.length === 6 ? grouped(local, 3) : local;
	return { country: phone.callingCode, area: area ? phone.nsn.slice(0, area) : undefined, number };
}

/** A number written for people: "+61 491 570 111" (E.164 parts spaced), or its digits. */
export function spacedNumber(phone: PhoneNumber): string {
	const parts = phoneParts(phone);
	return [parts.country ? `+${parts.country}` : '', parts.area ?? '', parts.number].filter(Boolean).join(' ');
}
