'use strict';
/**
 * The Actionstep credential as n8n stores it, and `n8n import:credentials`. The ONE builder of that credential:
 * the demo, the e2e suites, the queue test and the in-process engine kit (`scripts/devkit/credentials.ts`) all
 * take it from here, so a change to the credential's fields is made once.
 */
const fs = require('node:fs');
const path = require('node:path');
const { CREDENTIAL_TYPE } = require('./config.cjs');
const { n8nCommandOk } = require('./userFolder.cjs');

/**
 * The decrypted data of an `actionstepOAuth2Api` credential for a custom environment (a sandbox or any
 * Actionstep-compatible server), connected: `oauthTokenData` is the token response as n8n keeps it after the
 * OAuth2 flow (access_token, refresh_token, api_endpoint, …).
 * @param {{ baseUrl: string, clientId: string, clientSecret: string, oauthTokenData?: unknown }} options
 */
function actionstepCredentialData({ baseUrl, clientId, clientSecret, oauthTokenData }) {
	/** @type {{ environment: string, baseUrl: string, clientId: string, clientSecret: string, grantType: string, oauthTokenData?: unknown }} */
	const data = { environment: 'custom', baseUrl, clientId, clientSecret, grantType: 'authorizationCode' };
	if (oauthTokenData !== undefined) data.oauthTokenData = oauthTokenData;
	return data;
}

/**
 * A credential export for `import:credentials`: { id, name, type, data } with plaintext data (n8n encrypts it).
 * @param {{ id?: string, name?: string, baseUrl: string, clientId: string, clientSecret: string, oauthTokenData?: unknown }} options
 */
function actionstepCredential({ id, name = 'Actionstep sandbox', ...data }) {
	return { id, name, type: CREDENTIAL_TYPE, data: actionstepCredentialData(data) };
}

/**
 * The credential export connected to a running sandbox with `token` (from `sandbox.issueToken()`).
 * @param {{ url: string, clientId: string, clientSecret: string }} sandbox
 * @param {unknown} token
 * @param {{ id?: string, name?: string }} [options]
 */
function sandboxCredential(sandbox, token, { id, name } = {}) {
	return actionstepCredential({ id, name, baseUrl: sandbox.url, clientId: sandbox.clientId, clientSecret: sandbox.clientSecret, oauthTokenData: token });
}

/**
 * Imports credentials with plaintext `data` into a user folder (`n8n import:credentials`); n8n encrypts them with
 * the folder's key. Ids are free strings (n8n's column holds 36 characters); workflows reference them by id and name.
 * The plaintext file is removed afterwards, whatever happens.
 * @param {string} userFolder
 * @param {object[]} credentials
 * @param {{ env?: Record<string, string> }} [options]
 */
async function importCredentials(userFolder, credentials, { env } = {}) {
	const file = path.join(userFolder, `import-credentials-${Date.now()}-${Math.random().toString(36).slice(2, 8)}.json`);
	fs.writeFileSync(file, JSON.stringify(credentials, null, 2));
	try {
		await n8nCommandOk(userFolder, ['import:credentials', `--input=${file}`], { env });
	} finally {
		fs.rmSync(file, { force: true }); // a plaintext token: do not leave it lying around
	}
}

/**
 * `n8n export:credentials --id --decrypted`: the stored credential with its plaintext data (e.g. refreshed tokens).
 * @param {string} userFolder
 * @param {string} id
 * @param {{ env?: Record<string, string> }} [options]
 */
async function exportCredential(userFolder, id, { env } = {}) {
	const file = path.join(userFolder, `export-credential-${Date.now()}.json`);
	try {
		await n8nCommandOk(userFolder, ['export:credentials', `--id=${id}`, '--decrypted', `--output=${file}`], { env });
		const list = JSON.parse(fs.readFileSync(file, 'utf8'));
		const found = (Array.isArray(list) ? list : [list]).find((c) => c.id === id);
		if (!found) throw new Error(`credential ${id} not exported`);
		return found;
	} finally {
		fs.rmSync(file, { force: true });
	}
}

module.exports = { actionstepCredential, actionstepCredentialData, exportCredential, importCredentials, sandboxCredential };
