'use strict';
/**
 * Real-n8n runtime (the index of scripts/lib/n8n-runtime/): installs Node 24 and n8n into a cache folder
 * outside the clone, creates throwaway n8n user folders with this package installed the way users install
 * community nodes, runs single n8n CLI commands, starts and stops `n8n start` / `n8n worker`, calls the REST
 * API, imports credentials and workflows and takes editor screenshots. One file per reason to change: config,
 * processes, install, userFolder, credentials (the one Actionstep credential builder), workflows, n8nProcess, rest,
 * executions, browser. Import from here.
 *
 * CommonJS, because its users `require` it from plain Node without a TypeScript loader (the demo, the queue
 * test) and from jest (the e2e suites). Only Node built-ins (puppeteer-core is installed into the cache on demand).
 */
/** @typedef {import('./n8n-runtime/n8nProcess.cjs').N8nProcess} N8nProcess */

const config = require('./n8n-runtime/config.cjs');
const processes = require('./n8n-runtime/processes.cjs');
const install = require('./n8n-runtime/install.cjs');
const userFolder = require('./n8n-runtime/userFolder.cjs');
const n8nProcess = require('./n8n-runtime/n8nProcess.cjs');
const rest = require('./n8n-runtime/rest.cjs');
const browser = require('./n8n-runtime/browser.cjs');
const credentials = require('./n8n-runtime/credentials.cjs');
const workflows = require('./n8n-runtime/workflows.cjs');
const executions = require('./n8n-runtime/executions.cjs');

module.exports = {
	N8N_VERSION: config.N8N_VERSION,
	NODE_MAJOR: config.NODE_MAJOR,
	NODE_TYPE: config.NODE_TYPE,
	CREDENTIAL_TYPE: config.CREDENTIAL_TYPE,
	PACKAGE_NAME: config.PACKAGE_NAME,
	REPO_ROOT: config.REPO_ROOT,
	runtimeDir: config.runtimeDir,
	runtimePaths: config.runtimePaths,
	cleanEnv: config.cleanEnv,
	run: processes.run,
	freePort: processes.freePort,
	acquireLock: processes.acquireLock,
	ensureRuntime: install.ensureRuntime,
	RuntimeInstallError: install.RuntimeInstallError,
	packPackage: userFolder.packPackage,
	createUserFolder: userFolder.createUserFolder,
	n8nEnv: userFolder.n8nEnv,
	n8nCommand: userFolder.n8nCommand,
	n8nCommandOk: userFolder.n8nCommandOk,
	parseRawOutput: userFolder.parseRawOutput,
	actionstepCredential: credentials.actionstepCredential,
	actionstepCredentialData: credentials.actionstepCredentialData,
	sandboxCredential: credentials.sandboxCredential,
	importCredentials: credentials.importCredentials,
	exportCredential: credentials.exportCredential,
	importWorkflows: workflows.importWorkflows,
	publishWorkflow: workflows.publishWorkflow,
	executeWorkflow: workflows.executeWorkflow,
	startN8n: n8nProcess.startN8n,
	waitForWebhook: n8nProcess.waitForWebhook,
	stopAll: n8nProcess.stopAll,
	killAllNow: n8nProcess.killAllNow,
	DEFAULT_OWNER: rest.DEFAULT_OWNER,
	restRequest: rest.restRequest,
	rest: rest.rest,
	setupOwner: rest.setupOwner,
	login: rest.login,
	FINAL_STATUSES: executions.FINAL_STATUSES,
	parseExecutionData: executions.parseExecutionData,
	executionNodeJson: executions.executionNodeJson,
	executionError: executions.executionError,
	listExecutions: executions.listExecutions,
	lastExecutionId: executions.lastExecutionId,
	waitForExecutions: executions.waitForExecutions,
	CHROMIUM_INSTALL_HINT: browser.CHROMIUM_INSTALL_HINT,
	assertChromium: browser.assertChromium,
	ensureBrowser: browser.ensureBrowser,
	launchEditorBrowser: browser.launchEditorBrowser,
	openEditorCanvas: browser.openEditorCanvas,
	settleEditor: browser.settleEditor,
	screenshotWorkflow: browser.screenshotWorkflow,
};
