/**
 * The two policy examples, their Actionstep steps run in the real engine against the sandbox:
 * - examples/missed-call-callback-task.json: a webhook item carrying a missed call → Log Call with the
 *   call-back task policy (the Webhook node is n8n's; its item shape {headers, params, query, body} is given);
 * - examples/lawconnect-booking-call-back.json: a LawConnect booking (TaskCreated, delivered by the sandbox to
 *   the trigger's webhook) → Task Get → (n8n's Filter: not a call-back task) → a call-back Task for the booking's
 *   assignee on the booking's matter. The Filter is n8n's own node, not in this engine: its condition is checked
 *   here and the run goes past it; test/e2e/callbacks.e2e.test.ts runs it in real n8n.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { IConnections, IDataObject, INode } from 'n8n-workflow';

import { runNode } from '../../harness/engine';
import { openSandbox } from '../../harness/sandbox';
import type { SandboxFixture } from '../../harness/sandbox';
import { logOf } from '../../harness/workflow';
import { ACTION_TYPE, runWorkflowFromTrigger, TRIGGER_TYPE, TriggerWorkflow, WebhookEndpoint } from '../../triggers/harness';
import { markedKeys } from './fixtures';

interface SavedWorkflow {
	name: string;
	nodes: INode[];
	connections: IConnections;
	settings: IDataObject;
}

const load = (file: string) => JSON.parse(readFileSync(join(__dirname, '../../../examples', file), 'utf8')) as SavedWorkflow;
const missedCall = load('missed-call-callback-task.json');
const booking = load('lawconnect-booking-call-back.json');

/** Aircall's published `call.ended` event of a missed call that went to voicemail, read at test time. */
const aircallMissed = JSON.parse(
	readFileSync(resolve(__dirname, '../../../../shared/realworld/fixtures/aircall-webhook-call-ended-inbound-missed-voicemail.json'), 'utf8'),
) as IDataObject;

let fx: SandboxFixture;
beforeAll(async () => (fx = await openSandbox()));
afterAll(async () => fx.sandbox.close());
beforeEach(() => fx.sandbox.reset());

function credentialsOf(wf: SavedWorkflow) {
	for (const node of wf.nodes.filter((n) => n.type.startsWith('n8n-nodes-actionstep.'))) {
		expect(node.typeVersion).toBe(1);
		expect(node.credentials).toEqual({ actionstepOAuth2Api: { id: 'actionstep-credential', name: 'Actionstep account' } });
	}
}

describe('missed-call-callback-task.json', () => {
	const logNode = missedCall.nodes.find((n) => n.type === ACTION_TYPE)!;
	/** The item n8n's Webhook node makes of a POST. */
	const delivery = (body: IDataObject): IDataObject => ({ headers: { 'content-type': 'application/json' }, params: {}, query: {}, body });
	const sarahCalls = (): IDataObject => {
		const event = JSON.parse(JSON.stringify(aircallMissed)) as { data: IDataObject & { contact?: unknown } };
		event.data.raw_digits = '+61 491 570 111';
		delete event.data.contact;
		return event as unknown as IDataObject;
	};
	const run = async (body: IDataObject) => {
		const result = await runNode({ parameters: logNode.parameters, items: [delivery(body)], credential: fx.credential, timezone: 'Australia/Sydney' });
		expect(result.error).toBeUndefined();
		return result.success[0].json;
	};

	test('the file: a Webhook into Log Call with the call-back task policy on, our node and credential types', () => {
		expect(missedCall.nodes.map((n) => n.type)).toEqual(['n8n-nodes-base.stickyNote', 'n8n-nodes-base.webhook', ACTION_TYPE]);
		credentialsOf(missedCall);
		expect(logNode.parameters).toMatchObject({ operation: 'logCall', matterMode: 'mostRecent', createCallBackTask: true, callBackTaskOptions: { dueUnit: 'businessHours' } });
		expect(missedCall.connections).toEqual({ 'Call event': { main: [[{ node: 'Log the call', type: 'main', index: 0 }]] } });
	});

	test("a client's missed call (Aircall's event, from Sarah Thompson's number): the record and a call-back task on her matter; sent again, nothing more", async () => {
		const out = await run(sarahCalls());
		expect(out).toMatchObject({
			status: 'created',
			participant: { id: 106 },
			matter: { id: 2002 },
			phoneRecord: { outcome: 'Left voicemail', links: { fromParticipant: 106, action: 2002 } },
			task: { name: 'Call back Sarah Thompson (+61 491 570 111)', links: { action: 2002, assignee: 101 }, status: 'Incomplete' },
			call: { source: 'aircall' },
		});
		// Ended Friday 4 March 2022, 21:29 in Sydney: the 2 business hours are 9:00–11:00 on Monday.
		expect((out.task as IDataObject).dueTimestamp).toBe('2022-03-07T11:00:00+11:00');
		expect(markedKeys((out.task as IDataObject).description, fx.credential)).toEqual(['aircall:780836754']);

		const again = await run(sarahCalls());
		expect(again).toMatchObject({ duplicate: true, task: { id: (out.task as IDataObject).id } });
		expect(logOf(fx.sandbox, 'tasks', 'POST')).toHaveLength(1);
		expect(logOf(fx.sandbox, 'phonerecords', 'POST')).toHaveLength(1);
	});

	test('the event exactly as Aircall published it (a caller no participant has): logged, and no task, since there is no matter', async () => {
		const out = await run(aircallMissed);
		expect(out).toMatchObject({ status: 'created', participant: null, matter: null, task: null });
		expect((out.decisions as IDataObject).callBackTask).toBe('none: the call is not on a matter, and Actionstep tasks need one');
		expect(logOf(fx.sandbox, 'tasks')).toHaveLength(0);
	});
});

describe('lawconnect-booking-call-back.json', () => {
	let endpoint: WebhookEndpoint;
	beforeAll(async () => (endpoint = await WebhookEndpoint.start()));
	afterAll(async () => endpoint.close());

	test('the file: the Actionstep Trigger on TaskCreated → Task Get → Filter → Task Create, our node and credential types', () => {
		expect(booking.nodes.map((n) => n.type)).toEqual(['n8n-nodes-base.stickyNote', TRIGGER_TYPE, ACTION_TYPE, 'n8n-nodes-base.filter', ACTION_TYPE]);
		credentialsOf(booking);
		expect(booking.nodes.find((n) => n.type === TRIGGER_TYPE)!.parameters).toEqual({ events: ['TaskCreated'], options: {} });
		expect(booking.connections).toEqual({
			'LawConnect booking': { main: [[{ node: 'The booking', type: 'main', index: 0 }]] },
			'The booking': { main: [[{ node: 'Not a call-back task', type: 'main', index: 0 }]] },
			'Not a call-back task': { main: [[{ node: 'Call-back task', type: 'main', index: 0 }]] },
		});
		// The call-back task it creates raises TaskCreated too: the Filter stops it (and Log Call's "Call back …").
		const filter = booking.nodes.find((n) => n.name === 'Not a call-back task')!.parameters as IDataObject;
		expect((filter.conditions as IDataObject).conditions).toEqual([
			expect.objectContaining({ leftValue: '={{ $json.name }}', rightValue: 'Call ', operator: { type: 'string', operation: 'notStartsWith' } }),
		]);
		const callBackName = String(booking.nodes.find((n) => n.name === 'Call-back task')!.parameters.name);
		expect(callBackName.startsWith('=Call ')).toBe(true);
	});

	test("a booking → TaskCreated → the booking read → a call-back task for the booking's assignee on its matter", async () => {
		const triggerNode = booking.nodes.find((n) => n.type === TRIGGER_TYPE)!;
		const trigger = new TriggerWorkflow({
			type: TRIGGER_TYPE,
			parameters: triggerNode.parameters,
			credential: fx.credential,
			webhookBaseUrl: endpoint.baseUrl,
			webhookId: triggerNode.webhookId,
			nodeName: triggerNode.name,
		});
		endpoint.register(trigger);
		await trigger.activate();

		const { task } = fx.sandbox.lawConnectBooking({ matterId: 2006, appointmentStart: '2026-03-12T14:00:00+11:00', appointmentType: 'Lease review' });
		await fx.sandbox.settleDeliveries();
		await endpoint.settle();
		const [call] = endpoint.calls;
		expect(call.items).toHaveLength(1);

		const before = Date.now();
		// Past the Filter (a booking's name does not start with "Call "), which this engine does not have.
		const connections: IConnections = { ...booking.connections, 'The booking': booking.connections['Not a call-back task'] };
		delete connections['Not a call-back task'];
		const run = await runWorkflowFromTrigger({ nodes: booking.nodes, connections, triggerName: triggerNode.name, items: call.items, credential: fx.credential });
		expect(run.data.resultData.error).toBeUndefined();
		const out = (name: string) => run.data.resultData.runData[name][0].data!.main[0]![0].json;

		expect(out('The booking')).toMatchObject({ id: task.id, links: { action: 2006, assignee: 102 } });
		expect(String(out('The booking').name).startsWith('Call ')).toBe(false);
		const callBack = out('Call-back task');
		expect(callBack).toMatchObject({
			name: 'Call Grace Williams to confirm the LawConnect booking',
			priority: 'High',
			status: 'Incomplete',
			links: { action: 2006, assignee: 102 },
		});
		expect(String(callBack.description)).toBe(`Booking: ${task.name} (task ${task.id}) at 2026-03-12T14:00:00+11:00. Call the client to confirm the time and ask for their documents.`);
		const due = Date.parse(String(callBack.dueTimestamp));
		expect(due).toBeGreaterThanOrEqual(Math.floor(before / 1000) * 1000 + 2 * 3600_000 - 1000);
		expect(due).toBeLessThanOrEqual(Date.now() + 2 * 3600_000);
		expect(fx.sandbox.store.get('tasks', callBack.id as number)).toBeDefined();
	});
});
