import type { ActionstepRecord, Query } from './interfaces';
import { FieldError } from './interfaces';
import { optionalUtcFilter } from './time';
import { optionalId, optionalText, requireDirection } from './validation';
import { wildcardContains } from './search';

/**
 * Get Many filters → Actionstep queries. Actionstep ANDs its filters, so a filter that means "either
 * side of the call" becomes several queries whose results are merged (`variants`), and a phone number
 * is matched loosely by the server and exactly here (`keep`).
 */

export interface PhoneRecordFilters {
	direction?: unknown;
	outcome?: unknown;
	participantName?: unknown;
	participantId?: unknown;
	matterId?: unknown;
	phoneNumber?: unknown;
	callTimestampFrom?: unknown;
	callTimestampTo?: unknown;
}

export const SORT_VALUES = ['callTimestamp', '-callTimestamp', 'id', '-id'] as const;

export interface PhoneRecordQueryPlan {
	/** Filters every query shares. */
	base: Query;
	/** One query per alternative; the results are merged. Empty = just `base`. */
	variants: Query[];
	/** When set, participant ids matching this name are looked up and become two more variants. */
	participantName?: string;
	/** Client-side check for what the server can only approximate. */
	phoneDigits?: string;
	sort?: string;
}

export function digitsOf(text: string): string {
	return text.replace(/\D/g, '');
}

/** Last up-to-8 digits, each separated by `*`, so "+61 2 9876 5432" and "0298765432" both match. */
export function phoneWildcard(digits: string): string {
	return `*${digits.slice(-8).split('').join('*')}*`;
}

export function phoneNumbersMatch(stored: unknown, wantedDigits: string): boolean {
	if (typeof stored !== 'string') return false;
	const have = digitsOf(stored);
	const tail = Math.min(8, wantedDigits.length, have.length);
	return tail > 0 && have.slice(-tail) === wantedDigits.slice(-tail) && (wantedDigits.length < 8 ? have.endsWith(wantedDigits) : true);
}

export function planPhoneRecordQuery(filters: PhoneRecordFilters, sort: unknown, timeZone: string): PhoneRecordQueryPlan {
	const base: Query = {};
	if (filters.direction !== undefined && filters.direction !== '') base.direction = requireDirection(filters.direction);
	const outcome = optionalText(filters.outcome, 'outcome');
	if (outcome !== undefined) base.outcome_ilike = outcome;
	const matterId = optionalId(filters.matterId, 'matterId');
	if (matterId !== undefined) base.action = matterId;
	const from = optionalUtcFilter(filters.callTimestampFrom, 'callTimestampFrom', timeZone);
	const to = optionalUtcFilter(filters.callTimestampTo, 'callTimestampTo', timeZone);
	if (from !== undefined) base.callTimestamp_gteq = from;
	if (to !== undefined) base.callTimestamp_lteq = to;
	if (from !== undefined && to !== undefined && from > to) {
		throw new FieldError('callTimestampTo', 'is before callTimestampFrom');
	}

	let phoneDigits: string | undefined;
	const phoneNumber = optionalText(filters.phoneNumber, 'phoneNumber', { max: 50 });
	if (phoneNumber !== undefined) {
		phoneDigits = digitsOf(phoneNumber);
		if (phoneDigits.length < 3) throw new FieldError('phoneNumber', 'needs at least 3 digits to search by');
		base.phoneNumber_ilike = phoneWildcard(phoneDigits);
	}

	let sortValue: string | undefined;
	if (sort !== undefined && sort !== '') {
		if (!SORT_VALUES.includes(sort as (typeof SORT_VALUES)[number])) {
			throw new FieldError('sort', `must be one of ${SORT_VALUES.join(', ')}`);
		}
		sortValue = sort as string;
		base.sort = sortValue;
	}

	const variants: Query[] = [];
	const participantId = optionalId(filters.participantId, 'participantId');
	if (participantId !== undefined) {
		variants.push({ fromParticipant: participantId }, { toParticipant: participantId });
	}
	const name = optionalText(filters.participantName, 'participantName');
	if (name !== undefined && participantId !== undefined) {
		throw new FieldError('participantName', 'cannot be combined with participantId: use one of them');
	}
	if (name !== undefined) {
		const pattern = wildcardContains(name);
		if (pattern === '**') throw new FieldError('participantName', 'needs at least one character besides *');
		variants.push({ fromParticipantOther_ilike: pattern }, { toParticipantOther_ilike: pattern });
	}
	return { base, variants, participantName: name, phoneDigits, sort: sortValue };
}

/** Merged results in the order the user asked for (id order when none). */
export function sortRecords(records: ActionstepRecord[], sort: string | undefined): ActionstepRecord[] {
	const key = (sort ?? 'id').replace(/^-/, '');
	const direction = sort?.startsWith('-') ? -1 : 1;
	const value = (r: ActionstepRecord) =>
		key === 'callTimestamp' ? Date.parse(String(r.callTimestamp ?? '')) || 0 : Number(r.id);
	return [...records].sort((a, b) => (value(a) - value(b)) * direction || (a.id - b.id) * direction);
}
