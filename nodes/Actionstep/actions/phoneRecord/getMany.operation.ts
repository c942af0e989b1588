import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { optionsCollection, returnAllOrLimit } from '../../descriptions/common';
import { phoneRecordFilters } from '../../descriptions/phoneRecordFilters';
import type { ActionstepRecord, Query } from '../../helpers/interfaces';
import { toItems } from '../../helpers/output';
import { phoneNumbersMatch, planPhoneRecordQuery, sortRecords } from '../../helpers/phoneRecordQuery';
import { wildcardContains } from '../../helpers/search';
import { fetchAll } from '../../transport';
import { pageConcurrency } from '../common';
import { PHONE_RECORDS } from './fields';

const properties: INodeProperties[] = [
	...returnAllOrLimit(),
	phoneRecordFilters([
		'callTimestampFrom',
		'callTimestampTo',
		'direction',
		'matterId',
		'outcome',
		'participantId',
		'participantName',
		'phoneNumber',
	]),
	optionsCollection(
		[
			{
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
			},
		],
		'pages',
	),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['phoneRecord'], operation: ['getMany'] } },
	properties,
);

/** Participants whose name contains the text; their ids become link filters, in chunks that keep URLs short. */
async function participantIdChunks(this: IExecuteFunctions, name: string, i: number): Promise<string[]> {
	const participants = await fetchAll.call(this, {
		path: 'participants',
		query: { displayName_ilike: wildcardContains(name), fields: 'id' },
		itemIndex: i,
	});
	const chunks: string[] = [];
	for (let start = 0; start < participants.length; start += 100) {
		chunks.push(participants.slice(start, start + 100).map((p) => p.id).join(','));
	}
	return chunks;
}

export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const returnAll = this.getNodeParameter('returnAll', i) as boolean;
	const limit = returnAll ? undefined : (this.getNodeParameter('limit', i) as number);
	const filters = this.getNodeParameter('filters', i, {}) as IDataObject;
	const options = this.getNodeParameter('options', i, {}) as IDataObject;
	const plan = planPhoneRecordQuery(filters, options.sort, this.getTimezone());

	const variants: Query[] = [...plan.variants];
	if (plan.participantName !== undefined) {
		for (const ids of await participantIdChunks.call(this, plan.participantName, i)) {
			variants.push({ fromParticipant_in: ids }, { toParticipant_in: ids });
		}
	}
	// The phone number is matched exactly here, so the server's looser match must not be cut short by Limit.
	const serverLimit = plan.phoneDigits ? undefined : limit;
	const queries = variants.length ? variants.map((v) => ({ ...plan.base, ...v })) : [plan.base];

	let records: ActionstepRecord[] = [];
	for (const query of queries) {
		// A loop, not push(...spread): spreading 120,000+ records overflows the call stack.
		const list = { path: PHONE_RECORDS, query, itemIndex: i };
		const found = await fetchAll.call(this, list, { limit: serverLimit, concurrency: pageConcurrency(options) });
		for (const record of found) records.push(record);
	}
	if (queries.length > 1) {
		const seen = new Set<number>();
		records = sortRecords(
			records.filter((r) => !seen.has(r.id) && seen.add(r.id)),
			plan.sort,
		);
	}
	if (plan.phoneDigits) records = records.filter((r) => phoneNumbersMatch(r.phoneNumber, plan.phoneDigits!));
	return toItems(limit === undefined ? records : records.slice(0, limit));
}
