'use strict';
/**
 * Pieces shared by `scripts/demo.mjs`, `scripts/screenshots.mjs` and the e2e suites in `test/e2e/`:
 * the example workflows and their credentials, the demo's RingCentral calls, reading executions back from a started n8n,
 * and the editor screenshots. CommonJS so jest can `require` it; Node built-ins only (plus, at run time,
 * `flatted` and puppeteer-core from the n8n runtime cache, never from this package).
 */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { createRequire } = require('node:module');

const rt = require('../lib/n8n-runtime.cjs');

const REPO_ROOT = rt.REPO_ROOT;
const EXAMPLES_DIR = path.join(REPO_ROOT, 'examples');
const SCREENSHOTS_DIR = path.join(REPO_ROOT, 'docs', 'screenshots');

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

/** The time zone of the sandbox's firm (Harbourside Legal, Sydney); the demo runs n8n in it. */
const FIRM_TIME_ZONE = 'Australia/Sydney';

function readExample(file) {
	return JSON.parse(fs.readFileSync(path.join(EXAMPLES_DIR, file), 'utf8'));
}

/** Every `examples/*.json`, parsed: [{ file, workflow }]. */
function loadExamples() {
	return fs
		.readdirSync(EXAMPLES_DIR)
		.filter((f) => f.endsWith('.json'))
		.sort()
		.map((file) => ({ file, workflow: readExample(file) }));
}

/** The plaintext `actionstepOAuth2Api` credential for `import:credentials`, connected to a running sandbox. */
function sandboxCredentialFor(sandbox, token, ref = CREDENTIAL_REF) {
	return {
		id: ref.id,
		name: ref.name,
		type: rt.CREDENTIAL_TYPE,
		data: {
			environment: 'custom',
			baseUrl: sandbox.url,
			clientId: sandbox.clientId,
			clientSecret: sandbox.clientSecret,
			oauthTokenData: token,
		},
	};
}

/**
 * The `oAuth2Api` credential of the RingCentral examples, pointed at the sandbox's RingCentral corner: grant
 * Client Credentials, client authenticated with HTTP Basic ("Header"), as RingCentral requires. n8n fetches the
 * token itself on first use.
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
 * A copy of an example with the values of its "Settings" node replaced (the node a user is told to edit:
 * the RingCentral server, the webhook URL, …), optionally under a new id.
 */
function withSettings(workflow, values, { id } = {}) {
	const copy = JSON.parse(JSON.stringify(workflow));
	const node = copy.nodes.find((n) => n.name === 'Settings');
	if (!node) throw new Error(`${workflow.name} has no Settings node`);
	for (const [name, value] of Object.entries(values)) {
		const a = node.parameters.assignments.assignments.find((x) => x.name === name);
		if (!a) throw new Error(`${workflow.name}: Settings has no ${name}`);
		a.value = value;
	}
	if (id) {
		copy.id = id;
		copy.name = `${copy.name} (${id})`;
	}
	return copy;
}

/** `n8n execute --id --rawOutput` against a user folder (also while `n8n start` runs on it): { code, run, output }. */
async function executeWorkflowCli(userFolder, workflowId, { env } = {}) {
	const r = await rt.n8nCommand(userFolder, ['execute', `--id=${workflowId}`, '--rawOutput'], { env });
	let run;
	try {
		run = rt.parseRawOutput(r.stdout);
	} catch {
		run = undefined;
	}
	return { code: r.code, run, output: (r.stdout + r.stderr).slice(-3000) };
}

/**
 * Imports credentials (plaintext data; n8n encrypts it) and workflows into a user folder with the CLI.
 * Workflows go in one `import:workflow --separate` call (each command boots n8n: ~5–10 s).
 */
async function importIntoUserFolder(userFolder, { credentials = [], workflows = [] } = {}) {
	const tag = `${Date.now()}-${Math.random().toString(36).slice(2, 8)}`;
	if (credentials.length) {
		const file = path.join(userFolder, `import-credentials-${tag}.json`);
		fs.writeFileSync(file, JSON.stringify(credentials, null, 2));
		try {
			await rt.n8nCommandOk(userFolder, ['import:credentials', `--input=${file}`]);
		} finally {
			fs.rmSync(file, { force: true }); // plaintext token: do not leave it lying around
		}
	}
	if (workflows.length) {
		const dir = path.join(userFolder, `import-workflows-${tag}`);
		fs.mkdirSync(dir, { recursive: true });
		workflows.forEach((wf, i) => fs.writeFileSync(path.join(dir, `${String(i).padStart(2, '0')}-${wf.id || 'workflow'}.json`), JSON.stringify(wf, null, 2)));
		try {
			await rt.n8nCommandOk(userFolder, ['import:workflow', '--separate', `--input=${dir}`]);
		} finally {
			fs.rmSync(dir, { recursive: true, force: true });
		}
	}
}

// ---------------------------------------------------------------------------------------------
// the demo's calls (RingCentral, played by the sandbox's RingCentral corner)

/**
 * Calls for the firm in the sandbox's seed. `live`: Michael Smith (participant 105, mobile +61 491 570 110)
 * calls Emma Smith's extension and talks 7 min 1 s. `missed`: Wei Chen (107, home +61 3 7010 4421) rings, nobody
 * answers.
 * `offline`: Emma calls Aroha Ngata (108) while n8n is down: only the call log has it.
 */
const DEMO_CALLS = Object.freeze({
	live: { scenario: 'answered', other: { phoneNumber: '+61491570110', name: 'MICHAEL SMITH', location: 'Sydney, NSW' }, talkSeconds: 421 },
	missed: { scenario: 'missed', other: { phoneNumber: '+61370104421', name: 'WEI CHEN', location: 'Melbourne, VIC' } },
	offline: { scenario: 'answered', direction: 'Outbound', other: { phoneNumber: '+64215550190', location: 'New Zealand' }, talkSeconds: 190 },
});

/**
 * Plays a call through the sandbox's RingCentral corner to every subscribed webhook and, after each event,
 * waits for the n8n execution it started (RingCentral's events of one call are seconds apart; this keeps
 * them apart). Resolves { call, deliveries, runs: [{ label, id, status, data, out }] }, `out` being the
 * first item "Log the call" output (undefined when the event stopped earlier).
 */
async function playCallThroughN8n(sandbox, n8nUrl, cookie, workflowId, spec, { afterId = 0, nodeName = 'Log the call' } = {}) {
	let last = afterId;
	const runs = [];
	const result = await sandbox.ringcentral.playCall(spec, {
		afterEach: async (delivery) => {
			const [run] = await waitForExecutions(n8nUrl, cookie, workflowId, { afterId: last });
			last = Number(run.id);
			runs.push({ label: delivery.label, ...run, out: (executionNodeJson(run.data, nodeName) || [])[0] });
		},
	});
	return { ...result, runs, lastId: last };
}

/** POSTs JSON to a production webhook. Resolves { status, headers, text, body } (the runtime's REST request, no cookie). */
async function postWebhook(url, webhookPath, body, { headers = {}, timeoutMs = 30000 } = {}) {
	const { status, headers: answered, text, body: parsed } = await rt.restRequest(url, undefined, 'POST', `/webhook/${webhookPath}`, body, {
		headers: Object.assign({ 'content-type': 'application/json' }, headers),
		timeoutMs,
	});
	return { status, headers: answered, text, body: parsed };
}

// ---------------------------------------------------------------------------------------------
// executions of a started n8n (REST, with the owner's cookie)

let flattedParse;
/** n8n stores execution data with `flatted`; its parser is taken from the n8n runtime, not from this package. */
function parseExecutionData(data) {
	if (data && typeof data === 'object') return data;
	if (!flattedParse) {
		const n8nPkg = path.join(rt.runtimePaths().n8nPrefix, 'node_modules', 'n8n', 'package.json');
		const req = createRequire(n8nPkg);
		flattedParse = req('flatted').parse;
	}
	return flattedParse(data);
}

/** The executions of one workflow, newest first: [{ id, status, finished, mode, startedAt, stoppedAt }]. */
async function listExecutions(url, cookie, workflowId, { limit = 50 } = {}) {
	const q = new URLSearchParams({ filter: JSON.stringify({ workflowId }), limit: String(limit) });
	const data = await rt.rest(url, cookie, 'GET', `/rest/executions?${q}`);
	return (data && data.results) || [];
}

const FINAL = new Set(['success', 'error', 'crashed', 'canceled']);

/**
 * Waits until `count` executions of the workflow with an id above `afterId` have finished, then returns
 * them oldest first, each with its parsed run data: [{ id, status, data: IRunExecutionData }].
 */
async function waitForExecutions(url, cookie, workflowId, { afterId = 0, count = 1, timeoutMs = 60000 } = {}) {
	const started = Date.now();
	for (;;) {
		const list = (await listExecutions(url, cookie, workflowId)).filter((e) => Number(e.id) > Number(afterId));
		const done = list.filter((e) => FINAL.has(e.status));
		if (done.length >= count && done.length === list.length) {
			const oldestFirst = done.sort((a, b) => Number(a.id) - Number(b.id)).slice(0, count);
			const out = [];
			for (const e of oldestFirst) {
				const full = await rt.rest(url, cookie, 'GET', `/rest/executions/${e.id}`);
				out.push({ id: String(e.id), status: full.status || e.status, data: parseExecutionData(full.data) });
			}
			return out;
		}
		if (Date.now() - started > timeoutMs) {
			throw new Error(`workflow ${workflowId}: ${done.length} of ${count} execution(s) after #${afterId} finished within ${timeoutMs / 1000} s (seen: ${JSON.stringify(list.map((e) => [e.id, e.status]))})`);
		}
		await new Promise((r) => setTimeout(r, 300));
	}
}

/** The highest execution id of a workflow so far (0 when none). */
async function lastExecutionId(url, cookie, workflowId) {
	const list = await listExecutions(url, cookie, workflowId, { limit: 1 });
	return list.length ? Number(list[0].id) : 0;
}

/** The `json` of each item a node output in an execution's run data (first run, output 0). */
function executionNodeJson(data, nodeName, { output = 0, runIndex = 0 } = {}) {
	const runs = (data && data.resultData && data.resultData.runData && data.resultData.runData[nodeName]) || [];
	const task = runs[runIndex];
	if (!task) return undefined;
	const items = (task.data && task.data.main && task.data.main[output]) || [];
	return items.map((it) => it.json);
}

/** The error message of an execution or of one of its nodes, if any. */
function executionError(data) {
	const rd = (data && data.resultData) || {};
	if (rd.error) return rd.error.message || String(rd.error);
	for (const [name, runs] of Object.entries(rd.runData || {})) {
		for (const r of runs || []) if (r && r.error) return `${name}: ${r.error.message || r.error}`;
	}
	return undefined;
}

// ---------------------------------------------------------------------------------------------
// screenshots of the real editor

const CHROMIUM_ARGS = [
	'--no-sandbox',
	'--disable-gpu',
	'--disable-quic',
	'--no-first-run',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
	'--disable-dev-shm-usage',
	'--hide-scrollbars',
];

function sleep(ms) {
	return new Promise((r) => setTimeout(r, ms));
}

/**
 * Opens the n8n editor in headless Chromium (logged in with `cookie`) and saves PNGs of one workflow:
 *   <outDir>/<prefix>-workflow.png        the canvas
 *   <outDir>/<prefix>-node.png            the node named `nodeName`, open on its parameters
 *   <outDir>/<prefix>-execution.png       the execution `executionId` (when given): the canvas after the run
 *   <outDir>/<prefix>-execution-node.png  that execution with `nodeName` open: its input and output
 * Resolves { files, details }.
 */
async function screenshotEditor(
	url,
	cookie,
	{ workflowId, nodeName, executionId, outDir = SCREENSHOTS_DIR, prefix = 'log-call', width = 1280, height = 800, timeoutMs = 120000, onProgress } = {},
) {
	const { chromium, puppeteer } = await rt.ensureBrowser({ onProgress });
	const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'chromium-demo-'));
	const browser = await puppeteer.launch({
		executablePath: chromium,
		headless: true,
		args: [...CHROMIUM_ARGS, `--user-data-dir=${userDataDir}`, `--window-size=${width},${height}`],
		defaultViewport: { width, height },
		timeout: timeoutMs,
	});
	const base = url.replace(/\/$/, '');
	const files = [];
	const details = {};
	try {
		const page = await browser.newPage();
		page.setDefaultTimeout(timeoutMs);
		const u = new URL(url);
		const eq = String(cookie).indexOf('=');
		await browser.setCookie({ name: cookie.slice(0, eq), value: cookie.slice(eq + 1), domain: u.hostname, path: '/', httpOnly: true });
		fs.mkdirSync(outDir, { recursive: true });
		const shot = async (name) => {
			const file = path.join(outDir, `${prefix}-${name}.png`);
			await page.screenshot({ path: file });
			files.push(file);
			log(onProgress, `saved ${path.relative(REPO_ROOT, file)}`);
		};
		const open = async (route) => {
			await page.goto(`${base}${route}`, { waitUntil: 'domcontentloaded' });
			await page.waitForSelector('.vue-flow__node');
			await settle(page);
			// First-run popovers (the "Production Checklist") close on Escape; the canvas stays as it is.
			await page.keyboard.press('Escape');
			await sleep(500);
		};
		const openNode = async () => {
			const handle = await findNodeOnCanvas(page, nodeName);
			if (!handle) throw new Error(`no node "${nodeName}" on the canvas`);
			const box = await handle.boundingBox();
			await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2, { count: 2 });
			await page.waitForSelector('[data-test-id="ndv"] [data-test-id="node-parameters"]', { timeout: 30000 });
			await settle(page);
		};

		const wfRoute = `/workflow/${encodeURIComponent(workflowId)}`;
		await open(wfRoute);
		details.canvasNodes = await page.$$eval('.vue-flow__node', (els) => els.map((e) => (e.textContent || '').trim().replace(/\s+/g, ' ').slice(0, 60)));
		await shot('workflow');
		if (nodeName) {
			await openNode();
			details.panelText = await ndvText(page);
			await shot('node');
		}
		if (executionId) {
			await open(`${wfRoute}/executions/${encodeURIComponent(executionId)}`);
			await shot('execution');
			if (nodeName) {
				await openNode();
				await page.waitForSelector('[data-test-id="ndv"] [data-test-id="output-panel"]', { timeout: 30000 });
				details.executionPanelText = await ndvText(page);
				await shot('execution-node');
			}
		}
		details.title = await page.title();
		return { files, details };
	} finally {
		await browser.close().catch(() => {});
		fs.rmSync(userDataDir, { recursive: true, force: true });
	}
}

/** The open node panel's text plus the values shown in its inputs (selected options are input values). */
async function ndvText(page) {
	return page.$eval('[data-test-id="ndv"]', (el) =>
		[el.textContent || '', ...Array.from(el.querySelectorAll('input, textarea'), (i) => i.value || '')].join(' ').replace(/\s+/g, ' ').trim(),
	);
}

function log(onProgress, msg) {
	if (onProgress) onProgress(msg);
}

async function settle(page) {
	await page.waitForNetworkIdle({ idleTime: 700, timeout: 20000 }).catch(() => {});
	await sleep(1500); // icons, edges and panels finish rendering after the network is idle
}

/** The canvas node whose text is the shortest one containing the name (a sticky note may mention it too). */
async function findNodeOnCanvas(page, nodeName) {
	let best;
	let bestLength = Infinity;
	for (const n of await page.$$('.vue-flow__node')) {
		const text = await n.evaluate((el) => el.textContent || '');
		if (text.includes(nodeName) && text.length < bestLength) {
			best = n;
			bestLength = text.length;
		}
	}
	return best;
}

module.exports = {
	REPO_ROOT,
	EXAMPLES_DIR,
	SCREENSHOTS_DIR,
	CREDENTIAL_REF,
	RINGCENTRAL_CREDENTIAL_REF,
	EXAMPLES,
	FIRM_TIME_ZONE,
	readExample,
	loadExamples,
	sandboxCredentialFor,
	importIntoUserFolder,
	ringCentralCredentialFor,
	withSettings,
	executeWorkflowCli,
	DEMO_CALLS,
	playCallThroughN8n,
	postWebhook,
	parseExecutionData,
	listExecutions,
	waitForExecutions,
	lastExecutionId,
	executionNodeJson,
	executionError,
	screenshotEditor,
};
