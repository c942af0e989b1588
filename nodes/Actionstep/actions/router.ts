import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { FieldError } from '../helpers/interfaces';
import { mapWithConcurrency } from '../transport';
import type { ActionstepType } from './node.type';
import * as phoneRecord from './phoneRecord';
import * as timeEntry from './timeEntry';

type OperationModule = { execute: (this: IExecuteFunctions, itemIndex: number) => Promise<INodeExecutionData[]> };

const resources: { [R in keyof ActionstepType]: Record<ActionstepType[R], OperationModule> } = {
	phoneRecord,
	timeEntry,
};

function operationFor(this: IExecuteFunctions, i: number): OperationModule {
	const resource = this.getNodeParameter('resource', i) as keyof ActionstepType;
	const operation = this.getNodeParameter('operation', i) as string;
	const module = (resources[resource] as Record<string, OperationModule> | undefined)?.[operation];
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

/**
 * The item loop: each input item runs its operation and ends as output items or one error item.
 * With "Continue" error handling the error item keeps only `error` and `details` in json, the shape
 * n8n's error output recognises, and every output item is paired with its input item.
 */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const perItem = await mapWithConcurrency(items.length, 1, async (i) => {
		try {
			const results = await operationFor.call(this, i).execute.call(this, i);
			return results.map((result) => ({ ...result, pairedItem: { item: i } }));
		} catch (caught) {
			const error = asNodeError.call(this, caught, i);
			if (!this.continueOnFail()) throw error;
			const json = { error: error.message, ...(error.description ? { details: error.description } : {}) };
			return [{ json, error, pairedItem: { item: i } }];
		}
	});
	return [perItem.flat()];
}
