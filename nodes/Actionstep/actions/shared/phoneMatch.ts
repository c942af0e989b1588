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

export async function participantsWithNumber(
	this: ActionstepContext,
	phone: PhoneNumber,
	itemIndex?: number,
	defaultCountry?: CountryRule,
): Promise<PhoneMatch[]> {
	const pattern = lastDigitsWildcard(phone.nsn);
	if (!pattern) return [];
	const perSlot = await mapWithConcurrency(PARTICIPANT_PHONE_FIELDS.length, QUERY_CONCURRENCY, async (i) =>
		fetchAll.call(
			this,
			{
				path: 'participants',
				query: { [`${PARTICIPANT_PHONE_FIELDS[i]}_ilike`]: pattern, fields: PARTICIPANT_PHONE_FIELDSET, sort: 'id' },
				itemIndex,
			},
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
}
