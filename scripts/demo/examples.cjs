'use strict';
/**
 * The example workflows this package ships (examples/*.json), by role, and the credentials they reference, as the
 * demo and the e2e suites import them into n8n. CommonJS so jest can `require` it.
 */
const fs = require('node:fs');
const path = require('node:path');

const rt = require('../lib/n8n-runtime.cjs');

/**
 * @typedef {import('../../sandbox').SandboxHandle} SandboxHandle
 * @typedef {{ id: string, name: string }} CredentialRef
 */

/**
 * A workflow as n8n exports it (examples/*.json): the fields this file reads; n8n's CLI imports the rest as it is.
 * @typedef {object} ExampleWorkflow
 * @property {string} [id]
 * @property {string} name
 * @property {ExampleNode[]} nodes
 */

/**
 * @typedef {object} ExampleNode
 * @property {string} name
 * @property {{ assignments?: { assignments: Array<{ name: string, value: unknown }> } }} parameters only the Settings
 *   (Set) node's assignments are read
 */

const EXAMPLES_DIR = path.join(rt.REPO_ROOT, 'examples');

/** The credential every example references; the demo and the e2e suites create it under this id and name. */
const CREDENTIAL_REF = Object.freeze({ id: 'actionstep-credential', name: 'Actionstep account' });

/** The examples this package ships, by role. Ids are stable: URLs and tests use them. */
const EXAMPLES = Object.freeze({
	logCall: { file: 'log-ringcentral-call.json', id: 'asExLogCallHook1', webhookPath: 'ringcentral-calls' },
	rcSubscribe: { file: 'subscribe-ringcentral-webhook.json', id: 'asExRcSubscribe1' },
	rcSync: { file: 'sync-ringcentral-call-log.json', id: 'asExRcCallLog001' },
	twilio: { file: 'log-twilio-call.json', id: 'asExTwilioCalls1', webhookPath: 'twilio-calls' },
	aircall: { file: 'log-aircall-call.json', id: 'asExAircallCall1', webhookPath: 'aircall-calls' },
	zoom: { file: 'log-zoom-phone-call.json', id: 'asExZoomPhone001', webhookPath: 'zoom-phone-calls' },
	teams: { file: 'log-teams-calls.json', id: 'asExTeamsCalls01' },
	threecx: { file: 'log-3cx-call.json', id: 'asEx3cxJournal01', webhookPath: '3cx-call-journal' },
	hostedsuite: { file: 'log-hostedsuite-calls.json', id: 'asExHostedSuite1' },
	todaysCalls: { file: 'todays-calls-for-matter.json', id: 'asExTodaysCalls1' },
	billUnbilled: { file: 'bill-unbilled-calls.json', id: 'asExBillCalls001' },
	cleanUp: { file: 'clean-up-test-call.json', id: 'asExCleanUpCall1' },
});

/** The RingCentral credential the RingCentral examples reference: n8n's generic OAuth2 API credential. */
const RINGCENTRAL_CREDENTIAL_REF = Object.freeze({ id: 'ringcentral-credential', name: 'RingCentral account' });

/** The HostedSuite login the HostedSuite example references: n8n's Custom Auth credential. */
const HOSTEDSUITE_CREDENTIAL_REF = Object.freeze({ id: 'hostedsuite-credential', name: 'HostedSuite login' });

/**
 * @param {string} file a file name in examples/
 * @returns {ExampleWorkflow}
 */
function readExample(file) {
	return JSON.parse(fs.readFileSync(path.join(EXAMPLES_DIR, file), 'utf8'));
}

/**
 * Every `examples/*.json`, parsed.
 * @returns {Array<{ file: string, workflow: ExampleWorkflow }>}
 */
function loadExamples() {
	return fs
		.readdirSync(EXAMPLES_DIR)
		.filter((f) => f.endsWith('.json'))
		.sort()
		.map((file) => ({ file, workflow: readExample(file) }));
}

/**
 * The Actionstep credential the examples reference (CREDENTIAL_REF), connected to a running sandbox.
 * @param {SandboxHandle} sandbox
 * @param {unknown} token the token response, stored as the credential's oauthTokenData
 * @param {CredentialRef} [ref]
 */
function sandboxCredentialFor(sandbox, token, ref = CREDENTIAL_REF) {
	return rt.sandboxCredential(sandbox, token, ref);
}

/**
 * The `oAuth2Api` credential of the RingCentral examples, pointed at the sandbox's RingCentral corner: grant
 * Client Credentials, client authenticated with HTTP Basic ("Header"), as RingCentral requires. n8n fetches the
 * token itself on first use.
 * @param {SandboxHandle} sandbox
 * @param {CredentialRef} [ref]
 */
function ringCentralCredentialFor(sandbox, ref = RINGCENTRAL_CREDENTIAL_REF) {
	const rc = sandbox.ringcentral;
	return {
		id: ref.id,
		name: ref.name,
		type: 'oAuth2Api',
		data: { grantType: 'clientCredentials', accessTokenUrl: rc.tokenUrl, clientId: rc.clientId, clientSecret: rc.clientSecret, scope: '', authentication: 'header' },
	};
}

/**
 * The `httpCustomAuth` credential of the HostedSuite example, as its sticky note says to fill it: the login of the
 * sandbox's HostedSuite corner, which n8n puts into every request's JSON body.
 * @param {SandboxHandle} sandbox
 * @param {CredentialRef} [ref]
 */
function hostedSuiteCredentialFor(sandbox, ref = HOSTEDSUITE_CREDENTIAL_REF) {
	const hs = sandbox.hostedsuite;
	const login = { CustomerName: hs.customerName, UserName: hs.userName, Password: hs.password };
	return { id: ref.id, name: ref.name, type: 'httpCustomAuth', data: { json: JSON.stringify({ body: login }) } };
}

/**
 * A copy of an example with the values of its "Settings" node replaced (the node a user is told to edit:
 * the RingCentral server, the webhook URL, …), optionally under a new id.
 * @param {ExampleWorkflow} workflow
 * @param {Record<string, string | number>} values by assignment name
 * @param {{ id?: string }} [options]
 * @returns {ExampleWorkflow}
 */
function withSettings(workflow, values, { id } = {}) {
	/** @type {ExampleWorkflow} */
	const copy = JSON.parse(JSON.stringify(workflow));
	const node = copy.nodes.find((n) => n.name === 'Settings');
	if (!node) throw new Error(`${workflow.name} has no Settings node`);
	for (const [name, value] of Object.entries(values)) {
		const a = node.parameters.assignments?.assignments.find((x) => x.name === name);
		if (!a) throw new Error(`${workflow.name}: Settings has no ${name}`);
		a.value = value;
	}
	if (id) {
		copy.id = id;
		copy.name = `${copy.name} (${id})`;
	}
	return copy;
}

/**
 * Imports credentials (plaintext data; n8n encrypts it), then workflows, into a user folder with the CLI.
 * @param {string} userFolder
 * @param {{ credentials?: object[], workflows?: ExampleWorkflow[] }} [what]
 */
async function importIntoUserFolder(userFolder, { credentials = [], workflows = [] } = {}) {
	if (credentials.length) await rt.importCredentials(userFolder, credentials);
	await rt.importWorkflows(userFolder, workflows);
}

module.exports = {
	EXAMPLES_DIR,
	CREDENTIAL_REF,
	RINGCENTRAL_CREDENTIAL_REF,
	HOSTEDSUITE_CREDENTIAL_REF,
	EXAMPLES,
	readExample,
	loadExamples,
	sandboxCredentialFor,
	ringCentralCredentialFor,
	hostedSuiteCredentialFor,
	withSettings,
	importIntoUserFolder,
};
