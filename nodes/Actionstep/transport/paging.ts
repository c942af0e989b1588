import { NodeOperationError } from 'n8n-workflow';

import type { ActionstepRecord, PagingInfo, Query } from '../helpers/interfaces';
import { readLinked, readPaging, unwrapRecords } from './envelope';
import { actionstepRequest } from './request';
import type { ActionstepContext } from './request';

/** Actionstep serves at most 200 records a page and silently ignores a larger pageSize. */
export const MAX_PAGE_SIZE = 200;
export const DEFAULT_PAGE_CONCURRENCY = 4;

export interface ListRequest {
	/** Collection path, e.g. `phonerecords`. */
	path: string;
	/** Resource key of the envelope; defaults to the path's first segment. */
	resourceKey?: string;
	query?: Query;
	itemIndex?: number;
}

export interface Page {
	records: ActionstepRecord[];
	paging: PagingInfo;
	/** `linked.<resource>` records when the query had `include=`. */
	linked: (resourceKey: string) => ActionstepRecord[];
}

/** One page. A 204 (no match) is an empty page with pageCount 0. */
export async function fetchPage(
	this: ActionstepContext,
	list: ListRequest,
	page: number,
	pageSize: number,
): Promise<Page> {
	const key = list.resourceKey ?? list.path.split('/')[0];
	const response = await actionstepRequest.call(this, {
		method: 'GET',
		path: list.path,
		query: { ...list.query, page, pageSize },
		itemIndex: list.itemIndex,
	});
	const records = response.status === 204 ? [] : unwrapRecords(response.body, key);
	const paging = readPaging(response.body, key) ?? {
		recordCount: records.length,
		pageCount: records.length ? page : 0,
		page,
		pageSize,
	};
	return { records, paging, linked: (resourceKey) => readLinked(response.body, resourceKey) };
}

/** Runs `task(i)` for i in [0, count) with at most `concurrency` in flight; results keep index order. */
export async function mapWithConcurrency<T>(
	count: number,
	concurrency: number,
	task: (index: number) => Promise<T>,
): Promise<T[]> {
	const results = new Array<T>(count);
	let next = 0;
	const workers = Array.from({ length: Math.max(1, Math.min(concurrency, count)) }, async () => {
		while (next < count) {
			const index = next++;
			results[index] = await task(index);
		}
	});
	await Promise.all(workers);
	return results;
}

export interface FetchAllOptions {
	/** Stop once this many records are in hand; undefined = every page. */
	limit?: number;
	/** Pages in flight after the first (which tells pageCount); 1 walks pages one by one. */
	concurrency?: number;
	pageSize?: number;
}

/** One request reads at most this many pages (1,000,000 records at 200 a page); more is an error, not a loop. */
export const MAX_PAGES_PER_REQUEST = 5_000;

/**
 * The last page worth asking for, trusting the server's paging only as far as it is consistent: never
 * more pages than its recordCount fills at our page size, nor than `limit` needs.
 */
export function lastPageToFetch(paging: PagingInfo, pageSize: number, limit?: number): number {
	const justified = Math.ceil(Math.max(0, paging.recordCount) / pageSize);
	let last = Math.min(Math.max(0, Math.floor(paging.pageCount)), justified);
	if (limit !== undefined) last = Math.min(last, Math.ceil(limit / pageSize));
	return Number.isFinite(last) ? last : 0;
}

/**
 * Every record of a collection (or the first `limit`), in Actionstep's order. Page 1 tells how many
 * pages there are (bounded as above, and by MAX_PAGES_PER_REQUEST); the rest are fetched `concurrency`
 * at a time, and the walk stops at the first empty or short page, since no later page can hold more.
 * A record that moved between pages while they were read appears once.
 */
export async function fetchAll(
	this: ActionstepContext,
	list: ListRequest,
	options: FetchAllOptions = {},
): Promise<ActionstepRecord[]> {
	const { limit } = options;
	const pageSize = Math.min(MAX_PAGE_SIZE, options.pageSize ?? (limit ? Math.max(1, limit) : MAX_PAGE_SIZE));
	const first = await fetchPage.call(this, list, 1, pageSize);
	const wanted = limit ?? Number.POSITIVE_INFINITY;
	let lastPage = first.records.length < pageSize ? 1 : lastPageToFetch(first.paging, pageSize, limit);
	if (lastPage > MAX_PAGES_PER_REQUEST) {
		throw new NodeOperationError(
			this.getNode(),
			`Actionstep reports ${first.paging.recordCount} ${list.path.split('/')[0]} (${lastPage} pages); one request reads at most ${MAX_PAGES_PER_REQUEST} pages`,
			{
				itemIndex: list.itemIndex,
				description: `Narrow the filters, or set a Limit of at most ${MAX_PAGES_PER_REQUEST * pageSize} records.`,
			},
		);
	}

	const pages: ActionstepRecord[][] = [first.records];
	if (lastPage > 1) {
		let next = 2;
		const worker = async () => {
			while (next <= lastPage) {
				const page = next++;
				const { records } = await fetchPage.call(this, list, page, pageSize);
				pages[page - 1] = records;
				// An empty or short page is the end, whatever pageCount said: nothing after it is asked for.
				if (records.length < pageSize) lastPage = Math.min(lastPage, page);
			}
		};
		const workers = Math.max(1, Math.min(options.concurrency ?? DEFAULT_PAGE_CONCURRENCY, lastPage - 1));
		await Promise.all(Array.from({ length: workers }, worker));
	}

	const seen = new Set<number>();
	const out: ActionstepRecord[] = [];
	for (const records of pages.slice(0, lastPage)) {
		for (const record of records ?? []) {
			if (seen.has(record.id)) continue;
			seen.add(record.id);
			out.push(record);
			if (out.length >= wanted) return out;
		}
	}
	return out;
}
