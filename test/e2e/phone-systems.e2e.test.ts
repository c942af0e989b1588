/**
 * The phone-system examples other than RingCentral, in real n8n 2.41.1 against the sandbox, each fed the way
 * that system really delivers calls and with a payload that system published (read from ../shared/realworld at
 * test time, never copied into the repository):
 *
 *   Twilio       status callback, form-encoded POST            → log-twilio-call.json
 *   Aircall      call.ended webhook, token in the body           → log-aircall-call.json
 *   Zoom Phone   call-history / missed webhooks, URL validation  → log-zoom-phone-call.json
 *   Teams        Graph PSTN call log read on a schedule          → log-teams-calls.json (a loopback Graph stand-in)
 *   3CX          CRM call-journal template filled in by 3CX      → log-3cx-call.json
 *
 * Assertions are on Log Call's output (status) and on the sandbox's records. One n8n start for the file.
 */
import { createHmac } from 'node:crypto';
import * as fs from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import type { IDataObject } from 'n8n-workflow';
import {
	cleanupTemp,
	demoLib as demo,
	nodeJson,
	executeWorkflow,
	progress,
	userFolderWithThisPackage,
	rt,
	runError,
	startActionstepSandbox,
	type ExampleFile,
	type N8nProcess,
	type SandboxHandle,
} from './helpers';

const FIXTURES = path.resolve(__dirname, '..', '..', '..', 'shared', 'realworld', 'fixtures');
const fixture = (name: string) => JSON.parse(fs.readFileSync(path.join(FIXTURES, `${name}.json`), 'utf8'));
const TZ = demo.FIRM_TIME_ZONE;
const ENV = { GENERIC_TIMEZONE: TZ };
const X = demo.EXAMPLES;
const ZOOM_SECRET = 'zoom-e2e-secret-token';
const AIRCALL_HERE = 'asExAircallE2e01';
const TEAMS_HERE = 'asExTeamsE2e0001';

/** A loopback stand-in for Microsoft Graph: a client-credentials token endpoint and getPstnCalls in two pages. */
async function graphStandIn() {
	const row = fixture('msgraph-teams-pstn-call-log-row');
	const seen: Array<{ path: string; authorization?: string }> = [];
	let base = '';
	const server: Server = createServer((req, res) => {
		let text = '';
		req.on('data', (c) => (text += c));
		req.on('end', () => {
			const url = req.url ?? '/';
			seen.push({ path: url, authorization: req.headers.authorization });
			const json = (status: number, body: unknown) => {
				res.writeHead(status, { 'content-type': 'application/json' });
				res.end(JSON.stringify(body));
			};
			if (req.method === 'POST' && url === '/token') return json(200, { access_token: 'graph-e2e-token', token_type: 'Bearer', expires_in: 3600 });
			if (req.headers.authorization !== 'Bearer graph-e2e-token') return json(401, { error: { code: 'InvalidAuthenticationToken' } });
			if (!decodeURIComponent(url).startsWith('/v1.0/communications/callRecords/getPstnCalls(fromDateTime=')) return json(404, { error: { code: 'NotFound' } });
			// Page 1 is Microsoft's published page with its nextLink pointing here; page 2 is the last (no nextLink).
			if (!url.includes('skip=')) return json(200, { ...row, '@odata.nextLink': `${base}/v1.0/communications/callRecords/getPstnCalls(fromDateTime=x,toDateTime=y)?$skip=1000` });
			return json(200, { '@odata.context': row['@odata.context'], value: [] });
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
	return { url: base, seen, close: () => new Promise<void>((resolve) => (server.closeAllConnections(), server.close(() => resolve()))) };
}

/** 3CX's published call-journal body template with its [Variables] filled in the way 3CX fills them (text). */
function threeCxJournal(values: Record<string, string>): Record<string, string> {
	const template = fixture('3cx-crm-call-journal-body-template') as Record<string, string>;
	return Object.fromEntries(Object.entries(template).map(([k, v]) => [k, v.replace(/\[(\w+)\]/g, (m, name: string) => values[name] ?? '')]));
}

describe('the other phone systems’ examples in real n8n against the sandbox', () => {
	let sandbox: SandboxHandle;
	let userFolder: string;
	let n8n: N8nProcess;
	let cookie: string;
	let graph: Awaited<ReturnType<typeof graphStandIn>>;

	const post = async (example: { id: string; webhookPath?: string }, body: unknown, headers: Record<string, string> = {}) => {
		const after = await rt.lastExecutionId(n8n.url, cookie, example.id);
		const isForm = headers['content-type'] === 'application/x-www-form-urlencoded';
		const res = await fetch(`${n8n.url}/webhook/${example.webhookPath}`, {
			method: 'POST',
			headers: { 'content-type': 'application/json', ...headers },
			body: isForm ? new URLSearchParams(body as Record<string, string>).toString() : JSON.stringify(body),
		});
		const text = await res.text();
		const [run] = await rt.waitForExecutions(n8n.url, cookie, example.id, { afterId: after });
		const out = rt.executionNodeJson(run.data, 'Log the call') as Array<Record<string, any>> | undefined;
		return { status: res.status, text, run, error: rt.executionError(run.data), out: out?.[0] };
	};

	beforeAll(async () => {
		userFolder = await userFolderWithThisPackage();
		sandbox = await startActionstepSandbox();
		graph = await graphStandIn();
		const byFile = Object.fromEntries(demo.loadExamples().map((e: ExampleFile) => [e.file, e.workflow]));
		const aircall = JSON.parse(JSON.stringify(byFile[X.aircall.file]));
		aircall.id = AIRCALL_HERE;
		aircall.name += ' (token set)';
		// What the user is told to do: paste the account's webhook token into the filter. The published payloads carry this one.
		const condition = aircall.nodes.find((n: IDataObject) => n.name === 'From our Aircall account').parameters.conditions.conditions[0];
		condition.rightValue = fixture('aircall-webhook-call-ended-outbound-answered').token;
		const token = await sandbox.issueToken({});
		await demo.importIntoUserFolder(userFolder, {
			credentials: [
				demo.sandboxCredentialFor(sandbox, token),
				{ id: 'zoom-webhook-secret', name: 'Zoom webhook secret token', type: 'crypto', data: { hmacSecret: ZOOM_SECRET } },
				{
					id: 'microsoft-graph-credential',
					name: 'Microsoft Graph (app)',
					type: 'oAuth2Api',
					data: { grantType: 'clientCredentials', accessTokenUrl: `${graph.url}/token`, clientId: 'graph-app', clientSecret: 'graph-secret', scope: 'https://graph.microsoft.com/.default', authentication: 'body' },
				},
			],
			workflows: [
				byFile[X.twilio.file],
				byFile[X.aircall.file],
				aircall,
				byFile[X.zoom.file],
				byFile[X.teams.file],
				demo.withSettings(byFile[X.teams.file], { graphServer: graph.url }, { id: TEAMS_HERE }),
				byFile[X.threecx.file],
			] as IDataObject[],
		});
		for (const id of [X.twilio.id, AIRCALL_HERE, X.zoom.id, X.threecx.id]) await rt.n8nCommandOk(userFolder, ['publish:workflow', `--id=${id}`]);
		n8n = await rt.startN8n(userFolder, { env: ENV, onProgress: progress });
		({ cookie } = (await rt.setupOwner(n8n.url)) as { cookie: string });
		for (const p of ['twilio-calls', 'aircall-calls', 'zoom-phone-calls', '3cx-call-journal']) await rt.waitForWebhook(n8n.url, p, { method: 'POST' });
	});

	afterAll(async () => {
		await rt.stopAll();
		if (sandbox) await sandbox.close();
		if (graph) await graph.close();
		cleanupTemp(userFolder);
	});

	test('Twilio status callback (form-encoded): a completed-busy outbound call is logged as Busy, an initiated child leg is skipped, a repeat is a duplicate', async () => {
		const records = sandbox.store.count('phonerecords');
		const busy = fixture('twilio-status-callback-busy-outbound-international');
		const form = { 'content-type': 'application/x-www-form-urlencoded' };
		const first = await post(X.twilio, busy, form);
		expect({ http: first.status, error: first.error, status: first.out?.status, source: first.out?.call?.source }).toEqual({ http: 200, error: undefined, status: 'created', source: 'twilio' });
		expect(sandbox.store.get('phonerecords', first.out!.phoneRecord.id)).toMatchObject({ direction: 'out', outcome: 'Busy', actualHours: 0, phoneNumber: '+441111111111' });
		expect(first.out!.timeEntry ?? null).toBeNull();
		const initiated = await post(X.twilio, fixture('twilio-status-callback-initiated-child-leg-outbound-dial'), form);
		expect({ error: initiated.error, status: initiated.out?.status, skipReason: typeof initiated.out?.skipReason }).toEqual({ error: undefined, status: 'skipped', skipReason: 'string' });
		const again = await post(X.twilio, busy, form);
		expect({ status: again.out?.status, id: again.out?.phoneRecord?.id }).toEqual({ status: 'duplicate', id: first.out!.phoneRecord.id });
		expect(sandbox.store.count('phonerecords')).toBe(records + 1);
	});

	test('Aircall call.ended: only bodies with the account’s token reach Log Call; an answered outbound call and an unanswered inbound one are logged', async () => {
		const records = sandbox.store.count('phonerecords');
		const answered = fixture('aircall-webhook-call-ended-outbound-answered');
		const forged = await post({ ...X.aircall, id: AIRCALL_HERE }, { ...answered, token: 'not-the-token' });
		expect({ http: forged.status, error: forged.error, logged: forged.out }).toEqual({ http: 200, error: undefined, logged: undefined });
		expect(sandbox.store.count('phonerecords')).toBe(records);

		const out = await post({ ...X.aircall, id: AIRCALL_HERE }, answered);
		expect({ error: out.error, status: out.out?.status, source: out.out?.call?.source }).toEqual({ error: undefined, status: 'created', source: 'aircall' });
		expect(sandbox.store.get('phonerecords', out.out!.phoneRecord.id)).toMatchObject({ direction: 'out', outcome: 'Call completed' });
		const missed = await post({ ...X.aircall, id: AIRCALL_HERE }, fixture('aircall-webhook-call-ended-inbound-missed-voicemail'));
		expect({ error: missed.error, status: missed.out?.status }).toEqual({ error: undefined, status: 'created' });
		const rec = sandbox.store.get('phonerecords', missed.out!.phoneRecord.id)!;
		expect(rec.direction).toBe('in');
		expect(['Missed', 'Left voicemail']).toContain(rec.outcome);
		expect(missed.out!.timeEntry ?? null).toBeNull();
		expect(sandbox.store.count('phonerecords')).toBe(records + 2);
	});

	test('Zoom Phone: the endpoint.url_validation challenge is answered with the HMAC of the token; call-history-completed and callee-missed events are logged', async () => {
		const challenge = await post(X.zoom, { event: 'endpoint.url_validation', payload: { plainToken: 'qgg8vlvZRS6UYooatFL8Aw' }, event_ts: Date.now() });
		expect({ http: challenge.status, error: challenge.error, body: JSON.parse(challenge.text) }).toEqual({
			http: 200,
			error: undefined,
			body: { plainToken: 'qgg8vlvZRS6UYooatFL8Aw', encryptedToken: createHmac('sha256', ZOOM_SECRET).update('qgg8vlvZRS6UYooatFL8Aw').digest('hex') },
		});
		expect(challenge.out).toBeUndefined();

		const completed = await post(X.zoom, fixture('zoom-phone-webhook-callee-call-history-completed'));
		expect({ http: completed.status, error: completed.error, status: completed.out?.status, source: completed.out?.call?.source }).toEqual({ http: 200, error: undefined, status: 'created', source: 'zoom' });
		// Zoom's published record says result "answered", result_reason "answered_by_other": someone else took it.
		expect(sandbox.store.get('phonerecords', completed.out!.phoneRecord.id)).toMatchObject({ direction: 'in', outcome: 'Answered elsewhere' });
		const missed = await post(X.zoom, fixture('zoom-phone-webhook-callee-missed'));
		expect({ error: missed.error, status: missed.out?.status }).toEqual({ error: undefined, status: 'created' });
		expect(sandbox.store.get('phonerecords', missed.out!.phoneRecord.id)).toMatchObject({ direction: 'in', outcome: 'Missed', actualHours: 0 });
	});

	test('Microsoft Teams: the schedule reads the Graph PSTN call log with the client-credentials token, follows @odata.nextLink, and logs the row once across runs', async () => {
		const records = sandbox.store.count('phonerecords');
		const r = await executeWorkflow(userFolder, TEAMS_HERE, { env: ENV });
		expect({ code: r.code, status: r.run?.status, error: r.run ? runError(r.run)?.message : r.stdout.slice(-500) }).toEqual({ code: 0, status: 'success', error: undefined });
		expect(nodeJson(r.run!, 'Read the PSTN call log')).toHaveLength(2);
		const [out] = nodeJson(r.run!, 'Log the call') as Array<Record<string, any>>;
		expect({ status: out.status, source: out.call?.source }).toEqual({ status: 'created', source: 'teams' });
		expect(sandbox.store.get('phonerecords', out.phoneRecord.id)).toMatchObject({ direction: 'in', actualHours: 0.06 });
		expect(graph.seen.filter((s) => s.path.startsWith('/v1.0/')).every((s) => s.authorization === 'Bearer graph-e2e-token')).toBe(true);
		const again = await executeWorkflow(userFolder, TEAMS_HERE, { env: ENV });
		expect((nodeJson(again.run!, 'Log the call') as Array<Record<string, any>>).map((o) => o.status)).toEqual(['duplicate']);
		expect(sandbox.store.count('phonerecords')).toBe(records + 1);
	});

	test('3CX call journal: the template 3CX fills in at the end of a call is logged on the caller’s matter and billed', async () => {
		const end = new Date(Math.floor(Date.now() / 1000) * 1000 - 60_000);
		const established = new Date(end.getTime() - 185_000);
		const start = new Date(established.getTime() - 9_000);
		const utc = (d: Date) => d.toISOString().replace('T', ' ').replace(/\.\d{3}Z$/, '');
		const body = threeCxJournal({
			Number: '+61370104421',
			CallDirection: 'Inbound',
			CallType: 'Inbound',
			Name: 'Wei Chen',
			EntityType: 'Contacts',
			Agent: '101',
			AgentFirstName: 'Emma',
			AgentLastName: 'Smith',
			AgentEmail: 'emma.smith@harbourside.example',
			DurationSeconds: '185',
			DurationMinutes: '3',
			DateTime: utc(start),
			CallStartTimeUTC: utc(start),
			CallEstablishedTimeUTC: utc(established),
			CallEndTimeUTC: utc(end),
			Subject: 'Inbound call from Wei Chen',
		});
		const r = await post(X.threecx, body);
		expect({ error: r.error, status: r.out?.status, source: r.out?.call?.source }).toEqual({ error: undefined, status: 'created', source: 'threecx' });
		expect(r.out!.participant?.id).toBe(107);
		expect(sandbox.store.get('phonerecords', r.out!.phoneRecord.id)).toMatchObject({ direction: 'in', outcome: 'Call completed', actualHours: 0.05, links: { fromParticipant: 107 } });
		const again = await post(X.threecx, body);
		expect(again.out?.status).toBe('duplicate');
	});
});
