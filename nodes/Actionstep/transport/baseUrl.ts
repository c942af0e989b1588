/**
 * Where data requests may go. Actionstep hands every organisation its own `api_endpoint` in the token
 * response; the node trusts it only when its host belongs to the environment the user chose, so a
 * tampered or foreign endpoint never receives the bearer token.
 */

export interface ActionstepCredentialData {
	environment?: string;
	baseUrl?: string;
	oauthTokenData?: { api_endpoint?: unknown } & Record<string, unknown>;
}

export type BaseUrlResult =
	| { ok: true; restBaseUrl: string }
	| { ok: false; message: string; description: string };

const ENVIRONMENT_DOMAINS: Record<string, string> = {
	production: 'actionstep.com',
	staging: 'actionstepstaging.com',
};

function hostBelongsTo(hostname: string, domain: string): boolean {
	return hostname === domain || hostname.endsWith('.' + domain);
}

function parseUrl(text: string): URL | undefined {
	try {
		return new URL(text);
	} catch {
		return undefined;
	}
}

const RECONNECT =
	'Open the Actionstep credential and click "Reconnect" (or "Connect my account") so that Actionstep issues a fresh token with its API endpoint.';

/** `{api_endpoint}rest/`, checked against the credential's environment. Never throws. */
export function resolveRestBaseUrl(credentials: ActionstepCredentialData): BaseUrlResult {
	const endpoint = credentials.oauthTokenData?.api_endpoint;
	if (typeof endpoint !== 'string' || endpoint.trim() === '') {
		return {
			ok: false,
			message: 'The Actionstep credential has no API endpoint: it is not connected, or its token data was lost',
			description: RECONNECT,
		};
	}
	const url = parseUrl(endpoint.trim());
	if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:')) {
		return {
			ok: false,
			message: 'The API endpoint in the Actionstep credential is not a valid URL',
			description: RECONNECT,
		};
	}
	if (url.username || url.password || url.search || url.hash) {
		return {
			ok: false,
			message: 'The API endpoint in the Actionstep credential is not a plain URL, so no request was sent',
			description: RECONNECT,
		};
	}

	const environment = credentials.environment ?? 'production';
	if (environment === 'custom') {
		const base = parseUrl(String(credentials.baseUrl ?? '').trim());
		if (!base) {
			return {
				ok: false,
				message: 'The Actionstep credential uses a custom server but its Base URL is not a valid URL',
				description: 'Set Base URL in the credential, e.g. http://127.0.0.1:8787 for the bundled sandbox.',
			};
		}
		if (url.host !== base.host || url.protocol !== base.protocol) {
			return {
				ok: false,
				message: `The API endpoint host "${url.host}" is not the credential's Base URL host "${base.host}", so no request was sent`,
				description: 'Data requests only go to the server the credential names. Check Base URL, then reconnect.',
			};
		}
	} else {
		const domain = ENVIRONMENT_DOMAINS[environment];
		if (!domain) {
			return {
				ok: false,
				message: `The Actionstep credential has an unknown environment "${environment}"`,
				description: 'Choose Production, Staging or Custom in the credential.',
			};
		}
		if (url.protocol !== 'https:' || !hostBelongsTo(url.hostname, domain)) {
			return {
				ok: false,
				message: `The API endpoint "${url.host}" is not an https host of ${domain}, so no request was sent`,
				description: `Actionstep's ${environment} API lives on https://*.${domain}. Check the credential's environment, then reconnect.`,
			};
		}
	}

	const path = url.pathname.endsWith('/') ? url.pathname : url.pathname + '/';
	return { ok: true, restBaseUrl: `${url.protocol}//${url.host}${path}rest/` };
}
