/**
 * The Actionstep response envelope (notes §2 "Response envelope"): top-level `links` URL templates, the
 * records under the resource name, `linked` for includes and `meta.paging.<resource>`. Quirks reproduced:
 * the primary id is a JSON number while ids inside `links` are strings; a collection with one record is a
 * bare object rather than a one-element array.
 */
import type { ResourceDef } from './resources/types';
import { RESOURCES } from './resources';
import { wireId } from './resources/ids';
import { defaultFieldNames } from './query';
import type { ResourceName, StoredRecord } from './types';

/** A record as it goes on the wire: only the selected fields, link ids as strings. */
export function serialize(def: ResourceDef, rec: StoredRecord, selection?: Set<string>): Record<string, unknown> {
	const names = selection ?? defaultFieldNames(def);
	const out: Record<string, unknown> = { id: wireId(def, rec) };
	for (const f of def.fields) if (names.has(f.name)) out[f.name] = rec[f.name] ?? null;
	const links: Record<string, string | string[] | null> = {};
	let anyLink = false;
	for (const l of def.links) {
		if (!names.has(l.name)) continue;
		anyLink = true;
		const v = rec.links[l.name];
		links[l.name] = Array.isArray(v) ? v.map(String) : v === null || v === undefined ? null : String(v);
	}
	// A fieldset naming no link leaves `links` out [I]; resources without links have none.
	if (anyLink) out.links = links;
	return out;
}

/** `"phonerecords.action": {href: ".../actions/{phonerecords.action}", type: "actions"}` for each link. */
export function linkTemplates(def: ResourceDef, apiEndpoint: string): Record<string, { href: string; type: string }> {
	const out: Record<string, { href: string; type: string }> = {};
	for (const l of def.links) {
		const key = `${def.name}.${l.name}`;
		out[key] = { href: `${apiEndpoint}rest/${l.resource}/{${key}}`, type: l.resource };
	}
	return out;
}

export interface PagingMeta {
	recordCount: number;
	pageCount: number;
	page: number;
	pageSize: number;
	prevPage: string | null;
	nextPage: string | null;
}

export interface CollectionBody {
	def: ResourceDef;
	rows: StoredRecord[];
	paging: PagingMeta;
	linked: Map<ResourceName, StoredRecord[]>;
	fields: Map<ResourceName, Set<string>>;
	apiEndpoint: string;
	/** True → one record goes out as a bare object. */
	single: boolean;
}

export function collectionBody(c: CollectionBody): Record<string, unknown> {
	const primary = c.rows.map((r) => serialize(c.def, r, c.fields.get(c.def.name)));
	const body: Record<string, unknown> = {
		links: linkTemplates(c.def, c.apiEndpoint),
		[c.def.name]: c.single && primary.length === 1 ? primary[0] : primary,
	};
	if (c.linked.size) {
		const linked: Record<string, unknown[]> = {};
		for (const [res, recs] of c.linked) linked[res] = recs.map((r) => serialize(RESOURCES[res], r, c.fields.get(res)));
		body.linked = linked;
	}
	body.meta = { paging: { [c.def.name]: c.paging } };
	return body;
}

/** POST/PUT answer: `{ "<resource>": {object} }`. */
export function singleBody(def: ResourceDef, rec: StoredRecord): Record<string, unknown> {
	return { [def.name]: serialize(def, rec) };
}
