/**
 * OAuth2 as Actionstep runs it (notes §1): authorization-code grant plus refresh, form-encoded token
 * requests, client credentials in the body or as HTTP Basic, scopes as resource names (`all` = everything),
 * a token response carrying the per-organisation `api_endpoint` and `orgkey`, and rotating refresh tokens.
 * Redirect URIs are registered per client (isRegisteredRedirectUri); any other is refused with an error page.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { escapeHtml, headerValue, mediaType, type Reply, type SandboxRequest } from './http';
import { isLoopbackUrl } from './resources/resthooks';
import type { IssueTokenOptions, TokenResponse } from './types';

export const ORG_KEY = 'harbourside';
/** Authorization codes live 10 minutes and work once. */
const CODE_TTL_MS = 10 * 60_000;

export interface GrantUser {
	id: number;
	name: string;
	email: string;
}

export interface OAuthOptions {
	clientId: string;
	clientSecret: string;
	accessTokenTtl: number;
	refreshTokenTtl: number;
	apiEndpoint: () => string;
	users: () => GrantUser[];
	autoApprove: boolean;
	/** Redirect URIs registered for the client besides n8n's loopback callbacks (exact match). */
	redirectUris: string[];
	/** Called when tokens change, for persistence. */
	onChange: () => void;
}

interface Grant {
	userId: number;
	scopes: string[];
	clientId: string;
	/** redirect_uri of the original authorization; a refresh that sends one must match it (SETH "Must match original"). */
	redirectUri: string | null;
}

interface AccessToken extends Grant {
	token: string;
	expiresAt: number;
}

interface RefreshToken extends Grant {
	token: string;
	expiresAt: number;
	usedAt: number | null;
}

interface AuthCode extends Grant {
	code: string;
	expiresAt: number;
	used: boolean;
}

interface PendingAuthorization {
	id: string;
	clientId: string;
	redirectUri: string;
	scope: string;
	state: string | null;
	expiresAt: number;
}

export interface TokenSnapshot {
	access: AccessToken[];
	refresh: RefreshToken[];
}

export type AccessCheck = { ok: true; userId: number; scopes: string[] } | { ok: false; reason: 'missing' | 'invalid' | 'expired' };

const newToken = (prefix: string) => `${prefix}${randomBytes(24).toString('hex')}`;

/** Space-separated, as Actionstep documents; commas tolerated. */
export const splitScopes = (scope: string) => scope.split(/[\s,]+/).filter(Boolean);

function safeEqual(a: string, b: string): boolean {
	const ba = Buffer.from(a);
	const bb = Buffer.from(b);
	return ba.length === bb.length && timingSafeEqual(ba, bb);
}

function oauthError(status: number, error: string, description: string, headers: Record<string, string> = {}): Reply {
	return {
		status,
		headers: { 'Cache-Control': 'no-store', Pragma: 'no-cache', ...headers },
		contentType: 'application/json',
		json: { error, error_description: description },
	};
}

function redirect(location: string): Reply {
	return { status: 302, headers: { Location: location, 'Cache-Control': 'no-store' }, text: '', contentType: 'text/plain' };
}

function withParams(uri: string, params: Record<string, string | null>): string {
	const u = new URL(uri);
	for (const [k, v] of Object.entries(params)) if (v !== null) u.searchParams.set(k, v);
	return u.toString();
}

/** The callback path n8n's OAuth2 credentials use. */
export const N8N_CALLBACK_PATH = '/rest/oauth2-credential/callback';

/**
 * Whether a redirect_uri is registered for the client: exactly one of `registered`, or n8n's callback on this
 * machine (http, localhost / 127.0.0.0/8 / [::1], any port, no query or fragment). Anything else could carry
 * the authorization code to a stranger, so it is shown an error page and never redirected to.
 */
export function isRegisteredRedirectUri(uri: string, registered: readonly string[]): boolean {
	if (registered.includes(uri)) return true;
	let url: URL;
	try {
		url = new URL(uri);
	} catch {
		return false;
	}
	// Written out in full and nothing more: no query, fragment, credentials or path tricks.
	return url.protocol === 'http:' && isLoopbackUrl(url) && uri === `http://${url.host}${N8N_CALLBACK_PATH}`;
}

function htmlPage(status: number, title: string, body: string): Reply {
	return {
		status,
		contentType: 'text/html; charset=utf-8',
		text: `<!doctype html><html><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:32rem;margin:3rem auto;padding:0 1rem}button{font-size:1rem;padding:.5rem 1.5rem;margin-right:.5rem}</style>
</head><body><h1>${escapeHtml(title)}</h1>${body}</body></html>`,
	};
}

export class OAuthServer {
	private access = new Map<string, AccessToken>();
	private refresh = new Map<string, RefreshToken>();
	private codes = new Map<string, AuthCode>();
	private pending = new Map<string, PendingAuthorization>();

	constructor(private readonly o: OAuthOptions) {}

	// ---- tokens ----

	issue(grant: Grant, accessTtl = this.o.accessTokenTtl): TokenResponse {
		const now = Date.now();
		const at: AccessToken = { ...grant, token: newToken('sbx_at_'), expiresAt: now + accessTtl * 1000 };
		const rt: RefreshToken = { ...grant, token: newToken('sbx_rt_'), expiresAt: now + this.o.refreshTokenTtl * 1000, usedAt: null };
		this.access.set(at.token, at);
		this.refresh.set(rt.token, rt);
		this.o.onChange();
		// `scope` is left out on purpose: the notes say it may be absent ([I]), so clients must not need it.
		return {
			access_token: at.token,
			token_type: 'bearer',
			expires_in: accessTtl,
			refresh_token: rt.token,
			api_endpoint: this.o.apiEndpoint(),
			orgkey: ORG_KEY,
		};
	}

	/** The scripted path (POST /_sandbox/token, handle.issueToken): what a fresh authorization would give. */
	issueDirect(opts: IssueTokenOptions = {}): TokenResponse {
		const users = this.o.users();
		const userId = opts.userId ?? users[0]?.id ?? 1;
		if (!users.some((u) => u.id === userId)) throw new Error(`No sandbox user ${userId}; users: ${users.map((u) => u.id).join(', ')}`);
		return this.issue({ userId, scopes: splitScopes(opts.scope ?? 'all'), clientId: this.o.clientId, redirectUri: null }, opts.accessTokenTtl);
	}

	checkAccess(authorization: string | null): AccessCheck {
		const m = authorization ? /^Bearer\s+(\S+)\s*$/i.exec(authorization) : null;
		if (!m) return { ok: false, reason: 'missing' };
		const at = this.access.get(m[1]);
		if (!at) return { ok: false, reason: 'invalid' };
		if (at.expiresAt <= Date.now()) return { ok: false, reason: 'expired' };
		return { ok: true, userId: at.userId, scopes: at.scopes };
	}

	expireAccessTokens(): void {
		const now = Date.now();
		for (const at of this.access.values()) at.expiresAt = Math.min(at.expiresAt, now - 1);
		this.o.onChange();
	}

	snapshot(): TokenSnapshot {
		const now = Date.now();
		return {
			access: [...this.access.values()].filter((t) => t.expiresAt > now),
			refresh: [...this.refresh.values()].filter((t) => t.expiresAt > now && t.usedAt === null),
		};
	}

	load(s: TokenSnapshot | undefined): void {
		for (const t of s?.access ?? []) this.access.set(t.token, t);
		for (const t of s?.refresh ?? []) this.refresh.set(t.token, t);
	}

	// ---- GET /api/oauth/authorize ----

	authorize(req: SandboxRequest): Reply {
		const q = req.query;
		const clientId = q.get('client_id');
		const redirectUri = q.get('redirect_uri');
		const state = q.get('state');
		// Without a known client and a usable redirect_uri there is nowhere safe to send an error: show it.
		if (!clientId || clientId !== this.o.clientId) return htmlPage(400, 'Unknown client', `<p>client_id ${escapeHtml(clientId ?? '(missing)')} is not registered with this sandbox.</p>`);
		if (!redirectUri || !isRegisteredRedirectUri(redirectUri, this.o.redirectUris)) {
			return htmlPage(
				400,
				'Invalid redirect_uri',
				`<p>redirect_uri ${escapeHtml(redirectUri ?? '(missing)')} is not registered for ${escapeHtml(clientId)}.</p>
<p>The sandbox accepts n8n's callback on this machine (<code>http://localhost:PORT${N8N_CALLBACK_PATH}</code>, also with 127.0.0.1 or [::1]) and the URIs given with <code>--redirect-uri</code>.</p>`,
			);
		}
		if (q.get('response_type') !== 'code') {
			return redirect(withParams(redirectUri, { error: 'unsupported_response_type', error_description: 'Only response_type=code is supported.', state }));
		}
		const scope = q.get('scope') ?? '';
		if (!splitScopes(scope).length) return redirect(withParams(redirectUri, { error: 'invalid_scope', error_description: 'scope is required.', state }));
		const p: PendingAuthorization = { id: newToken('req_'), clientId, redirectUri, scope, state, expiresAt: Date.now() + CODE_TTL_MS };
		if (this.o.autoApprove) return this.approve(p, this.o.users()[0]?.id ?? 1);
		this.pending.set(p.id, p);
		const options = this.o
			.users()
			.map((u) => `<option value="${u.id}">${escapeHtml(u.name)} &lt;${escapeHtml(u.email)}&gt;</option>`)
			.join('');
		return htmlPage(
			200,
			'Actionstep sandbox: authorize access',
			`<p><strong>${escapeHtml(clientId)}</strong> asks for access to: <code>${escapeHtml(scope)}</code></p>
<form method="post" action="/api/oauth/authorize/decision">
<input type="hidden" name="request_id" value="${escapeHtml(p.id)}">
<p><label>Sign in as <select name="user_id">${options}</select></label></p>
<button type="submit" name="decision" value="allow">Allow</button>
<button type="submit" name="decision" value="deny">Deny</button>
</form>`,
		);
	}

	// ---- GET or POST /api/oauth/authorize/decision (the consent form) ----

	decide(req: SandboxRequest): Reply {
		const params = req.method === 'POST' ? new URLSearchParams(req.body.toString('utf8')) : req.query;
		const id = params.get('request_id') ?? '';
		const p = this.pending.get(id);
		if (!p || p.expiresAt <= Date.now()) return htmlPage(400, 'Authorization request expired', '<p>Start again from the application.</p>');
		this.pending.delete(id);
		if (params.get('decision') !== 'allow') {
			return redirect(withParams(p.redirectUri, { error: 'access_denied', error_description: 'The user denied access.', state: p.state }));
		}
		const userId = Number(params.get('user_id') ?? this.o.users()[0]?.id);
		if (!this.o.users().some((u) => u.id === userId)) return htmlPage(400, 'Unknown user', '<p>Pick one of the listed users.</p>');
		return this.approve(p, userId);
	}

	private approve(p: PendingAuthorization, userId: number): Reply {
		const code: AuthCode = {
			code: newToken('code_'),
			userId,
			scopes: splitScopes(p.scope),
			clientId: p.clientId,
			redirectUri: p.redirectUri,
			expiresAt: Date.now() + CODE_TTL_MS,
			used: false,
		};
		this.codes.set(code.code, code);
		return redirect(withParams(p.redirectUri, { code: code.code, state: p.state }));
	}

	// ---- POST /api/oauth/token ----

	token(req: SandboxRequest): Reply {
		if (req.method !== 'POST') return { ...oauthError(405, 'invalid_request', 'Use POST.'), headers: { Allow: 'POST' } };
		if (mediaType(req.headers) !== 'application/x-www-form-urlencoded') {
			return oauthError(400, 'invalid_request', 'The token request must be application/x-www-form-urlencoded.');
		}
		const form = new URLSearchParams(req.body.toString('utf8'));

		// Client authentication: HTTP Basic (old style, LANCE) or client_id/client_secret in the body.
		let clientId = form.get('client_id');
		let clientSecret = form.get('client_secret');
		const basicHeader = headerValue(req.headers, 'authorization');
		const basic = basicHeader ? /^Basic\s+(\S+)$/i.exec(basicHeader) : null;
		if (basic) {
			const decoded = Buffer.from(basic[1], 'base64').toString('utf8');
			const colon = decoded.indexOf(':');
			// RFC 6749 §2.3.1: both parts are form-urlencoded before being joined.
			const part = (s: string) => {
				try {
					return decodeURIComponent(s.replace(/\+/g, ' '));
				} catch {
					return s;
				}
			};
			clientId = part(colon < 0 ? decoded : decoded.slice(0, colon));
			clientSecret = colon < 0 ? '' : part(decoded.slice(colon + 1));
		}
		if (!clientId || clientSecret === null || !safeEqual(clientId, this.o.clientId) || !safeEqual(clientSecret, this.o.clientSecret)) {
			return oauthError(401, 'invalid_client', 'Client authentication failed (unknown client_id or wrong client_secret).', basic ? { 'WWW-Authenticate': 'Basic realm="actionstep-sandbox"' } : {});
		}

		const grantType = form.get('grant_type');
		if (grantType === 'authorization_code') return this.exchangeCode(form, clientId);
		if (grantType === 'refresh_token') return this.useRefreshToken(form, clientId);
		return oauthError(400, 'unsupported_grant_type', `grant_type must be authorization_code or refresh_token; got ${grantType ?? 'nothing'}.`);
	}

	private exchangeCode(form: URLSearchParams, clientId: string): Reply {
		const codeValue = form.get('code');
		if (!codeValue) return oauthError(400, 'invalid_request', 'code is required.');
		const code = this.codes.get(codeValue);
		if (!code || code.clientId !== clientId) return oauthError(400, 'invalid_grant', 'The authorization code is invalid.');
		if (code.used) return oauthError(400, 'invalid_grant', 'The authorization code has already been used.');
		if (code.expiresAt <= Date.now()) return oauthError(400, 'invalid_grant', 'The authorization code has expired.');
		const redirectUri = form.get('redirect_uri');
		if (redirectUri !== code.redirectUri) {
			return oauthError(400, 'invalid_grant', 'redirect_uri does not match the one used in the authorization request.');
		}
		code.used = true;
		return this.tokenReply(this.issue({ userId: code.userId, scopes: code.scopes, clientId, redirectUri: code.redirectUri }));
	}

	private useRefreshToken(form: URLSearchParams, clientId: string): Reply {
		const value = form.get('refresh_token');
		if (!value) return oauthError(400, 'invalid_request', 'refresh_token is required.');
		const rt = this.refresh.get(value);
		if (!rt || rt.clientId !== clientId) return oauthError(400, 'invalid_grant', 'The refresh token is invalid.');
		if (rt.usedAt !== null) return oauthError(400, 'invalid_grant', 'The refresh token has already been used; refresh tokens rotate, use the newest one.');
		if (rt.expiresAt <= Date.now()) return oauthError(400, 'invalid_grant', 'The refresh token has expired; authorize again.');
		const redirectUri = form.get('redirect_uri');
		if (redirectUri !== null && rt.redirectUri !== null && redirectUri !== rt.redirectUri) {
			return oauthError(400, 'invalid_grant', 'redirect_uri does not match the original authorization.');
		}
		rt.usedAt = Date.now();
		return this.tokenReply(this.issue({ userId: rt.userId, scopes: rt.scopes, clientId, redirectUri: rt.redirectUri }));
	}

	private tokenReply(t: TokenResponse): Reply {
		return { status: 200, headers: { 'Cache-Control': 'no-store', Pragma: 'no-cache' }, contentType: 'application/json', json: t };
	}
}
