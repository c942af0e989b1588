import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { phoneRecordFilterOptions } from '../../descriptions/phoneRecordFilters';
import type { ActionstepRecord, Query } from '../../helpers/interfaces';
import { FieldError } from '../../helpers/interfaces';
import { phoneNumbersMatch, planPhoneRecordQuery, sortRecords } from '../../helpers/phoneRecordQuery';
import { wildcardContains } from '../../helpers/search';
import type { FetchAllOptions } from '../../transport';
import { fetchAll, fetchPage, MAX_PAGE_SIZE } from '../../transport';
import type { GetManyRequest } from '../recordOperations';
import { getManyOperation } from '../recordOperations';
import { PHONE_RECORDS } from './fields';
import { phoneRecordSpec } from './spec';

const sortOption: INodeProperties = {
	displayName: 'Sort',
	name: 'sort',
	type: 'options',
	options: [
		{ name: 'Call Time (Newest First)', value: '-callTimestamp' },
		{ name: 'Call Time (Oldest First)', value: 'callTimestamp' },
		{ name: 'ID (Ascending)', value: 'id' },
		{ name: 'ID (Descending)', value: '-id' },
	],
	default: '-callTimestamp',
};

const filters = phoneRecordFilterOptions([
	'callTimestampFrom',
	'callTimestampTo',
	'direction',
	'matterId',
	'outcome',
	'participantId',
	'participantName',
	'phoneNumber',
]);

/** A participant-name filter may stand for at most this many participants (one `_in` query per side). */
export const MAX_NAME_MATCHES = 100;
/** With Limit, a phone-number search reads at most this many pages of 200 per item (all its queries together). */
export const MAX_PHONE_SCAN_PAGES = 10;

/** Ids of the participants whose name contains the text; more than MAX_NAME_MATCHES asks for a narrower name. */
async function participantIds(this: IExecuteFunctions, name: string, i: number): Promise<string | undefined> {
	const participants = await fetchAll.call(
		this,
		{ path: 'participants', query: { displayName_ilike: wildcardContains(name), fields: 'id' }, itemIndex: i },
		{ limit: MAX_NAME_MATCHES + 1 },
	);
	if (participants.length > MAX_NAME_MATCHES) {
		throw new FieldError(
			'participantName',
			`matches more than ${MAX_NAME_MATCHES} participants`,
			`Narrow "participantName" (e.g. the full surname or company name) so that at most ${MAX_NAME_MATCHES} participants match; no phone records were read for this item.`,
		);
	}
	return participants.length ? participants.map((p) => p.id).join(',') : undefined;
}

interface PhoneScan {
	records: ActionstepRecord[];
	/** The page budget ran out before every query had Limit confirmed records or its last page. */
	capped: boolean;
}

/**
 * With Limit, a phone number is confirmed here, so each query is read page by page (200 a page) until it
 * has given Limit confirmed records or has no more pages, and all queries of the item together read at
 * most MAX_PHONE_SCAN_PAGES pages.
 */
async function scanConfirmed(this: IExecuteFunctions, queries: Query[], digits: string, limit: number, i: number): Promise<PhoneScan> {
	const records: ActionstepRecord[] = [];
	let budget = MAX_PHONE_SCAN_PAGES;
	for (const query of queries) {
		let confirmed = 0;
		for (let page = 1; confirmed < limit; page++) {
			if (budget-- === 0) return { records, capped: true };
			const found = await fetchPage.call(this, { path: PHONE_RECORDS, query, itemIndex: i }, page, MAX_PAGE_SIZE);
			for (const record of found.records) {
				if (!phoneNumbersMatch(record.phoneNumber, digits)) continue;
				records.push(record);
				confirmed++;
			}
			if (found.records.length === 0 || page >= found.paging.pageCount) break;
		}
	}
	return { records, capped: false };
}

async function readAll(this: IExecuteFunctions, queries: Query[], paging: FetchAllOptions, i: number): Promise<ActionstepRecord[]> {
	const records: ActionstepRecord[] = [];
	for (const query of queries) {
		// A loop, not push(...spread): spreading 120,000+ records overflows the call stack.
		for (const record of await fetchAll.call(this, { path: PHONE_RECORDS, query, itemIndex: i }, paging)) records.push(record);
	}
	return records;
}

async function list(this: IExecuteFunctions, request: GetManyRequest): Promise<ActionstepRecord[]> {
	const { limit, itemIndex: i } = request;
	const plan = planPhoneRecordQuery(request.filters, request.options.sort, request.timeZone);

	const variants: Query[] = [...plan.variants];
	if (plan.participantName !== undefined) {
		const ids = await participantIds.call(this, plan.participantName, i);
		if (ids) variants.push({ fromParticipant_in: ids }, { toParticipant_in: ids });
	}
	const queries = variants.length ? variants.map((v) => ({ ...plan.base, ...v })) : [plan.base];

	let records: ActionstepRecord[];
	if (plan.phoneDigits && limit !== undefined) {
		const scan = await scanConfirmed.call(this, queries, plan.phoneDigits, limit, i);
		records = scan.records;
		if (scan.capped) {
			this.addExecutionHints({
				message: `Item ${i}: the phone number search stopped after reading ${MAX_PHONE_SCAN_PAGES} pages (${MAX_PHONE_SCAN_PAGES * MAX_PAGE_SIZE} records) and returns what it confirmed so far. Narrow it with a call time range, matter or direction to find the rest.`,
				type: 'warning',
				location: 'outputPane',
			});
		}
	} else {
		// Return All with a phone number reads every loose match and keeps the exact ones.
		records = await readAll.call(this, queries, request.paging, i);
		if (plan.phoneDigits) records = records.filter((r) => phoneNumbersMatch(r.phoneNumber, plan.phoneDigits!));
	}
	if (queries.length > 1) {
		const seen = new Set<number>();
		records = sortRecords(
			records.filter((r) => !seen.has(r.id) && seen.add(r.id)),
			plan.sort,
		);
	}
	return records;
}

export const { description, execute } = getManyOperation(phoneRecordSpec, { filters, options: [sortOption], list });
