#!/usr/bin/env node
/**
 * `npm run demo`: the Actionstep node in real n8n against the local Actionstep sandbox and its RingCentral and
 * HostedSuite corners.
 *
 *   1. starts the sandbox (data in .sandbox-data/demo.json, fresh seed each run); its RingCentral look-alike is
 *      under <sandbox>/ringcentral, its HostedSuite (call centre) look-alike under <sandbox>/hostedsuite;
 *   2. installs n8n 2.41.1 on first use (scripts/lib/n8n-runtime.cjs, ~6 min once), builds and packs this
 *      package and installs it into a fresh n8n user folder the way users install community nodes;
 *   3. imports the Actionstep credential (connected to the sandbox), the RingCentral credential (n8n's OAuth2
 *      credential, client credentials against the corner), the HostedSuite login (n8n's Custom Auth credential)
 *      and every workflow in examples/, publishes
 *      "Log RingCentral calls live", starts n8n on 127.0.0.1 and creates the owner account;
 *   4. runs recipe (a), live, recipe (b), sync, and (c), one call-centre (HostedSuite) poll, and checks them
 *      (scripts/demo/scenario.cjs);
 *   5. prints what the sandbox now holds (scripts/demo/report.cjs), optionally takes the editor screenshots
 *      (scripts/demo/screenshots.cjs), then runs until Ctrl-C (or exits with --once).
 *
 * This file is the lifecycle only: start, stop, and stop again on Ctrl-C or an error. Flags: scripts/demo/options.cjs.
 */
import fs from 'node:fs';
import path from 'node:path';
import process from 'node:process';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const rt = require('./lib/n8n-runtime.cjs');
const { USAGE, parseArgs } = require('./demo/options.cjs');
const examples = require('./demo/examples.cjs');
const { FIRM_TIME_ZONE } = require('./demo/calls.cjs');
const { DemoFailure, runScenario } = require('./demo/scenario.cjs');
const { reportLines } = require('./demo/report.cjs');
const { screenshotEditor } = require('./demo/screenshots.cjs');

/**
 * @typedef {import('./demo/calls.cjs').SandboxHandle} SandboxHandle
 * @typedef {import('./lib/n8n-runtime.cjs').N8nProcess} N8nProcess
 * @typedef {import('./demo/options.cjs').DemoOptions} DemoOptions
 */

const root = rt.REPO_ROOT;
const OWNER = Object.freeze({ email: 'demo@example.com', password: 'Actionstep-Demo-1', firstName: 'Demo', lastName: 'Owner' });
const DATA_FILE = path.join(root, '.sandbox-data', 'demo.json');

const t0 = Date.now();
const secs = (ms = Date.now() - t0) => `${(ms / 1000).toFixed(1)} s`;
const say = (/** @type {string} */ msg) => process.stdout.write(`[demo ${secs().padStart(7)}] ${msg}\n`);

/** @type {DemoOptions} */
let opts;
try {
	opts = parseArgs(process.argv.slice(2));
} catch (e) {
	console.error(`demo: ${e.message}\n\n${USAGE}`);
	process.exit(2);
}
if (opts.help) {
	console.log(USAGE);
	process.exit(0);
}
if (opts.screenshots) {
	// Before a minute of work: the screenshots need a browser this demo never installs itself.
	try {
		rt.assertChromium();
	} catch (e) {
		console.error(`demo: --screenshots needs Chromium. ${e.message}. (Without --screenshots the demo needs no browser.)`);
		process.exit(2);
	}
}

// ---------------------------------------------------------------------------------------------
// cleanup: whatever was started is stopped on exit, Ctrl-C or an error

/**
 * What is running or on disk, for shutdown: each set once started or created.
 * @typedef {object} DemoState
 * @property {SandboxHandle} [sandbox]
 * @property {N8nProcess} [n8n]
 * @property {string} [userFolder] the n8n user folder
 * @property {string} [packDir] the folder of the packed tarball, until it is installed
 * @property {Promise<void>} [stopping] set by the first shutdown
 */
/** @type {DemoState} */
const state = {};

/**
 * Stops n8n and the sandbox and removes what the demo created; a second call waits for the first.
 * @param {{ keep?: boolean }} [options] keep: keep the n8n user folder (its logs)
 */
async function shutdown({ keep = opts.keep } = {}) {
	if (state.stopping) return state.stopping;
	state.stopping = (async () => {
		if (state.n8n) {
			await state.n8n.stop().catch(() => {});
			say('n8n stopped');
		}
		await rt.stopAll().catch(() => {});
		if (state.sandbox) {
			await state.sandbox.close().catch(() => {});
			say(`sandbox stopped (its data stays in ${path.relative(root, DATA_FILE)})`);
		}
		if (state.packDir) fs.rmSync(state.packDir, { recursive: true, force: true });
		if (state.userFolder) {
			if (keep) say(`kept the n8n user folder ${state.userFolder} (logs: n8n-commands.log, n8n-start-*.log)`);
			else fs.rmSync(state.userFolder, { recursive: true, force: true });
		}
	})();
	return state.stopping;
}

let signalled = false;
for (const sig of ['SIGINT', 'SIGTERM']) {
	process.on(sig, () => {
		if (signalled) {
			rt.killAllNow();
			process.exit(sig === 'SIGINT' ? 130 : 143);
		}
		signalled = true;
		process.stdout.write('\n');
		say(`${sig}: stopping n8n and the sandbox…`);
		void shutdown().finally(() => process.exit(0));
	});
}
process.on('exit', () => rt.killAllNow());

// ---------------------------------------------------------------------------------------------
// the run

async function main() {
	console.log(`Actionstep for n8n: demo in real n8n ${rt.N8N_VERSION} against the local Actionstep sandbox\n`);

	// The n8n runtime (first run: install, with progress: "installing the n8n 2.41.1 runtime into …").
	const installed = fs.existsSync(rt.runtimePaths().marker);
	await rt.ensureRuntime({ onProgress: (m) => say(m) });
	if (installed) say(`n8n ${rt.N8N_VERSION} runtime: ${rt.runtimeDir()}`);

	// The sandbox, fresh seed, data kept in .sandbox-data/demo.json.
	require('ts-node').register({ transpileOnly: true, project: path.join(root, 'tsconfig.json'), compilerOptions: { module: 'commonjs' } });
	/** @type {{ startSandbox: typeof import('../sandbox/index.js').startSandbox }} */
	const { startSandbox } = require(path.join(root, 'sandbox', 'index.ts'));
	fs.mkdirSync(path.dirname(DATA_FILE), { recursive: true });
	fs.rmSync(DATA_FILE, { force: true });
	const sandbox = await startSandbox({ port: opts.sandboxPort ?? 0, dataFile: DATA_FILE, quiet: true });
	state.sandbox = sandbox;
	say(`sandbox (Harbourside Legal, a seeded Actionstep firm) on ${sandbox.url}, data in ${path.relative(root, DATA_FILE)}`);

	// This package, packed and installed into a fresh user folder.
	const tarball = await rt.packPackage({ build: opts.build, onProgress: (m) => say(m) });
	const packDir = path.dirname(tarball);
	state.packDir = packDir;
	const { userFolder } = await rt.createUserFolder({ tarball, onProgress: (m) => say(m) });
	state.userFolder = userFolder;
	fs.rmSync(packDir, { recursive: true, force: true });
	state.packDir = undefined;

	// The credentials (an Actionstep token as n8n stores it after the OAuth2 flow; RingCentral by client credentials;
	// the HostedSuite login) and the examples.
	const token = await sandbox.issueToken({});
	const all = examples.loadExamples();
	const X = examples.EXAMPLES;
	const n8nPort = opts.port ?? (await rt.freePort());
	const webhookUrl = `http://127.0.0.1:${n8nPort}/webhook/${X.logCall.webhookPath}`;
	// The RingCentral and HostedSuite examples as a firm would fill in their Settings node, here pointing at the
	// sandbox's RingCentral and HostedSuite corners.
	const rcServer = { ringCentralServer: sandbox.ringcentral.baseUrl };
	/** @type {Record<string, Record<string, string>>} Settings values by example file */
	const settings = {
		[X.rcSubscribe.file]: { ...rcServer, webhookUrl },
		[X.rcSync.file]: rcServer,
		[X.hostedsuite.file]: { hostedSuiteServer: sandbox.hostedsuite.baseUrl },
	};
	const workflows = all.map((e) => (settings[e.file] ? examples.withSettings(e.workflow, settings[e.file]) : e.workflow));
	say(`importing the Actionstep, RingCentral and HostedSuite credentials and ${all.length} example workflows (${all.map((e) => e.file).join(', ')})…`);
	await examples.importIntoUserFolder(userFolder, {
		credentials: [examples.sandboxCredentialFor(sandbox, token), examples.ringCentralCredentialFor(sandbox), examples.hostedSuiteCredentialFor(sandbox)],
		workflows,
	});
	await rt.publishWorkflow(userFolder, X.logCall.id);

	// n8n itself.
	const n8n = await rt.startN8n(userFolder, { port: n8nPort, env: { GENERIC_TIMEZONE: FIRM_TIME_ZONE }, onProgress: (m) => say(m) });
	state.n8n = n8n;
	const { cookie } = await rt.setupOwner(n8n.url, OWNER);
	if (!cookie) throw new Error('n8n answered the owner set-up without a session cookie');
	await rt.waitForWebhook(n8n.url, X.logCall.webhookPath, { method: 'POST' });
	say(`n8n ready; owner ${OWNER.email} created; webhook POST /webhook/${X.logCall.webhookPath} live`);

	const result = await runScenario({ sandbox, n8nUrl: n8n.url, cookie, userFolder });
	console.log(reportLines({ sandbox, n8n, owner: OWNER, webhookUrl, workflowId: X.logCall.id, dataFile: DATA_FILE }, result).join('\n'));

	if (opts.screenshots) {
		say('taking editor screenshots in headless Chromium (1–2 minutes)…');
		await screenshotEditor(n8n.url, cookie, { workflowId: X.logCall.id, nodeName: 'Log the call', executionId: result.live.live.runs[3].id, onProgress: (m) => say(m) });
	}
	say(`demo finished in ${secs()}`);
}

try {
	await main();
} catch (e) {
	console.error(`\ndemo FAILED: ${e instanceof DemoFailure ? e.message : e.stack || e.message}`);
	if (state.n8n) console.error(`n8n log: ${state.n8n.logFile}`);
	await shutdown({ keep: true });
	process.exit(1);
}

if (opts.once) {
	await shutdown();
	process.exit(0);
}
say('running; press Ctrl-C to stop n8n and the sandbox');
setInterval(() => {}, 1 << 30); // keep the event loop alive until a signal
