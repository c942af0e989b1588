/**
 * Every workflow in examples/ runs in real n8n 2.41.1 against the sandbox, the way a user has it:
 * the package installed under .n8n/nodes, an Actionstep credential, the example JSON imported as shipped
 * (only the IDs a user is told to change are changed, for variants), webhooks through a started n8n
 * (`n8n start`), manual workflows through `n8n execute --id`. Assertions are on the node outputs and on
 * the sandbox's records.
 *
 * The last test connects a new credential through n8n's own OAuth2 endpoints and the sandbox's consent page.
 *
 * One user folder and one `n8n start` for the whole file; CLI commands run against the same folder while
 * it is up. About 2.5–4 minutes on 2 cores.
 */
import type { IDataObject } from 'n8n-workflow';
import {
	cleanupTemp,
	demoLib as demo,
	executeWorkflow,
	exportCredential,
	importWorkflow,
	manualTrigger,
	nodeJson,
	actionstepNode,
	progress,
	userFolderWithThisPackage,
	rt,
	runError,
	startActionstepSandbox,
	workflow,
	RESULTS_DIR,
	type ExampleFile,
	type N8nProcess,
	type SandboxHandle,
} from './helpers';

const TZ = demo.FIRM_TIME_ZONE;
const ENV = { GENERIC_TIMEZONE: TZ };
const LOG = demo.EXAMPLES.logCall;
const RC_SUBSCRIBE = demo.EXAMPLES.rcSubscribe;
const RC_SYNC = demo.EXAMPLES.rcSync;
/** The two RingCentral examples pointed at the sandbox: only their Settings node changes, as a user would edit it. */
const RC_SUBSCRIBE_HERE = 'asExRcSubscribeE2';
const RC_SYNC_HERE = 'asExRcCallLogE2e';
const RC_SYNC_PAGED = 'asExRcCallLogPg1';
const TODAY = demo.EXAMPLES.todaysCalls;
const BILL = demo.EXAMPLES.billUnbilled;
const CLEAN = demo.EXAMPLES.cleanUp;

/** A copy of an example with a new id and one node's parameter changed: what a user does to adapt it. */
function variant(wf: ExampleFile['workflow'], id: string, change: (nodes: Record<string, IDataObject>) => void): IDataObject {
	const copy = JSON.parse(JSON.stringify(wf)) as ExampleFile['workflow'];
	copy.id = id;
	copy.name = `${copy.name} (${id})`;
	const byName: Record<string, IDataObject> = {};
	for (const n of copy.nodes) byName[n.name] = n as unknown as IDataObject;
	change(byName);
	return copy;
}

function setValue(node: IDataObject, field: string, value: string): void {
	const list = ((node.parameters as IDataObject).assignments as IDataObject).assignments as IDataObject[];
	const a = list.find((x) => x.name === field);
	if (!a) throw new Error(`no assignment ${field}`);
	a.value = value;
}

/** "2026-03-03" for an instant, in the firm's time zone. */
function dayIn(tz: string, at: string | Date): string {
	return new Intl.DateTimeFormat('en-CA', { timeZone: tz, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(at));
}

describe('the examples in real n8n against the sandbox', () => {
	let sandbox: SandboxHandle;
	let userFolder: string;
	let n8n: N8nProcess;
	let cookie: string;
	let examples: ExampleFile[];
	let accessToken: string;
	let loggedCallId: number | undefined;
	let n8nPort: number;
	/** The phone records the live recipe created (the answered call, the missed call, the voicemail). */
	const loggedLive: number[] = [];

	const api = async (method: string, resource: string, body?: unknown) => {
		const res = await fetch(`${sandbox.apiEndpoint}rest/${resource}`, {
			method,
			headers: { authorization: `Bearer ${accessToken}`, 'content-type': 'application/vnd.api+json', accept: 'application/vnd.api+json' },
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		const text = await res.text();
		if (!res.ok) throw new Error(`${method} ${resource} -> ${res.status}: ${text}`);
		return text ? JSON.parse(text) : undefined;
	};
	const execute = async (id: string) => {
		const r = await executeWorkflow(userFolder, id, { env: ENV });
		if (!r.run) throw new Error(`execute --id=${id} printed no run (exit ${r.code}):\n${(r.stdout + r.stderr).slice(-3000)}`);
		return r;
	};
	const linkedEntries = (phoneRecordId: number) => sandbox.store.list('timeentries').filter((t) => t.links.phoneRecord === phoneRecordId);

	beforeAll(async () => {
		userFolder = await userFolderWithThisPackage();
		sandbox = await startActionstepSandbox();
		const token = await sandbox.issueToken({});
		accessToken = token.access_token;
		examples = demo.loadExamples();
		const byFile = Object.fromEntries(examples.map((e) => [e.file, e.workflow]));
		n8nPort = await rt.freePort();
		const rcServer = sandbox.ringcentral.baseUrl;
		const variants = [
			variant(byFile[BILL.file], 'asExBillCalls2006', (n) => setValue(n['Matter'], 'matterId', '2006')),
			variant(byFile[CLEAN.file], 'asExCleanUp5010', (n) => setValue(n['Test call'], 'phoneRecordId', '5010')),
			demo.withSettings(byFile[RC_SUBSCRIBE.file], { ringCentralServer: rcServer, webhookUrl: `http://127.0.0.1:${n8nPort}/webhook/${LOG.webhookPath}` }, { id: RC_SUBSCRIBE_HERE }),
			demo.withSettings(byFile[RC_SYNC.file], { ringCentralServer: rcServer }, { id: RC_SYNC_HERE }),
			demo.withSettings(byFile[RC_SYNC.file], { ringCentralServer: rcServer, perPage: 1 }, { id: RC_SYNC_PAGED }),
		];
		// Every example is imported as shipped (the LawConnect one, which has no id, gets a new one). Its trigger
		// run is covered by lawconnect.e2e.test.ts; here it only has to import.
		await demo.importIntoUserFolder(userFolder, {
			credentials: [demo.sandboxCredentialFor(sandbox, token), demo.ringCentralCredentialFor(sandbox)],
			workflows: [...examples.map((e) => e.workflow as IDataObject), ...variants],
		});
		await rt.n8nCommandOk(userFolder, ['publish:workflow', `--id=${LOG.id}`]);
		n8n = await rt.startN8n(userFolder, { port: n8nPort, env: ENV, onProgress: progress });
		({ cookie } = (await rt.setupOwner(n8n.url)) as { cookie: string });
		await rt.waitForWebhook(n8n.url, LOG.webhookPath!, { method: 'POST' });
	});

	afterAll(async () => {
		await rt.stopAll();
		if (sandbox) await sandbox.close();
		cleanupTemp(userFolder);
	});

	test('each example is importable as shipped: stable id, our node type and credential type, served by n8n', async () => {
		const ours = Object.values(demo.EXAMPLES).map((e) => e.file);
		for (const file of ours) expect(examples.map((e) => e.file)).toContain(file);
		for (const { file, workflow: wf } of examples) {
			const asNodes = wf.nodes.filter((n) => String(n.type).startsWith('n8n-nodes-actionstep.'));
			if (file === RC_SUBSCRIBE.file) continue; // RingCentral only: it creates the webhook subscription for the live example
			expect({ file, actionstepNodes: asNodes.length > 0 }).toEqual({ file, actionstepNodes: true });
			for (const n of asNodes) {
				expect(Object.keys(n.credentials ?? {})).toEqual([rt.CREDENTIAL_TYPE]);
				expect(n.credentials![rt.CREDENTIAL_TYPE]).toEqual(demo.CREDENTIAL_REF);
			}
			if (!ours.includes(file)) continue;
			expect(Object.values(demo.EXAMPLES).find((e) => e.file === file)!.id).toBe(wf.id);
			expect(wf.nodes.some((n) => n.type === rt.NODE_TYPE)).toBe(true);
			const served = await rt.rest(n8n.url, cookie, 'GET', `/rest/workflows/${wf.id}`);
			expect(served.nodes.map((n: { name: string }) => n.name).sort()).toEqual(wf.nodes.map((n) => n.name).sort());
		}
		const types = await rt.rest(n8n.url, cookie, 'GET', '/types/nodes.json');
		const ourType = (types as Array<{ name: string; iconUrl?: unknown; icon?: unknown }>).find((t) => t.name === rt.NODE_TYPE);
		expect(ourType).toBeDefined();
		expect(ourType!.iconUrl ?? ourType!.icon).toBeTruthy();
	});

	test('log RingCentral calls live: the subscription example subscribes the webhook (Validation-Token echoed); Answered creates the record, Disconnected completes and bills it; a repeated event is a duplicate; a missed call is Missed; a voicemail is one Left voicemail record', async () => {
		let after = await rt.lastExecutionId(n8n.url, cookie, LOG.id);
		const rc = sandbox.ringcentral;

		// 1. The webhook subscription, made by the example (POST /restapi/v1.0/subscription); RingCentral validates first.
		const sub = await execute(RC_SUBSCRIBE_HERE);
		expect({ code: sub.code, status: sub.run!.status, error: runError(sub.run!)?.message }).toEqual({ code: 0, status: 'success', error: undefined });
		const webhookUrl = `${n8n.url}/webhook/${LOG.webhookPath}`;
		expect(nodeJson(sub.run!, 'Create the webhook subscription')).toEqual([
			expect.objectContaining({
				status: 'Active',
				eventFilters: [expect.stringMatching(/\/extension\/\d+\/telephony\/sessions$/), expect.stringMatching(/\/extension\/\d+\/voicemail$/)],
				deliveryMode: expect.objectContaining({ transportType: 'WebHook', address: webhookUrl }),
			}),
		]);
		const [validation] = rc.deliveries();
		expect(validation).toMatchObject({ label: 'validation', status: 200, echoedToken: validation.headers['validation-token'] });
		const [v] = await rt.waitForExecutions(n8n.url, cookie, LOG.id, { afterId: after });
		after = Number(v.id);
		expect(v.status).toBe('success');
		expect(rt.executionNodeJson(v.data, 'Call events only')).toEqual([]);
		expect(rt.executionNodeJson(v.data, 'Log the call')).toBeUndefined();

		// 2. Michael Smith calls; Emma answers; 7 min 1 s later they hang up.
		const records = sandbox.store.count('phonerecords');
		const entries = sandbox.store.count('timeentries');
		const live = await demo.playCallThroughN8n(sandbox, n8n.url, cookie, LOG.id, demo.DEMO_CALLS.live, { afterId: after });
		after = live.lastId;
		expect(live.deliveries.map((d) => [d.label, d.status])).toEqual([
			['Setup', 200],
			['Proceeding', 200],
			['Answered', 200],
			['Disconnected', 200],
		]);
		expect(live.runs.map((r) => ({ status: r.status, error: rt.executionError(r.data), logged: r.out?.status }))).toEqual([
			{ status: 'success', error: undefined, logged: 'skipped' },
			{ status: 'success', error: undefined, logged: 'skipped' },
			{ status: 'success', error: undefined, logged: 'created' },
			{ status: 'success', error: undefined, logged: 'updated' },
		]);
		const answered = live.runs[2].out!;
		const done = live.runs[3].out!;
		expect(answered.phoneRecord.outcome).toBe('In progress');
		expect(done.phoneRecord.id).toBe(answered.phoneRecord.id);
		expect(done.participant.id).toBe(105);
		expect(done.matter.id).toBe(2011);
		const record = sandbox.store.get('phonerecords', done.phoneRecord.id)!;
		expect(record).toMatchObject({
			direction: 'in',
			outcome: 'Call completed',
			phoneNumber: '+61491570110',
			actualHours: 0.12,
			links: { action: 2011, fromParticipant: 105, toParticipant: 101 },
		});
		expect(record.notes).toContain(live.call.telephonySessionId);
		expect(dayIn(TZ, record.callTimestamp)).toBe(dayIn(TZ, live.call.times.answered!));
		const entry = sandbox.store.get('timeentries', done.timeEntry.id)!;
		expect(entry).toMatchObject({ actualHours: 0.12, billableHours: 0.2, isBillable: 'T', links: { action: 2011, owner: 101, phoneRecord: record.id } });
		expect({ records: sandbox.store.count('phonerecords'), entries: sandbox.store.count('timeentries') }).toEqual({ records: records + 1, entries: entries + 1 });
		loggedCallId = record.id;
		// The clean-up example names the first call logged into a fresh sandbox.
		expect(record.id).toBe(5011);

		// 3. RingCentral delivers the Disconnected event again.
		await rc.redeliver(live.deliveries[3].seq);
		const [again] = await rt.waitForExecutions(n8n.url, cookie, LOG.id, { afterId: after });
		after = Number(again.id);
		const [dup] = rt.executionNodeJson(again.data, 'Log the call')! as Array<Record<string, any>>;
		expect({ status: dup.status, phoneRecord: dup.phoneRecord.id, timeEntry: dup.timeEntry?.id }).toEqual({ status: 'duplicate', phoneRecord: record.id, timeEntry: entry.id });
		expect({ records: sandbox.store.count('phonerecords'), entries: sandbox.store.count('timeentries') }).toEqual({ records: records + 1, entries: entries + 1 });

		// 4. Wei Chen rings; nobody answers.
		const missed = await demo.playCallThroughN8n(sandbox, n8n.url, cookie, LOG.id, demo.DEMO_CALLS.missed, { afterId: after });
		after = missed.lastId;
		expect(missed.runs.map((r) => [r.label, r.status, r.out?.status])).toEqual([
			['Setup', 'success', 'skipped'],
			['Proceeding', 'success', 'skipped'],
			['Disconnected', 'success', 'created'],
		]);
		const m = missed.runs[2].out!;
		const missedRecord = sandbox.store.get('phonerecords', m.phoneRecord.id)!;
		expect(missedRecord).toMatchObject({ direction: 'in', outcome: 'Missed', phoneNumber: '+61370104421', links: { fromParticipant: 107 } });
		expect(Number(missedRecord.actualHours ?? 0)).toBe(0);
		expect(m.timeEntry ?? null).toBeNull();
		expect(sandbox.store.count('timeentries')).toBe(entries + 1);
		loggedLive.push(record.id, missedRecord.id);

		// 5. An unknown number reaches Emma's voicemail: the VoiceMail status logs it, the rest adds no record.
		const voicemail = await demo.playCallThroughN8n(sandbox, n8n.url, cookie, LOG.id, { scenario: 'voicemail', other: { phoneNumber: '+61255509999', name: 'DAVID JONES' } }, { afterId: after });
		after = voicemail.lastId;
		expect(voicemail.runs.map((r) => [r.label, r.status, r.out?.status])).toEqual([
			['Setup', 'success', 'skipped'],
			['Proceeding', 'success', 'skipped'],
			['VoiceMail', 'success', 'created'],
			['Disconnected', 'success', expect.stringMatching(/^(duplicate|updated)$/)],
			// Log Call skips the message event today; the contract lets it complete the same record. Never a second one.
			['Message', 'success', expect.stringMatching(/^(skipped|duplicate|updated)$/)],
		]);
		const vmId = voicemail.runs[2].out!.phoneRecord.id;
		expect(voicemail.runs[3].out!.phoneRecord.id).toBe(vmId);
		expect(sandbox.store.get('phonerecords', vmId)).toMatchObject({ direction: 'in', outcome: 'Left voicemail', phoneNumber: '+61255509999' });
		expect(sandbox.store.count('phonerecords')).toBe(records + 3);
		loggedLive.push(vmId);
	});

	test('sync the RingCentral call log (schedule → Call Log API with n8n’s OAuth2 credential → Split Out → Log Call): a call only the call log has is logged; calls logged live are duplicates; pages are followed; a second run logs nothing', async () => {
		const rc = sandbox.ringcentral;
		const offline = rc.addCall(demo.DEMO_CALLS.offline);
		const records = sandbox.store.count('phonerecords');
		const entries = sandbox.store.count('timeentries');
		const r = await execute(RC_SYNC_HERE);
		expect({ code: r.code, status: r.run!.status, error: runError(r.run!)?.message }).toEqual({ code: 0, status: 'success', error: undefined });
		const inLog = rc.callLog().map((c) => c.telephonySessionId);
		expect(nodeJson(r.run!, 'One item per call').map((c) => c.telephonySessionId)).toEqual(inLog);
		const outs = nodeJson(r.run!, 'Log the call') as Array<Record<string, any>>;
		const created = outs[inLog.indexOf(offline.telephonySessionId)];
		expect(created.status).toBe('created');
		// The calls logged live are found again by their telephonySessionId: the same record (completed with what
		// the call-log record adds, if anything), never a second one.
		const live = outs.filter((o) => o !== created);
		expect(live.map((o) => o.status).filter((st) => st !== 'duplicate' && st !== 'updated')).toEqual([]);
		expect(live.map((o) => o.phoneRecord.id).sort()).toEqual(loggedLive.sort());
		expect(sandbox.store.get('phonerecords', created.phoneRecord.id)).toMatchObject({ direction: 'out', outcome: 'Call completed', phoneNumber: '+64215550190', links: { toParticipant: 108 } });
		expect(sandbox.store.count('phonerecords')).toBe(records + 1);
		// The token came from RingCentral's token endpoint (client credentials), the call log was read with it.
		const calls = rc.requests();
		expect(calls.filter((q) => q.path === '/restapi/oauth/token').map((q) => q.status)).toEqual([200]);
		const reads = calls.filter((q) => q.path.endsWith('/call-log'));
		expect(reads.every((q) => q.bearer && q.status === 200)).toBe(true);
		expect(new URLSearchParams(reads[0].query).get('view')).toBe('Detailed');

		// Overlapping windows, one record per page: every call is found again, nothing new is written.
		const paged = await execute(RC_SYNC_PAGED);
		expect({ status: paged.run!.status, error: runError(paged.run!)?.message }).toEqual({ status: 'success', error: undefined });
		expect(nodeJson(paged.run!, 'Read the call log')).toHaveLength(inLog.length);
		expect((nodeJson(paged.run!, 'Log the call') as Array<Record<string, any>>).map((o) => o.status)).toEqual(inLog.map(() => 'duplicate'));
		expect(sandbox.store.list('timeentries').filter((t) => t.links.phoneRecord === loggedLive[0])).toHaveLength(1);
		expect({ records: sandbox.store.count('phonerecords'), entries: sandbox.store.count('timeentries') }).toEqual({ records: records + 1, entries: entries + (created.timeEntry ? 1 : 0) });
	});

	test("list today's calls for a matter: Get Many with Matter ID and Call Time From {{ $today }}", async () => {
		const now = new Date();
		const iso = (d: Date) => d.toISOString().replace(/\.\d{3}Z$/, 'Z');
		const create = async (action: number, at: Date, outcome: string) =>
			(await api('POST', 'phonerecords', {
				phonerecords: { direction: 'out', callTimestamp: iso(at), outcome, actualHours: 0.1, links: { action: String(action), fromParticipant: '101', toParticipant: '105' } },
			})).phonerecords.id as string;
		const todayCall = Number(await create(2011, new Date(now.getTime() - 60 * 1000), 'Call completed'));
		const yesterdayCall = Number(await create(2011, new Date(now.getTime() - 30 * 3600 * 1000), 'Call completed'));
		const otherMatter = Number(await create(2001, new Date(now.getTime() - 60 * 1000), 'Call completed'));

		sandbox.clearLog();
		const r = await execute(TODAY.id);
		expect({ code: r.code, status: r.run!.status, error: runError(r.run!)?.message }).toEqual({ code: 0, status: 'success', error: undefined });
		const items = nodeJson(r.run!, "Today's calls on the matter");
		const today = dayIn(TZ, now);
		const expected = sandbox.store
			.list('phonerecords')
			.filter((p) => p.links.action === 2011 && dayIn(TZ, p.callTimestamp) === today)
			.map((p) => p.id)
			.sort((a, b) => a - b);
		const ids = items.map((i) => i.id as number);
		expect([...ids].sort((a, b) => a - b)).toEqual(expected);
		expect(ids).toContain(todayCall);
		if (loggedCallId && dayIn(TZ, sandbox.store.get('phonerecords', loggedCallId)!.callTimestamp) === today) expect(ids).toContain(loggedCallId);
		expect(ids).not.toContain(yesterdayCall);
		expect(ids).not.toContain(otherMatter);
		// Oldest first, and the query went to the server with the matter and the start of the day in the firm's time zone.
		const times = items.map((i) => Date.parse(String(i.callTimestamp)));
		expect(times).toEqual([...times].sort((a, b) => a - b));
		const queries = sandbox.requests().filter((q) => q.method === 'GET' && q.path === '/api/rest/phonerecords');
		expect(queries.length).toBeGreaterThan(0);
		for (const q of queries) {
			expect(q.query.action).toBe('2011');
			const from = String(q.query.callTimestamp_gteq);
			const clock = new Intl.DateTimeFormat('en-GB', { timeZone: TZ, hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' }).format(new Date(from));
			expect({ day: dayIn(TZ, from), clock }).toEqual({ day: today, clock: '00:00:00' });
		}
	});

	test('bill unbilled calls: only calls that lasted and have no time entry get one; a second run bills nothing', async () => {
		// Matter 2002 (seed): call 5002 (0.02 h, no time entry) and call 5003 (billed by 7002).
		const before = sandbox.store.count('timeentries');
		const r = await execute(BILL.id);
		expect({ code: r.code, status: r.run!.status, error: runError(r.run!)?.message }).toEqual({ code: 0, status: 'success', error: undefined });
		expect(nodeJson(r.run!, 'Calls on the matter').map((c) => c.id).sort()).toEqual([5002, 5003]);
		expect(nodeJson(r.run!, 'Not billed yet').map((c) => c.id)).toEqual([5002]);
		const billed = nodeJson(r.run!, 'Bill the call');
		expect(billed).toHaveLength(1);
		expect(billed[0]).toMatchObject({ billableHours: 0.1, links: { action: 2002, phoneRecord: 5002 } });
		expect(linkedEntries(5002).map((t) => t.id)).toEqual([billed[0].id]);
		expect(linkedEntries(5003).map((t) => t.id)).toEqual([7002]);
		expect(sandbox.store.count('timeentries')).toBe(before + 1);

		const again = await execute(BILL.id);
		expect(again.run!.status).toBe('success');
		expect(nodeJson(again.run!, 'Not billed yet')).toEqual([]);
		expect(again.run!.data.resultData.runData['Bill the call']).toBeUndefined();
		expect(sandbox.store.count('timeentries')).toBe(before + 1);

		// A matter without any time entry (2006: call 5008, 0.2 h): the empty time-entry list still lets the workflow go on.
		const fresh = await execute('asExBillCalls2006');
		expect({ status: fresh.run!.status, error: runError(fresh.run!)?.message }).toEqual({ status: 'success', error: undefined });
		expect(nodeJson(fresh.run!, 'Time entries on the matter')).toEqual([{}]);
		expect(nodeJson(fresh.run!, 'Bill the call')).toEqual([expect.objectContaining({ billableHours: 0.2, links: expect.objectContaining({ action: 2006, phoneRecord: 5008 }) })]);
		expect(linkedEntries(5008)).toHaveLength(1);
	});

	// Real browser, real editor: our node with its icon and the Log Call parameters (ACTIONSTEP_E2E_SCREENSHOT=1; ~2 minutes).
	(process.env.ACTIONSTEP_E2E_SCREENSHOT ? test : test.skip)('the editor shows the Log Call workflow, its parameters and the execution output', async () => {
		const [lastRun] = await rt.listExecutions(n8n.url, cookie, LOG.id);
		const shots = await demo.screenshotEditor(n8n.url, cookie, {
			workflowId: LOG.id,
			nodeName: 'Log the call',
			executionId: lastRun?.id,
			outDir: RESULTS_DIR,
			onProgress: progress,
		});
		expect(shots.files).toHaveLength(lastRun ? 4 : 2);
		expect(shots.details.canvasNodes!.some((t) => t.startsWith('Log the call'))).toBe(true);
		for (const label of ['Resource', 'Phone Record', 'Operation', 'Log Call', 'Source', 'RingCentral', 'Matter', "Caller's Most Recent Open Matter", 'Create Time Entry']) {
			expect(shots.details.panelText).toContain(label);
		}
		if (lastRun) expect(shots.details.executionPanelText).toContain('phoneRecord');
	});

	test('clean up a test call: its time entries and the phone record are deleted, nothing else', async () => {
		// As shipped, the example removes phone record 5011: the call the webhook test logged, with its time entry.
		const target = 5011;
		expect(sandbox.store.get('phonerecords', target)).toBeDefined();
		const entries = linkedEntries(target).map((t) => t.id);
		expect(entries.length).toBeGreaterThan(0);
		const records = sandbox.store.count('phonerecords');
		const allEntries = sandbox.store.count('timeentries');
		const r = await execute(CLEAN.id);
		expect({ code: r.code, status: r.run!.status, error: runError(r.run!)?.message }).toEqual({ code: 0, status: 'success', error: undefined });
		expect(nodeJson(r.run!, 'Delete time entry').map((d) => d.id)).toEqual(entries);
		expect(nodeJson(r.run!, 'Delete the call')).toEqual([{ deleted: true, id: target }]);
		expect(sandbox.store.get('phonerecords', target)).toBeUndefined();
		for (const id of entries) expect(sandbox.store.get('timeentries', id)).toBeUndefined();
		expect(sandbox.store.count('phonerecords')).toBe(records - 1);
		expect(sandbox.store.count('timeentries')).toBe(allEntries - entries.length);

		// A call without a time entry (5010) takes the other branch of "Has a time entry?".
		const r2 = await execute('asExCleanUp5010');
		expect({ status: r2.run!.status, error: runError(r2.run!)?.message }).toEqual({ status: 'success', error: undefined });
		expect(r2.run!.data.resultData.runData['Delete time entry']).toBeUndefined();
		expect(nodeJson(r2.run!, 'Delete the call')).toEqual([{ deleted: true, id: 5010 }]);
		expect(sandbox.store.get('phonerecords', 5010)).toBeUndefined();
	});

	test("OAuth2 authorization-code flow through n8n's own endpoints: consent page, callback, token with api_endpoint, then a workflow runs on it", async () => {
		// 1. A new credential, as the editor creates it (no token yet).
		const created = await rt.rest(n8n.url, cookie, 'POST', '/rest/credentials', {
			name: 'Actionstep via OAuth (e2e)',
			type: rt.CREDENTIAL_TYPE,
			data: { environment: 'custom', baseUrl: sandbox.url, clientId: sandbox.clientId, clientSecret: sandbox.clientSecret },
		});
		const credId = String(created.id);

		// 2. n8n builds the authorization URL (what the "Connect my account" button opens).
		const auth = await rt.restRequest(n8n.url, cookie, 'GET', `/rest/oauth2-credential/auth?id=${encodeURIComponent(credId)}`);
		expect(auth.status).toBe(200);
		const authUrl = new URL(String(auth.body.data));
		expect(`${authUrl.origin}${authUrl.pathname}`).toBe(`${sandbox.url}/api/oauth/authorize`);
		expect(Object.fromEntries(['client_id', 'response_type', 'scope', 'redirect_uri'].map((k) => [k, authUrl.searchParams.get(k)]))).toEqual({
			client_id: sandbox.clientId,
			response_type: 'code',
			scope: 'all',
			redirect_uri: `${n8n.url}/rest/oauth2-credential/callback`,
		});
		const state = authUrl.searchParams.get('state');
		expect(state).toBeTruthy();
		// n8n may bind the flow to the browser with a cookie; a browser would send it back.
		const cookies = [cookie, ...(auth.headers.getSetCookie?.() ?? []).map((c: string) => c.split(';')[0]).filter((c: string) => !c.startsWith('n8n-auth='))].join('; ');

		// 3. The sandbox's consent page: sign in as James Nguyen (user 2) and Allow.
		const page = await fetch(authUrl, { redirect: 'manual' });
		expect(page.status).toBe(200);
		const html = await page.text();
		const requestId = /name="request_id" value="([^"]+)"/.exec(html)?.[1];
		expect(requestId).toBeTruthy();
		expect(html).toContain('James Nguyen');
		const decision = await fetch(`${sandbox.url}/api/oauth/authorize/decision`, {
			method: 'POST',
			redirect: 'manual',
			headers: { 'content-type': 'application/x-www-form-urlencoded' },
			body: new URLSearchParams({ request_id: requestId!, user_id: '2', decision: 'allow' }).toString(),
		});
		expect(decision.status).toBe(302);
		const back = new URL(decision.headers.get('location')!);
		expect(`${back.origin}${back.pathname}`).toBe(`${n8n.url}/rest/oauth2-credential/callback`);
		expect(back.searchParams.get('state')).toBe(state);
		expect(back.searchParams.get('code')).toMatch(/^code_/);

		// 4. The browser follows the redirect to n8n, logged in: n8n exchanges the code at the sandbox.
		const callback = await fetch(back, { redirect: 'manual', headers: { cookie: cookies } });
		const callbackHtml = await callback.text();
		expect({ status: callback.status, failure: /Failed to connect[\s\S]*/.exec(callbackHtml)?.[0].slice(0, 300) }).toEqual({ status: 200, failure: undefined });
		expect(callbackHtml).toContain('Connection successful');

		// 5. The credential now holds the token, api_endpoint included.
		const stored = await exportCredential(userFolder, credId);
		const tokenData = stored.data.oauthTokenData as IDataObject;
		expect(tokenData).toMatchObject({ api_endpoint: sandbox.apiEndpoint, token_type: 'bearer' });
		expect(String(tokenData.access_token)).not.toBe('');
		expect(String(tokenData.refresh_token)).not.toBe('');

		// 6. A workflow using it works: the connected user (James Nguyen, participant 102) is the firm's side.
		const wfId = 'asE2eOAuthCred01';
		await importWorkflow(
			userFolder,
			workflow({
				id: wfId,
				name: 'E2E: a credential connected through OAuth2',
				nodes: [
					manualTrigger(),
					actionstepNode(
						'Actionstep',
						{ resource: 'phoneRecord', operation: 'getMany', returnAll: false, limit: 2, filters: { participantId: '102' }, options: { sort: 'id' } },
						{ id: credId, name: 'Actionstep via OAuth (e2e)' },
					),
				],
			}),
		);
		sandbox.clearLog();
		const r = await execute(wfId);
		expect({ code: r.code, status: r.run!.status, error: runError(r.run!)?.message }).toEqual({ code: 0, status: 'success', error: undefined });
		expect(nodeJson(r.run!, 'Actionstep').map((i) => i.id)).toEqual([5002, 5003]);
		expect(sandbox.requests().every((q) => q.headers.authorization && q.status === 200)).toBe(true);
	});
});
