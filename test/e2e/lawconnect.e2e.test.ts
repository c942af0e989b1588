/**
 * The LawConnect example (examples/lawconnect-booking-follow-up.json) end to end in real n8n 2.41.1:
 * the package installed under .n8n/nodes, the example imported as shipped (only given a workflow id so it can
 * be published), an `actionstepOAuth2Api` credential with the example's id pointing at the sandbox, and `n8n start`
 * on loopback. Activation registers the trigger's TaskCreated REST hook at the sandbox; a LawConnect booking makes
 * the sandbox deliver the hook to n8n, and the workflow logs a follow-up call and bills it. Assertions are on the
 * sandbox: the hook, its delivery, and the records the workflow wrote.
 *
 * Self-contained on purpose (only the runtime helper and the sandbox). About 1–3 minutes once the runtime is cached.
 * `ACTIONSTEP_E2E_TARBALL=<tgz>` skips build + pack; `ACTIONSTEP_E2E_KEEP=1` keeps the user folder (n8n's logs).
 */
import * as fs from 'fs';
import * as path from 'path';
import { startSandbox } from '../../sandbox';
import type { PhoneRecordData, ResthookData, SandboxHandle, TimeEntryData } from '../../sandbox/types';
import { rt } from './helpers';

const EXAMPLE = path.join(__dirname, '..', '..', 'examples', 'lawconnect-booking-follow-up.json');
const WORKFLOW_ID = 'asE2eLawConnect01';
const CREDENTIAL_ID = 'actionstep-credential';
const MATTER = 2004;
const FEE_EARNER = 101; // Emma Smith, matter 2004's assignedTo
const APPOINTMENT = '2026-03-10T10:30:00+11:00';
const RESULT_TIMEOUT_MS = 60_000;

const progress = (msg: string) => process.stderr.write(`[e2e lawconnect] ${msg}\n`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface N8n {
	url: string;
	logFile: string;
	stop(): Promise<unknown>;
}

function logTail(file: string | undefined, lines = 60): string {
	try {
		return fs.readFileSync(file!, 'utf8').split('\n').slice(-lines).join('\n');
	} catch {
		return '(no log)';
	}
}

/** Polls `probe` until it returns a value, or throws `describe()` after `timeoutMs`. */
async function waitFor<T>(probe: () => T | undefined | Promise<T | undefined>, timeoutMs: number, describe: () => string): Promise<T> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const v = await probe();
		if (v !== undefined) return v;
		if (Date.now() > deadline) throw new Error(describe());
		await sleep(500);
	}
}

describe('LawConnect booking example in real n8n, REST hook delivered by the sandbox', () => {
	let sandbox: SandboxHandle | undefined;
	let n8n: N8n | undefined;
	let userFolder: string | undefined;
	let packDir: string | undefined;
	let accessToken: string;
	let webhookId: string;
	let cookie: string;

	const api = async (method: string, resource: string, body?: unknown) => {
		const res = await fetch(`${sandbox!.apiEndpoint}rest/${resource}`, {
			method,
			headers: { authorization: `Bearer ${accessToken}`, accept: 'application/vnd.api+json', ...(body ? { 'content-type': 'application/vnd.api+json' } : {}) },
			...(body ? { body: JSON.stringify(body) } : {}),
		});
		const text = await res.text();
		if (!res.ok) throw new Error(`${method} ${resource} -> ${res.status}: ${text}`);
		return text ? JSON.parse(text) : undefined;
	};

	beforeAll(async () => {
		await rt.ensureRuntime({ onProgress: progress });
		let tarball = process.env.ACTIONSTEP_E2E_TARBALL ? path.resolve(process.env.ACTIONSTEP_E2E_TARBALL) : undefined;
		if (!tarball) {
			tarball = await rt.packPackage({ onProgress: progress });
			packDir = path.dirname(tarball);
		}
		({ userFolder } = await rt.createUserFolder({ tarball, onProgress: progress }));
		sandbox = await startSandbox({ port: 0, quiet: true });

		// The credential the example refers to (by id), with plaintext data; n8n encrypts it on import.
		await rt.importCredentials(userFolder, [rt.sandboxCredential(sandbox, await sandbox.issueToken(), { id: CREDENTIAL_ID, name: 'Actionstep account' })]);

		// The example as shipped, plus the id it needs to be published.
		const wf = JSON.parse(fs.readFileSync(EXAMPLE, 'utf8'));
		const trigger = wf.nodes.find((n: { type: string }) => n.type === 'n8n-nodes-actionstep.actionstepTrigger');
		webhookId = trigger.webhookId;
		await rt.importWorkflows(userFolder, [{ ...wf, id: WORKFLOW_ID }]);
		await rt.publishWorkflow(userFolder, WORKFLOW_ID);

		accessToken = (await sandbox.issueToken()).access_token;
		const port = await rt.freePort();
		n8n = (await rt.startN8n(userFolder, {
			port,
			env: { WEBHOOK_URL: `http://127.0.0.1:${port}/`, GENERIC_TIMEZONE: 'Australia/Sydney' },
			onProgress: progress,
		})) as N8n;
		({ cookie } = (await rt.setupOwner(n8n.url)) as { cookie: string });
	});

	afterAll(async () => {
		// n8n first (deactivation deletes the hook at the sandbox), then the sandbox; each even if the other fails.
		try {
			if (n8n) await n8n.stop();
			await rt.stopAll();
		} finally {
			if (sandbox) await sandbox.close();
			if (!process.env.ACTIONSTEP_E2E_KEEP && userFolder) fs.rmSync(userFolder, { recursive: true, force: true });
			if (packDir) fs.rmSync(packDir, { recursive: true, force: true });
		}
	});

	test('a booking on matter 2004 is delivered to n8n and becomes a follow-up call with a linked time entry', async () => {
		const sb = sandbox!;
		const base = n8n!.url; // http://127.0.0.1:<port>
		const diag = () => `\n--- n8n log tail (${n8n!.logFile}) ---\n${logTail(n8n!.logFile)}\n--- deliveries ---\n${JSON.stringify(sb.deliveries().map(({ payload, ...d }) => d), null, 1)}`;

		// 1. Activation registered exactly one TaskCreated hook, at a loopback target under WEBHOOK_URL.
		const hooks = await waitFor(
			async () => {
				const body = await api('GET', 'resthooks');
				const list = ([] as ResthookData[]).concat(body?.resthooks ?? []).filter((h) => h.eventName === 'TaskCreated');
				return list.length > 0 ? list : undefined;
			},
			30_000,
			() => `no TaskCreated hook registered at the sandbox${diag()}`,
		);
		expect(hooks).toHaveLength(1);
		const hook = { ...hooks[0], id: Number(hooks[0].id) }; // ids are strings on the wire
		const expectedPrefix = `${base}/webhook/${webhookId}/webhook?actionstepToken=`;
		expect(hook.targetUrl.startsWith(expectedPrefix)).toBe(true);
		expect(hook.targetUrl.length).toBeGreaterThan(expectedPrefix.length);
		expect(hook.status).toBe('Active');
		await rt.waitForWebhook(base, `${webhookId}/webhook`, { method: 'POST' });

		// 2. The booking (through the sandbox's HTTP test hook, as a script would).
		const phoneIdsBefore = new Set(sb.store.list('phonerecords').map((p) => p.id));
		const res = await fetch(`${sb.url}/_sandbox/lawconnect/booking`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ matterId: MATTER, appointmentStart: APPOINTMENT }),
		});
		expect(res.status).toBeLessThan(300);
		const { task } = (await res.json()) as { task: { id: number; name: string; links: { action: number; assignee: number } } };
		expect(task.links).toMatchObject({ action: MATTER, assignee: FEE_EARNER });

		// 3. The hook's delivery to n8n was answered 200.
		await sb.settleDeliveries();
		const deliveries = sb.deliveries().filter((d) => d.eventName === 'TaskCreated' && d.recordId === task.id);
		expect(deliveries.map((d) => ({ state: d.state, status: d.status, hookId: d.hookId, error: d.error }))).toEqual([
			{ state: 'delivered', status: 200, hookId: hook.id, error: null },
		]);

		// 4. The workflow wrote the call and its time entry.
		const call = await waitFor<PhoneRecordData>(
			() => sb.store.list('phonerecords').find((p) => !phoneIdsBefore.has(p.id) && p.links.action === MATTER && p.direction === 'out'),
			RESULT_TIMEOUT_MS,
			() => `no new outgoing phone record on matter ${MATTER} within ${RESULT_TIMEOUT_MS / 1000} s${diag()}`,
		);
		const entry = await waitFor<TimeEntryData>(
			() => sb.store.list('timeentries').find((t) => t.links.phoneRecord === call.id),
			RESULT_TIMEOUT_MS,
			() => `no time entry linked to phone record ${call.id} within ${RESULT_TIMEOUT_MS / 1000} s${diag()}`,
		);

		const client = task.name.split(' with ').pop();
		expect(call).toMatchObject({
			direction: 'out',
			outcome: 'Call completed',
			actualHours: 0.1,
			toParticipantOther: client,
			links: { action: MATTER, fromParticipant: FEE_EARNER },
		});
		expect(call.notes).toContain(`task ${task.id}`);
		expect(call.notes).toContain(task.name);
		expect(entry).toMatchObject({ links: { action: MATTER, owner: FEE_EARNER, phoneRecord: call.id } });
		expect(entry.billableHours).toBeCloseTo(0.1, 5);
		expect(entry.description).toContain('LawConnect booking');
		expect(entry.description).toContain(task.name);
		// Exactly one of each: the workflow ran once.
		expect(sb.store.list('phonerecords').filter((p) => !phoneIdsBefore.has(p.id))).toHaveLength(1);
		expect(sb.store.list('timeentries').filter((t) => t.links.phoneRecord === call.id)).toHaveLength(1);

		// 5. The hook is still active (a failed delivery would have disabled it).
		const after = sb.store.get('resthooks', hook.id)!;
		expect(after.status).toBe('Active');
		expect(after.triggeredCount).toBeGreaterThanOrEqual(1);
		expect(sb.deliveries().some((d) => d.disabledHook)).toBe(false);
	});

	test("a call-back task (the other examples' own, named \"Call …\") is delivered too but logs no follow-up call", async () => {
		const sb = sandbox!;
		const phoneRecordsBefore = sb.store.count('phonerecords');
		const created = await api('POST', 'tasks', {
			tasks: { name: 'Call Sarah Thompson back about the missed call', dueTimestamp: APPOINTMENT, links: { action: String(MATTER), assignee: String(FEE_EARNER) } },
		});
		const taskId = Number(created.tasks.id);
		await sb.settleDeliveries();
		expect(sb.deliveries().filter((d) => d.eventName === 'TaskCreated' && d.recordId === taskId).map((d) => d.status)).toEqual([200]);
		// The execution that delivery started has finished once n8n lists it as done; give it the same time a call took.
		await waitFor(
			async () => ((await rt.listExecutions(n8n!.url, cookie, WORKFLOW_ID)) as Array<{ status: string }>).filter((e) => e.status === 'success').length >= 2 || undefined,
			RESULT_TIMEOUT_MS,
			() => 'the second execution did not finish',
		);
		expect(sb.store.count('phonerecords')).toBe(phoneRecordsBefore);
	});
});
