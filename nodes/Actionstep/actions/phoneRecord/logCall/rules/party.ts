import type { CountryRule, PhoneNumber } from '../../../../helpers/phoneNumbers';
import { displayNumber, MAX_PHONE_TEXT, parsePhoneNumber } from '../../../../helpers/phoneNumbers';

/**
 * The other party of a call as the phone system names it → what can be matched and what is logged (pure).
 * Phone systems put things in the number and name fields that are neither: extensions, withheld-number
 * markers, carrier caller-ID labels ("WIRELESS CALLER"), a place ("SAN FRANCSCO CA"), a call queue's name.
 */

export interface OtherParty {
	/** A real phone number, to match and to log. */
	phone?: PhoneNumber;
	/** The number as it goes on the record (E.164 when the country is known). */
	phoneText?: string;
	/** An internal extension ("102"): never a phone number. */
	extension?: string;
	/** The caller hid their number. */
	withheld: boolean;
	/** A person's or company's name, when the name field holds one. */
	name?: string;
	/** A caller-ID label that is not a name, kept for the notes. */
	label?: string;
}

/** Longest extension: numbers with more digits are phone numbers. */
const MAX_EXTENSION_DIGITS = 5;
const NAME_MAX = 255;

/** Words phone systems put in the number field for a hidden caller. */
const WITHHELD_WORDS =
	/^(anonymous|private|restricted|unknown|unavailable|withheld|blocked|hidden|no caller id|not available)( caller| number| caller id| name)?$/i;
/** Twilio's stand-in numbers for anonymous, restricted, unknown and blocked callers (ANONYMOUS, RESTRICTED, UNKNOWN, BLOCKED on a keypad). */
const TWILIO_HIDDEN = new Set(['266696687', '7378742833', '8656696', '2562533']);

/** Caller-ID labels carriers send instead of a name. */
const PLACEHOLDER_NAMES =
	/^(wireless caller|cell ?phone|mobile( caller)?|unknown( caller| name)?|anonymous( caller)?|private( caller| number| name)?|restricted|unavailable|out of area|toll ?free( caller)?|withheld|blocked|no caller id|caller id unknown|name unavailable|pay ?phone|v[0-9]+)$/i;
/** US states and Canadian provinces: `<CITY> <ST>` is where a number is, not who calls. */
const REGIONS = new Set(
	(
		'AL AK AZ AR CA CO CT DE DC FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM NY NC ND OH OK OR PA ' +
		'RI SC SD TN TX UT VT VA WA WV WI WY PR AB BC MB NB NL NS NT NU ON PE QC SK YT'
	).split(' '),
);

function oneLine(value: string, max: number): string {
	return Array.from(value.slice(0, max * 2), (ch) => (ch.charCodeAt(0) < 32 || ch.charCodeAt(0) === 127 ? ' ' : ch))
		.join('')
		.replace(/\s+/g, ' ')
		.trim()
		.slice(0, max);
}

/** Whether a name is a carrier's label or a place rather than a person or company. */
export function isPlaceholderName(name: string): boolean {
	if (PLACEHOLDER_NAMES.test(name)) return true;
	if (!/[A-Z]/.test(name) || name !== name.toUpperCase()) return false;
	const words = name.split(' ');
	return words.length >= 2 && REGIONS.has(words[words.length - 1]) && /^[A-Z .'-]+$/.test(name);
}

/** "Tyler's call queue - WIRELESS CALLER" → the caller's part, when a queue's name is put in front. */
function withoutQueuePrefix(name: string): string {
	const at = name.indexOf(' - ');
	if (at > 0 && /queue/i.test(name.slice(0, at))) return name.slice(at + 3).trim();
	return name;
}

export function otherParty(number: string | undefined, name: string | undefined, country?: CountryRule): OtherParty {
	const raw = (number ?? '').slice(0, MAX_PHONE_TEXT).trim();
	const digits = raw.replace(/\D/g, '');
	let withheld = raw !== '' && (WITHHELD_WORDS.test(raw) || TWILIO_HIDDEN.has(digits) || /^\+?0+$/.test(raw));
	let extension: string | undefined;
	let phone: PhoneNumber | undefined;
	if (!withheld && digits) {
		if (!raw.startsWith('+') && digits.length <= MAX_EXTENSION_DIGITS) extension = digits;
		else phone = parsePhoneNumber(raw, country);
	}
	if (raw === '' && !name) withheld = false;

	let label: string | undefined;
	let person: string | undefined;
	const given = name ? oneLine(name, NAME_MAX) : '';
	if (given) {
		const caller = withoutQueuePrefix(given);
		const sameAsNumber = caller.replace(/\D/g, '') !== '' && caller.replace(/[\d\s()+.-]/g, '') === '';
		if (sameAsNumber || isPlaceholderName(caller) || WITHHELD_WORDS.test(caller)) label = given;
		else person = caller;
		if (WITHHELD_WORDS.test(caller)) withheld = withheld || !phone;
	}
	return {
		phone,
		phoneText: phone ? oneLine(displayNumber(phone, raw) ?? '', 50) || undefined : undefined,
		extension,
		withheld,
		name: person,
		label,
	};
}

/** The name the record shows for the other party when no participant is linked. */
export function loggedName(party: OtherParty, direction: 'in' | 'out'): string {
	if (party.name) return party.name;
	if (party.phoneText) return party.phoneText;
	if (party.extension) return `Extension ${party.extension}`;
	if (party.withheld) return direction === 'in' ? 'Withheld number' : 'Unknown';
	return direction === 'in' ? 'Unknown caller' : 'Unknown';
}
