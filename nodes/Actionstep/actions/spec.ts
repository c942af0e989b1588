import type { IDataObject } from 'n8n-workflow';

import type { Query } from '../helpers/interfaces';

/**
 * What the generic layers (router, transport, node description) need to know about one resource. Each
 * resource folder has a `spec.ts` filling this in; `specs.ts` lists them. A spec is pure data and pure
 * functions (it imports helpers and descriptions only), so the transport may read it without depending
 * on any operation.
 */
export interface ResourceSpec {
	/** The node's `resource` value, as saved workflows store it. */
	resource: string;
	/** Shown in the Resource picker. */
	displayName: string;
	/** Actionstep's collection: the URL segment and the key its bodies are wrapped under. */
	collection: string;
	/** The parameter naming the record an operation acts on: items on the same record run one after another. */
	idParameter: string;
	/**
	 * A query that finds a create that may have been applied although its answer was lost (the transport then
	 * compares every sent field); undefined when a sent body cannot be told apart from other records.
	 */
	createdRecordQuery?: (body: IDataObject) => Query | undefined;
	/** Advice added to Actionstep's refusals (400, 403) of this collection. */
	errorHint?: string;
}
