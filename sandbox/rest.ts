/**
 * The data API under /api/rest/: bearer authentication, scopes, media types, method routing and the
 * collection / by-id / write flows. Resource-specific rules live in resources/*, query parsing in query.ts,
 * the response shape in envelope.ts.
 */
import { collectionBody, singleBody } from './envelope';
import { API_MEDIA_TYPE, ApiError, headerValue, mediaType, type Reply, type SandboxRequest } from './http';
import type { OAuthServer } from './oauth';
import { parseListQuery } from './query';
import { applyFilters, applySort, collectLinked, paginate } from './queryResults';
import { resourceDef } from './resources';
import { findByWireId, parseIdSegment } from './resources/ids';
import type { Operation, ResourceDef, RuleContext } from './resources/types';
import { checkLinkTargets, parseWriteInput, unwrapBody } from './resources/write';
import type { Store } from './store';
import type { SandboxRules, StoredRecord } from './types';

export interface RestDeps {
	store: Store;
	oauth: OAuthServer;
	rules: Required<SandboxRules>;
	apiEndpoint: () => string;
	/** REST hooks may target non-loopback hosts. */
	allowRemoteHookTargets?: boolean;
	/** Told after each successful create or update (REST-hook events come from here). */
	onWrite?: (resource: ResourceDef['name'], operation: 'create' | 'update', record: StoredRecord) => void;
}

/** Request bodies may be Actionstep's media type or plain JSON (n8n's helpers send the latter unless told). */
const BODY_MEDIA_TYPES = [API_MEDIA_TYPE, 'application/json'];

const METHOD_FOR: Record<Operation, string> = { list: 'GET', get: 'GET', create: 'POST', update: 'PUT', delete: 'DELETE' };

function allowHeader(def: ResourceDef, item: boolean): string {
	const ops: Operation[] = item ? ['get', 'update', 'delete'] : ['list', 'create'];
	return [...new Set(ops.filter((o) => def.operations.includes(o)).map((o) => METHOD_FOR[o])), 'OPTIONS'].join(', ');
}

function unauthorized(reason: 'missing' | 'invalid' | 'expired'): ApiError {
	const detail = {
		missing: 'An access token is required: send Authorization: Bearer <access_token>.',
		invalid: 'The access token is not valid.',
		expired: 'The access token has expired; refresh it.',
	}[reason];
	return ApiError.of(401, 'Unauthorized', detail, {
		headers: { 'WWW-Authenticate': `Bearer realm="actionstep", error="invalid_token", error_description="${detail}"` },
	});
}

/** Accept must allow JSON in some form; a client asking only for, say, XML gets 406 (notes §5). */
function acceptable(accept: string | null): boolean {
	if (!accept) return true;
	return accept
		.split(',')
		.map((p) => p.split(';')[0].trim().toLowerCase())
		.some((t) => ['*/*', 'application/*', API_MEDIA_TYPE, 'application/json'].includes(t));
}

export class RestApi {
	constructor(private readonly d: RestDeps) {}

	handle(req: SandboxRequest): Reply {
		const segments = req.path.replace(/^\/api\/rest\/?/, '').split('/').filter(Boolean);
		const auth = this.d.oauth.checkAccess(headerValue(req.headers, 'authorization'));
		if (!auth.ok) throw unauthorized(auth.reason);
		const def = segments.length ? resourceDef(segments[0]) : undefined;
		if (!def) throw ApiError.of(404, 'Not Found', segments.length ? `Unknown resource "${segments[0]}".` : 'Name a resource, e.g. /api/rest/phonerecords.');
		if (!auth.scopes.includes('all') && !auth.scopes.includes(def.scope)) {
			throw ApiError.of(403, 'insufficient_scope', `The access token lacks the "${def.scope}" scope needed for ${def.name}. Scopes are fixed at authorization; authorize again with it.`, {
				headers: { 'WWW-Authenticate': `Bearer realm="actionstep", error="insufficient_scope", scope="${def.scope}"` },
			});
		}
		if (segments.length > 2) throw ApiError.of(404, 'Not Found', `No such path: ${req.path}.`);
		if (!acceptable(headerValue(req.headers, 'accept'))) {
			throw ApiError.of(406, 'Not Acceptable', `Accept must allow ${API_MEDIA_TYPE}.`);
		}
		const ctx: RuleContext = {
			store: this.d.store,
			rules: this.d.rules,
			now: Date.now(),
			userId: auth.userId,
			allowRemoteHookTargets: this.d.allowRemoteHookTargets ?? false,
		};
		const item = segments.length === 2;
		if (req.method === 'OPTIONS') return { status: 204, headers: { Allow: allowHeader(def, item) } };

		const op = this.operation(req.method, item);
		if (!op || !def.operations.includes(op)) {
			throw ApiError.of(405, 'Method Not Allowed', `${req.method} is not supported on ${item ? `${def.name}/{id}` : def.name}.`, {
				headers: { Allow: allowHeader(def, item) },
			});
		}
		if (op === 'list') return this.list(def, req, this.d.store.all(def.name));
		if (op === 'create') return this.create(def, req, ctx);

		const special = def.special?.[segments[1]];
		if (special) {
			if (op !== 'get') throw ApiError.of(405, 'Method Not Allowed', `${def.name}/${segments[1]} is read-only.`, { headers: { Allow: 'GET, OPTIONS' } });
			const rec = special(ctx);
			if (!rec) throw ApiError.of(404, 'Not Found', `No ${def.name}/${segments[1]}.`);
			return this.list(def, req, [rec]);
		}
		const ids = this.parseIds(def, segments[1]);
		if (op === 'get') {
			const found = ids.map((id) => findByWireId(def, this.d.store, id)).filter((r): r is StoredRecord => !!r);
			if (!found.length) throw ApiError.of(404, 'Not Found', `No ${def.name} with id ${ids.join(', ')}.`);
			return this.list(def, req, found);
		}
		if (op === 'update') {
			if (ids.length !== 1) throw ApiError.of(400, 'Bad Request', `PUT takes one id; got ${ids.join(',')}.`);
			return this.update(def, req, ctx, ids[0]);
		}
		return this.remove(def, ctx, ids);
	}

	private operation(method: string, item: boolean): Operation | undefined {
		if (method === 'GET') return item ? 'get' : 'list';
		if (method === 'POST' && !item) return 'create';
		if (method === 'PUT' && item) return 'update';
		if (method === 'DELETE' && item) return 'delete';
		return undefined;
	}

	/** `5001` or `5001,5002,5003` (notes §2: several ids in one call); `2001--5--101` for a composite id. */
	private parseIds(def: ResourceDef, segment: string): string[] {
		const ids = parseIdSegment(def, segment);
		if (!ids) throw ApiError.of(404, 'Not Found', `"${segment}" is not a ${def.name} id or list of ids.`);
		return ids;
	}

	/** Collections, GET by id(s) and users/current all answer in the collection envelope. */
	private list(def: ResourceDef, req: SandboxRequest, records: StoredRecord[]): Reply {
		const q = parseListQuery(def, req.query);
		const filtered = applySort(applyFilters(records, q.filters, this.d.store), q.sort);
		const { rows, recordCount, pageCount } = paginate(filtered, q.page, q.pageSize);
		// No matching records (or a page past the end): 204 with no body (notes §3, WIKI-ERR).
		if (!rows.length) return { status: 204 };
		const api = this.d.apiEndpoint();
		const pageUrl = (page: number) => {
			const params = new URLSearchParams(req.query);
			params.set('page', String(page));
			return `${api}rest/${req.path.replace(/^\/api\/rest\//, '')}?${params.toString()}`;
		};
		const single = this.d.rules.singleObject === 'total' ? recordCount === 1 : rows.length === 1;
		return {
			status: 200,
			json: collectionBody({
				def,
				rows,
				paging: {
					recordCount,
					pageCount,
					page: q.page,
					pageSize: q.pageSize,
					prevPage: q.page > 1 ? pageUrl(Math.min(q.page - 1, pageCount)) : null,
					nextPage: q.page < pageCount ? pageUrl(q.page + 1) : null,
				},
				linked: collectLinked(rows, q.include, this.d.store),
				fields: q.fields,
				apiEndpoint: api,
				single,
			}),
		};
	}

	private readBody(def: ResourceDef, req: SandboxRequest): Record<string, unknown> {
		const type = mediaType(req.headers);
		if (!type || !BODY_MEDIA_TYPES.includes(type)) {
			throw ApiError.of(415, 'Unsupported Media Type', `Send the body as ${API_MEDIA_TYPE} (or application/json); got ${type ?? 'no Content-Type'}.`);
		}
		const text = req.body.toString('utf8');
		if (!text.trim()) throw ApiError.of(400, 'Bad Request', `A body is required: {"${def.name}": {...}}.`);
		let parsed: unknown;
		try {
			parsed = JSON.parse(text);
		} catch (e) {
			throw ApiError.of(400, 'Bad Request', `The body is not valid JSON: ${(e as Error).message}`);
		}
		return unwrapBody(def, parsed);
	}

	private create(def: ResourceDef, req: SandboxRequest, ctx: RuleContext): Reply {
		const input = parseWriteInput(def, this.readBody(def, req));
		checkLinkTargets(def, input.links, this.d.store);
		const rec = def.create?.(input, ctx);
		if (!rec) throw ApiError.of(405, 'Method Not Allowed', `${def.name} cannot be created.`);
		const stored = this.d.store.insert(def.name, rec);
		this.d.onWrite?.(def.name, 'create', stored);
		return { status: 200, json: singleBody(def, stored) };
	}

	private update(def: ResourceDef, req: SandboxRequest, ctx: RuleContext, wire: string): Reply {
		const existing = findByWireId(def, this.d.store, wire);
		const body = this.readBody(def, req);
		if (!existing) throw ApiError.of(404, 'Not Found', `No ${def.name} with id ${wire}.`);
		const id = existing.id;
		const input = parseWriteInput(def, body);
		checkLinkTargets(def, input.links, this.d.store);
		const rec = def.update?.(structuredClone(existing), input, ctx);
		if (!rec) throw ApiError.of(405, 'Method Not Allowed', `${def.name} cannot be updated.`);
		this.d.store.replace(def.name, { ...rec, id });
		this.d.onWrite?.(def.name, 'update', { ...rec, id });
		return { status: 200, json: singleBody(def, { ...rec, id }) };
	}

	/** All or nothing: every id must exist and be deletable. */
	private remove(def: ResourceDef, ctx: RuleContext, wires: string[]): Reply {
		const records = wires.map((wire) => findByWireId(def, this.d.store, wire));
		const missing = wires.filter((_wire, i) => !records[i]);
		if (missing.length) throw ApiError.of(404, 'Not Found', `No ${def.name} with id ${missing.join(', ')}.`);
		for (const rec of records) def.beforeDelete?.(rec as StoredRecord, ctx);
		this.d.store.remove(def.name, records.map((rec) => (rec as StoredRecord).id));
		return { status: 204 };
	}
}
