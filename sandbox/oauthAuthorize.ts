/**
 * The authorization-code flow as Actionstep runs it (notes §1): GET /api/oauth/authorize shows a consent page
 * (or approves at once with autoApprove), the decision redirects back with a one-time code, and the token
 * endpoint (oauth.ts) redeems the code here. Redirect URIs are registered per client (isRegisteredRedirectUri);
 * any other is refused with an error page, never redirected to.
 */
import { escapeHtml, type Reply, type SandboxRequest } from './http';
import { newToken, splitScopes, type Grant, type GrantUser } from './oauthGrant';
import { isLoopbackUrl } from './resources/resthooks';

/** Authorization codes live 10 minutes and work once. */
const CODE_TTL_MS = 10 * 60_000;

export interface AuthorizationOptions {
	clientId: string;
	users: () => GrantUser[];
	autoApprove: boolean;
	/** Redirect URIs registered for the client besides n8n's loopback callbacks (exact match). */
	redirectUris: string[];
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

/** Why a code was not redeemed: the token endpoint answers it as an OAuth `invalid_grant`. */
export interface CodeRefusal {
	refused: string;
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

export class AuthorizationFlow {
	private codes = new Map<string, AuthCode>();
	private pending = new Map<string, PendingAuthorization>();

	constructor(private readonly o: AuthorizationOptions) {}

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

	/** The token endpoint's authorization_code grant: the code's grant, once, for the client and redirect_uri it was issued to. */
	redeem(codeValue: string, clientId: string, redirectUri: string | null): Grant | CodeRefusal {
		const code = this.codes.get(codeValue);
		if (!code || code.clientId !== clientId) return { refused: 'The authorization code is invalid.' };
		if (code.used) return { refused: 'The authorization code has already been used.' };
		if (code.expiresAt <= Date.now()) return { refused: 'The authorization code has expired.' };
		if (redirectUri !== code.redirectUri) return { refused: 'redirect_uri does not match the one used in the authorization request.' };
		code.used = true;
		return { userId: code.userId, scopes: code.scopes, clientId, redirectUri: code.redirectUri };
	}
}
