/**
 * Checks whole HTTP bodies against the contracts: a request body inside its `{"<resource>": {...}}` wrapper,
 * and a collection answer in Actionstep's envelope (`links` templates, the records, `linked`, `meta.paging`).
 */
import { CONTRACTS, UNDESCRIBED, checkerFor } from './openapi';
import type { Violation } from './schemaCheck';

function isObject(v: unknown): v is Record<string, unknown> {
	return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A POST (create) or PUT (update) body the node sent to `resource`. */
export function checkRequestBody(resource: string, method: 'POST' | 'PUT', body: unknown): Violation[] {
	const contract = CONTRACTS[resource];
	const schemaName = contract && (method === 'POST' ? contract.create : contract.update);
	if (!schemaName) return [{ path: '/', message: `${method} ${resource}: the OpenAPI files describe no such request body` }];
	const checker = checkerFor(resource, 'request');
	if (contract.wrappedInYaml) return checker.check(schemaName, body);
	if (!isObject(body)) return [{ path: '/', message: `must be an object {"${resource}": {...}}; got ${JSON.stringify(body)}` }];
	const out: Violation[] = Object.keys(body)
		.filter((k) => k !== resource)
		.map((k) => ({ path: `/${k}`, message: `is not the resource wrapper "${resource}"` }));
	if (!(resource in body)) return [...out, { path: `/${resource}`, message: 'is required but missing (the resource wrapper)' }];
	return [...out, ...checker.check(schemaName, body[resource], `/${resource}`)];
}

/** A collection (or by-id) answer for `resource`; `linked` records are checked against their own resource. */
export function checkCollectionBody(resource: string, body: unknown): { violations: Violation[]; records: Record<string, number> } {
	const records: Record<string, number> = {};
	if (!isObject(body)) return { violations: [{ path: '/', message: 'must be an object' }], records };
	const out: Violation[] = [];
	for (const key of Object.keys(body)) {
		if (!['links', resource, 'linked', 'meta'].includes(key)) out.push({ path: `/${key}`, message: 'is not a member of the response envelope (links, <resource>, linked, meta)' });
	}
	if (isObject(body.links)) {
		for (const [key, template] of Object.entries(body.links)) {
			if (!isObject(template) || typeof template.href !== 'string' || typeof template.type !== 'string') {
				out.push({ path: `/links/${key}`, message: 'must be {href, type}' });
			}
		}
	}
	// One record may come as a bare object instead of a one-element array (notes §2).
	const primary = body[resource];
	const rows = isObject(primary) ? [primary] : primary;
	records[resource] = Array.isArray(rows) ? rows.length : 0;
	// Every collection answer carries meta.paging.<resource> (notes §2 [O]; the sandbox always does).
	if (body.meta === undefined) out.push({ path: '/meta', message: 'is required but missing (meta.paging)' });
	const paged = body.meta === undefined ? { [resource]: rows } : { [resource]: rows, meta: body.meta };
	out.push(...checkerFor(resource, 'response').check(CONTRACTS[resource].paged, paged));
	if (body.linked !== undefined) {
		if (!isObject(body.linked)) out.push({ path: '/linked', message: 'must be an object of resource name to records' });
		else {
			for (const [linkedResource, list] of Object.entries(body.linked)) {
				if (UNDESCRIBED[linkedResource]) continue;
				if (!CONTRACTS[linkedResource]) {
					out.push({ path: `/linked/${linkedResource}`, message: 'has no OpenAPI contract' });
					continue;
				}
				if (!Array.isArray(list)) {
					out.push({ path: `/linked/${linkedResource}`, message: 'must be an array' });
					continue;
				}
				records[`linked ${linkedResource}`] = list.length;
				const checker = checkerFor(linkedResource, 'response');
				list.forEach((rec, i) => out.push(...checker.check(CONTRACTS[linkedResource].record, rec, `/linked/${linkedResource}/${i}`)));
			}
		}
	}
	return { violations: out, records };
}
