import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { matterSearchQuery, participantSearchQuery, toMatterResult, toParticipantResult, toStaffResults } from '../helpers/search';
import { fetchAll, fetchPage } from '../transport';

/** Pickers: search as you type, a page of Actionstep results at a time (the token is the next page). */

const PICKER_PAGE_SIZE = 50;

function nextPageToken(page: number, pageCount: number): string | undefined {
	return page < pageCount ? String(page + 1) : undefined;
}

export async function searchMatters(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const page = Number(paginationToken) || 1;
	const result = await fetchPage.call(this, { path: 'actions', query: matterSearchQuery(filter) }, page, PICKER_PAGE_SIZE);
	return {
		results: result.records.map(toMatterResult),
		paginationToken: nextPageToken(page, result.paging.pageCount),
	};
}

export async function searchParticipants(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const page = Number(paginationToken) || 1;
	const result = await fetchPage.call(
		this,
		{ path: 'participants', query: participantSearchQuery(filter) },
		page,
		PICKER_PAGE_SIZE,
	);
	return {
		results: result.records.map(toParticipantResult),
		paginationToken: nextPageToken(page, result.paging.pageCount),
	};
}

/** Staff (Actionstep users) by name, for a task's assignee: the value is the user's participant id. */
export async function searchStaff(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const users = await fetchAll.call(this, { path: 'users', query: { isActive: 'T', sort: 'lastName' } }, { limit: 500 });
	return { results: toStaffResults(users, filter) };
}
