/**
 * examples/lawconnect-booking-follow-up.json, run in the real engine against the sandbox: a LawConnect
 * booking makes a task (TaskCreated), the sandbox delivers it to the trigger's webhook, and the workflow's
 * two Actionstep nodes log the follow-up call on the task's matter and bill it as a time entry.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { IConnections, IDataObject, INode } from 'n8n-workflow';

import { openSandbox, type SandboxFixture } from '../harness/sandbox';
import { ACTION_TYPE, runWorkflowFromTrigger, TRIGGER_TYPE, TriggerWorkflow, WebhookEndpoint } from './harness';

interface SavedWorkflow {
	name: string;
	nodes: INode[];
	connections: IConnections;
	settings: IDataObject;
}

const example = JSON.parse(readFileSync(join(__dirname, '../../examples/lawconnect-booking-follow-up.json'), 'utf8')) as SavedWorkflow;

let fx: SandboxFixture;
let endpoint: WebhookEndpoint;
beforeAll(async () => {
	fx = await openSandbox();
	endpoint = await WebhookEndpoint.start();
});
afterAll(async () => {
	await fx.sandbox.close();
	await endpoint.close();
});

test('the example uses the package\'s node and credential types, as n8n 2.41 imports them', () => {
	const types = example.nodes.map((n) => n.type);
	expect(types).toEqual(['n8n-nodes-base.stickyNote', TRIGGER_TYPE, 'n8n-nodes-base.filter', ACTION_TYPE, ACTION_TYPE]);
	for (const node of example.nodes.filter((n) => n.type.startsWith('n8n-nodes-actionstep.'))) {
		expect(node.typeVersion).toBe(1);
		expect(Object.keys(node.credentials ?? {})).toEqual(['actionstepOAuth2Api']);
	}
	const trigger = example.nodes.find((n) => n.type === TRIGGER_TYPE)!;
	expect(trigger.parameters).toEqual({ events: ['TaskCreated'], options: { fetchFullRecord: true } });
	expect(trigger.webhookId).toMatch(/^[0-9a-f-]{36}$/);
	expect(example.connections).toEqual({
		'LawConnect booking': { main: [[{ node: 'Not a call-back task', type: 'main', index: 0 }]] },
		'Not a call-back task': { main: [[{ node: 'Log follow-up call', type: 'main', index: 0 }]] },
		'Log follow-up call': { main: [[{ node: 'Bill the call', type: 'main', index: 0 }]] },
	});
	// The call-back examples' own tasks raise TaskCreated too: the Filter lets them go (real n8n: test/e2e/lawconnect.e2e.test.ts).
	const filter = example.nodes.find((n) => n.name === 'Not a call-back task')!.parameters as IDataObject;
	expect((filter.conditions as IDataObject).conditions).toEqual([
		expect.objectContaining({ leftValue: '={{ $json.name }}', rightValue: 'Call ', operator: { type: 'string', operation: 'notStartsWith' } }),
	]);
});

test('booking → TaskCreated → follow-up call on the same matter → time entry for the fee earner', async () => {
	const triggerNode = example.nodes.find((n) => n.type === TRIGGER_TYPE)!;
	const trigger = new TriggerWorkflow({
		type: TRIGGER_TYPE,
		parameters: triggerNode.parameters,
		credential: fx.credential,
		webhookBaseUrl: endpoint.baseUrl,
		webhookId: triggerNode.webhookId,
		nodeName: triggerNode.name,
	});
	endpoint.register(trigger);
	expect(await trigger.activate()).toEqual({ existed: false });

	const { task } = fx.sandbox.lawConnectBooking({ matterId: 2004, appointmentStart: '2026-03-10T10:30:00+11:00', appointmentType: 'Trust restructure advice' });
	await fx.sandbox.settleDeliveries();
	await endpoint.settle();
	expect(fx.sandbox.deliveries().map((d) => d.state)).toEqual(['delivered']);
	const [call] = endpoint.calls;
	expect(call.answeredStatus).toBe(200);
	expect(call.items).toHaveLength(1);
	expect(call.items[0].json).toMatchObject({ id: task.id, links: { action: 2004, assignee: 101 }, resthook: { event: 'TaskCreated', fullRecord: 'fetched' } });

	// Past the Filter (a booking's name does not start with "Call "), which this engine does not have.
	const connections: IConnections = { ...example.connections, 'LawConnect booking': example.connections['Not a call-back task'] };
	delete connections['Not a call-back task'];
	const run = await runWorkflowFromTrigger({
		nodes: example.nodes.filter((n) => n.type !== 'n8n-nodes-base.filter'),
		connections,
		triggerName: triggerNode.name,
		items: call.items,
		credential: fx.credential,
	});
	expect(run.data.resultData.error).toBeUndefined();
	const out = (name: string) => run.data.resultData.runData[name][0].data!.main[0]!;

	const phone = out('Log follow-up call')[0].json;
	expect(phone).toMatchObject({
		direction: 'out',
		outcome: 'Call completed',
		toParticipantOther: 'Aroha Ngata',
		actualHours: 0.1,
		links: { action: 2004, fromParticipant: 101, toParticipant: null },
	});
	expect(String(phone.notes)).toContain(`task ${task.id}`);
	expect(fx.sandbox.store.get('phonerecords', phone.id as number)).toBeDefined();

	const entry = out('Bill the call')[0].json;
	expect(entry).toMatchObject({
		actualHours: 0.1,
		isBillable: 'T',
		links: { action: 2004, owner: 101, phoneRecord: phone.id },
	});
	expect(String(entry.description)).toBe(`Telephone attendance on client re LawConnect booking (${task.name})`);
	expect(fx.sandbox.store.get('timeentries', entry.id as number)?.links.phoneRecord).toBe(phone.id);
});
