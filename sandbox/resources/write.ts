/**
 * Generic handling of POST/PUT bodies: unwrap the resource key, type-check attributes and links, check
 * that links point at existing records, merge a partial update. Resource files add their own rules.
 */
import { ApiError, type ErrorObject } from '../http';
import type { Store } from '../store';
import { normaliseTimestamp } from '../time';
import type { LinkValue, NewRecord } from '../types';
import type { FieldDef, ResourceDef, WriteInput } from './types';

/** Collects validation errors so a client sees all of them in one 400. */
export class Violations {
	private list: ErrorObject[] = [];

	add(detail: string, pointer?: string): void {
		const e: ErrorObject = { status: '400', title: 'Validation error', detail };
		if (pointer) e.source = { pointer };
		this.list.push(e);
	}

	get any(): boolean {
		return this.list.length > 0;
	}

	throwIfAny(): void {
		if (this.list.length) throw new ApiError(400, this.list);
	}
}

export const round2 = (n: number): number => Math.round(n * 100) / 100;

export const isBlank = (v: unknown): boolean => v === null || v === undefined || (typeof v === 'string' && v.trim() === '');

/**
 * `{"phonerecords": {...}}`, or the older array form `{"phonerecords": [{...}]}` with one element (notes §2 [I]: accept both).
 */
export function unwrapBody(def: ResourceDef, body: unknown): Record<string, unknown> {
	const res = def.name;
	if (!body || typeof body !== 'object' || Array.isArray(body)) {
		throw ApiError.of(400, 'Bad Request', `The body must be a JSON object wrapped under "${res}".`);
	}
	const keys = Object.keys(body);
	const inner = (body as Record<string, unknown>)[res];
	if (inner === undefined) {
		throw ApiError.of(400, 'Bad Request', `The body must be wrapped under "${res}", e.g. {"${res}": {...}}; got keys: ${keys.join(', ') || 'none'}.`, {
			source: { pointer: '/' },
		});
	}
	const extra = keys.filter((k) => k !== res);
	if (extra.length) {
		throw ApiError.of(400, 'Bad Request', `Unexpected top-level member(s) next to "${res}": ${extra.join(', ')}.`, { source: { pointer: '/' } });
	}
	let obj: unknown = inner;
	if (Array.isArray(inner)) {
		if (inner.length !== 1) {
			throw ApiError.of(400, 'Bad Request', `An array-wrapped "${res}" body must hold exactly one object; it holds ${inner.length}.`, {
				source: { pointer: `/${res}` },
			});
		}
		obj = inner[0];
	}
	if (!obj || typeof obj !== 'object' || Array.isArray(obj)) {
		throw ApiError.of(400, 'Bad Request', `"${res}" must be an object.`, { source: { pointer: `/${res}` } });
	}
	return obj as Record<string, unknown>;
}

function coerceAttribute(field: FieldDef, value: unknown, v: Violations, pointer: string): unknown {
	if (value === null) return null;
	switch (field.type) {
		case 'string': {
			if (typeof value !== 'string') return v.add(`${field.name} must be a string.`, pointer);
			if (field.enum && !field.enum.includes(value)) {
				return v.add(`${field.name} must be one of ${field.enum.map((e) => `'${e}'`).join(', ')}; got '${value}'.`, pointer);
			}
			return value;
		}
		case 'number': {
			// Actionstep accepts decimals as numbers or numeric strings ("actualHours":"0", ROGAN).
			const n = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
			if (!Number.isFinite(n)) return v.add(`${field.name} must be a number; got ${JSON.stringify(value)}.`, pointer);
			return n;
		}
		case 'tf': {
			if (value !== 'T' && value !== 'F') return v.add(`${field.name} must be "T" or "F"; got ${JSON.stringify(value)}.`, pointer);
			return value;
		}
		case 'timestamp': {
			const t = typeof value === 'string' ? normaliseTimestamp(value) : null;
			if (!t) return v.add(`${field.name} must be an ISO 8601 timestamp such as 2025-09-17T09:12:32+12:00; got ${JSON.stringify(value)}.`, pointer);
			return t;
		}
		case 'date': {
			if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) {
				return v.add(`${field.name} must be a date YYYY-MM-DD; got ${JSON.stringify(value)}.`, pointer);
			}
			return value;
		}
	}
}

/** A link id: a number or a numeric string (both seen in client code, notes §2). */
function coerceId(value: unknown): number | undefined {
	if (typeof value === 'number' && Number.isInteger(value) && value > 0) return value;
	if (typeof value === 'string' && /^\d+$/.test(value.trim()) && Number(value) > 0) return Number(value);
	return undefined;
}

/**
 * Type-checks a write body. Unknown attributes and links are rejected (the API is case-sensitive,
 * notes §2, so a misspelt field is a client bug); read-only ones are ignored.
 */
export function parseWriteInput(def: ResourceDef, obj: Record<string, unknown>): WriteInput {
	const v = new Violations();
	const input: WriteInput = { attributes: {}, links: {} };
	const res = def.name;
	for (const [key, value] of Object.entries(obj)) {
		if (key === 'id') continue;
		if (key === 'links') {
			if (value === null || typeof value !== 'object' || Array.isArray(value)) {
				v.add('links must be an object of link name to id.', `/${res}/links`);
				continue;
			}
			for (const [name, raw] of Object.entries(value as Record<string, unknown>)) {
				const link = def.links.find((l) => l.name === name);
				const pointer = `/${res}/links/${name}`;
				if (!link) {
					v.add(`Unknown link "${name}" on ${res}; known links: ${def.links.map((l) => l.name).join(', ') || 'none'}.`, pointer);
					continue;
				}
				if (link.readOnly) continue;
				if (raw === null) {
					input.links[name] = link.many ? [] : null;
				} else if (link.many) {
					const list = Array.isArray(raw) ? raw : [raw];
					const ids = list.map(coerceId);
					if (ids.some((id) => id === undefined)) v.add(`links.${name} must be an array of ids.`, pointer);
					else input.links[name] = ids as number[];
				} else {
					const id = coerceId(raw);
					if (id === undefined) v.add(`links.${name} must be an id (a positive integer or numeric string) or null; got ${JSON.stringify(raw)}.`, pointer);
					else input.links[name] = id;
				}
			}
			continue;
		}
		const field = def.fields.find((f) => f.name === key);
		const pointer = `/${res}/${key}`;
		if (!field) {
			v.add(`Unknown attribute "${key}" on ${res} (names are case-sensitive).`, pointer);
			continue;
		}
		if (field.readOnly) continue;
		const coerced = coerceAttribute(field, value, v, pointer);
		if (coerced !== undefined) input.attributes[key] = coerced;
	}
	v.throwIfAny();
	return input;
}

/** Every link must point at an existing record of its resource. */
export function checkLinkTargets(def: ResourceDef, links: Record<string, LinkValue>, store: Store): void {
	const v = new Violations();
	for (const [name, value] of Object.entries(links)) {
		const link = def.links.find((l) => l.name === name);
		if (!link || value === null) continue;
		for (const id of Array.isArray(value) ? value : [value]) {
			if (!store.has(link.resource, id)) {
				v.add(`links.${name} refers to ${link.resource} ${id}, which does not exist.`, `/${def.name}/links/${name}`);
			}
		}
	}
	v.throwIfAny();
}

/** A record with every attribute null and every link empty: the base a create fills in. */
export function blankRecord(def: ResourceDef): NewRecord {
	const rec: Record<string, unknown> = {};
	for (const f of def.fields) rec[f.name] = null;
	const links: Record<string, LinkValue> = {};
	for (const l of def.links) links[l.name] = l.many ? [] : null;
	return { ...rec, links } as NewRecord;
}

/** Applies the sent keys over a record (PUT is partial: unsent keys keep their value). */
export function merge<T extends NewRecord>(base: T, input: WriteInput): T {
	return { ...base, ...input.attributes, links: { ...base.links, ...input.links } };
}

/** Fails each field in `names` that is blank on the record. */
export function requireAttributes(rec: Record<string, unknown>, names: string[], res: string, v: Violations): void {
	for (const n of names) if (isBlank(rec[n])) v.add(`${n} is required.`, `/${res}/${n}`);
}
