/**
 * RingCentral-style OAuth2 for the corner: POST /restapi/oauth/token with the client authenticated by HTTP Basic
 * (as RingCentral requires), grants client_credentials, authorization_code and refresh_token; GET
 * /restapi/oauth/authorize redirects at once with a code (loopback sandbox, no consent page). Bearer tokens are
 * checked on every API call. Errors use RingCentral's body: {error, error_description, errors:[{errorCode, message}]}.
 */
import { randomBytes } from 'node:crypto';
import type { RcTokenResponse } from './types';

const ACCESS_TTL = 3600;
const REFRESH_TTL = 7 * 24 * 3600;
const SCOPE = 'ReadCallLog ReadMessages WebhookSubscriptions';

export interface OAuthReply {
	status: number;
	json: unknown;
}

const token = (prefix: string) => `${prefix}${randomBytes(24).toString('base64url')}`;

function oauthError(status: number, error: string, code: string, message: string): OAuthReply {
	return { status, json: { error, error_description: message, errors: [{ errorCode: code, message }] } };
}

export class RcOAuth {
	private readonly access = new Map<string, number>();
	private readonly refresh = new Map<string, number>();
	private readonly codes = new Map<string, { redirectUri: string; expires: number }>();

	constructor(
		readonly clientId: string,
		readonly clientSecret: string,
		private readonly ownerId: string,
	) {}

	issue(withRefresh: boolean, now = Date.now()): RcTokenResponse {
		const t: RcTokenResponse = {
			access_token: token('U0pDMTFQ'),
			token_type: 'bearer',
			expires_in: ACCESS_TTL,
			scope: SCOPE,
			owner_id: this.ownerId,
			endpoint_id: token('').slice(0, 22),
		};
		this.access.set(t.access_token, now + ACCESS_TTL * 1000);
		if (withRefresh) {
			t.refresh_token = token('U0pDMTFQUlQ');
			t.refresh_token_expires_in = REFRESH_TTL;
			this.refresh.set(t.refresh_token, now + REFRESH_TTL * 1000);
		}
		return t;
	}

	/** True when the Authorization header carries a live access token. */
	bearerOk(authorization: string | undefined, now = Date.now()): boolean {
		const m = /^Bearer\s+(\S+)$/i.exec(authorization ?? '');
		const expires = m ? this.access.get(m[1]) : undefined;
		return expires !== undefined && expires > now;
	}

	/** GET /restapi/oauth/authorize: the redirect to the client's redirect_uri with a code, or an error reply. */
	authorize(query: URLSearchParams): { location: string } | OAuthReply {
		const redirectUri = query.get('redirect_uri') ?? '';
		if (query.get('client_id') !== this.clientId) return oauthError(400, 'invalid_client', 'OAU-101', 'Parameter [client_id] is invalid');
		if (query.get('response_type') !== 'code') return oauthError(400, 'unsupported_response_type', 'OAU-101', 'Parameter [response_type] is invalid');
		let target: URL;
		try {
			target = new URL(redirectUri);
		} catch {
			return oauthError(400, 'invalid_request', 'OAU-101', 'Parameter [redirect_uri] is invalid');
		}
		const code = token('code_');
		this.codes.set(code, { redirectUri, expires: Date.now() + 60_000 });
		target.searchParams.set('code', code);
		const state = query.get('state');
		if (state !== null) target.searchParams.set('state', state);
		return { location: target.toString() };
	}

	/** POST /restapi/oauth/token (form body). */
	token(authorization: string | undefined, form: URLSearchParams): OAuthReply {
		const basic = /^Basic\s+(\S+)$/i.exec(authorization ?? '');
		const [id, secret] = basic ? Buffer.from(basic[1], 'base64').toString('utf8').split(':') : [form.get('client_id'), form.get('client_secret')];
		if (!basic) return oauthError(401, 'invalid_client', 'OAU-123', 'Client authentication is required: send the client id and secret as HTTP Basic');
		if (id !== this.clientId || secret !== this.clientSecret) return oauthError(401, 'invalid_client', 'OAU-153', 'Invalid client: client_id or client_secret is wrong');
		const grant = form.get('grant_type');
		if (grant === 'client_credentials') return { status: 200, json: this.issue(false) };
		if (grant === 'authorization_code') {
			const code = this.codes.get(form.get('code') ?? '');
			this.codes.delete(form.get('code') ?? '');
			if (!code || code.expires < Date.now()) return oauthError(400, 'invalid_grant', 'OAU-109', 'Authorization code is invalid or expired');
			if (form.get('redirect_uri') !== code.redirectUri) return oauthError(400, 'invalid_grant', 'OAU-109', 'Parameter [redirect_uri] does not match the authorization request');
			return { status: 200, json: this.issue(true) };
		}
		if (grant === 'refresh_token') {
			const rt = form.get('refresh_token') ?? '';
			const expires = this.refresh.get(rt);
			this.refresh.delete(rt);
			if (!expires || expires < Date.now()) return oauthError(400, 'invalid_grant', 'OAU-211', 'Token is revoked or expired');
			return { status: 200, json: this.issue(true) };
		}
		return oauthError(400, 'unsupported_grant_type', 'OAU-250', `Unsupported grant type: ${String(grant).slice(0, 40)}`);
	}

	clear(): void {
		this.access.clear();
		this.refresh.clear();
		this.codes.clear();
	}
}
