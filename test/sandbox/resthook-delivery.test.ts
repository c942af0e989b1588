/** REST-hook delivery (notes §8): payload shape, which writes raise which events, 200-or-disabled, loopback only. */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSandbox } from '../../sandbox';
import { http, openSuite, type Suite } from './helpers';

interface Received {
	path: string;
	headers: IncomingHttpHeaders;
	body: any;
}

/** A loopback endpoint that records what it receives and answers `status` (or never answers when null). */
async function receiver(): Promise<{ url: string; received: Received[]; status: number | null; close(): Promise<void> }> {
	const r = { url: '', received: [] as Received[], status: 200 as number | null, close: (): Promise<void> => Promise.resolve() };
	const server: Server = createServer((req, res) => {
		let text = '';
		req.on('data', (c) => (text += c));
		req.on('end', () => {
			r.received.push({ path: req.url ?? '', headers: req.headers, body: text ? JSON.parse(text) : undefined });
			if (r.status === null) return; // hold the connection open: the sandbox's timeout must end it
			res.writeHead(r.status, { 'Content-Type': 'application/json' });
			res.end('{"ok":true}');
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	r.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
	r.close = () =>
		new Promise<void>((resolve) => {
			server.closeAllConnections();
			server.close(() => resolve());
		});
	return r;
}

let s: Suite;
let rx: Awaited<ReturnType<typeof receiver>>;
beforeAll(async () => {
	s = await openSuite({ hookDeliveryTimeoutMs: 500 });
	rx = await receiver();
});
afterAll(async () => {
	await s.sb.close();
	await rx.close();
});
beforeEach(async () => {
	await s.sb.settleDeliveries();
	s.sb.reset();
	rx.received.length = 0;
	rx.status = 200;
});

async function hook(eventName: string, path = `/hook/${eventName}`): Promise<number> {
	const r = await s.rest('POST', 'resthooks', { resthooks: { eventName, targetUrl: `${rx.url}${path}?token=abc` } });
	expect(r.status).toBe(200);
	return r.body.resthooks.id;
}

const newEntry = { timeentries: { timestampDate: '2024-04-02T00:00:00+11:00', actualHours: 0.25, description: 'Call', links: { action: 2001, owner: 101, createdBy: 101 } } };

describe('registration is loopback-only unless allowed', () => {
	test.each(['https://n8n.example/webhook/x', 'http://10.0.0.5:5678/webhook/x', 'http://192.168.1.2/x', 'http://[::ffff:7f00:1]/x'])('%s is refused naming the host', async (targetUrl) => {
		const r = await s.rest('POST', 'resthooks', { resthooks: { eventName: 'TaskCreated', targetUrl } });
		expect(r.status).toBe(400);
		expect(r.body.errors[0].source.pointer).toBe('/resthooks/targetUrl');
		expect(r.body.errors[0].detail).toMatch(/loopback|this machine/);
	});

	test.each(['http://127.0.0.1:5678/webhook/x', 'http://localhost:5678/webhook/x', 'http://[::1]:5678/webhook/x', 'http://127.1.2.3/x'])('%s is accepted', async (targetUrl) => {
		expect((await s.rest('POST', 'resthooks', { resthooks: { eventName: 'TaskCreated', targetUrl } })).status).toBe(200);
	});

	test('a PUT cannot move a hook off the machine either', async () => {
		const id = await hook('TaskCreated');
		const r = await s.rest('PUT', `resthooks/${id}`, { resthooks: { targetUrl: 'https://n8n.example/x' } });
		expect(r.status).toBe(400);
	});

	test('allowRemoteHookTargets accepts other hosts; a remote hook loaded later without it is never contacted', async () => {
		const dir = mkdtempSync(join(tmpdir(), 'sandbox-hooks-'));
		try {
			const file = join(dir, 'data.json');
			const open = await startSandbox({ quiet: true, allowRemoteHookTargets: true, dataFile: file });
			const token = (await open.issueToken()).access_token;
			const r = await http({
				method: 'POST',
				url: `${open.apiEndpoint}rest/resthooks`,
				headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/vnd.api+json' },
				data: JSON.stringify({ resthooks: { eventName: 'ActionUpdated', targetUrl: 'https://n8n.example/webhook/x' } }),
			});
			expect(r.status).toBe(200);
			await open.close();

			const strict = await startSandbox({ quiet: true, dataFile: file });
			const [d] = strict.fireEvent('ActionUpdated', 2001);
			expect(d).toMatchObject({ state: 'refused', status: null, disabledHook: false });
			expect(d.error).toContain('n8n.example');
			expect(strict.store.list('resthooks')[0]).toMatchObject({ status: 'Active', triggeredCount: 0 });
			await strict.close();
		} finally {
			rmSync(dir, { recursive: true, force: true });
		}
	});
});

describe('delivery', () => {
	test('a time entry created over REST is POSTed to the TimeEntryCreated hook in the JSON:API shape', async () => {
		const id = await hook('TimeEntryCreated');
		const created = await s.rest('POST', 'timeentries', newEntry);
		const pending = s.sb.deliveries();
		expect(pending).toHaveLength(1);
		const [d] = await s.sb.settleDeliveries();
		expect(d).toMatchObject({ hookId: id, eventName: 'TimeEntryCreated', resource: 'timeentries', recordId: created.body.timeentries.id, state: 'delivered', status: 200, disabledHook: false });
		expect(rx.received).toHaveLength(1);
		const got = rx.received[0];
		expect(got.path).toBe('/hook/TimeEntryCreated?token=abc');
		expect(got.headers['content-type']).toBe('application/json');
		// The delivery log keeps the payload with the target's query values redacted; the target gets them.
		expect(d.targetUrl).toBe(`${rx.url}/hook/TimeEntryCreated?token=[redacted]`);
		expect(d.payload).toEqual({ ...got.body, meta: { debug: { resthook: { ...got.body.meta.debug.resthook, target: d.targetUrl } } } });
		expect(got.body.data).toMatchObject({
			type: 'timeentries',
			id: String(created.body.timeentries.id),
			attributes: { timestampDate: '2024-04-02T00:00:00+11:00', actualHours: '0.25', billableHours: '0.25', description: 'Call', isBillable: 'T', billingBehavior: 'Bill' },
			relationships: {
				action: { data: { type: 'actions', id: '2001' } },
				owner: { data: { type: 'participants', id: '101' } },
				createdBy: { data: { type: 'participants', id: '101' } },
				phoneRecord: { data: null },
			},
		});
		expect(got.body.meta.debug.resthook).toEqual({
			id: String(id),
			event_name: 'TimeEntryCreated',
			target: `${rx.url}/hook/TimeEntryCreated?token=abc`,
			trigger_count: 1,
			resource_type: 'timeentries',
			resource_id: String(created.body.timeentries.id),
		});
		expect(got.body.jsonapi).toEqual({ version: '1.0' });
		const stored = s.sb.store.get('resthooks', id)!;
		expect(stored.triggeredCount).toBe(1);
		expect(stored.triggeredLastTimestamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+1[01]:00$/);
		const listed = await s.rest('GET', `resthooks/${id}`);
		expect(listed.body.resthooks.triggeredCount).toBe(1);
	});

	test('each write raises its own event only; phone records raise none', async () => {
		const ids = {
			TimeEntryCreated: await hook('TimeEntryCreated'),
			TimeEntryUpdated: await hook('TimeEntryUpdated'),
			ParticipantCreated: await hook('ParticipantCreated'),
			ParticipantUpdated: await hook('ParticipantUpdated'),
			TaskCreated: await hook('TaskCreated'),
		};
		await s.rest('PUT', 'timeentries/7003', { timeentries: { description: 'Drafting (revised)' } });
		const p = await s.rest('POST', 'participants', { participants: { isCompany: 'F', firstName: 'Ava', lastName: 'Stone' } });
		await s.rest('PUT', `participants/${p.body.participants.id}`, { participants: { email: 'ava@example.com' } });
		await s.rest('POST', 'phonerecords', { phonerecords: { direction: 'in', callTimestamp: '2024-04-02T10:00:00+11:00', outcome: 'Call completed', fromParticipant: undefined, fromParticipantOther: 'X', toParticipantOther: 'Y' } });
		const failedWrite = await s.rest('PUT', 'timeentries/7003', { timeentries: { actualHours: -1 } });
		expect(failedWrite.status).toBe(400);
		const all = await s.sb.settleDeliveries();
		expect(all.map((d) => [d.eventName, d.recordId])).toEqual([
			['TimeEntryUpdated', 7003],
			['ParticipantCreated', p.body.participants.id],
			['ParticipantUpdated', p.body.participants.id],
		]);
		expect(all.every((d) => d.state === 'delivered')).toBe(true);
		const updated = rx.received.find((r) => r.path.startsWith('/hook/TimeEntryUpdated'))!;
		expect(updated.body.data.attributes.description).toBe('Drafting (revised)');
		expect(updated.body.meta.debug.resthook.id).toBe(String(ids.TimeEntryUpdated));
		const pc = rx.received.find((r) => r.path.startsWith('/hook/ParticipantCreated'))!;
		expect(pc.body.data).toMatchObject({ type: 'participants', attributes: { isCompany: 'F', firstName: 'Ava', displayName: 'Stone, Ava' } });
	});

	test('every Active hook for the event gets it; Disabled hooks get nothing', async () => {
		const a = await hook('TimeEntryCreated', '/a');
		const b = await hook('TimeEntryCreated', '/b');
		const c = await hook('TimeEntryCreated', '/c');
		await s.rest('PUT', `resthooks/${c}`, { resthooks: { status: 'Disabled' } });
		await s.rest('POST', 'timeentries', newEntry);
		const all = await s.sb.settleDeliveries();
		expect(all.map((d) => d.hookId).sort()).toEqual([a, b].sort());
		expect(rx.received.map((r) => r.path.split('?')[0]).sort()).toEqual(['/a', '/b']);
	});

	test('an answer other than 200 disables the hook, as Actionstep does; later events are not sent to it', async () => {
		const id = await hook('TimeEntryCreated');
		rx.status = 204;
		await s.rest('POST', 'timeentries', newEntry);
		const [d] = await s.sb.settleDeliveries();
		expect(d).toMatchObject({ state: 'failed', status: 204, disabledHook: true });
		expect(d.error).toContain('204');
		expect(s.sb.store.get('resthooks', id)).toMatchObject({ status: 'Disabled', triggeredCount: 1 });
		rx.status = 200;
		await s.rest('POST', 'timeentries', newEntry);
		expect(await s.sb.settleDeliveries()).toHaveLength(1);
		expect(rx.received).toHaveLength(1);
	});

	test('a 500 answer, no listener and no answer in time all disable the hook', async () => {
		rx.status = 500;
		const a = await hook('ActionUpdated');
		s.sb.fireEvent('ActionUpdated', 2001);
		expect((await s.sb.settleDeliveries())[0]).toMatchObject({ state: 'failed', status: 500, disabledHook: true, responseBody: '{"ok":true}' });
		expect(s.sb.store.get('resthooks', a)?.status).toBe('Disabled');

		s.sb.clearDeliveries();
		const closed = (await s.rest('POST', 'resthooks', { resthooks: { eventName: 'ActionUpdated', targetUrl: 'http://127.0.0.1:9/nothing-listens' } })).body.resthooks.id;
		s.sb.fireEvent('ActionUpdated', 2001);
		const [refused] = await s.sb.settleDeliveries();
		expect(refused).toMatchObject({ hookId: closed, state: 'failed', status: null, disabledHook: true });
		expect(refused.error).toBeTruthy();

		s.sb.clearDeliveries();
		rx.status = null;
		const slow = await hook('ActionUpdated', '/slow');
		const started = Date.now();
		s.sb.fireEvent('ActionUpdated', 2001);
		const [timedOut] = await s.sb.settleDeliveries();
		expect(timedOut).toMatchObject({ hookId: slow, state: 'failed', status: null, disabledHook: true });
		expect(timedOut.error).toContain('500 ms');
		expect(Date.now() - started).toBeGreaterThanOrEqual(450);
	});

	test('deliveries run in the background: the write is answered first, the log shows them pending', async () => {
		rx.status = null;
		await hook('TimeEntryCreated');
		const created = await s.rest('POST', 'timeentries', newEntry);
		expect(created.status).toBe(200);
		expect(s.sb.deliveries()[0].state).toBe('pending');
		const admin = await http({ url: `${s.sb.url}/_sandbox/deliveries` });
		expect(admin.body).toMatchObject({ count: 1, pending: 1 });
		await s.sb.settleDeliveries();
		expect(s.sb.deliveries()[0].state).toBe('failed');
	});
});

describe('events fired by hand and the admin endpoints', () => {
	test('fireEvent sends an event for an existing record (ActionUpdated, StepChanged carry the matter)', async () => {
		await hook('ActionUpdated');
		await hook('StepChanged');
		s.sb.fireEvent('ActionUpdated', 2002);
		s.sb.fireEvent('StepChanged', 2002);
		await s.sb.settleDeliveries();
		expect(rx.received.map((r) => r.body.meta.debug.resthook.event_name)).toEqual(['ActionUpdated', 'StepChanged']);
		expect(rx.received[0].body.data).toMatchObject({
			type: 'actions',
			id: '2002',
			attributes: { reference: 'THO-2024-002', status: 'Active', isDeleted: 'F', priority: '0' },
			relationships: { assignedTo: { data: { type: 'participants', id: '102' } }, primaryParticipants: { data: [{ type: 'participants', id: '106' }] } },
		});
	});

	test('POST /_sandbox/events: the same over HTTP; unknown events, events without sandbox records and missing ids are refused', async () => {
		await hook('TaskUpdated');
		const ok = await http({ method: 'POST', url: `${s.sb.url}/_sandbox/events`, data: { eventName: 'TaskUpdated', id: 8002 } });
		expect(ok.status).toBe(200);
		expect(ok.body.count).toBe(1);
		expect(ok.body.deliveries[0]).toMatchObject({ eventName: 'TaskUpdated', recordId: 8002, resource: 'tasks' });
		const unknown = await http({ method: 'POST', url: `${s.sb.url}/_sandbox/events`, data: { eventName: 'PhoneRecordCreated', id: 5001 } });
		expect(unknown.status).toBe(400);
		const noRecords = await http({ method: 'POST', url: `${s.sb.url}/_sandbox/events`, data: { eventName: 'DisbursementCreated', id: 1 } });
		expect(noRecords.status).toBe(400);
		const missing = await http({ method: 'POST', url: `${s.sb.url}/_sandbox/events`, data: { eventName: 'TaskUpdated', id: 99 } });
		expect(missing.status).toBe(404);
		const shapeless = await http({ method: 'POST', url: `${s.sb.url}/_sandbox/events`, data: { eventName: 'TaskUpdated' } });
		expect(shapeless.status).toBe(400);
	});

	test('GET /_sandbox/deliveries?wait=true waits for deliveries under way; DELETE clears; reset clears too', async () => {
		await hook('TaskUpdated');
		s.sb.fireEvent('TaskUpdated', 8002);
		const waited = await http({ url: `${s.sb.url}/_sandbox/deliveries?wait=true` });
		expect(waited.status).toBe(200);
		expect(waited.body).toMatchObject({ count: 1, pending: 0 });
		expect(waited.body.deliveries[0].state).toBe('delivered');
		expect((await http({ method: 'DELETE', url: `${s.sb.url}/_sandbox/deliveries` })).status).toBe(204);
		expect(s.sb.deliveries()).toEqual([]);
		s.sb.fireEvent('TaskUpdated', 8002);
		await s.sb.settleDeliveries();
		s.sb.reset();
		expect(s.sb.deliveries()).toEqual([]);
		expect(s.sb.store.list('resthooks')).toEqual([]);
	});
});
