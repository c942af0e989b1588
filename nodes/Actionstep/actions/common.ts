import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

/** Parameter reading shared by operations (n8n I/O only; the checking lives in helpers/). */

/** A resourceLocator's value, or a plain value where a collection holds one. */
export function locatorValue(this: IExecuteFunctions, name: string, itemIndex: number): unknown {
	return this.getNodeParameter(name, itemIndex, '', { extractValue: true });
}

/** A resourceLocator inside a collection (`updateFields.matter`): `{__rl, mode, value}` → value. */
export function unwrapLocator(value: unknown): unknown {
	if (value && typeof value === 'object' && '__rl' in value) {
		const locator = value as { mode?: string; value?: unknown };
		if (locator.mode === 'url' && typeof locator.value === 'string') {
			const match = /action_id[=/](\d+)/.exec(locator.value);
			return match ? match[1] : locator.value;
		}
		return locator.value;
	}
	return value;
}

/** Options → Concurrency of a Get Many: pages in flight after the first. */
export function pageConcurrency(options: IDataObject): number | undefined {
	const value = Number(options.concurrency);
	return Number.isInteger(value) && value >= 1 ? Math.min(value, 16) : undefined;
}
