/**
 * Running a parsed list query (query.ts) over the store: filters through link chains, sort with nulls last
 * and id as the tie-break, pages, and the records `include` pulls in.
 */
import type { LinkDef } from './resources/types';
import type { Store } from './store';
import { parseInstant } from './time';
import { domainOf, type Domain, type FieldRef, type Filter, type Operator, type SortKey } from './query';
import type { ResourceName, StoredRecord } from './types';

/** A stored attribute as text: strings as they are, numbers and booleans as written. */
function asText(value: unknown): string {
	return typeof value === 'string' ? value : JSON.stringify(value);
}

function linkIds(rec: StoredRecord, link: LinkDef): number[] {
	const v = rec.links[link.name];
	if (v === null || v === undefined) return [];
	return Array.isArray(v) ? v : [v];
}

/** Records reached from `rec` through a chain of links (any of them may match). */
function follow(rec: StoredRecord, chain: LinkDef[], store: Store): StoredRecord[] {
	let current = [rec];
	for (const link of chain) {
		current = current.flatMap((r) => linkIds(r, link).flatMap((id): StoredRecord[] => {
			const found: StoredRecord | undefined = store.find(link.resource, id);
			return found ? [found] : [];
		}));
	}
	return current;
}

function fieldValues(rec: StoredRecord, ref: FieldRef): unknown[] {
	if (ref.kind === 'id') return [rec.id];
	if (ref.kind === 'link') {
		const v = rec.links[ref.def.name];
		if (ref.def.many) return Array.isArray(v) ? v : [];
		return [v ?? null];
	}
	return [rec[ref.def.name] ?? null];
}

function comparable(value: unknown, domain: Domain): number | string | null {
	if (value === null || value === undefined) return null;
	if (domain === 'number') return Number(value);
	if (domain === 'instant') return parseInstant(asText(value))?.ms ?? null;
	return asText(value);
}

/** The positive form of an operator on one value. */
function test(value: unknown, f: Filter, domain: Domain): boolean {
	const op = f.op.replace(/^nt/, '') as Operator; // nteq→eq, ntin→in, ntlike→like, ntilike→ilike
	if (f.pattern) return value !== null && value !== undefined && f.pattern.test(asText(value));
	const v = comparable(value, domain);
	if (op === 'eq' || op === 'in') return f.operands.some((o) => (o === null ? v === null : v !== null && v === o));
	if (v === null) return false;
	const o = f.operands[0] as number | string;
	if (op === 'lt') return v < o;
	if (op === 'lteq') return v <= o;
	if (op === 'gt') return v > o;
	return v >= o; // gteq
}

function matches(rec: StoredRecord, f: Filter, store: Store): boolean {
	const domain = domainOf(f.field);
	const values = follow(rec, f.chain, store).flatMap((r) => fieldValues(r, f.field));
	const any = values.some((v) => test(v, f, domain));
	return f.op.startsWith('nt') ? !any : any;
}

export function applyFilters(records: StoredRecord[], filters: Filter[], store: Store): StoredRecord[] {
	if (!filters.length) return records;
	return records.filter((r) => filters.every((f) => matches(r, f, store)));
}

export function applySort(records: StoredRecord[], keys: SortKey[]): StoredRecord[] {
	if (!keys.length) return records;
	// Each record's sort values are read once, not on every comparison (instants are parsed from text).
	const domains = keys.map((k) => domainOf(k.field));
	const rows = records.map((rec) => ({ rec, values: keys.map((k, n) => comparable(fieldValues(rec, k.field)[0], domains[n])) }));
	const order = (a: (typeof rows)[number], b: (typeof rows)[number]): number => {
		for (const [n, k] of keys.entries()) {
			const va = a.values[n];
			const vb = b.values[n];
			if (va === vb) continue;
			if (va === null) return 1; // nulls last either way
			if (vb === null) return -1;
			const c = va < vb ? -1 : 1;
			return k.descending ? -c : c;
		}
		return a.rec.id - b.rec.id; // stable paging
	};
	// A table already in the asked order (the common `sort=id`) is not sorted again.
	if (rows.every((row, n) => n === 0 || order(rows[n - 1], row) <= 0)) return records;
	return rows.sort(order).map((row) => row.rec);
}

export interface PageResult {
	rows: StoredRecord[];
	recordCount: number;
	pageCount: number;
}

export function paginate(records: StoredRecord[], page: number, pageSize: number): PageResult {
	const start = (page - 1) * pageSize;
	return { rows: records.slice(start, start + pageSize), recordCount: records.length, pageCount: Math.ceil(records.length / pageSize) };
}

/** Records for `linked`, per resource, each once, in id order (include chains add every hop, as JSON:API does). */
export function collectLinked(rows: StoredRecord[], include: LinkDef[][], store: Store): Map<ResourceName, StoredRecord[]> {
	const found = new Map<ResourceName, Map<number, StoredRecord>>();
	for (const path of include) {
		let current = rows;
		for (const link of path) {
			const next: StoredRecord[] = [];
			for (const r of current) {
				for (const id of linkIds(r, link)) {
					const target = store.find(link.resource, id);
					if (!target) continue;
					if (!found.has(link.resource)) found.set(link.resource, new Map());
					found.get(link.resource)?.set(id, target);
					next.push(target);
				}
			}
			current = next;
		}
	}
	const out = new Map<ResourceName, StoredRecord[]>();
	for (const [res, map] of found) out.set(res, [...map.values()].sort((a, b) => a.id - b.id));
	return out;
}
