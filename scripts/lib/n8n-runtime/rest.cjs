'use strict';
/** n8n's REST API: owner set-up, login, authenticated requests. */


const DEFAULT_OWNER = Object.freeze({
	email: 'owner@example.com',
	password: 'Actionstep-E2E-1',
	firstName: 'Test',
	lastName: 'Owner',
});

/** @param {Response} res */
function cookieFrom(res) {
	/** @type {string[]} */
	const list = typeof res.headers.getSetCookie === 'function' ? res.headers.getSetCookie() : /** @type {string[]} */ ([res.headers.get('set-cookie')].filter(Boolean));
	const parts = list.map((c) => c.split(';')[0]).filter((c) => c.startsWith('n8n-auth='));
	return parts.length ? parts[parts.length - 1] : undefined;
}

/**
 * Calls n8n's API. `path` is absolute ("/rest/login", "/types/nodes.json"). Resolves
 * { status, ok, headers, body (parsed JSON when possible), text, cookie (n8n-auth if set) }.
 * @param {string} url
 * @param {string | undefined} cookie
 * @param {string} method
 * @param {string} apiPath
 * @param {unknown} [body]
 * @param {{ headers?: Record<string, string>, timeoutMs?: number }} [options]
 */
async function restRequest(url, cookie, method, apiPath, body, { headers = {}, timeoutMs = 30000 } = {}) {
	/** @type {Record<string, string>} */
	const h = Object.assign({ accept: 'application/json' }, headers);
	if (cookie) h.cookie = cookie;
	if (body !== undefined) h['content-type'] = 'application/json';
	const res = await fetch(url.replace(/\/$/, '') + apiPath, {
		method,
		headers: h,
		body: body === undefined ? undefined : JSON.stringify(body),
		signal: AbortSignal.timeout(timeoutMs),
	});
	const text = await res.text();
	let parsed;
	try {
		parsed = JSON.parse(text);
	} catch {
		parsed = undefined;
	}
	return { status: res.status, ok: res.ok, headers: res.headers, body: parsed, text, cookie: cookieFrom(res) };
}

/**
 * Like restRequest, but throws unless 2xx, and returns the body's `data` when present.
 * @param {string} url
 * @param {string | undefined} cookie
 * @param {string} method
 * @param {string} apiPath
 * @param {unknown} [body]
 * @param {Parameters<typeof restRequest>[5]} [opts]
 */
async function rest(url, cookie, method, apiPath, body, opts) {
	const r = await restRequest(url, cookie, method, apiPath, body, opts);
	if (!r.ok) throw new Error(`${method} ${apiPath} -> ${r.status}: ${r.text.slice(0, 500)}`);
	return r.body && typeof r.body === 'object' && 'data' in r.body ? r.body.data : r.body;
}

/**
 * POST /rest/owner/setup. Returns { user, cookie }.
 * @param {string} url
 * @param {{ email?: string, password?: string, firstName?: string, lastName?: string }} [owner]
 */
async function setupOwner(url, owner = {}) {
	const o = Object.assign({}, DEFAULT_OWNER, owner);
	const r = await restRequest(url, undefined, 'POST', '/rest/owner/setup', {
		email: o.email,
		firstName: o.firstName,
		lastName: o.lastName,
		password: o.password,
	});
	if (!r.ok) throw new Error(`owner setup failed: ${r.status} ${r.text.slice(0, 500)}`);
	return { user: r.body && r.body.data, cookie: r.cookie };
}

/**
 * POST /rest/login. Returns the cookie string "n8n-auth=…".
 * @param {string} url
 * @param {{ email?: string, password?: string }} [owner]
 */
async function login(url, { email = DEFAULT_OWNER.email, password = DEFAULT_OWNER.password } = {}) {
	const r = await restRequest(url, undefined, 'POST', '/rest/login', { emailOrLdapLoginId: email, password });
	if (!r.ok || !r.cookie) throw new Error(`login failed: ${r.status} ${r.text.slice(0, 500)}`);
	return r.cookie;
}

module.exports = { DEFAULT_OWNER, login, rest, restRequest, setupOwner };
