'use strict';
/** The sandbox, in this process, with its token endpoint observed: grant, status, which refresh token was used, which one issued. */
const crypto = require('node:crypto');
const path = require('node:path');

function tokenId(t) {
	return t ? crypto.createHash('sha256').update(String(t)).digest('hex').slice(0, 8) : null;
}

async function startObservedSandbox({ root, latency, rateLimit }) {
	require('ts-node').register({ transpileOnly: true, project: path.join(root, 'tsconfig.json'), compilerOptions: { module: 'commonjs' } });
	const faults = {};
	if (latency) faults.latencyMs = latency;
	if (rateLimit) faults.rateLimit = require(path.join(root, 'sandbox', 'cli.ts')).parseRateLimit(rateLimit);
	const { OAuthServer } = require(path.join(root, 'sandbox', 'oauth.ts'));
	const { startSandbox } = require(path.join(root, 'sandbox', 'index.ts'));
	const tokenLog = [];
	if (!OAuthServer.prototype.__queueTestObserved) {
		const original = OAuthServer.prototype.token;
		OAuthServer.prototype.token = function observedToken(req) {
			const at = Date.now();
			let form;
			try {
				form = new URLSearchParams(Buffer.from(req.body || '').toString('utf8'));
			} catch {
				form = new URLSearchParams();
			}
			const reply = original.call(this, req);
			const record = (r) => {
				const json = r && r.json;
				this.__observer?.({
					at,
					grant: form.get('grant_type'),
					used: tokenId(form.get('refresh_token')),
					status: r && r.status,
					error: json && json.error,
					issued: json && tokenId(json.refresh_token),
				});
				return r;
			};
			return reply && typeof reply.then === 'function' ? reply.then(record) : record(reply);
		};
		OAuthServer.prototype.__queueTestObserved = true;
	}
	const sandbox = await startSandbox({ port: 0, quiet: true, faults });
	// The handle hides its OAuthServer; the observer is set on every instance through the prototype.
	OAuthServer.prototype.__observer = (entry) => tokenLog.push(entry);
	return { sandbox, tokenLog };
}

module.exports = { startObservedSandbox, tokenId };
