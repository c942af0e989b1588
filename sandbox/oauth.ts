/**
 * OAuth2 tokens as Actionstep runs them (notes §1): the token endpoint (form-encoded requests, client
 * credentials in the body or as HTTP Basic, the authorization_code and refresh_token grants), a token response
 * carrying the per-organisation `api_endpoint` and `orgkey`, rotating refresh tokens, and the access check the
 * REST API makes. The consent page and its codes are oauthAuthorize.ts.
 */
import { timingSafeEqual } from 'node:crypto';
import { headerValue, mediaType, type Reply, type SandboxRequest } from './http';
import { AuthorizationFlow } from './oauthAuthorize';
import { newToken, splitScopes, type Grant, type GrantUser } from './oauthGrant';
import type { IssueTokenOptions, TokenExchange, TokenResponse } from './types';

export const ORG_KEY = 'harbourside';

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
	/** Told about every answer of the token endpoint (SandboxOptions.onTokenExchange). */
	onTokenExchange?: (exchange: TokenExchange) => void;
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

export interface TokenSnapshot {
	access: AccessToken[];
	refresh: RefreshToken[];
}

export type AccessCheck = { ok: true; userId: number; scopes: string[] } | { ok: false; reason: 'missing' | 'invalid' | 'expired' };

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

/** The form a token request carried, empty when it was not a form. */
function tokenForm(req: SandboxRequest): URLSearchParams {
	return mediaType(req.headers) === 'application/x-www-form-urlencoded' ? new URLSearchParams(req.body.toString('utf8')) : new URLSearchParams();
}

export class OAuthServer {
	private access = new Map<string, AccessToken>();
	private refresh = new Map<string, RefreshToken>();
	private readonly authorization: AuthorizationFlow;

	constructor(private readonly o: OAuthOptions) {
		this.authorization = new AuthorizationFlow(o);
	}

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

	// ---- GET /api/oauth/authorize, GET or POST /api/oauth/authorize/decision (the consent form) ----

	authorize(req: SandboxRequest): Reply {
		return this.authorization.authorize(req);
	}

	decide(req: SandboxRequest): Reply {
		return this.authorization.decide(req);
	}

	// ---- POST /api/oauth/token ----

	token(req: SandboxRequest): Reply {
		const at = Date.now();
		const reply = this.answerToken(req);
		if (this.o.onTokenExchange) {
			const form = tokenForm(req);
			const json = (reply.json ?? {}) as { error?: string; refresh_token?: string };
			this.o.onTokenExchange({
				at,
				grantType: form.get('grant_type'),
				refreshToken: form.get('refresh_token'),
				status: reply.status,
				error: json.error ?? null,
				issuedRefreshToken: json.refresh_token ?? null,
			});
		}
		return reply;
	}

	private answerToken(req: SandboxRequest): Reply {
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
		const grant = this.authorization.redeem(codeValue, clientId, form.get('redirect_uri'));
		if ('refused' in grant) return oauthError(400, 'invalid_grant', grant.refused);
		return this.tokenReply(this.issue(grant));
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
