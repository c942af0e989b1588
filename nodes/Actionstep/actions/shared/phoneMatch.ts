import type { ActionstepRecord } from '../../helpers/interfaces';
import type { CountryRule, PhoneNumber, PhoneSlotMatch } from '../../helpers/phoneNumbers';
import {
	lastDigitsWildcard,
	PARTICIPANT_PHONE_FIELDS,
	PARTICIPANT_PHONE_FIELDSET,
	participantPhoneMatch,
} from '../../helpers/phoneNumbers';
import { fetchAll, mapWithConcurrency } from '../../transport';
import type { ActionstepContext } from '../../transport';
import { FilterIgnoredError } from './filterIgnored';

/**
 * Participants who have a phone number. Actionstep stores phones split (country, area, local number) in
 * four slots plus `sms`, has no normalised phone search, and ANDs its filters; so one query per slot asks
 * for numbers containing the last digits (`phone1Number_ilike=*5*4*3*2*...`), with the additional phone
 * fields requested, and each hit is confirmed here by comparing normalised numbers.
 */

export interface PhoneMatch {
	participant: ActionstepRecord;
	slot: PhoneSlotMatch;
}

/** At most this many queries in flight: Actionstep rate-limits per user. */
const QUERY_CONCURRENCY = 3;
/** Loose server matches read per slot; the client-side check keeps the real ones. */
const PER_SLOT_LIMIT = 400;

/** Whether a field's text holds the digits of a `*5*7*0*…*` pattern, in order (what `_ilike` matched). */
function hasDigitsInOrder(value: unknown, pattern: string): boolean {
	const digits = pattern.replace(/\D/g, '');
	const text = typeof value === 'string' || typeof value === 'number' ? String(value).slice(0, 200) : '';
	let at = 0;
	for (const ch of text) if (at < digits.length && ch === digits[at]) at++;
	return at === digits.length;
}

/**
 * The participants who have `phone`, lowest id first. `phone1First`: search phone 1 alone first and the
 * other slots only when nobody has the number there — one request instead of five for most callers, at
 * the price of not seeing a second participant who has the number only in another slot.
 */
export async function participantsWithNumber(
	this: ActionstepContext,
	phone: PhoneNumber,
	itemIndex?: number,
	defaultCountry?: CountryRule,
	phone1First = false,
): Promise<PhoneMatch[]> {
	const pattern = lastDigitsWildcard(phone.nsn);
	if (!pattern) return [];
	const search = async (fields: readonly string[]) => {
		const perSlot = await mapWithConcurrency(fields.length, QUERY_CONCURRENCY, async (i) =>
			fetchAll.call(
				this,
				{ path: 'participants', query: { [`${fields[i]}_ilike`]: pattern, fields: PARTICIPANT_PHONE_FIELDSET, sort: 'id' }, itemIndex },
				{ limit: PER_SLOT_LIMIT },
			),
		);
		// A tenant that ignored the filter answers with participants whose slot lacks the digits: every one
		// returned is checked, so such an answer is seen (and named) rather than trusted.
		perSlot.forEach((found, n) => {
			const stray = found.find((p) => !hasDigitsInOrder(p[fields[n]], pattern));
			if (stray) throw new FilterIgnoredError(`${fields[n]}_ilike`, `participant ${stray.id} came back without the digits in ${fields[n]}`);
		});
		const byId = new Map<number, PhoneMatch>();
		for (const participant of perSlot.flat()) {
			if (byId.has(participant.id)) continue;
			const slot = participantPhoneMatch(participant, phone, defaultCountry);
			if (slot) byId.set(participant.id, { participant, slot });
		}
		return [...byId.values()].sort((a, b) => a.participant.id - b.participant.id);
	};
	if (!phone1First) return await search(PARTICIPANT_PHONE_FIELDS);
	const inPhone1 = await search(PARTICIPANT_PHONE_FIELDS.slice(0, 1));
	return inPhone1.length ? inPhone1 : await search(PARTICIPANT_PHONE_FIELDS.slice(1));
}
