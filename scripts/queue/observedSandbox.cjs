'use strict';
/** The sandbox, in this process, with its token endpoint observed: grant, status, which refresh token was used, which one issued. */
const crypto = require('node:crypto');
const path = require('node:path');

/**
 * @typedef {object} TokenLogEntry
 * @property {number} at when the token request arrived (ms since the epoch)
 * @property {string | null} grant grant_type
 * @property {string | null} used short hash of the refresh token presented
 * @property {number} status
 * @property {string | null} error OAuth error code of a refused request
 * @property {string | null} issued short hash of the refresh token issued
 */

/** A short, stable name for a token: its hash, so the log never holds the token itself. */
function tokenId(/** @type {unknown} */ t) {
	return t ? crypto.createHash('sha256').update(String(t)).digest('hex').slice(0, 8) : null;
}

/**
 * @param {{ root: string, latency?: number, rateLimit?: string }} options
 * @returns {Promise<{ sandbox: import('../../sandbox').SandboxHandle, tokenLog: TokenLogEntry[] }>}
 */
async function startObservedSandbox({ root, latency, rateLimit }) {
	require('ts-node').register({ transpileOnly: true, project: path.join(root, 'tsconfig.json'), compilerOptions: { module: 'commonjs' } });
	/** @type {typeof import('../../sandbox')} */
	const { parseRateLimit, startSandbox } = require('../../sandbox');
	/** @type {import('../../sandbox').FaultConfig} */
	const faults = {};
	if (latency) faults.latencyMs = latency;
	if (rateLimit) faults.rateLimit = parseRateLimit(rateLimit);
	/** @type {TokenLogEntry[]} */
	const tokenLog = [];
	const sandbox = await startSandbox({
		port: 0,
		quiet: true,
		faults,
		onTokenExchange: (x) =>
			tokenLog.push({ at: x.at, grant: x.grantType, used: tokenId(x.refreshToken), status: x.status, error: x.error, issued: tokenId(x.issuedRefreshToken) }),
	});
	return { sandbox, tokenLog };
}

module.exports = { startObservedSandbox, tokenId };
