/**
 * Record ids as clients see them. Most resources use the stored number; a resource with `compositeId`
 * (actionparticipants) is named by its link ids joined with `--`, e.g. `2001--5--101` (OAS actionparticipants).
 */
import type { Store } from '../store';
import type { StoredRecord } from '../types';
import type { ResourceDef } from './types';

export function wireId(def: ResourceDef, rec: StoredRecord): number | string {
	if (!def.compositeId) return rec.id;
	return def.compositeId.map((name) => String(rec.links[name] ?? '')).join('--');
}

/** `5001` / `5001,5002`, or `2001--5--101,2002--6--106` for a composite resource; undefined when malformed. */
export function parseIdSegment(def: ResourceDef, segment: string): string[] | undefined {
	const one = def.compositeId ? `\\d+${'--\\d+'.repeat(def.compositeId.length - 1)}` : '\\d+';
	if (!new RegExp(`^${one}(,${one})*$`).test(segment)) return undefined;
	return [...new Set(segment.split(','))];
}

/** The stored record a wire id names, if any. */
export function findByWireId(def: ResourceDef, store: Store, id: string): StoredRecord | undefined {
	if (!def.compositeId) return store.find(def.name, Number(id));
	return store.all(def.name).find((rec) => String(wireId(def, rec)) === id);
}
