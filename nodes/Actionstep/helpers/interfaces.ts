import type { IDataObject } from 'n8n-workflow';

/** A record as Actionstep returns it: plain fields at the top level, relationships under `links`. */
export interface ActionstepRecord extends IDataObject {
	id: number;
	links?: IDataObject;
}

/** `meta.paging.<resource>` of a collection response. */
export interface PagingInfo {
	recordCount: number;
	pageCount: number;
	page: number;
	pageSize: number;
}

export type Query = Record<string, string | number | undefined>;

/**
 * A bad value in one input field, raised by pure validation code; the router turns it into a
 * NodeOperationError naming the field and the item, before any request is sent.
 */
export class FieldError extends Error {
	constructor(
		/** The parameter name as saved in workflows, e.g. `callTimestamp`. */
		readonly field: string,
		/** What is wrong, e.g. `must be "in" or "out"`. */
		readonly reason: string,
		readonly hint?: string,
	) {
		super(`${field} ${reason}`);
		this.name = 'FieldError';
	}
}
