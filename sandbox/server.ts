/**
 * The sandbox's HTTP server: routes the Actionstep API (/api/rest, /api/oauth), the loopback admin endpoints
 * (/_sandbox) and the phone-system corners (/ringcentral, /hostedsuite), applies faults and logs REST requests.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { type AdminDeps, handleAdminAsync } from './admin';
import type { FaultDecision, FaultEngine } from './faults';
import { API_MEDIA_TYPE, ApiError, errorReply, headerValue, queryObject, type Reply, type SandboxRequest } from './http';
import type { RequestLog } from './log';
import type { OAuthServer } from './oauth';
import { foreignBrowserReason } from './origin';
import { withoutFilters } from './query';
import { redactQueryString, redactUrlPath, redactValue } from './redact';
import type { RestApi } from './rest';

const MAX_BODY_BYTES = 5 * 1024 * 1024;

export interface ServerDeps {
	rest: RestApi;
	oauth: OAuthServer;
	faults: FaultEngine;
	log: RequestLog;
	admin: AdminDeps;
	/** The phone-system corners by mount ('/ringcentral', '/hostedsuite'): each answers every path under it. */
	corners: Record<string, (r: SandboxRequest) => Reply | Promise<Reply>>;
	quiet: boolean;
	/** The base URL the sandbox advertises (--public-url or http://host:port): its host is trusted in Host headers. */
	publicUrl: () => string;
	/** What GET / answers: a pointer to the useful URLs. */
	info: () => unknown;
}

export interface SandboxServer {
	server: Server;
	/** Stops listening, destroys open sockets and cancels pending delays. */
	close(): Promise<void>;
}

function readBody(req: IncomingMessage): Promise<{ body: Buffer; tooLarge: boolean }> {
	return new Promise((resolve, reject) => {
		const chunks: Buffer[] = [];
		let size = 0;
		let tooLarge = false;
		req.on('data', (c: Buffer) => {
			size += c.length;
			if (size > MAX_BODY_BYTES) tooLarge = true;
			else chunks.push(c);
		});
		req.on('end', () => resolve({ body: Buffer.concat(chunks), tooLarge }));
		req.on('error', reject);
	});
}

function parsedBodyForLog(body: Buffer): unknown {
	const text = body.toString('utf8');
	if (!text) return null;
	try {
		return JSON.parse(text);
	} catch {
		return text;
	}
}

function serialise(reply: Reply, malformed: boolean): { headers: Record<string, string | number>; payload: string | null } {
	const headers: Record<string, string | number> = { ...(reply.headers ?? {}) };
	let payload: string | null = null;
	if (reply.json !== undefined) {
		payload = JSON.stringify(reply.json);
		// Cut the body off mid-value: valid-looking start, invalid JSON, correct Content-Length.
		if (malformed) payload = payload.slice(0, Math.max(1, Math.floor(payload.length / 2)));
		headers['Content-Type'] = reply.contentType ?? API_MEDIA_TYPE;
	} else if (reply.text !== undefined) {
		payload = reply.text;
		headers['Content-Type'] = reply.contentType ?? 'text/plain; charset=utf-8';
	}
	if (payload !== null) headers['Content-Length'] = Buffer.byteLength(payload);
	return { headers, payload };
}

export function createSandboxServer(d: ServerDeps): SandboxServer {
	const sockets = new Set<Socket>();
	const stop = new AbortController();

	/** Admin endpoints and the consent decision change state: a web page that reached them by rebinding or cross-site is refused. */
	const refuseForeignBrowser = (r: SandboxRequest): void => {
		const reason = foreignBrowserReason(r, d.publicUrl());
		if (reason) throw ApiError.of(403, 'Forbidden', reason);
	};

	const route = async (r: SandboxRequest): Promise<Reply> => {
		const p = r.path;
		if (p === '/api/rest' || p.startsWith('/api/rest/')) return d.rest.handle(r);
		if (p === '/api/oauth/authorize') {
			if (r.method !== 'GET') throw ApiError.of(405, 'Method Not Allowed', 'Use GET.', { headers: { Allow: 'GET' } });
			return d.oauth.authorize(r);
		}
		if (p === '/api/oauth/authorize/decision') {
			if (r.method !== 'GET' && r.method !== 'POST') throw ApiError.of(405, 'Method Not Allowed', 'Use GET or POST.', { headers: { Allow: 'GET, POST' } });
			refuseForeignBrowser(r);
			return d.oauth.decide(r);
		}
		if (p === '/api/oauth/token') return d.oauth.token(r);
		if (p === '/_sandbox' || p.startsWith('/_sandbox/')) {
			refuseForeignBrowser(r);
			return handleAdminAsync(r, d.admin);
		}
		for (const [mount, corner] of Object.entries(d.corners)) {
			if (p !== mount && !p.startsWith(`${mount}/`)) continue;
			if (p.startsWith(`${mount}/_sandbox/`)) refuseForeignBrowser(r);
			return corner(r);
		}
		if ((p === '/' || p === '/api' || p === '/api/') && r.method === 'GET') return { status: 200, contentType: 'application/json', json: d.info() };
		throw ApiError.of(404, 'Not Found', `No route for ${r.method} ${p}.`);
	};

	const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
		const started = Date.now();
		const method = (req.method ?? 'GET').toUpperCase();
		const rawUrl = req.url ?? '/';
		const qi = rawUrl.indexOf('?');
		const rawPath = qi < 0 ? rawUrl : rawUrl.slice(0, qi);
		const rawQuery = qi < 0 ? '' : rawUrl.slice(qi + 1);
		let path = rawPath;
		let badPath = false;
		try {
			path = decodeURIComponent(rawPath);
		} catch {
			badPath = true;
		}
		const { body, tooLarge } = await readBody(req);
		const r: SandboxRequest = {
			method,
			rawPath,
			rawQuery,
			path,
			query: new URLSearchParams(rawQuery),
			headers: req.headers,
			body,
			remoteAddress: req.socket.remoteAddress ?? '',
		};
		const isRest = path === '/api/rest' || path.startsWith('/api/rest/');
		const faulted = isRest || (path === '/api/oauth/token' && d.faults.appliesToOAuthToken());
		const decision: FaultDecision = faulted ? d.faults.decide(method) : { latencyMs: 0 };
		let fault = decision.fault ?? null;

		const finish = (status: number | null) => {
			if (!d.quiet) console.log(`${method} ${redactUrlPath(rawUrl)} → ${status ?? 'reset'}${fault ? ` [${fault}]` : ''}`);
			if (!isRest) return;
			d.log.add({
				seq: d.log.nextSeq(),
				time: new Date(started).toISOString(),
				method,
				path,
				rawPath,
				// Secrets (tokens, codes, hook target query values) never enter the log.
				query: redactValue(queryObject(r.query)) as Record<string, string | string[]>,
				rawQuery: redactQueryString(rawQuery),
				headers: {
					contentType: headerValue(req.headers, 'content-type'),
					accept: headerValue(req.headers, 'accept'),
					authorization: req.headers.authorization !== undefined,
					userAgent: headerValue(req.headers, 'user-agent'),
				},
				body: redactValue(parsedBodyForLog(body)),
				status,
				fault,
				latencyMs: decision.latencyMs,
				durationMs: Date.now() - started,
			});
		};

		if (decision.latencyMs) await sleep(decision.latencyMs, undefined, { signal: stop.signal });
		if (decision.resetBefore) {
			req.socket.destroy();
			return finish(null);
		}

		if (decision.slowBeforeMs) await sleep(decision.slowBeforeMs, undefined, { signal: stop.signal });
		let reply: Reply;
		if (decision.reply) reply = decision.reply;
		else if (tooLarge) reply = errorReply(ApiError.of(413, 'Payload Too Large', `Bodies are limited to ${MAX_BODY_BYTES} bytes.`));
		else if (badPath) reply = errorReply(ApiError.of(400, 'Bad Request', 'The path is not valid percent-encoding.'));
		else {
			try {
				const refused = decision.refuseFilters && withoutFilters(r.query, decision.refuseFilters);
				if (refused && [...refused].length !== [...r.query].length) {
					throw ApiError.of(400, 'Bad Request', 'This filter is not supported.');
				}
				reply = await route(decision.ignoreFilters ? { ...r, query: withoutFilters(r.query, decision.ignoreFilters) } : r);
			} catch (e) {
				if (e instanceof ApiError) reply = errorReply(e);
				else {
					if (!d.quiet) console.error(e);
					reply = errorReply(ApiError.of(500, 'Internal Server Error', `Sandbox error: ${(e as Error).message}`));
				}
			}
		}

		if (decision.slowMs) await sleep(decision.slowMs, undefined, { signal: stop.signal });
		if (decision.resetAfter) {
			req.socket.destroy();
			return finish(null);
		}
		// Malformed JSON needs a body to break; a bodiless reply (204) goes out untouched.
		if (decision.malformed && reply.json === undefined) fault = null;
		const { headers, payload } = serialise(reply, !!decision.malformed);
		res.writeHead(reply.status, headers);
		res.end(payload ?? undefined);
		finish(reply.status);
	};

	const server = createServer((req, res) => {
		handle(req, res).catch((e) => {
			// Aborted sleeps on close land here; anything else is a bug worth seeing.
			if (!stop.signal.aborted && !d.quiet) console.error(e);
			if (!res.headersSent && !res.destroyed) {
				res.writeHead(500, { 'Content-Type': API_MEDIA_TYPE });
				res.end(JSON.stringify({ errors: [{ status: '500', title: 'Internal Server Error', detail: String(e) }] }));
			}
		});
	});
	server.on('connection', (s: Socket) => {
		sockets.add(s);
		s.on('close', () => sockets.delete(s));
	});

	return {
		server,
		close: () =>
			new Promise<void>((resolve) => {
				stop.abort();
				server.close(() => resolve());
				for (const s of sockets) s.destroy();
			}),
	};
}
