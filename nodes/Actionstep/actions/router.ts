import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { FieldError } from '../helpers/interfaces';
import { configureRequests, mapWithConcurrency } from '../transport';
import { unwrapLocator } from './common';
import type { ActionstepType } from './node.type';
import type { OperationModule } from './registry';
import { RESOURCE_MODULES } from './registry';
import { specForResource } from './specs';

function operationFor(this: IExecuteFunctions, i: number): OperationModule {
	const resource = this.getNodeParameter('resource', i) as keyof ActionstepType;
	const operation = this.getNodeParameter('operation', i) as string;
	// A resource module also exports its `description`, which is not an operation.
	const found = (RESOURCE_MODULES[resource] as Record<string, unknown> | undefined)?.[operation];
	const module = found && typeof found === 'object' && 'execute' in found ? (found as OperationModule) : undefined;
	if (!module) {
		throw new NodeOperationError(this.getNode(), `The operation "${operation}" of "${resource}" is not supported`, {
			itemIndex: i,
		});
	}
	return module;
}

/** Every failure of an item becomes an n8n error that names the item; a bad field also names the field. */
function asNodeError(this: IExecuteFunctions, error: unknown, i: number): NodeOperationError | NodeApiError {
	if (error instanceof FieldError) {
		return new NodeOperationError(this.getNode(), `${error.message} (item ${i})`, {
			itemIndex: i,
			description: error.hint ?? `Fix "${error.field}" for this item; no request was sent for it.`,
		});
	}
	if (error instanceof NodeApiError || error instanceof NodeOperationError) {
		error.context.itemIndex ??= i;
		return error;
	}
	return new NodeOperationError(this.getNode(), error as Error, { itemIndex: i });
}

/** Items in flight at once unless the node's Options → Concurrency says otherwise. */
export const DEFAULT_ITEM_CONCURRENCY = 4;

function itemConcurrency(this: IExecuteFunctions): number {
	const value = Number(this.getNodeParameter('options.concurrency', 0, DEFAULT_ITEM_CONCURRENCY));
	return Number.isInteger(value) && value >= 1 ? Math.min(value, 16) : DEFAULT_ITEM_CONCURRENCY;
}

/** The record an item writes to (its resource spec names the parameter), so that two items never change the same record at the same time. */
function recordKey(this: IExecuteFunctions, i: number): string | undefined {
	const name = specForResource(this.getNodeParameter('resource', i) as string)?.idParameter;
	if (!name) return undefined;
	const value = unwrapLocator(this.getNodeParameter(name, i, ''));
	if (value !== '' && value !== undefined && value !== null) return `${name}:${String(value).trim()}`;
	return undefined;
}

/**
 * The item loop: each input item runs its operation and ends as output items or one error item,
 * several items at a time (items on the same record one after another), output in input order.
 * With "Continue" error handling the error item keeps only `error` and `details` in json, the shape
 * n8n's error output recognises, and every output item is paired with its input item. Without it,
 * the first failure stops new items from starting, lets those in flight finish, then stops the node.
 */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const continueOnFail = this.continueOnFail();
	configureRequests(this, { timeoutSeconds: this.getNodeParameter('options.requestTimeout', 0, 0) });
	const sameRecord = new Map<string, Promise<unknown>>();
	let stopping: NodeOperationError | NodeApiError | undefined;

	const runItem = async (i: number): Promise<INodeExecutionData[]> => {
		try {
			const results = await operationFor.call(this, i).execute.call(this, i);
			// Assign, not spread: on Node 20 each spread copy gets its own hidden class (7 MB per 50,000 items).
			return results.map((result) => Object.assign(result, { pairedItem: { item: i } }));
		} catch (caught) {
			const error = asNodeError.call(this, caught, i);
			if (!continueOnFail) {
				stopping ??= error;
				return [];
			}
			// No `error` on the item: n8n would then replace json with `{ error: message }` and drop `details`.
			const json = { error: error.message, ...(error.description ? { details: error.description } : {}) };
			return [{ json, pairedItem: { item: i } }];
		}
	};

	const perItem = await mapWithConcurrency(items.length, itemConcurrency.call(this), async (i) => {
		if (stopping) return [];
		const key = items.length > 1 ? recordKey.call(this, i) : undefined;
		if (!key) return await runItem(i);
		const previous = sameRecord.get(key) ?? Promise.resolve();
		const current = previous.then(async () => await runItem(i));
		sameRecord.set(key, current.catch(() => undefined));
		return await current;
	});
	if (stopping) throw stopping;
	return [perItem.flat()];
}
