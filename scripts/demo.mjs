#!/usr/bin/env node
/**
 * `npm run demo`: the Actionstep node in real n8n against the local Actionstep sandbox and its RingCentral corner.
 *
 *   1. starts the sandbox (data in .sandbox-data/demo.json, fresh seed each run); its RingCentral look-alike is
 *      under <sandbox>/ringcentral;
 *   2. installs n8n 2.41.1 on first use (scripts/lib/n8n-runtime.cjs, ~6 min once), builds and packs this
 *      package and installs it into a fresh n8n user folder the way users install community nodes;
 *   3. imports the Actionstep credential (connected to the sandbox), the RingCentral credential (n8n's OAuth2
 *      credential, client credentials against the corner) and every workflow in examples/, publishes
 *      "Log RingCentral calls live", starts n8n on 127.0.0.1 and creates the owner account;
 *   4. recipe (a), live: runs the subscription example (POST /restapi/v1.0/subscription; RingCentral's
 *      Validation-Token handshake), then the corner plays a live call, a missed call and a repeat delivery
 *      as telephony-session events to the webhook, waiting for each execution;
 *   5. recipe (b), sync: a call n8n never heard about goes into the call log; the sync example runs once
 *      (GET /restapi/v1.0/account/~/extension/~/call-log) and logs it, finding the live calls again as duplicates;
 *   6. checks and prints what the sandbox now holds, then runs until Ctrl-C (or exits with --once).
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

  --once             run the sample calls, print the result and exit (0 = everything worked)
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

	// The credentials (an Actionstep token as n8n stores it after the OAuth2 flow; RingCentral by client credentials) and the examples.
	const token = await sandbox.issueToken({});
	const examples = demo.loadExamples();
	const X = demo.EXAMPLES;
	const byFile = Object.fromEntries(examples.map((e) => [e.file, e.workflow]));
	const n8nPort = opts.port ?? (await rt.freePort());
	const webhookUrl = `http://127.0.0.1:${n8nPort}/webhook/${X.logCall.webhookPath}`;
	// The two RingCentral examples as a firm would fill in their Settings node, here pointing at the sandbox's RingCentral.
	const here = (file, values) => demo.withSettings(byFile[file], { ringCentralServer: sandbox.ringcentral.baseUrl, ...values });
	const workflows = examples.map((e) =>
		e.file === X.rcSubscribe.file ? here(e.file, { webhookUrl }) : e.file === X.rcSync.file ? here(e.file, {}) : e.workflow,
	);
	say(`importing the Actionstep and RingCentral credentials and ${examples.length} example workflows (${examples.map((e) => e.file).join(', ')})…`);
	await demo.importIntoUserFolder(userFolder, {
		credentials: [demo.sandboxCredentialFor(sandbox, token), demo.ringCentralCredentialFor(sandbox)],
		workflows,
	});
	const logCall = X.logCall;
	await rt.n8nCommandOk(userFolder, ['publish:workflow', `--id=${logCall.id}`]);

	// n8n itself.
	const n8n = await rt.startN8n(userFolder, {
		port: n8nPort,
		env: { GENERIC_TIMEZONE: demo.FIRM_TIME_ZONE },
		onProgress: (m) => say(m),
	});
	state.n8n = n8n;
	const { cookie } = await rt.setupOwner(n8n.url, OWNER);
	await rt.waitForWebhook(n8n.url, logCall.webhookPath, { method: 'POST' });
	say(`n8n ready; owner ${OWNER.email} created; webhook POST /webhook/${logCall.webhookPath} live`);
	const env = { GENERIC_TIMEZONE: demo.FIRM_TIME_ZONE };
	const rc = sandbox.ringcentral;
	const count = () => ({ records: sandbox.store.count('phonerecords'), entries: sandbox.store.count('timeentries') });
	const start = count();

	// (a) 1. The webhook subscription, by the subscription example: RingCentral validates the address first.
	let lastId = await demo.lastExecutionId(n8n.url, cookie, logCall.id);
	const sub = await demo.executeWorkflowCli(userFolder, X.rcSubscribe.id, { env });
	check(sub.run && sub.run.status === 'success', `the subscription example failed: ${sub.run ? demo.executionError(sub.run.data) : sub.output}`);
	const subscription = (demo.executionNodeJson(sub.run.data, 'Create the webhook subscription') || [])[0];
	check(subscription && subscription.status === 'Active', `no Active subscription: ${JSON.stringify(subscription)}`);
	const validation = rc.deliveries().find((d) => d.label === 'validation');
	check(validation && validation.status === 200 && validation.echoedToken === validation.headers['validation-token'], 'the Validation-Token was not echoed');
	const [validationRun] = await demo.waitForExecutions(n8n.url, cookie, logCall.id, { afterId: lastId });
	lastId = Number(validationRun.id);
	check(demo.executionNodeJson(validationRun.data, 'Log the call') === undefined, 'the validation request reached Log Call');

	// (a) 2. A live call: Michael Smith calls, Emma answers, 7 min 1 s.
	sandbox.clearLog();
	const live = await demo.playCallThroughN8n(sandbox, n8n.url, cookie, logCall.id, demo.DEMO_CALLS.live, { afterId: lastId });
	lastId = live.lastId;
	const requests = sandbox.requests().map(describeRequest);
	for (const r of live.runs) check(r.status === 'success', `${r.label} event: execution #${r.id} ended ${r.status}: ${demo.executionError(r.data)}`);
	check(live.runs.map((r) => r.out && r.out.status).join() === 'skipped,skipped,created,updated', `live call: Log Call answered ${live.runs.map((r) => r.out && r.out.status).join(', ')}`);
	const done = live.runs[3].out;
	const record = sandbox.store.get('phonerecords', done.phoneRecord.id);
	const entry = done.timeEntry && sandbox.store.get('timeentries', done.timeEntry.id);
	check(record && record.outcome === 'Call completed' && record.actualHours === 0.12, `live call: record ${JSON.stringify(record)}`);
	check(record.links.action === 2011 && record.links.fromParticipant === 105, `live call: matter ${record.links.action}, participant ${record.links.fromParticipant}`);
	check(entry && entry.links.phoneRecord === record.id && entry.billableHours === 0.2, `live call: time entry ${JSON.stringify(entry)}`);

	// (a) 3. RingCentral delivers the Disconnected event again.
	await rc.redeliver(live.deliveries[3].seq);
	const [repeatRun] = await demo.waitForExecutions(n8n.url, cookie, logCall.id, { afterId: lastId });
	lastId = Number(repeatRun.id);
	const repeat = (demo.executionNodeJson(repeatRun.data, 'Log the call') || [])[0];
	check(repeat && repeat.status === 'duplicate' && repeat.phoneRecord.id === record.id, `repeat delivery: ${JSON.stringify(repeat && repeat.status)}`);

	// (a) 4. A missed call: Wei Chen rings, nobody answers.
	const missed = await demo.playCallThroughN8n(sandbox, n8n.url, cookie, logCall.id, demo.DEMO_CALLS.missed, { afterId: lastId });
	lastId = missed.lastId;
	const missedOut = missed.runs.at(-1).out;
	const missedRecord = missedOut && missedOut.phoneRecord && sandbox.store.get('phonerecords', missedOut.phoneRecord.id);
	check(missedRecord && missedRecord.outcome === 'Missed' && Number(missedRecord.actualHours ?? 0) === 0 && !missedOut.timeEntry, `missed call: ${JSON.stringify(missedOut && missedOut.decisions)}`);

	// (b) The sync: a call made while n8n was down is only in the call log; one run of the sync example.
	const offline = rc.addCall(demo.DEMO_CALLS.offline);
	const sync = await demo.executeWorkflowCli(userFolder, X.rcSync.id, { env });
	check(sync.run && sync.run.status === 'success', `the sync example failed: ${sync.run ? demo.executionError(sync.run.data) : sync.output}`);
	const synced = demo.executionNodeJson(sync.run.data, 'Log the call') || [];
	const syncedCalls = (demo.executionNodeJson(sync.run.data, 'One item per call') || []).map((c) => c.telephonySessionId);
	const offlineOut = synced[syncedCalls.indexOf(offline.telephonySessionId)];
	check(offlineOut && offlineOut.status === 'created', `sync: the offline call was ${offlineOut && offlineOut.status}`);
	// The live calls are found again by their telephonySessionId: the same records (completed with what the call-log
	// record adds, if anything), never second ones.
	const liveIds = [record.id, missedRecord.id].sort().join();
	const again = synced.filter((o) => o !== offlineOut);
	check(again.every((o) => o.status === 'duplicate' || o.status === 'updated') && again.map((o) => o.phoneRecord.id).sort().join() === liveIds, `sync: ${synced.map((o) => o.status).join(', ')}`);
	check(sandbox.store.list('timeentries').filter((t) => t.links.phoneRecord === record.id).length === 1, 'sync: the live call was billed twice');
	const offlineRecord = sandbox.store.get('phonerecords', offlineOut.phoneRecord.id);
	check(offlineRecord.outcome === 'Call completed' && offlineRecord.direction === 'out', `sync: record ${JSON.stringify(offlineRecord)}`);
	const end = count();
	check(end.records === start.records + 3, `expected 3 new phone records, found ${end.records - start.records}`);

	// The report.
	const sydney = (iso) => new Date(iso).toLocaleString('en-AU', { timeZone: demo.FIRM_TIME_ZONE, dateStyle: 'short', timeStyle: 'medium' });
	const who = (r) => {
		const id = r.direction === 'in' ? r.links.fromParticipant : r.links.toParticipant;
		const p = typeof id === 'number' && sandbox.store.get('participants', id);
		return p ? `${p.displayName} (${p.id})` : `${(r.direction === 'in' ? r.fromParticipantOther : r.toParticipantOther) ?? '-'} (no participant)`;
	};
	const line = (what, o) => {
		const r = sandbox.store.get('phonerecords', o.phoneRecord.id);
		const t = r && sandbox.store.list('timeentries').find((e) => e.links.phoneRecord === r.id);
		return [
			`  ${what}`,
			`    phone record ${r.id}: ${r.direction}, ${r.callTimestamp}, "${r.outcome}", ${r.actualHours === null ? 'no duration' : `${r.actualHours} h`}, ${r.phoneNumber}, ${who(r)}, matter ${r.links.action ?? '-'}`,
			`    time entry   ${t ? `${t.id}: ${t.actualHours} h actual, ${t.billableHours} h billable, "${t.description}"` : `none (${o.decisions && o.decisions.timeEntry})`}`,
		];
	};
	const wfUrl = `${n8n.url}/workflow/${logCall.id}`;
	const lines = [
		'',
		`(a) live: telephony-session webhook (event filter /restapi/v1.0/account/~/extension/~/telephony/sessions)`,
		`  subscription ${subscription.id}: Validation-Token echoed by execution #${validationRun.id}, status ${subscription.status}`,
		`  live call     ${live.runs.map((r) => `${r.label} #${r.id} ${r.out ? r.out.status : '-'}`).join(' → ')}   (${sydney(live.call.times.answered)} to ${sydney(live.call.times.disconnected)})`,
		`  repeat        Disconnected delivered again → #${repeatRun.id} ${repeat.status}, phone record ${repeat.phoneRecord.id}; nothing written`,
		`  missed call   ${missed.runs.map((r) => `${r.label} #${r.id} ${r.out ? r.out.status : '-'}`).join(' → ')}`,
		`(b) sync: GET /restapi/v1.0/account/~/extension/~/call-log?view=Detailed&type=Voice (${syncedCalls.length} records)`,
		`  ${synced.map((o, i) => `${syncedCalls[i] === offline.telephonySessionId ? 'offline call' : `live call (record ${o.phoneRecord.id})`} → ${o.status}`).join(', ')}`,
		'',
		`What Actionstep (the sandbox) now holds (${end.records - start.records} phone records, ${end.entries - start.entries} time entries new):`,
		...line('Michael Smith calls, Emma answers (live)', done),
		...line('Wei Chen rings, nobody answers (live)', missedOut),
		...line('Emma calls Aroha Ngata while n8n is down (sync)', offlineOut),
		'',
		`Requests the node made to Actionstep for the live call's four events (${requests.length}):`,
		...requests.map((r) => `  ${r}`),
		'',
		`n8n editor   ${n8n.url}/   (log in as ${OWNER.email} / ${OWNER.password})`,
		`workflow     ${wfUrl}`,
		`execution    ${wfUrl}/executions/${live.runs[3].id}`,
		`webhook      POST ${webhookUrl}`,
		`sandbox      ${sandbox.url}   (client id ${sandbox.clientId}; data in ${path.relative(root, DATA_FILE)})`,
		`ringcentral  ${rc.baseUrl}   (client id ${rc.clientId}; play a call: POST ${rc.baseUrl}/_sandbox/calls)`,
		`ports        n8n ${n8n.port}, sandbox ${new URL(sandbox.url).port}`,
		'',
	];
	console.log(lines.join('\n'));

	if (opts.screenshots) {
		say('taking editor screenshots in headless Chromium (1–2 minutes)…');
		await demo.screenshotEditor(n8n.url, cookie, { workflowId: logCall.id, nodeName: 'Log the call', executionId: live.runs[3].id, onProgress: (m) => say(m) });
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
