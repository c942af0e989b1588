import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { optionsCollection, returnAllOrLimit } from '../../descriptions/common';
import type { ActionstepRecord, Query } from '../../helpers/interfaces';
import { toItems } from '../../helpers/output';
import { phoneNumbersMatch, planPhoneRecordQuery, sortRecords } from '../../helpers/phoneRecordQuery';
import { wildcardContains } from '../../helpers/search';
import { fetchAll } from '../../transport';
import { pageConcurrency } from '../common';
import { PHONE_RECORDS } from './fields';

const properties: INodeProperties[] = [
	...returnAllOrLimit(),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options: [
			{
				displayName: 'Call Time From',
				name: 'callTimestampFrom',
				type: 'dateTime',
				default: '',
				description: "Calls at or after this time; a time without an offset is read in the workflow's time zone",
			},
			{
				displayName: 'Call Time To',
				name: 'callTimestampTo',
				type: 'dateTime',
				default: '',
				description: 'Calls at or before this time',
			},
			{
				displayName: 'Direction',
				name: 'direction',
				type: 'options',
				options: [
					{ name: 'In', value: 'in' },
					{ name: 'Out', value: 'out' },
				],
				default: 'in',
			},
			{
				displayName: 'Matter ID',
				name: 'matterId',
				type: 'string',
				default: '',
				placeholder: 'e.g. 321845',
			},
			{
				displayName: 'Outcome',
				name: 'outcome',
				type: 'string',
				default: '',
				placeholder: 'e.g. Call completed',
				description: 'Exact outcome, ignoring case; * is a wildcard',
			},
			{
				displayName: 'Participant ID',
				name: 'participantId',
				type: 'string',
				default: '',
				placeholder: 'e.g. 8945',
				description: 'Calls from or to this participant',
			},
			{
				displayName: 'Participant Name',
				name: 'participantName',
				type: 'string',
				default: '',
				placeholder: 'e.g. smith',
				description:
					'Part of a name, ignoring case, on either side of the call: names typed on the record and names of linked participants',
			},
			{
				displayName: 'Phone Number',
				name: 'phoneNumber',
				type: 'string',
				default: '',
				placeholder: 'e.g. +61 2 9876 5432',
				description: 'Matched on digits, whatever the formatting',
			},
		],
	},
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
		records.push(
			...(await fetchAll.call(this, { path: PHONE_RECORDS, query, itemIndex: i }, { limit: serverLimit, concurrency: pageConcurrency(options) })),
		);
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
