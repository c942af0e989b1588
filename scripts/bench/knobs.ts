/**
 * How the benchmark sets the node's concurrency for a run. When the node's description offers
 * Options → Concurrency for the operation, the run passes it as a user would. Otherwise (the option is not
 * in the UI yet, and n8n hands an undeclared option back as its default) the run changes the node's default
 * for its duration, which is the value the same code path would read: DEFAULT_PAGE_CONCURRENCY in
 * transport/paging.ts for Get Many, DEFAULT_ITEM_CONCURRENCY in actions/router.ts for writes. Every run
 * checks the effect from the sandbox's side (most requests in flight), so a knob that did not take is seen.
 */
import type { INodeParameters, INodeProperties } from 'n8n-workflow';

import * as router from '../../nodes/Actionstep/actions/router';
import { Actionstep } from '../../nodes/Actionstep/Actionstep.node';
import * as paging from '../../nodes/Actionstep/transport/paging';

// The modules' exports, written through: TypeScript compiles each module's own reads of these constants
// to `exports.NAME`, so a new value here is what the module reads on its next run.
const pagingDefaults = paging as unknown as { DEFAULT_PAGE_CONCURRENCY: number };
const routerDefaults = router as unknown as { DEFAULT_ITEM_CONCURRENCY: number };

export const SHIPPED: { page: number; item: number; pageSize: number } = {
	page: paging.DEFAULT_PAGE_CONCURRENCY,
	item: router.DEFAULT_ITEM_CONCURRENCY,
	pageSize: paging.MAX_PAGE_SIZE,
};

/** Whether the node's UI offers Options → Concurrency for this operation. */
export function offersConcurrencyOption(resource: string, operation: string): boolean {
	const properties = new Actionstep().description.properties as INodeProperties[];
	return properties.some((p) => {
		if (p.name !== 'options' || p.type !== 'collection') return false;
		const show = p.displayOptions?.show ?? {};
		const fits = (key: string, value: string) => !show[key] || (show[key] as unknown[]).includes(value);
		return fits('resource', resource) && fits('operation', operation) && (p.options ?? []).some((o) => 'name' in o && o.name === 'concurrency');
	});
}

export interface Knob {
	/** Parameters to merge into the run's (Options → Concurrency when the UI offers it). */
	parameters: INodeParameters;
	/** 'option' when passed as Options → Concurrency, 'default' when the node's default was changed for the run. */
	via: 'option' | 'default';
	restore(): void;
}

/** Sets the concurrency the node will use for `resource`/`operation` in the next run. */
export function setConcurrency(resource: string, operation: string, concurrency: number): Knob {
	const isRead = operation === 'getMany';
	const viaOption = offersConcurrencyOption(resource, operation);
	const before = { page: pagingDefaults.DEFAULT_PAGE_CONCURRENCY, item: routerDefaults.DEFAULT_ITEM_CONCURRENCY };
	if (!viaOption) {
		if (isRead) pagingDefaults.DEFAULT_PAGE_CONCURRENCY = concurrency;
		else routerDefaults.DEFAULT_ITEM_CONCURRENCY = concurrency;
	}
	return {
		parameters: viaOption ? { options: { concurrency } } : {},
		via: viaOption ? 'option' : 'default',
		restore: () => {
			pagingDefaults.DEFAULT_PAGE_CONCURRENCY = before.page;
			routerDefaults.DEFAULT_ITEM_CONCURRENCY = before.item;
		},
	};
}
