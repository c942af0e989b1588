import type { IDataObject } from 'n8n-workflow';

/**
 * What Actionstep POSTs to a REST hook's target (notes §8), read into one plain record. Two shapes exist:
 * the current JSON:API-style `{"data":{type,id,attributes,relationships},"meta":{"debug":{"resthook":
 * {id,event_name,…}}}}`, and the older one "in the same format as if you had done a regular GET"
 * (`{"tasks":[{…}]}`). Either becomes `{id, …attributes, links}` with ids as numbers and `T`/`F` as
 * booleans, the way the rest of this package hands records to n8n.
 */

export interface ResthookEvent {
	/** `meta.debug.resthook.event_name`, when Actionstep sent it. */
	eventName?: string;
	/** `meta.debug.resthook.id`: the hook that fired. */
	hookId?: number;
	/** The resource the record belongs to (`data.type`, or the old format's key), e.g. `tasks`. */
	resource?: string;
	/** The record id: a number, or a composite id such as `"2001--31--105"` kept as text. */
	id?: number | string;
	/** The record, normalised. */
	record: IDataObject;
}

function isObject(value: unknown): value is IDataObject {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** "21188" → 21188; composite ids ("33--1") and anything else stay as they are. */
export function idValue(value: unknown): unknown {
	if (typeof value === 'string' && /^\d{1,15}$/.test(value)) return Number(value);
	return value;
}

/** Attribute names Actionstep uses for T/F flags that do not start with is/has/… */
const FLAG_NAMES = new Set(['multipleRecords', 'confirmedNonBillable', 'triggerWeekdaysOnly', 'canDelete', 'canWrite']);
const FLAG_PATTERN = /^(is|has|can|allow|show|use|include|enable)[A-Z0-9]/;

/** Numeric attributes that webhook payloads carry as text ("0.25"). Codes such as phone areas stay text. */
const NUMBER_NAMES = new Set([
	'priority',
	'quantity',
	'participantNumber',
	'expectedDurationValue',
	'triggerOffset',
	'completeDuringStep',
	'completeBeforeStep',
	'fileSize',
]);
const NUMBER_PATTERN = /(Hours|Amount|Price|Seconds)$/;

export function isFlagName(name: string): boolean {
	return FLAG_NAMES.has(name) || FLAG_PATTERN.test(name);
}

export function isNumberName(name: string): boolean {
	return NUMBER_NAMES.has(name) || NUMBER_PATTERN.test(name);
}

/** One attribute value: `T`/`F` on a flag → boolean, a numeric text on a numeric field → number. */
export function attributeValue(name: string, value: unknown): unknown {
	if ((value === 'T' || value === 'F') && isFlagName(name)) return value === 'T';
	if (typeof value === 'string' && isNumberName(name) && /^-?\d{1,15}(\.\d+)?$/.test(value.trim())) return Number(value);
	return value;
}

function linkValue(value: unknown): unknown {
	return Array.isArray(value) ? value.map(idValue) : idValue(value);
}

/**
 * A record as Actionstep returns it from GET (`{id, …fields, links:{…}}`) or as the old webhook format
 * carries it, normalised: id and link ids numbers, flags booleans, numeric texts numbers.
 */
export function normaliseActionstepRecord(raw: IDataObject): IDataObject {
	const out: IDataObject = {};
	for (const [name, value] of Object.entries(raw)) {
		if (name === 'id') out.id = idValue(value) as IDataObject[string];
		else if (name === 'links' && isObject(value)) {
			const links: IDataObject = {};
			for (const [link, target] of Object.entries(value)) links[link] = linkValue(target) as IDataObject[string];
			out.links = links;
		} else out[name] = attributeValue(name, value) as IDataObject[string];
	}
	return out;
}

/** `{"data":{"type","id"}}`, `{"data":[…]}` or `{"data":null}` → id, ids or null. */
function relationshipTarget(value: unknown): unknown {
	const data = isObject(value) && 'data' in value ? value.data : value;
	if (Array.isArray(data)) return data.map((d) => (isObject(d) ? idValue(d.id) : idValue(d)));
	if (isObject(data)) return idValue(data.id);
	if (data === null || data === undefined) return null;
	return idValue(data);
}

function readMeta(body: IDataObject): { eventName?: string; hookId?: number } {
	const meta = isObject(body.meta) ? body.meta : undefined;
	const debug = meta && isObject(meta.debug) ? meta.debug : undefined;
	const hook = debug && isObject(debug.resthook) ? debug.resthook : undefined;
	if (!hook) return {};
	const eventName = typeof hook.event_name === 'string' && hook.event_name.trim() ? hook.event_name.trim() : undefined;
	const id = idValue(hook.id);
	return { eventName, hookId: typeof id === 'number' ? id : undefined };
}

/** Reads a REST-hook body; undefined when it is neither of Actionstep's shapes. */
export function parseResthookPayload(body: unknown): ResthookEvent | undefined {
	if (!isObject(body)) return undefined;
	const meta = readMeta(body);
	if (isObject(body.data)) {
		const data = body.data;
		const record: IDataObject = { id: idValue(data.id) as IDataObject[string] };
		if (isObject(data.attributes)) {
			for (const [name, value] of Object.entries(data.attributes)) {
				if (name === 'id' || name === 'links') continue;
				record[name] = attributeValue(name, value) as IDataObject[string];
			}
		}
		const links: IDataObject = {};
		if (isObject(data.relationships)) {
			for (const [name, value] of Object.entries(data.relationships)) links[name] = relationshipTarget(value) as IDataObject[string];
		}
		record.links = links;
		return {
			...meta,
			resource: typeof data.type === 'string' ? data.type : undefined,
			id: record.id as number | string | undefined,
			record,
		};
	}
	// The older shape: the resource's own envelope, one record or a one-element array.
	const keys = Object.keys(body).filter((k) => k !== 'meta' && k !== 'links' && k !== 'linked' && k !== 'jsonapi');
	for (const key of keys) {
		const value = body[key];
		const raw = Array.isArray(value) ? value.find(isObject) : isObject(value) ? value : undefined;
		if (raw && 'id' in raw) {
			const record = normaliseActionstepRecord(raw);
			return { ...meta, resource: key, id: record.id as number | string | undefined, record };
		}
	}
	return undefined;
}
