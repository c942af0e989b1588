/**
 * What an authorization grants, shared by the authorization-code flow (oauthAuthorize.ts) and the token
 * endpoint (oauth.ts): who, which scopes, for which client and redirect URI.
 */
import { randomBytes } from 'node:crypto';

export interface Grant {
	userId: number;
	scopes: string[];
	clientId: string;
	/** redirect_uri of the original authorization; a refresh that sends one must match it (SETH "Must match original"). */
	redirectUri: string | null;
}

export interface GrantUser {
	id: number;
	name: string;
	email: string;
}

export const newToken = (prefix: string) => `${prefix}${randomBytes(24).toString('hex')}`;

/** Space-separated, as Actionstep documents; commas tolerated. */
export const splitScopes = (scope: string) => scope.split(/[\s,]+/).filter(Boolean);
