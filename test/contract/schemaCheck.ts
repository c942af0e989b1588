/**
 * A small checker for the part of OpenAPI 3.0 that Actionstep's YAML files use: $ref (local), type, enum,
 * format (timestamp, date, time), multipleOf, nullable, readOnly, properties, required and items. It is
 * stricter than JSON Schema on purpose: a property the schema does not list is an error (the API is
 * case-sensitive, so a misspelt or invented field is a bug), and so is a readOnly property in a request.
 *
 * Actionstep's own conventions that the YAML does not spell out are options, so each is visible at the
 * call site: see `Direction`.
 */

export interface Schema {
	$ref?: string;
	type?: string;
	format?: string;
	enum?: unknown[];
	nullable?: boolean;
	readOnly?: boolean;
	multipleOf?: number;
	properties?: Record<string, Schema>;
	required?: string[];
	items?: Schema;
	additionalProperties?: boolean | Schema;
}

/** One parsed YAML file: only `components.schemas` matters here. */
export interface OpenApiDoc {
	components: { schemas: Record<string, Schema> };
}

export interface Violation {
	/** JSON pointer of the offending value, e.g. `/timeentries/links/owner`. */
	path: string;
	message: string;
}

/**
 * - `request`: what a client sends. No readOnly property; null only for a link (the phone-records
 *   tutorial clears `links.phoneRecord` with null); link ids must be integers as typed.
 * - `response`: what the API serves. Any property that is not required may be null (the real API serves
 *   null for an empty attribute, e.g. `prevPage: null`; several YAML examples are `null`), and an integer
 *   inside `links` may be a string of digits (the real API serves link ids as strings: notes §2).
 */
export type Direction = 'request' | 'response';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
const TIME = /^\d{2}:\d{2}(:\d{2})?$/;
/** The participants YAML shows birthTimestamp as `23-May-1987`. */
const DAY_MONTH_YEAR = /^\d{2}-[A-Z][a-z]{2}-\d{4}$/;

/** `format: timestamp` holds a date-time with an offset, or a plain date (real quirk: actions.createdTimestamp). */
function formatProblem(format: string | undefined, value: string): string | undefined {
	if (format === 'timestamp' && !DATE_TIME.test(value) && !DATE.test(value)) {
		return `must be an ISO 8601 timestamp with an offset (or a plain date); got ${JSON.stringify(value)}`;
	}
	if (format === 'date' && !DATE.test(value) && !DAY_MONTH_YEAR.test(value)) return `must be a date; got ${JSON.stringify(value)}`;
	if (format === 'time' && !TIME.test(value)) return `must be a time hh:mm:ss; got ${JSON.stringify(value)}`;
	return undefined;
}

function typeOf(value: unknown): string {
	if (value === null) return 'null';
	if (Array.isArray(value)) return 'array';
	return typeof value;
}

function matchesType(type: string, value: unknown): boolean {
	switch (type) {
		case 'integer':
			return typeof value === 'number' && Number.isInteger(value);
		case 'number':
			return typeof value === 'number' && Number.isFinite(value);
		case 'string':
			return typeof value === 'string';
		case 'boolean':
			return typeof value === 'boolean';
		case 'array':
			return Array.isArray(value);
		case 'object':
			return typeOf(value) === 'object';
		default:
			return false;
	}
}

/** Where a value sits: inside a record's `links` (a link id), and whether its parent requires it. */
interface Position {
	inLinks: boolean;
	required: boolean;
	/** The value is the `links` object itself, so its members are links. */
	isLinksObject?: boolean;
}

export class SchemaChecker {
	constructor(
		private readonly doc: OpenApiDoc,
		private readonly direction: Direction,
	) {}

	/** Every violation of `value` against the named component schema, with the path it was found at. */
	check(schemaName: string, value: unknown, path = ''): Violation[] {
		const out: Violation[] = [];
		this.visit(this.schema(schemaName), value, path, { inLinks: false, required: true }, out);
		return out;
	}

	schema(name: string): Schema {
		const found = this.doc.components.schemas[name];
		if (!found) throw new Error(`No schema ${name} in this OpenAPI file`);
		return found;
	}

	private resolve(schema: Schema): Schema {
		let s = schema;
		for (let hops = 0; s.$ref; hops++) {
			if (hops > 20) throw new Error(`$ref loop at ${schema.$ref}`);
			const m = /^#\/components\/schemas\/(.+)$/.exec(s.$ref);
			if (!m) throw new Error(`Unsupported $ref ${s.$ref}`);
			s = this.schema(m[1]);
		}
		return s;
	}

	private visit(raw: Schema, value: unknown, path: string, at: Position, out: Violation[]): void {
		const schema = this.resolve(raw);
		const where = path || '/';
		if (value === null) {
			const allowed =
				schema.nullable === true || (this.direction === 'response' ? !at.required : at.inLinks && !at.required);
			if (!allowed) out.push({ path: where, message: `must not be null (${schema.type ?? 'value'} expected)` });
			return;
		}
		const type = schema.type ?? (schema.properties ? 'object' : undefined);
		if (type === 'integer' && at.inLinks && this.direction === 'response' && typeof value === 'string' && /^\d+$/.test(value)) {
			return; // a link id served as a string of digits
		}
		if (type && !matchesType(type, value)) {
			out.push({ path: where, message: `must be ${type === 'integer' ? 'an integer' : `of type ${type}`}; got ${typeOf(value)} ${JSON.stringify(value)}` });
			return;
		}
		if (schema.enum && !schema.enum.includes(value)) {
			out.push({ path: where, message: `must be one of ${schema.enum.map((e) => JSON.stringify(e)).join(', ')}; got ${JSON.stringify(value)}` });
		}
		if (typeof value === 'string') {
			const problem = formatProblem(schema.format, value);
			if (problem) out.push({ path: where, message: problem });
		}
		if (typeof value === 'number' && schema.multipleOf) {
			const steps = value / schema.multipleOf;
			if (Math.abs(steps - Math.round(steps)) > 1e-9) out.push({ path: where, message: `must be a multiple of ${schema.multipleOf}; got ${value}` });
		}
		if (Array.isArray(value) && schema.items) {
			value.forEach((v, i) => this.visit(schema.items!, v, `${path}/${i}`, { inLinks: at.inLinks, required: true }, out));
		}
		if (type === 'object' && typeOf(value) === 'object') {
			this.visitObject(schema, value as Record<string, unknown>, path, at.inLinks || at.isLinksObject === true, out);
		}
	}

	private visitObject(schema: Schema, value: Record<string, unknown>, path: string, membersAreLinks: boolean, out: Violation[]): void {
		const properties = schema.properties ?? {};
		const required = new Set(schema.required ?? []);
		for (const name of required) {
			if (!(name in value)) out.push({ path: `${path}/${name}`, message: 'is required but missing' });
		}
		for (const [name, v] of Object.entries(value)) {
			const property = properties[name];
			const childPath = `${path}/${name}`;
			if (!property) {
				if (schema.additionalProperties === true) continue;
				if (schema.additionalProperties && typeof schema.additionalProperties === 'object') {
					this.visit(schema.additionalProperties, v, childPath, { inLinks: membersAreLinks, required: false }, out);
					continue;
				}
				const known = Object.keys(properties);
				out.push({ path: childPath, message: `is not in the schema (known: ${known.join(', ') || 'none'})` });
				continue;
			}
			if (this.direction === 'request' && this.resolve(property).readOnly) {
				out.push({ path: childPath, message: 'is read-only and must not be sent' });
				continue;
			}
			this.visit(property, v, childPath, { inLinks: membersAreLinks, required: required.has(name), isLinksObject: name === 'links' }, out);
		}
	}
}

/** Violations as one line each, for a readable test failure. */
export function formatViolations(violations: Violation[]): string {
	return violations.map((v) => `${v.path} ${v.message}`).join('\n');
}
