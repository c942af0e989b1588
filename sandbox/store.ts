/**
 * The in-memory record store. It knows nothing about HTTP or rules: it holds records per resource,
 * hands out ids, and tells a listener after each mutation (the persistence writer).
 */
import type { RecordMap, ResourceName, SandboxStore, NewRecord, StoredRecord } from './types';

export interface StoreSnapshot {
	records: Record<ResourceName, StoredRecord[]>;
	/** Next id per resource; ids are never reused after a delete, as in a real database. */
	nextIds?: Partial<Record<ResourceName, number>>;
}

const clone = <T>(v: T): T => structuredClone(v);

export class Store implements SandboxStore {
	private tables = new Map<ResourceName, Map<number, StoredRecord>>();
	private nextIds = new Map<ResourceName, number>();
	/** Called after every mutation. */
	onChange: () => void = () => undefined;

	/** @param names the collections it holds (the resource registry's, sandbox/resources). */
	constructor(
		private readonly names: readonly ResourceName[],
		snapshot: StoreSnapshot,
	) {
		this.load(snapshot);
	}

	load(snapshot: StoreSnapshot): void {
		this.tables.clear();
		this.nextIds.clear();
		for (const name of this.names) {
			const table = new Map<number, StoredRecord>();
			let max = 0;
			for (const rec of snapshot.records[name] ?? []) {
				table.set(rec.id, clone(rec));
				max = Math.max(max, rec.id);
			}
			this.tables.set(name, table);
			this.nextIds.set(name, Math.max(max + 1, snapshot.nextIds?.[name] ?? 0));
		}
	}

	snapshot(): StoreSnapshot {
		const records = {} as StoreSnapshot['records'];
		const nextIds: StoreSnapshot['nextIds'] = {};
		for (const name of this.names) {
			records[name] = this.list(name);
			nextIds[name] = this.nextIds.get(name);
		}
		return { records, nextIds };
	}

	// ---- SandboxStore (copies, for assertions) ----
	list<R extends ResourceName>(resource: R): RecordMap[R][] {
		return this.all(resource).map((r) => clone(r));
	}

	get<R extends ResourceName>(resource: R, id: number): RecordMap[R] | undefined {
		const rec = this.table(resource).get(id);
		return rec ? (clone(rec) as RecordMap[R]) : undefined;
	}

	count(resource: ResourceName): number {
		return this.table(resource).size;
	}

	// ---- internal access for handlers (no copies; callers must not mutate) ----
	// Typed per collection: every record in a table was written through its resource's definition.
	all<R extends ResourceName>(resource: R): RecordMap[R][] {
		const records = [...this.table(resource).values()] as RecordMap[R][];
		// Ids are handed out in order, so a table is almost always in id order already: check before sorting.
		return records.every((r, n) => n === 0 || records[n - 1].id < r.id) ? records : records.sort((a, b) => a.id - b.id);
	}

	find<R extends ResourceName>(resource: R, id: number): RecordMap[R] | undefined {
		return this.table(resource).get(id) as RecordMap[R] | undefined;
	}

	has(resource: ResourceName, id: number): boolean {
		return this.table(resource).has(id);
	}

	insert(resource: ResourceName, rec: NewRecord): StoredRecord {
		const table = this.table(resource);
		const id = this.nextIds.get(resource) ?? 1;
		this.nextIds.set(resource, id + 1);
		const stored = Object.assign({ id }, clone(rec), { id }) as StoredRecord;
		table.set(id, stored);
		this.onChange();
		return stored;
	}

	replace(resource: ResourceName, rec: StoredRecord): void {
		this.table(resource).set(rec.id, clone(rec));
		this.onChange();
	}

	remove(resource: ResourceName, ids: number[]): void {
		const table = this.table(resource);
		for (const id of ids) table.delete(id);
		this.onChange();
	}

	private table(resource: ResourceName): Map<number, StoredRecord> {
		const t = this.tables.get(resource);
		if (!t) throw new Error(`unknown resource ${resource}`);
		return t;
	}
}
