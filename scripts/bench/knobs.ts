/**
 * How the benchmark sets the node's concurrency for a run: Options → Concurrency, as a user would. The
 * shipped defaults are read (never written) for the report. Every run checks the effect from the sandbox's
 * side (most requests in flight), so a setting that did not take is seen.
 */
import type { INodeParameters } from 'n8n-workflow';

import { DEFAULT_ITEM_CONCURRENCY } from '../../nodes/Actionstep/actions/router';
import { Actionstep } from '../../nodes/Actionstep/Actionstep.node';
import { DEFAULT_PAGE_CONCURRENCY, MAX_PAGE_SIZE } from '../../nodes/Actionstep/transport';

export const SHIPPED: { page: number; item: number; pageSize: number } = {
	page: DEFAULT_PAGE_CONCURRENCY,
	item: DEFAULT_ITEM_CONCURRENCY,
	pageSize: MAX_PAGE_SIZE,
};

/** Whether the node's UI offers Options → Concurrency for this operation. */
export function offersConcurrencyOption(resource: string, operation: string): boolean {
	const properties = new Actionstep().description.properties;
	return properties.some((p) => {
		if (p.name !== 'options' || p.type !== 'collection') return false;
		const show = p.displayOptions?.show ?? {};
		const fits = (key: string, value: string) => !show[key] || (show[key] as unknown[]).includes(value);
		return fits('resource', resource) && fits('operation', operation) && (p.options ?? []).some((o) => 'name' in o && o.name === 'concurrency');
	});
}

/** The parameters that run `resource`/`operation` at `concurrency` (throws if the UI offers no such option). */
export function concurrencyParameters(resource: string, operation: string, concurrency: number): INodeParameters {
	if (!offersConcurrencyOption(resource, operation)) throw new Error(`${resource} ${operation} offers no Options → Concurrency`);
	return { options: { concurrency } };
}
