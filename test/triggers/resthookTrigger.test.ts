/**
 * The Actionstep Trigger in n8n-core's real contexts against the sandbox: the REST-hook lifecycle
 * (create, checkExists, delete, and checkExists after a restart with and without static data), deliveries
 * from the sandbox to the node's webhook (answered 200 at once, items normalised, full record on request)
 * and the forgery guard (calls without the token answered 200 and dropped).
 */
import { Logger } from '@n8n/backend-common';
import { Container } from '@n8n/di';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { RESTHOOK_EVENTS } from '../../sandbox/resources/resthooks';
import { openSandbox, type SandboxFixture } from '../harness/sandbox';
import { logOf } from '../harness/workflow';
import { TOKEN_PARAMETER } from '../../nodes/Actionstep/helpers/resthookTarget';
import { ActionstepTrigger } from '../../nodes/Actionstep/ActionstepTrigger.node';
import { TRIGGER_TYPE, TriggerWorkflow, WebhookEndpoint } from './harness';

let fx: SandboxFixture;
let endpoint: WebhookEndpoint;
const triggers: TriggerWorkflow[] = [];

beforeAll(async () => {
	fx = await openSandbox();
	endpoint = await WebhookEndpoint.start();
});
afterAll(async () => {
	await fx.sandbox.close();
	await endpoint.close();
});
beforeEach(async () => {
	await fx.sandbox.settleDeliveries();
	await endpoint.settle();
	fx.sandbox.reset();
	endpoint.clear();
	triggers.length = 0;
});

function trigger(events: string[], options: IDataObject = {}, extra: Partial<ConstructorParameters<typeof TriggerWorkflow>[0]> = {}): TriggerWorkflow {
	const t = new TriggerWorkflow({
		type: TRIGGER_TYPE,
		parameters: { events, options: options as INodeParameters },
		credential: fx.credential,
		webhookBaseUrl: endpoint.baseUrl,
		webhookTestBaseUrl: endpoint.baseUrl.replace(/\/webhook$/, '/webhook-test'),
		...extra,
	});
	endpoint.register(t);
	triggers.push(t);
	return t;
}

const hooks = () => fx.sandbox.store.list('resthooks');

/** Delivers everything the sandbox has queued and waits for the node to have handled it. */
async function flush(): Promise<void> {
	await fx.sandbox.settleDeliveries();
	await endpoint.settle();
}

/** A POST to the trigger's webhook URL as anyone on the internet could send it. */
async function postToWebhook(t: TriggerWorkflow, body: unknown, query = '', contentType = 'application/json'): Promise<Response> {
	const response = await fetch(`${t.webhookUrl()}${query}`, { method: 'POST', headers: { 'content-type': contentType }, body: JSON.stringify(body) });
	await endpoint.settle();
	return response;
}

describe('the node', () => {
	test('offers exactly Actionstep\'s events, spelt as Actionstep spells them', () => {
		const events = new ActionstepTrigger().description.properties.find((p) => p.name === 'events')!;
		const values = (events.options as Array<{ value: string }>).map((o) => o.value).sort();
		// The sandbox also knows the older name ActionParticipantCreated; the node offers the current one.
		expect(values).toEqual(RESTHOOK_EVENTS.filter((e) => e !== 'ActionParticipantCreated').slice().sort());
		expect(new ActionstepTrigger().description).toMatchObject({ name: 'actionstepTrigger', group: ['trigger'], inputs: [] });
		expect(new ActionstepTrigger().description.usableAsTool).toBeUndefined();
	});
});

describe('REST-hook lifecycle', () => {
	test('create registers one hook per event at the webhook URL with the token; checkExists then finds them', async () => {
		const t = trigger(['TaskCreated', 'TimeEntryCreated']);
		expect(await t.lifecycle('checkExists')).toBe(false);
		expect(await t.lifecycle('create')).toBe(true);

		const data = t.staticData();
		expect(data.hookToken).toMatch(/^[0-9A-Za-z]{43}$/);
		const target = `${t.webhookUrl()}?${TOKEN_PARAMETER}=${String(data.hookToken)}`;
		expect(hooks().map((h) => [h.eventName, h.targetUrl, h.status])).toEqual([
			['TaskCreated', target, 'Active'],
			['TimeEntryCreated', target, 'Active'],
		]);
		expect(data.hookIds).toEqual({ TaskCreated: hooks()[0].id, TimeEntryCreated: hooks()[1].id });
		// The sandbox's request log keeps the target without its token.
		const logged = `${t.webhookUrl()}?${TOKEN_PARAMETER}=[redacted]`;
		const posts = logOf(fx.sandbox, 'resthooks', 'POST').map((r) => r.body);
		expect(posts).toEqual([
			{ resthooks: { eventName: 'TaskCreated', targetUrl: logged } },
			{ resthooks: { eventName: 'TimeEntryCreated', targetUrl: logged } },
		]);
		expect(JSON.stringify([fx.sandbox.requests(), fx.sandbox.deliveries()])).not.toContain(String(data.hookToken));

		fx.sandbox.clearLog();
		expect(await t.activate()).toEqual({ existed: true });
		expect(logOf(fx.sandbox).map((r) => `${r.method} ${r.path}`)).toEqual(['GET /api/rest/resthooks']);
		expect(hooks()).toHaveLength(2);
	});

	test('after a restart with its static data, checkExists finds the same hooks and keeps the same token', async () => {
		const t = trigger(['TaskCreated']);
		await t.activate();
		const before = t.staticData();
		t.restart(true);
		expect(await t.lifecycle('checkExists')).toBe(true);
		expect(t.staticData()).toEqual(before);
		expect(hooks()).toHaveLength(1);
	});

	test('after a restart with empty static data, checkExists finds its hooks by URL and recovers their token', async () => {
		const t = trigger(['TaskCreated', 'TaskUpdated']);
		await t.activate();
		const before = t.staticData();
		t.restart(false);
		expect(t.staticData()).toEqual({});
		expect(await t.activate()).toEqual({ existed: true });
		expect(t.staticData()).toEqual(before);
		expect(hooks()).toHaveLength(2);

		// The recovered token is the one Actionstep calls with, so events still come through.
		fx.sandbox.lawConnectBooking({ matterId: 2001, appointmentStart: '2026-03-10T10:00:00+11:00' });
		await flush();
		expect(endpoint.calls).toHaveLength(1);
		expect(endpoint.calls[0].items).toHaveLength(1);
	});

	test('delete removes its hooks, also when static data was lost; checkExists is then false', async () => {
		const t = trigger(['TaskCreated', 'TimeEntryCreated']);
		await t.activate();
		expect(await t.lifecycle('delete', 'trigger', 'activate')).toBe(true);
		expect(hooks()).toEqual([]);
		expect(t.staticData().hookIds).toBeUndefined();
		expect(await t.lifecycle('checkExists')).toBe(false);

		await t.activate();
		expect(hooks()).toHaveLength(2);
		t.restart(false);
		expect(await t.lifecycle('delete')).toBe(true);
		expect(hooks()).toEqual([]);
	});

	test('a hook already gone counts as deleted', async () => {
		const t = trigger(['TaskCreated']);
		await t.activate();
		const id = hooks()[0].id;
		const token = (fx.credential.data.oauthTokenData as IDataObject).access_token as string;
		await fetch(`${fx.sandbox.apiEndpoint}rest/resthooks/${id}`, { method: 'DELETE', headers: { authorization: `Bearer ${token}` } });
		expect(await t.lifecycle('delete')).toBe(true);
	});

	test('hooks of other workflows and other URLs are left alone', async () => {
		const other = trigger(['TaskCreated'], {}, { webhookId: '9d9e1a2b-0000-4000-8000-000000000002' });
		await other.activate();
		const t = trigger(['TaskCreated']);
		await t.activate();
		expect(hooks()).toHaveLength(2);
		await t.lifecycle('delete');
		expect(hooks().map((h) => h.targetUrl)).toEqual([expect.stringContaining(other.webhookUrl())]);
		expect(await other.lifecycle('checkExists')).toBe(true);
	});

	test('changing the events makes checkExists false; create replaces the hooks under a new token', async () => {
		const t = trigger(['TaskCreated']);
		await t.activate();
		const token = t.staticData().hookToken;
		t.setParameters({ events: ['TaskCreated', 'TaskUpdated', 'StepChanged'], options: {} });
		expect(await t.activate()).toEqual({ existed: false });
		expect(hooks().map((h) => h.eventName)).toEqual(['TaskCreated', 'TaskUpdated', 'StepChanged']);
		expect(t.staticData().hookToken).toMatch(/^[0-9A-Za-z]{43}$/);
		expect(t.staticData().hookToken).not.toBe(token);
		expect(hooks().every((h) => h.targetUrl.endsWith(`=${String(t.staticData().hookToken)}`))).toBe(true);
		t.setParameters({ events: ['StepChanged'], options: {} });
		expect(await t.activate()).toEqual({ existed: false });
		expect(hooks().map((h) => h.eventName)).toEqual(['StepChanged']);
	});

	test('a hook Actionstep disabled is registered again on the next activation', async () => {
		const t = trigger(['TaskCreated']);
		await t.activate();
		const id = hooks()[0].id;
		// As Actionstep leaves a hook whose target once answered something other than 200.
		const token = (fx.credential.data.oauthTokenData as IDataObject).access_token as string;
		await fetch(`${fx.sandbox.apiEndpoint}rest/resthooks/${id}`, {
			method: 'PUT',
			headers: { authorization: `Bearer ${token}`, 'content-type': 'application/vnd.api+json' },
			body: JSON.stringify({ resthooks: { status: 'Disabled' } }),
		});
		expect(await t.lifecycle('checkExists')).toBe(false);
		await t.lifecycle('create');
		expect(hooks().map((h) => [h.eventName, h.status])).toEqual([['TaskCreated', 'Active']]);
		expect(hooks()[0].id).not.toBe(id);
	});

	test('a create that fails half-way leaves no hooks behind and fails with the API error', async () => {
		const t = trigger(['TaskCreated', 'TaskUpdated', 'TimeEntryCreated']);
		fx.sandbox.setFaults({ serverError: { every: 2, status: 500, methods: ['POST'] } });
		const error = await t.lifecycle('create').catch((e: unknown) => e);
		fx.sandbox.setFaults(null);
		expect(error).toBeInstanceOf(NodeApiError);
		expect(hooks()).toEqual([]);
		expect(t.staticData().hookIds).toBeUndefined();
	});

	test('no events, or an event Actionstep does not have, fail before any request', async () => {
		fx.sandbox.clearLog();
		for (const events of [[], ['PhoneRecordCreated']]) {
			const t = trigger(events);
			const error = await t.lifecycle('create').catch((e: unknown) => e);
			expect(error).toBeInstanceOf(NodeOperationError);
		}
		expect(logOf(fx.sandbox)).toEqual([]);
	});

	test('"Listen for test event" registers at the test webhook URL, apart from the production hooks', async () => {
		const t = trigger(['TaskCreated']);
		await t.activate('trigger');
		await t.activate('manual');
		const urls = hooks().map((h) => h.targetUrl.split('?')[0]);
		expect(urls).toEqual([t.webhookUrl(), t.webhookUrl(true)]);
		expect(urls[1]).toContain('/webhook-test/');
		await t.lifecycle('delete', 'manual');
		expect(hooks().map((h) => h.targetUrl.split('?')[0])).toEqual([t.webhookUrl()]);
	});
});

describe('deliveries', () => {
	test('a LawConnect booking arrives as TaskCreated: answered 200, one item with the task normalised', async () => {
		const t = trigger(['TaskCreated']);
		await t.activate();
		const { task } = fx.sandbox.lawConnectBooking({ matterId: 2004, appointmentStart: '2026-03-10T10:30:00+11:00', durationMinutes: 45 });
		await flush();

		const [delivery] = fx.sandbox.deliveries();
		expect(delivery).toMatchObject({ state: 'delivered', status: 200, disabledHook: false });
		expect(hooks()[0]).toMatchObject({ status: 'Active', triggeredCount: 1 });
		const [call] = endpoint.calls;
		expect(call.answeredStatus).toBe(200);
		expect(call.items).toHaveLength(1);
		const json = call.items[0].json;
		expect(json).toMatchObject({
			id: task.id,
			name: task.name,
			status: 'Incomplete',
			priority: 'Normal',
			dueTimestamp: '2026-03-10T10:30:00+11:00',
			assignedBy: 'LawConnect',
			actualHours: null,
			links: { action: 2004, assignee: 101 },
			resthook: { event: 'TaskCreated', hookId: hooks()[0].id, resource: 'tasks' },
		});
		expect(json.resthook).not.toHaveProperty('fullRecord');
		expect(typeof json.id).toBe('number');
		expect(json.description).toContain('LawConnect booking');
		expect(json.resthook).toHaveProperty('receivedAt');
	});

	test('a time entry arrives with ids as numbers, T/F as booleans and hours as numbers', async () => {
		const t = trigger(['TimeEntryCreated', 'TaskUpdated']);
		await t.activate();
		const { task } = fx.sandbox.lawConnectBooking({ matterId: 2006, appointmentStart: '2026-06-02T14:00:00+10:00', assigneeId: 103 });
		const { timeEntry } = fx.sandbox.completeAppointment(task.id, { actualMinutes: 30 });
		await flush();
		expect(endpoint.calls).toHaveLength(2);
		const byEvent = Object.fromEntries(endpoint.calls.map((c) => [(c.items[0].json.resthook as IDataObject).event, c.items[0].json]));
		expect(byEvent.TimeEntryCreated).toMatchObject({
			id: timeEntry!.id,
			actualHours: 0.5,
			billableHours: 0.5,
			isBillable: true,
			billingBehavior: 'Bill',
			rateUnitPrice: 180,
			billableAmount: 90,
			links: { action: 2006, owner: 103, createdBy: 103, phoneRecord: null },
		});
		expect(byEvent.TaskUpdated).toMatchObject({ id: task.id, status: 'Complete', actualHours: 0.5 });
	});

	test('fetchFullRecord: the record is read from the API and replaces the payload\'s fields', async () => {
		const t = trigger(['TaskUpdated', 'TimeEntryUpdated'], { fetchFullRecord: true });
		await t.activate();
		fx.sandbox.clearLog();
		fx.sandbox.fireEvent('TaskUpdated', 8001);
		await flush();
		const json = endpoint.calls[0].items[0].json;
		expect(json).toMatchObject({ id: 8001, name: 'Send contract of sale for signature', status: 'Complete', actualHours: 0.3, links: { action: 2001, assignee: 101 } });
		expect(json.resthook).toMatchObject({ event: 'TaskUpdated', fullRecord: 'fetched' });
		expect(logOf(fx.sandbox).map((r) => `${r.method} ${r.path}`)).toEqual(['GET /api/rest/tasks/8001']);

		// A payload carrying only the type and id (and a valid token) is filled in from the API.
		endpoint.clear();
		const token = String(t.staticData().hookToken);
		const bare = { data: { type: 'timeentries', id: '7003' }, meta: { debug: { resthook: { id: '1', event_name: 'TimeEntryUpdated' } } } };
		expect((await postToWebhook(t, bare, `?${TOKEN_PARAMETER}=${token}`)).status).toBe(200);
		expect(endpoint.calls[0].items[0].json).toMatchObject({ id: 7003, description: 'Drafting statement of claim', actualHours: 1.5, isBillable: true, links: { action: 2002, owner: 102 } });
	});

	test('fetchFullRecord that fails still emits the event, with the reason, and the answer is still 200', async () => {
		const t = trigger(['TaskUpdated'], { fetchFullRecord: true });
		await t.activate();
		const token = String(t.staticData().hookToken);
		const gone = { data: { type: 'tasks', id: '424242', attributes: { name: 'Gone', isBillingHold: 'F' } }, meta: { debug: { resthook: { event_name: 'TaskUpdated' } } } };
		expect((await postToWebhook(t, gone, `?${TOKEN_PARAMETER}=${token}`)).status).toBe(200);
		const json = endpoint.calls[0].items[0].json;
		expect(json).toMatchObject({ id: 424242, name: 'Gone', isBillingHold: false, resthook: { fullRecord: 'not found' } });
		expect(String((json.resthook as IDataObject).fullRecordError)).toContain('No tasks with id 424242');

		endpoint.clear();
		fx.sandbox.setFaults({ serverError: { every: 1, status: 403, methods: ['GET'] } });
		const response = await postToWebhook(t, { data: { type: 'tasks', id: '8002' }, meta: { debug: { resthook: { event_name: 'TaskUpdated' } } } }, `?${TOKEN_PARAMETER}=${token}`);
		fx.sandbox.setFaults(null);
		expect(response.status).toBe(200);
		expect(endpoint.calls[0].items[0].json).toMatchObject({ id: 8002, resthook: { fullRecord: 'failed' } });
		expect(endpoint.calls[0].items[0].json.resthook).toHaveProperty('fullRecordError');
	});

	test('a deleted record is not fetched', async () => {
		const t = trigger(['ActionDocumentDeleted'], { fetchFullRecord: true });
		await t.activate();
		fx.sandbox.clearLog();
		const token = String(t.staticData().hookToken);
		await postToWebhook(t, { data: { type: 'actiondocuments', id: '77' }, meta: { debug: { resthook: { event_name: 'ActionDocumentDeleted' } } } }, `?${TOKEN_PARAMETER}=${token}`);
		expect(endpoint.calls[0].items[0].json).toMatchObject({ id: 77, resthook: { event: 'ActionDocumentDeleted', fullRecord: 'not fetched: the record was deleted' } });
		expect(logOf(fx.sandbox)).toEqual([]);
	});

	test('the answer goes out before the full record is fetched (Actionstep only waits for the 200)', async () => {
		const t = trigger(['TaskUpdated'], { fetchFullRecord: true });
		await t.activate();
		fx.sandbox.setFaults({ latencyMs: 400 });
		const started = Date.now();
		fx.sandbox.fireEvent('TaskUpdated', 8002);
		await fx.sandbox.settleDeliveries();
		const answeredWithin = Date.now() - started;
		await endpoint.settle();
		fx.sandbox.setFaults(null);
		const [call] = endpoint.calls;
		expect(call.answeredStatus).toBe(200);
		expect(call.answeredAfterMs).toBeLessThan(300);
		expect(answeredWithin).toBeLessThan(400);
		expect(call.items[0].json.resthook).toMatchObject({ fullRecord: 'fetched' });
		expect(fx.sandbox.deliveries()[0].state).toBe('delivered');
	});

	test('a body sent as application/vnd.api+json (which n8n leaves unparsed) is read from the raw body', async () => {
		const t = trigger(['TaskUpdated']);
		await t.activate();
		const token = String(t.staticData().hookToken);
		const body = { data: { type: 'tasks', id: '8002', attributes: { name: 'File statement of claim' } }, meta: { debug: { resthook: { event_name: 'TaskUpdated' } } } };
		await postToWebhook(t, body, `?${TOKEN_PARAMETER}=${token}`, 'application/vnd.api+json');
		expect(endpoint.calls[0].body).toEqual({});
		expect(endpoint.calls[0].items[0].json).toMatchObject({ id: 8002, name: 'File statement of claim', resthook: { event: 'TaskUpdated' } });
	});

	test('the older payload format (the resource envelope) is read too', async () => {
		const t = trigger(['TaskUpdated']);
		await t.activate();
		const token = String(t.staticData().hookToken);
		const old = { tasks: [{ id: '8002', name: 'File statement of claim', isBillingHold: 'F', actualHours: '1.25', links: { action: '2002', assignee: '102' } }] };
		await postToWebhook(t, old, `?${TOKEN_PARAMETER}=${token}`);
		expect(endpoint.calls[0].items[0].json).toMatchObject({ id: 8002, isBillingHold: false, actualHours: 1.25, links: { action: 2002, assignee: 102 }, resthook: { resource: 'tasks', event: null } });
	});
});

describe('forgery guard', () => {
	test.each([
		['no token', ''],
		['a wrong token', `?${TOKEN_PARAMETER}=${'x'.repeat(43)}`],
		['an empty token', `?${TOKEN_PARAMETER}=`],
		['the token under another name', '?token=TOKEN'],
	])('a call with %s is answered 200 and emits nothing', async (_what, query) => {
		const t = trigger(['TaskCreated']);
		await t.activate();
		const forged = { data: { type: 'tasks', id: '8001', attributes: { name: 'Pay invoice to new account' } }, meta: { debug: { resthook: { event_name: 'TaskCreated' } } } };
		// n8n's own logger (what the node's this.logger is): the dropped call is logged as a warning.
		const warn = jest.spyOn(Container.get(Logger), 'warn');
		const response = await postToWebhook(t, forged, query.replace('TOKEN', String(t.staticData().hookToken)));
		const logged = warn.mock.calls.map((c) => String(c[0])).join('\n');
		warn.mockRestore();
		expect(logged).toContain("without this trigger's token");
		expect(response.status).toBe(200);
		const [call] = endpoint.calls;
		expect(call.answeredStatus).toBe(200);
		expect(call.items).toEqual([]);
		expect(call.result?.workflowData).toBeUndefined();
		expect(call.error).toBeUndefined();
	});

	test('before any hook exists (no token yet) every call is dropped', async () => {
		const t = trigger(['TaskCreated']);
		const response = await postToWebhook(t, { data: { type: 'tasks', id: '8001' } }, `?${TOKEN_PARAMETER}=`);
		expect(response.status).toBe(200);
		expect(endpoint.calls[0].items).toEqual([]);
	});

	test('with the token: events the trigger does not listen for and bodies that are not Actionstep records are dropped too', async () => {
		const t = trigger(['TaskCreated']);
		await t.activate();
		const q = `?${TOKEN_PARAMETER}=${String(t.staticData().hookToken)}`;
		await postToWebhook(t, { data: { type: 'tasks', id: '8001' }, meta: { debug: { resthook: { event_name: 'TaskUpdated' } } } }, q);
		await postToWebhook(t, { hello: 'world' }, q);
		await postToWebhook(t, 'not json at all', q);
		expect(endpoint.calls.map((c) => [c.answeredStatus, c.items.length])).toEqual([
			[200, 0],
			[200, 0],
			[200, 0],
		]);
	});

	test('the token of another trigger node does not open this one', async () => {
		const a = trigger(['TaskCreated'], {}, { webhookId: '9d9e1a2b-0000-4000-8000-00000000000a' });
		const b = trigger(['TaskCreated'], {}, { webhookId: '9d9e1a2b-0000-4000-8000-00000000000b' });
		await a.activate();
		await b.activate();
		expect(a.staticData().hookToken).not.toBe(b.staticData().hookToken);
		await postToWebhook(b, { data: { type: 'tasks', id: '8001' }, meta: { debug: { resthook: { event_name: 'TaskCreated' } } } }, `?${TOKEN_PARAMETER}=${String(a.staticData().hookToken)}`);
		expect(endpoint.calls[0].items).toEqual([]);
	});
});

describe('token rotation', () => {
	const event = { data: { type: 'tasks', id: '8001', attributes: { name: 'Pay invoice' } }, meta: { debug: { resthook: { event_name: 'TaskCreated' } } } };
	const emitted = async (t: TriggerWorkflow, token: string): Promise<number> => {
		endpoint.clear();
		await postToWebhook(t, event, `?${TOKEN_PARAMETER}=${token}`);
		return endpoint.calls[0].items.length;
	};

	test('activate, deactivate, activate: the first token is refused after deactivation and after the new activation', async () => {
		const t = trigger(['TaskCreated']);
		await t.activate();
		const first = String(t.staticData().hookToken);
		expect(await emitted(t, first)).toBe(1);

		await t.lifecycle('delete');
		expect(t.staticData()).not.toHaveProperty('hookToken');
		expect(await emitted(t, first)).toBe(0);

		expect(await t.activate()).toEqual({ existed: false });
		const second = String(t.staticData().hookToken);
		expect(second).toMatch(/^[0-9A-Za-z]{43}$/);
		expect(second).not.toBe(first);
		expect(hooks().map((h) => h.targetUrl)).toEqual([`${t.webhookUrl()}?${TOKEN_PARAMETER}=${second}`]);
		expect(await emitted(t, first)).toBe(0);
		expect(await emitted(t, second)).toBe(1);
	});

	test('"Listen for test event" has its own token: testing neither rotates nor clears the production one', async () => {
		const t = trigger(['TaskCreated']);
		await t.activate('trigger');
		const production = String(t.staticData().hookToken);
		await t.activate('manual');
		const test = String(t.staticData().testHookToken);
		expect(test).toMatch(/^[0-9A-Za-z]{43}$/);
		expect(test).not.toBe(production);
		await t.lifecycle('delete', 'manual');
		expect(t.staticData()).not.toHaveProperty('testHookToken');
		expect(t.staticData().hookToken).toBe(production);
		expect(await emitted(t, production)).toBe(1);
	});

	test('an Actionstep error that quotes the hook URL does not show the token', async () => {
		// The sandbox refuses a non-http target and quotes it back, as an API validating targetUrl may.
		const t = trigger(['TaskCreated'], {}, { webhookBaseUrl: 'ftp://127.0.0.1:21/webhook' });
		const warn = jest.spyOn(Container.get(Logger), 'warn');
		const error = (await t.lifecycle('create').catch((e: unknown) => e)) as NodeApiError;
		const logged = JSON.stringify(warn.mock.calls);
		warn.mockRestore();
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error.message).toContain(`${TOKEN_PARAMETER}=[redacted]`);
		const shown = JSON.stringify({ message: error.message, description: error.description, context: error.context, cause: error.cause, logged });
		expect(shown).not.toMatch(new RegExp(`${TOKEN_PARAMETER}(=|%3D)[0-9A-Za-z]{8,}`));
		expect(t.staticData()).not.toHaveProperty('hookToken');
	});
});
