/**
 * What the sandbox's logs (the request log, the delivery log, the console) never keep: OAuth access and
 * refresh tokens, authorization codes and client secrets, and the query values of REST-hook target URLs,
 * where a webhook's secret token lives (the sandbox cannot know which parameter it is, so all of them go).
 * Only copies for logs are redacted; what the API stores and answers, and what deliveries send, is untouched.
 */

export const REDACTED = '[redacted]';

/** Query or body keys whose value is a secret wherever they appear. */
const SECRET_KEY = /^(access_token|refresh_token|id_token|code|client_secret|password)$|token$|secret$/i;
/** Keys whose value is a REST hook's target URL (`targetUrl` in requests, `target` in a delivery's debug meta). */
const TARGET_KEY = /^(targeturl|target)$/i;
/** Bearer tokens and `key=value` secrets inside free text. */
const SECRET_TEXT = /(bearer\s+)[\w\-.~+/=]+|(\b(?:access_token|refresh_token|client_secret|code)=)[^\s&"']+/gi;

function isSecretKey(key: string): boolean {
	return SECRET_KEY.test(key);
}

/** `https://host/path?a=1&b=2#x` → `https://host/path?a=[redacted]&b=[redacted]`; text that is no URL is kept. */
export function redactTargetUrl(url: string): string {
	const q = url.indexOf('?');
	if (q < 0) return url.replace(/#.*$/, '');
	const query = url.slice(q + 1).replace(/#.*$/, '');
	return `${url.slice(0, q)}?${redactQueryString(query, () => true)}`;
}

/** A raw query string with the values of secret keys (or of every key `all` picks) replaced. */
export function redactQueryString(raw: string, all: (key: string) => boolean = () => false): string {
	if (!raw) return raw;
	return raw
		.split('&')
		.map((pair) => {
			const eq = pair.indexOf('=');
			const rawKey = eq < 0 ? pair : pair.slice(0, eq);
			let key = rawKey;
			try {
				key = decodeURIComponent(rawKey.replace(/\+/g, ' '));
			} catch {
				// keep the raw key
			}
			if (all(key) || isSecretKey(key)) return `${rawKey}=${REDACTED}`;
			if (TARGET_KEY.test(key) && eq >= 0) {
				let value = pair.slice(eq + 1);
				try {
					value = decodeURIComponent(value.replace(/\+/g, ' '));
				} catch {
					return `${rawKey}=${REDACTED}`;
				}
				return `${rawKey}=${encodeURIComponent(redactTargetUrl(value))}`;
			}
			return pair;
		})
		.join('&');
}

/** A path with query (`/x?a=1`) as it goes to the console. */
export function redactUrlPath(pathAndQuery: string): string {
	const q = pathAndQuery.indexOf('?');
	return q < 0 ? pathAndQuery : `${pathAndQuery.slice(0, q)}?${redactQueryString(pathAndQuery.slice(q + 1))}`;
}

/** A copy of a parsed body or query object with secrets and hook-target query values replaced. */
export function redactValue(value: unknown, key = ''): unknown {
	if (typeof value === 'string') {
		if (key && isSecretKey(key)) return REDACTED;
		if (key && TARGET_KEY.test(key)) return redactTargetUrl(value);
		return value.replace(SECRET_TEXT, (_m, bearer: string | undefined, pair: string | undefined) => `${bearer ?? pair}${REDACTED}`);
	}
	if (Array.isArray(value)) return value.map((v) => redactValue(v, key));
	if (value && typeof value === 'object') {
		const out: Record<string, unknown> = {};
		for (const [k, v] of Object.entries(value)) out[k] = redactValue(v, k);
		return out;
	}
	return value;
}
