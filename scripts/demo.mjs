#!/usr/bin/env node
/**
 * `npm run demo`: the Actionstep node in real n8n against the local Actionstep sandbox.
 *
 *   1. starts the sandbox (data in .sandbox-data/demo.json, fresh seed each run);
 *   2. installs n8n 2.41.1 on first use (scripts/lib/n8n-runtime.cjs, ~6 min once), builds and packs this
 *      package and installs it into a fresh n8n user folder the way users install community nodes;
 *   3. imports an Actionstep credential already connected to the sandbox and every workflow in examples/,
 *      publishes "Log RingCentral calls", starts n8n on 127.0.0.1 and creates the owner account;
 *   4. sends RingCentral's validation request and a sample call-log event to the workflow's webhook, reads
 *      the execution back, checks the sandbox's records, sends the same event again (duplicate);
 *   5. prints what was created and the URLs, then runs until Ctrl-C (or exits with --once).
 *
 * Flags: --once, --port N (n8n), --sandbox-port N, --screenshots, --no-build, --keep, --help.
 */
import fs from 'node:fs';
import path from 'node:path';
import process from 'node:process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const rt = require('./lib/n8n-runtime.cjs');
const demo = require('./demo/lib.cjs');

const USAGE = `Usage: npm run demo -- [options]

  --once             run the sample call, print the result and exit (0 = everything worked)
  --port N           n8n's port (default: a free one)
  --sandbox-port N   the sandbox's port (default: a free one)
  --screenshots      also save editor screenshots to docs/screenshots/
  --no-build         pack dist/ as it is (skip npm run build)
  --keep             keep the n8n user folder (its logs) after exit
  --help             this text`;

const OWNER = Object.freeze({ email: 'demo@example.com', password: 'Actionstep-Demo-1', firstName: 'Demo', lastName: 'Owner' });
const DATA_FILE = path.join(root, '.sandbox-data', 'demo.json');

function parseArgs(argv) {
	const o = { once: false, port: undefined, sandboxPort: undefined, screenshots: false, build: true, keep: false, help: false };
	for (let i = 0; i < argv.length; i++) {
		const a = argv[i];
		const next = () => {
			const v = argv[++i];
			if (v === undefined) throw new Error(`${a} needs a value`);
			return v;
		};
		const port = (v) => {
			const n = Number(v);
			if (!Number.isInteger(n) || n < 1 || n > 65535) throw new Error(`${a}: not a port: ${v}`);
			return n;
		};
		if (a === '--once') o.once = true;
		else if (a === '--port') o.port = port(next());
		else if (a.startsWith('--port=')) o.port = port(a.slice(7));
		else if (a === '--sandbox-port') o.sandboxPort = port(next());
		else if (a.startsWith('--sandbox-port=')) o.sandboxPort = port(a.slice(15));
		else if (a === '--screenshots') o.screenshots = true;
		else if (a === '--no-build') o.build = false;
		else if (a === '--keep') o.keep = true;
		else if (a === '--help' || a === '-h') o.help = true;
		else throw new Error(`unknown option ${a}`);
	}
	return o;
}

const t0 = Date.now();
const secs = (ms = Date.now() - t0) => `${(ms / 1000).toFixed(1)} s`;
const say = (msg) => process.stdout.write(`[demo ${secs().padStart(7)}] ${msg}\n`);

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

// ---------------------------------------------------------------------------------------------
// cleanup: whatever was started is stopped on exit, Ctrl-C or an error

const state = { sandbox: undefined, n8n: undefined, userFolder: undefined, packDir: undefined, stopping: undefined };

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
		shutdown().finally(() => process.exit(0));
	});
}
process.on('exit', () => rt.killAllNow());

// ---------------------------------------------------------------------------------------------
// the run

class DemoFailure extends Error {}

/** "GET participants?phone2Number_ilike=*5*7*0*1*1*0* → 200": the request as the sandbox logged it, without paging and field lists. */
function describeRequest(q) {
	const params = new URLSearchParams(q.rawQuery || '');
	for (const k of ['fields', 'page', 'pageSize']) params.delete(k);
	if (params.get('sort') === 'id') params.delete('sort');
	const query = [...params].map(([k, v]) => `${k}=${v}`).join('&');
	return `${q.method.padEnd(4)} ${q.path.replace(/^\/api\/rest\//, '')}${query ? '?' + query : ''} → ${q.status}`;
}

function check(ok, what) {
	if (!ok) throw new DemoFailure(what);
}

async function main() {
	console.log(`Actionstep for n8n: demo in real n8n ${rt.N8N_VERSION} against the local Actionstep sandbox\n`);

	// The n8n runtime (first run: install, with progress).
	// (ensureRuntime prints its own progress when it installs: "installing the n8n 2.41.1 runtime into …")
	const installed = fs.existsSync(rt.runtimePaths().marker);
	await rt.ensureRuntime({ onProgress: (m) => say(m) });
	if (installed) say(`n8n ${rt.N8N_VERSION} runtime: ${rt.runtimeDir()}`);

	// The sandbox, fresh seed, data kept in .sandbox-data/demo.json.
	require('ts-node').register({ transpileOnly: true, project: path.join(root, 'tsconfig.json'), compilerOptions: { module: 'commonjs' } });
	const { startSandbox } = require(path.join(root, 'sandbox', 'index.ts'));
	fs.mkdirSync(path.dirname(DATA_FILE), { recursive: true });
	fs.rmSync(DATA_FILE, { force: true });
	state.sandbox = await startSandbox({ port: opts.sandboxPort ?? 0, dataFile: DATA_FILE, quiet: true });
	const sandbox = state.sandbox;
	say(`sandbox (Harbourside Legal, a seeded Actionstep firm) on ${sandbox.url}, data in ${path.relative(root, DATA_FILE)}`);

	// This package, packed and installed into a fresh user folder.
	const tarball = await rt.packPackage({ build: opts.build, onProgress: (m) => say(m) });
	state.packDir = path.dirname(tarball);
	const { userFolder } = await rt.createUserFolder({ tarball, onProgress: (m) => say(m) });
	state.userFolder = userFolder;
	fs.rmSync(state.packDir, { recursive: true, force: true });
	state.packDir = undefined;

	// The credential (a sandbox token, as n8n stores it after the OAuth2 flow) and the examples.
	const token = await sandbox.issueToken({});
	const examples = demo.loadExamples();
	say(`importing the Actionstep credential and ${examples.length} example workflows (${examples.map((e) => e.file).join(', ')})…`);
	await demo.importIntoUserFolder(userFolder, {
		credentials: [demo.sandboxCredentialFor(sandbox, token)],
		workflows: examples.map((e) => e.workflow),
	});
	const logCall = demo.EXAMPLES.logCall;
	await rt.n8nCommandOk(userFolder, ['publish:workflow', `--id=${logCall.id}`]);

	// n8n itself.
	const n8n = await rt.startN8n(userFolder, {
		port: opts.port,
		env: { GENERIC_TIMEZONE: demo.FIRM_TIME_ZONE },
		onProgress: (m) => say(m),
	});
	state.n8n = n8n;
	const { cookie } = await rt.setupOwner(n8n.url, OWNER);
	await rt.waitForWebhook(n8n.url, logCall.webhookPath, { method: 'POST' });
	say(`n8n ready; owner ${OWNER.email} created; webhook POST /webhook/${logCall.webhookPath} live`);

	// 1. RingCentral's subscription check: a Validation-Token header that must come back.
	let lastId = await demo.lastExecutionId(n8n.url, cookie, logCall.id);
	const validationToken = `demo-${Date.now().toString(36)}`;
	const validation = await demo.postWebhook(n8n.url, logCall.webhookPath, undefined, { headers: { 'validation-token': validationToken } });
	const echoed = validation.headers.get('validation-token');
	check(validation.status === 200, `validation request answered ${validation.status}: ${validation.text.slice(0, 200)}`);
	check(echoed === validationToken, `Validation-Token not echoed (got ${JSON.stringify(echoed)})`);
	const [validationRun] = await demo.waitForExecutions(n8n.url, cookie, logCall.id, { afterId: lastId });
	lastId = validationRun.id;
	check(validationRun.status === 'success', `validation execution #${validationRun.id} ended ${validationRun.status}: ${demo.executionError(validationRun.data)}`);
	check(demo.executionNodeJson(validationRun.data, 'Log the call') === undefined, 'the validation request reached Log Call');

	// 2. The sample call.
	const before = { phonerecords: sandbox.store.list('phonerecords').length, timeentries: sandbox.store.list('timeentries').length };
	const event = demo.ringCentralCallEvent();
	sandbox.clearLog();
	const first = await demo.postWebhook(n8n.url, logCall.webhookPath, event);
	check(first.status === 200, `call event answered ${first.status}: ${first.text.slice(0, 200)}`);
	const [run1] = await demo.waitForExecutions(n8n.url, cookie, logCall.id, { afterId: lastId });
	lastId = run1.id;
	check(run1.status === 'success', `execution #${run1.id} ended ${run1.status}: ${demo.executionError(run1.data)}`);
	const requests = sandbox.requests().map(describeRequest);
	const out1 = (demo.executionNodeJson(run1.data, 'Log the call') || [])[0];
	check(out1 && out1.phoneRecord && out1.phoneRecord.id, `Log the call returned no phone record: ${JSON.stringify(out1)}`);
	check(out1.duplicate === false, 'the first delivery was reported as a duplicate');
	check(out1.timeEntry && out1.timeEntry.id, `no time entry was created: ${out1.decisions && out1.decisions.timeEntry}`);

	// What the sandbox now holds.
	const record = sandbox.store.get('phonerecords', out1.phoneRecord.id);
	const entry = sandbox.store.get('timeentries', out1.timeEntry.id);
	check(record, `phone record ${out1.phoneRecord.id} is not in the sandbox`);
	check(entry && entry.links.phoneRecord === record.id, `time entry ${out1.timeEntry.id} is not linked to phone record ${record.id}`);
	check(sandbox.store.list('phonerecords').length === before.phonerecords + 1, 'not exactly one phone record was created');
	check(sandbox.store.list('timeentries').length === before.timeentries + 1, 'not exactly one time entry was created');

	// 3. The same event again: RingCentral retries, forwarders resend.
	const second = await demo.postWebhook(n8n.url, logCall.webhookPath, event);
	check(second.status === 200, `second delivery answered ${second.status}`);
	const [run2] = await demo.waitForExecutions(n8n.url, cookie, logCall.id, { afterId: lastId });
	check(run2.status === 'success', `execution #${run2.id} ended ${run2.status}: ${demo.executionError(run2.data)}`);
	const out2 = (demo.executionNodeJson(run2.data, 'Log the call') || [])[0];
	check(out2 && out2.duplicate === true, `the second delivery was not recognised as a duplicate: ${JSON.stringify(out2 && out2.decisions)}`);
	check(out2.phoneRecord.id === record.id && out2.timeEntry && out2.timeEntry.id === entry.id, 'the duplicate points at other records');
	check(sandbox.store.list('phonerecords').length === before.phonerecords + 1, 'the duplicate created a phone record');
	check(sandbox.store.list('timeentries').length === before.timeentries + 1, 'the duplicate created a time entry');

	// The report.
	const p = out1.participant || {};
	const m = out1.matter || {};
	const d = out1.decisions || {};
	const wfUrl = `${n8n.url}/workflow/${logCall.id}`;
	const lines = [
		'',
		`RingCentral validation request → 200, Validation-Token echoed (execution #${validationRun.id}: stopped at "Call events only")`,
		`Sample call event → POST ${n8n.url}/webhook/${logCall.webhookPath} → 200, execution #${run1.id}: ${run1.status}`,
		`  ${out1.call.direction === 'in' ? 'inbound' : 'outbound'} call from ${out1.call.phoneNumber} (${out1.call.name}), ${out1.call.durationSeconds} s, result ${out1.call.result}`,
		'',
		'Created in Actionstep (the sandbox):',
		`  phone record  ${record.id}   ${record.direction}, ${record.callTimestamp}, "${record.outcome}", ${record.actualHours} h, ${record.phoneNumber} (${record.phoneNumberType})`,
		`  participant   ${p.id ?? '-'}    ${p.displayName ?? record.fromParticipantOther ?? '-'}   (${d.participant})`,
		`  matter        ${m.id ?? '-'}   ${[m.reference, m.name].filter(Boolean).join(' ') || '-'}   (${d.matter})`,
		`  time entry    ${entry.id}   ${entry.actualHours} h actual, ${entry.billableHours} h billable, "${entry.description}", linked to phone record ${entry.links.phoneRecord}`,
		`  duplicate     ${out1.duplicate}`,
		`Same event again → execution #${run2.id}: duplicate ${out2.duplicate}, phone record ${out2.phoneRecord.id}, time entry ${out2.timeEntry.id}; nothing created`,
		'',
		`Requests the node made to Actionstep for the first delivery (${requests.length}):`,
		...requests.map((r) => `  ${r}`),
		'',
		`n8n editor   ${n8n.url}/   (log in as ${OWNER.email} / ${OWNER.password})`,
		`workflow     ${wfUrl}`,
		`execution    ${wfUrl}/executions/${run1.id}`,
		`webhook      POST ${n8n.url}/webhook/${logCall.webhookPath}`,
		`sandbox      ${sandbox.url}   (client id ${sandbox.clientId}; data in ${path.relative(root, DATA_FILE)})`,
		`ports        n8n ${n8n.port}, sandbox ${new URL(sandbox.url).port}`,
		'',
	];
	console.log(lines.join('\n'));

	if (opts.screenshots) {
		say('taking editor screenshots in headless Chromium (1–2 minutes)…');
		await demo.screenshotEditor(n8n.url, cookie, { workflowId: logCall.id, nodeName: 'Log the call', executionId: run1.id, onProgress: (m) => say(m) });
	}

	say(`demo finished in ${secs()}`);
	return { n8n, sandbox };
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
