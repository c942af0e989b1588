import { NodeOperationError } from 'n8n-workflow';
import type { IDataObject, INodeExecutionData, INodeProperties, IPollFunctions } from 'n8n-workflow';

import { phoneRecordFilters } from '../descriptions/phoneRecordFilters';
import type { ActionstepRecord, Query } from '../helpers/interfaces';
import { FieldError } from '../helpers/interfaces';
import { toItems } from '../helpers/output';
import { isFiltered, mergeById, pollQueries, readWatermark } from '../helpers/phoneRecordPoll';
import type { PhoneRecordPollFilters } from '../helpers/phoneRecordPoll';
import { fetchAll, fetchPage, MAX_PAGE_SIZE, startExecution } from '../transport';

/**
 * Emits each phone record created since the last poll exactly once. The watermark (the highest phone
 * record id already accounted for) is `lastPhoneRecordId` in the node's static data, which n8n saves with
 * the workflow, so it survives restarts. With filters, each poll first reads the newest id overall and
 * then asks only for ids in (watermark, newest]: records that did not match at creation are not picked up
 * later, and the next window starts where this one ended. A poll emits at most MAX_RECORDS_PER_POLL.
 */

const RESOURCE = 'phonerecords';
export const WATERMARK_KEY = 'lastPhoneRecordId';
/**
 * The most records one poll emits (and so reads, 200 a page): after a long downtime the backlog comes
 * oldest first over several polls, the watermark advancing only over what was emitted.
 */
export const MAX_RECORDS_PER_POLL = 1000;

export const phoneRecordTriggerProperties: INodeProperties[] = [
	{
		displayName: 'On First Poll',
		name: 'firstPoll',
		type: 'options',
		options: [
			{
				name: 'Emit Nothing',
				value: 'skipExisting',
				description: 'Start from the newest phone record; only records created after activation are emitted',
			},
			{
				name: 'Emit the Latest Records',
				value: 'emitLatest',
				description: 'Also emit the newest matching records that already exist, once',
			},
		],
		default: 'skipExisting',
		description: 'What the first poll after activation emits',
	},
	{
		displayName: 'Number of Latest Records',
		name: 'latestCount',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: MAX_PAGE_SIZE },
		default: 10,
		description: 'How many of the newest matching phone records the first poll emits',
		displayOptions: { show: { firstPoll: ['emitLatest'] } },
	},
	phoneRecordFilters(['direction', 'matterId', 'outcome', 'participantId'], {
		matterId: { description: 'Only calls logged on this matter' },
		outcome: { placeholder: 'e.g. Left message' },
		participantId: { description: 'Only calls from or to this participant' },
	}),
];

function queriesFor(ctx: IPollFunctions): Query[] {
	const filters = ctx.getNodeParameter('filters', {}) as PhoneRecordPollFilters;
	try {
		return pollQueries(filters);
	} catch (error) {
		const field = error instanceof FieldError ? error : undefined;
		throw new NodeOperationError(ctx.getNode(), field ? `Filter ${field.message}` : (error as Error), {
			description: field ? `Fix "${field.field}" under Filters; no request was sent.` : undefined,
		});
	}
}

/** The highest phone record id in the organisation, 0 when there is none. */
async function newestId(ctx: IPollFunctions): Promise<number> {
	const page = await fetchPage.call(ctx, { path: RESOURCE, query: { sort: '-id', fields: 'id' } }, 1, 1);
	return page.records[0]?.id ?? 0;
}

/** The newest `count` matching records, oldest first. */
async function newestMatching(ctx: IPollFunctions, queries: Query[], count: number): Promise<ActionstepRecord[]> {
	const lists: ActionstepRecord[][] = [];
	for (const query of queries) lists.push((await fetchPage.call(ctx, { path: RESOURCE, query: { ...query, sort: '-id' } }, 1, count)).records);
	return mergeById(lists).slice(-count);
}

/** Matching records of one poll: at most MAX_RECORDS_PER_POLL, oldest first. */
interface PollWindow {
	records: ActionstepRecord[];
	/** Nothing in the window was left for the next poll. */
	complete: boolean;
}

/** Matching records with an id in (after, upTo], oldest first, paged through the transport and capped. */
async function createdBetween(ctx: IPollFunctions, queries: Query[], after: number, upTo?: number): Promise<PollWindow> {
	const lists: ActionstepRecord[][] = [];
	let cutoff = Number.POSITIVE_INFINITY;
	for (const query of queries) {
		const window: Query = { ...query, id_gt: after, sort: 'id' };
		if (upTo !== undefined) window.id_lteq = upTo;
		const list = await fetchAll.call(ctx, { path: RESOURCE, query: window }, { concurrency: 1, limit: MAX_RECORDS_PER_POLL });
		// A query that filled the cap may have more past its last id, so nothing past that id is known in full.
		if (list.length >= MAX_RECORDS_PER_POLL) cutoff = Math.min(cutoff, list[list.length - 1].id);
		lists.push(list);
	}
	const known = mergeById(lists).filter((r) => r.id <= cutoff);
	const records = known.slice(0, MAX_RECORDS_PER_POLL);
	return { records, complete: cutoff === Number.POSITIVE_INFINITY && known.length <= MAX_RECORDS_PER_POLL };
}

function emit(records: ActionstepRecord[]): INodeExecutionData[][] | null {
	return records.length ? [toItems(records)] : null;
}

export async function pollNewPhoneRecords(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
	// n8n hands this activation's one context to every poll: each poll is its own execution.
	startExecution(this);
	const queries = queriesFor(this);

	if (this.getMode() === 'manual') {
		// "Fetch Test Event": show the newest matching record to map fields from; the watermark is untouched.
		return emit(await newestMatching(this, queries, 1));
	}

	const data = this.getWorkflowStaticData('node') as IDataObject;
	const watermark = readWatermark(data[WATERMARK_KEY]);
	if (watermark === undefined) {
		const top = await newestId(this);
		let records: ActionstepRecord[] = [];
		if ((this.getNodeParameter('firstPoll', 'skipExisting') as string) === 'emitLatest') {
			const count = Math.min(MAX_PAGE_SIZE, Math.max(1, Math.floor(Number(this.getNodeParameter('latestCount', 10)) || 10)));
			records = (await newestMatching(this, queries, count)).filter((r) => r.id <= top);
		}
		data[WATERMARK_KEY] = top;
		return emit(records);
	}

	if (!isFiltered(queries)) {
		const { records } = await createdBetween(this, queries, watermark);
		if (records.length) data[WATERMARK_KEY] = records[records.length - 1].id;
		return emit(records);
	}
	const top = await newestId(this);
	if (top <= watermark) return null;
	const { records, complete } = await createdBetween(this, queries, watermark, top);
	data[WATERMARK_KEY] = complete ? top : records[records.length - 1].id;
	return emit(records);
}
