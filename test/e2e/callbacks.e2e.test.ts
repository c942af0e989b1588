/**
 * The two call-back examples end to end in real n8n 2.41.1, both published in one n8n as a firm would run them:
 * - `missed-call-callback-task.json`: a phone system POSTs a missed call to the webhook; Log Call writes one phone
 *   record and one call-back task on the caller's matter, and the same call again writes nothing;
 * - `lawconnect-booking-call-back.json`: a LawConnect booking (the sandbox's simulation) creates a task, Actionstep's
 *   TaskCreated REST hook starts the workflow, and the fee earner gets one call-back task on the booking's matter.
 * Every task either workflow creates raises TaskCreated too, so each assertion waits until the sandbox has delivered
 * every hook and n8n has finished every execution, then counts what is in the sandbox.
 *
 * The examples are imported as shipped, given only the workflow ids they need to be published.
 * About 2–3 minutes once the runtime is cached. `ACTIONSTEP_E2E_TARBALL=<tgz>` skips build + pack.
 */
import type { IDataObject } from 'n8n-workflow';
import type { TaskData } from '../../sandbox/types';
import { ringCentralInbound } from '../engine/logCall/fixtures';
import { cleanupTemp, demoLib as demo, progress, rt, startActionstepSandbox, userFolderWithThisPackage, type N8nProcess, type SandboxHandle } from './helpers';

const MISSED = { file: 'missed-call-callback-task.json', id: 'asExMissedCallBk', webhookPath: 'missed-calls' };
const BOOKING = { file: 'lawconnect-booking-call-back.json', id: 'asExLcCallBack01' };
const TZ = demo.FIRM_TIME_ZONE;

/** Sarah Thompson (participant 106, most recent open matter 2002) rang Emma Smith (101) on Tuesday 09:30:05 in Sydney; nobody answered. */
const MISSED_CALL = ringCentralInbound({ result: 'Missed', duration: 0, recording: undefined });
const CALLER_MATTER = 2002;
const FIRM_SIDE = 101;

const BOOKED_MATTER = 2004;
const FEE_EARNER = 101; // Emma Smith, matter 2004's assignedTo
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('call-back examples in real n8n: a missed call and a LawConnect booking each become one call-back task', () => {
	let sandbox: SandboxHandle;
	let userFolder: string;
	let n8n: N8nProcess;
	let cookie: string;

	const tasksOn = (matter: number) => sandbox.store.list('tasks').filter((t) => t.links.action === matter);
	/** The task's TaskCreated hook was delivered to n8n (so the booking workflow ran on it) and answered 200. */
	const deliveredToN8n = (taskId: number) => sandbox.deliveries().some((d) => d.eventName === 'TaskCreated' && d.recordId === taskId && d.status === 200);
	const executionsOf = async (workflowId: string) => await rt.listExecutions(n8n.url, cookie, workflowId);

	/**
	 * Waits until the sandbox has no hook delivery under way and n8n no execution of either workflow unfinished,
	 * twice in a row 2 s apart (a delivery can start an execution that writes a task that raises another delivery).
	 */
	async function quiet(timeoutMs = 90_000): Promise<void> {
		const deadline = Date.now() + timeoutMs;
		let last = '';
		for (;;) {
			await sandbox.settleDeliveries();
			const runs = [...(await executionsOf(MISSED.id)), ...(await executionsOf(BOOKING.id))];
			const busy = runs.some((e) => !['success', 'error', 'crashed', 'canceled'].includes(e.status));
			const state = `${sandbox.deliveries().length}/${runs.map((e) => `${e.id}:${e.status}`).join(',')}`;
			if (!busy && state === last) return;
			if (Date.now() > deadline) throw new Error(`still busy after ${timeoutMs / 1000} s: ${state}`);
			last = busy ? '' : state;
			await sleep(2000);
		}
	}

	beforeAll(async () => {
		userFolder = await userFolderWithThisPackage();
		sandbox = await startActionstepSandbox();
		const token = await sandbox.issueToken({});
		const withId = (file: string, id: string) => ({ ...demo.readExample(file), id }) as IDataObject;
		await demo.importIntoUserFolder(userFolder, {
			credentials: [demo.sandboxCredentialFor(sandbox, token)],
			workflows: [withId(MISSED.file, MISSED.id), withId(BOOKING.file, BOOKING.id)],
		});
		for (const id of [MISSED.id, BOOKING.id]) await rt.n8nCommandOk(userFolder, ['publish:workflow', `--id=${id}`]);
		const port = await rt.freePort();
		// WEBHOOK_URL: the address the trigger registers its REST hook with (loopback, as the sandbox requires).
		n8n = await rt.startN8n(userFolder, { port, env: { GENERIC_TIMEZONE: TZ, WEBHOOK_URL: `http://127.0.0.1:${port}/` }, onProgress: progress });
		({ cookie } = (await rt.setupOwner(n8n.url)) as { cookie: string });
		await rt.waitForWebhook(n8n.url, MISSED.webhookPath, { method: 'POST' });
	});

	afterAll(async () => {
		await rt.stopAll();
		if (sandbox) await sandbox.close();
		cleanupTemp(userFolder);
	});

	test('the trigger registered one TaskCreated hook at n8n on activation', async () => {
		const deadline = Date.now() + 30_000;
		while (!sandbox.store.list('resthooks').some((h) => h.eventName === 'TaskCreated') && Date.now() < deadline) await sleep(500);
		const hooks = sandbox.store.list('resthooks').filter((h) => h.eventName === 'TaskCreated');
		expect(hooks.map((h) => ({ status: h.status, atN8n: String(h.targetUrl).startsWith(`${n8n.url}/webhook/`) }))).toEqual([{ status: 'Active', atN8n: true }]);
	});

	test('a missed call: one phone record and one call-back task on the caller\'s matter for the firm\'s side, due 2 business hours later; the same call again writes nothing', async () => {
		const recordsBefore = sandbox.store.count('phonerecords');
		const tasksBefore = tasksOn(CALLER_MATTER).map((t) => t.id);
		let after = await rt.lastExecutionId(n8n.url, cookie, MISSED.id);

		const posted = await demo.postWebhook(n8n.url, MISSED.webhookPath, MISSED_CALL);
		expect(posted.status).toBe(200);
		const [run] = await rt.waitForExecutions(n8n.url, cookie, MISSED.id, { afterId: after });
		after = Number(run.id);
		expect({ status: run.status, error: rt.executionError(run.data) }).toEqual({ status: 'success', error: undefined });
		const [out] = rt.executionNodeJson(run.data, 'Log the call') as Array<Record<string, any>>;
		expect(out).toMatchObject({ status: 'created', participant: { id: 106 }, matter: { id: CALLER_MATTER } });
		await quiet();

		// In the sandbox: one new phone record, Missed, from Sarah on her matter.
		expect(sandbox.store.count('phonerecords')).toBe(recordsBefore + 1);
		expect(sandbox.store.get('phonerecords', out.phoneRecord.id)).toMatchObject({
			direction: 'in',
			outcome: 'Missed',
			phoneNumber: '+61491570111',
			links: { action: CALLER_MATTER, fromParticipant: 106, toParticipant: FIRM_SIDE },
		});
		// One new task on the matter (the booking workflow, also started by its TaskCreated, leaves it alone).
		const added = tasksOn(CALLER_MATTER).filter((t) => !tasksBefore.includes(t.id));
		expect(added.map((t) => t.id)).toEqual([out.task.id]);
		expect(added[0]).toMatchObject({
			name: 'Call back Sarah Thompson (+61 491 570 111)',
			status: 'Incomplete',
			dueTimestamp: '2026-03-03T11:30:05+11:00',
			links: { action: CALLER_MATTER, assignee: FIRM_SIDE },
		});
		expect(String(added[0].description)).toContain(`phone record ${out.phoneRecord.id}`);
		expect(deliveredToN8n(out.task.id)).toBe(true);

		// The phone system delivers the same call again.
		const again = await demo.postWebhook(n8n.url, MISSED.webhookPath, MISSED_CALL);
		expect(again.status).toBe(200);
		const [rerun] = await rt.waitForExecutions(n8n.url, cookie, MISSED.id, { afterId: after });
		const [dup] = rt.executionNodeJson(rerun.data, 'Log the call') as Array<Record<string, any>>;
		expect({ status: dup.status, phoneRecord: dup.phoneRecord.id, task: dup.task?.id }).toEqual({ status: 'duplicate', phoneRecord: out.phoneRecord.id, task: out.task.id });
		await quiet();
		expect(sandbox.store.count('phonerecords')).toBe(recordsBefore + 1);
		expect(tasksOn(CALLER_MATTER).filter((t) => !tasksBefore.includes(t.id)).map((t) => t.id)).toEqual([out.task.id]);
	});

	test("a LawConnect booking: one call-back task for the booking's assignee on the booking's matter, high priority, due 2 hours after it arrived", async () => {
		const tasksBefore = tasksOn(BOOKED_MATTER).map((t) => t.id);
		const booked = await fetch(`${sandbox.url}/_sandbox/lawconnect/booking`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ matterId: BOOKED_MATTER, appointmentStart: '2026-03-10T10:30:00+11:00' }),
		});
		expect(booked.status).toBeLessThan(300);
		const { task: booking } = (await booked.json()) as { task: TaskData };
		const bookedAt = Date.now();
		expect(booking.links).toMatchObject({ action: BOOKED_MATTER, assignee: FEE_EARNER });

		const deadline = Date.now() + 60_000;
		while (tasksOn(BOOKED_MATTER).filter((t) => !tasksBefore.includes(t.id)).length < 2 && Date.now() < deadline) await sleep(500);
		await quiet();

		const added = tasksOn(BOOKED_MATTER).filter((t) => !tasksBefore.includes(t.id) && t.id !== booking.id);
		const client = booking.name.split(' with ').pop();
		expect(added.map((t) => ({ name: t.name, priority: t.priority, status: t.status, links: t.links }))).toEqual([
			{
				name: `Call ${client} to confirm the LawConnect booking`,
				priority: 'High',
				status: 'Incomplete',
				links: expect.objectContaining({ action: BOOKED_MATTER, assignee: FEE_EARNER }),
			},
		]);
		expect(String(added[0].description)).toContain(`(task ${booking.id})`);
		const due = Date.parse(added[0].dueTimestamp!);
		expect(due - bookedAt).toBeGreaterThan(2 * 3600_000 - 60_000);
		expect(due - bookedAt).toBeLessThan(2 * 3600_000 + 120_000);
		// The call-back task's own TaskCreated reached n8n too, and created nothing more.
		expect(deliveredToN8n(added[0].id)).toBe(true);
		// Every TaskCreated delivery (the booking's and the call-back task's own) was answered 200.
		expect(sandbox.deliveries().filter((d) => d.eventName === 'TaskCreated').every((d) => d.state === 'delivered' && d.status === 200)).toBe(true);
	});
});
