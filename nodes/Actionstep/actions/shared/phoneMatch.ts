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
