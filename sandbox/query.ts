/**
 * Collection query parameters (notes §3, §4): filters `<field>[_<op>]=value` (also through links with
 * brackets, `fromParticipant[displayName_ilike]=*smith*`), `sort`, `page`/`pageSize`, `fields`/`fields[res]`/
 * `:default`, and `include`. Parsing fails loudly (400 naming the parameter) because a silently ignored
 * filter is the kind of client bug the sandbox exists to catch. Running a parsed query is queryResults.ts.
 */
import { ApiError } from './http';
import { RESOURCES, resourceDef } from './resources';
import type { FieldDef, LinkDef, ResourceDef } from './resources/types';
import { parseInstant } from './time';
import type { ResourceName } from './types';

export const OPERATORS = ['eq', 'nteq', 'in', 'ntin', 'lt', 'lteq', 'gt', 'gteq', 'like', 'ntlike', 'ilike', 'ntilike'] as const;
export type Operator = (typeof OPERATORS)[number];

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 200;

export type FieldRef = { kind: 'id' } | { kind: 'attr'; def: FieldDef } | { kind: 'link'; def: LinkDef };

/** How values of a field compare. */
export type Domain = 'number' | 'instant' | 'text';

export interface Filter {
	param: string;
	chain: LinkDef[];
	field: FieldRef;
	op: Operator;
	/** Parsed operands (one per comma-separated value for in/ntin); null = the literal `null` on a link. */
	operands: Array<number | string | null>;
	pattern?: RegExp;
}

export interface SortKey {
	field: FieldRef;
	descending: boolean;
}

export interface ListQuery {
	filters: Filter[];
	sort: SortKey[];
	page: number;
	pageSize: number;
	/** Names to output per resource; a resource without an entry gets its default fieldset. */
	fields: Map<ResourceName, Set<string>>;
	/** Each include path as a chain of links from the primary resource. */
	include: LinkDef[][];
}

function resolveField(def: ResourceDef, name: string): FieldRef | undefined {
	if (name === 'id') return { kind: 'id' };
	const attr = def.fields.find((f) => f.name === name);
	if (attr) return { kind: 'attr', def: attr };
	const link = def.links.find((l) => l.name === name);
	if (link) return { kind: 'link', def: link };
	return undefined;
}

export function domainOf(ref: FieldRef): Domain {
	if (ref.kind !== 'attr') return 'number';
	if (ref.def.type === 'number') return 'number';
	if (ref.def.type === 'timestamp' || ref.def.type === 'date') return 'instant';
	return 'text';
}

function knownNames(def: ResourceDef): string {
	return ['id', ...def.fields.map((f) => f.name), ...def.links.map((l) => l.name)].join(', ');
}

/** `*` is the wildcard (notes §4 [C]); everything else is literal, `%` included ([?] in the notes). */
function wildcardPattern(value: string, caseInsensitive: boolean): RegExp {
	const body = value
		.split('*')
		.map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
		.join('.*');
	return new RegExp(`^${body}$`, caseInsensitive ? 'is' : 's');
}

function parseFilter(def: ResourceDef, param: string, value: string): Filter {
	const m = /^([A-Za-z][A-Za-z0-9_]*)((?:\[[A-Za-z0-9_]+\])*)$/.exec(param);
	if (!m) throw ApiError.badParameter(param, `Unknown query parameter "${param}".`);
	const segments = [m[1], ...[...m[2].matchAll(/\[([A-Za-z0-9_]+)\]/g)].map((s) => s[1])];
	const last = segments.pop() as string;
	const chain: LinkDef[] = [];
	let target = def;
	for (const name of segments) {
		const link = target.links.find((l) => l.name === name);
		if (!link) throw ApiError.badParameter(param, `Unknown filter field "${name}" on ${target.name}: it is not a link. Known: ${knownNames(target)}.`);
		chain.push(link);
		target = RESOURCES[link.resource];
	}
	let fieldName = last;
	let op: Operator = 'eq';
	const underscore = last.lastIndexOf('_');
	if (underscore > 0) {
		const suffix = last.slice(underscore + 1);
		if ((OPERATORS as readonly string[]).includes(suffix)) {
			fieldName = last.slice(0, underscore);
			op = suffix as Operator;
		} else {
			throw ApiError.badParameter(param, `Unknown filter operator "_${suffix}" in "${param}". Operators: ${OPERATORS.map((o) => `_${o}`).join(' ')}.`);
		}
	}
	const field = resolveField(target, fieldName);
	if (!field) throw ApiError.badParameter(param, `Unknown filter field "${fieldName}" on ${target.name}. Known: ${knownNames(target)}.`);

	const filter: Filter = { param, chain, field, op, operands: [] };
	if (op.endsWith('like')) {
		filter.pattern = wildcardPattern(value, op.endsWith('ilike'));
		return filter;
	}
	const raws = op === 'in' || op === 'ntin' ? value.split(',') : [value];
	const domain = domainOf(field);
	filter.operands = raws.map((raw) => {
		const text = raw.trim();
		if (field.kind === 'link' && text.toLowerCase() === 'null' && (op === 'eq' || op === 'nteq')) return null;
		if (domain === 'number') {
			const n = Number(text);
			if (text === '' || !Number.isFinite(n)) throw ApiError.badParameter(param, `"${param}" needs a number; got "${raw}".`);
			return n;
		}
		if (domain === 'instant') {
			// A value without an offset is read as UTC (notes §4 [O], SETH).
			const p = parseInstant(text);
			if (!p) throw ApiError.badParameter(param, `"${param}" needs a date or timestamp such as 2024-01-31T00:00:00; got "${raw}".`);
			return p.ms;
		}
		return raw;
	});
	return filter;
}

function parseSort(def: ResourceDef, value: string): SortKey[] {
	return value
		.split(',')
		.filter((s) => s.trim() !== '')
		.map((token) => {
			const t = token.trim();
			const descending = t.startsWith('-');
			const name = t.replace(/^[-+]/, '');
			const field = resolveField(def, name);
			if (!field || (field.kind === 'link' && field.def.many)) {
				throw ApiError.badParameter('sort', `Unknown sort field "${name}" on ${def.name}. Known: ${knownNames(def)}.`);
			}
			return { field, descending };
		});
}

function parseFieldList(def: ResourceDef, value: string, param: string): Set<string> {
	const names = new Set<string>(['id']);
	for (const token of value.split(',').map((s) => s.trim()).filter(Boolean)) {
		if (token === ':default') {
			for (const n of defaultFieldNames(def)) names.add(n);
			continue;
		}
		if (!resolveField(def, token)) throw ApiError.badParameter(param, `Unknown field "${token}" in ${param} for ${def.name}. Known: ${knownNames(def)}.`);
		names.add(token);
	}
	return names;
}

/** Default fieldset: every attribute not marked additional, and every link. */
export function defaultFieldNames(def: ResourceDef): Set<string> {
	return new Set(['id', ...def.fields.filter((f) => !f.additional).map((f) => f.name), ...def.links.map((l) => l.name)]);
}

function parsePositiveInt(param: string, value: string): number {
	if (!/^\d+$/.test(value.trim()) || Number(value) < 1) throw ApiError.badParameter(param, `${param} must be a positive integer; got "${value}".`);
	return Number(value);
}

/** The name of the field a filter parameter tests: `phoneRecord` for `phoneRecord`, `phoneRecord_eq` or `phoneRecord[id]`. */
function filterFieldName(param: string): string {
	const head = param.split('[')[0];
	const underscore = head.lastIndexOf('_');
	return underscore > 0 && (OPERATORS as readonly string[]).includes(head.slice(underscore + 1)) ? head.slice(0, underscore) : head;
}

/** The parameters without the filters on `fields`: the "ignore a filter" fault, as a buggy server would. */
export function withoutFilters(params: URLSearchParams, fields: string[]): URLSearchParams {
	return new URLSearchParams([...params].filter(([param]) => !fields.includes(filterFieldName(param))));
}

export function parseListQuery(def: ResourceDef, params: URLSearchParams): ListQuery {
	const q: ListQuery = { filters: [], sort: [], page: 1, pageSize: DEFAULT_PAGE_SIZE, fields: new Map(), include: [] };
	for (const [param, value] of params) {
		if (param === 'page') q.page = parsePositiveInt(param, value);
		else if (param === 'pageSize') q.pageSize = Math.min(parsePositiveInt(param, value), MAX_PAGE_SIZE); // above 200 is silently capped (notes §3)
		else if (param === 'sort') q.sort = parseSort(def, value);
		else if (param === 'include') q.include = parseInclude(def, value);
		else if (param === 'fields') {
			if (!q.fields.has(def.name)) q.fields.set(def.name, parseFieldList(def, value, param));
		} else if (param.startsWith('fields[')) {
			const m = /^fields\[([a-z]+)\]$/.exec(param);
			const target = m ? resourceDef(m[1]) : undefined;
			if (!target) throw ApiError.badParameter(param, `Unknown resource in "${param}".`);
			q.fields.set(target.name, parseFieldList(target, value, param)); // fields[res] wins over fields
		} else q.filters.push(parseFilter(def, param, value));
	}
	return q;
}

function parseInclude(def: ResourceDef, value: string): LinkDef[][] {
	return value
		.split(',')
		.map((s) => s.trim())
		.filter(Boolean)
		.map((path) => {
			let target = def;
			return path.split('.').map((name) => {
				const link = target.links.find((l) => l.name === name);
				if (!link) throw ApiError.badParameter('include', `Cannot include "${path}": ${target.name} has no link "${name}". Links: ${target.links.map((l) => l.name).join(', ') || 'none'}.`);
				target = RESOURCES[link.resource];
				return link;
			});
		});
}
