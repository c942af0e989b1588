/** Tasks over REST and the LawConnect booking simulation that creates them. */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { http, openSuite, rows, type Suite } from './helpers';

let s: Suite;
let server: Server;
let hookBase = '';
const received: any[] = [];
beforeAll(async () => {
	s = await openSuite();
	server = createServer((req, res) => {
		let text = '';
		req.on('data', (c) => (text += c));
		req.on('end', () => {
			received.push(JSON.parse(text));
			res.writeHead(200).end();
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	hookBase = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
	await s.sb.close();
	server.closeAllConnections();
	await new Promise((resolve) => server.close(resolve));
});
beforeEach(async () => {
	await s.sb.settleDeliveries();
	s.sb.reset();
	received.length = 0;
});

const book = (body: unknown) => http({ method: 'POST', url: `${s.sb.url}/_sandbox/lawconnect/booking`, data: body });

describe('tasks', () => {
	test('the seed has tasks 8001-8004 on matters, assigned to staff; GET, filters and include work', async () => {
		const all = rows((await s.rest('GET', 'tasks')).body, 'tasks');
		expect(all.map((t) => t.id)).toEqual([8001, 8002, 8003, 8004]);
		const t = (await s.rest('GET', 'tasks/8001?include=action,assignee')).body;
		expect(t.tasks).toMatchObject({ id: 8001, name: 'Send contract of sale for signature', status: 'Complete', priority: 'Normal', actualHours: 0.3, links: { action: '2001', assignee: '101' } });
		expect(t.linked.actions[0].id).toBe(2001);
		expect(t.linked.participants[0].id).toBe(101);
		expect(t.tasks.expectedDurationUnits).toBeUndefined(); // an "additional" field
		const open = rows((await s.rest('GET', 'tasks?status=Incomplete&assignee=102&sort=dueTimestamp')).body, 'tasks');
		expect(open.map((x) => x.id)).toEqual([8004, 8002]);
	});

	test('tasks are writable: POST needs name, dueTimestamp, action and a staff assignee; status defaults to Incomplete; PUT is partial; DELETE removes', async () => {
		const missing = await s.rest('POST', 'tasks', { tasks: { name: 'x', links: { action: 2001 } } });
		expect(missing.status).toBe(400);
		expect(missing.body.errors.map((e: any) => e.detail)).toEqual(['dueTimestamp is required.', 'links.assignee is required.']);
		const client = await s.rest('POST', 'tasks', { tasks: { name: 'x', dueTimestamp: '2026-03-10T10:00:00+11:00', links: { action: 2001, assignee: 105 } } });
		expect(client.body.errors[0].detail).toBe('links.assignee must be the participant id of an Actionstep user; participant 105 is not a user.');
		const created = await s.rest('POST', 'tasks', { tasks: { name: 'Call back Michael Smith', dueTimestamp: '2026-03-10T10:00:00+11:00', links: { action: 2001, assignee: 101 } } });
		expect(created.status).toBe(200);
		expect(created.body.tasks).toMatchObject({ id: 8005, name: 'Call back Michael Smith', status: 'Incomplete', priority: 'Normal', completedTimestamp: null, links: { action: '2001', assignee: '101' } });
		const done = await s.rest('PUT', 'tasks/8005', { tasks: { status: 'Complete' } });
		expect(done.body.tasks).toMatchObject({ name: 'Call back Michael Smith', status: 'Complete' });
		expect(done.body.tasks.completedTimestamp).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+1[01]:00$/);
		expect((await s.rest('PUT', 'tasks/8005', { tasks: { status: 'Done' } })).status).toBe(400);
		expect((await s.rest('DELETE', 'tasks/8005')).status).toBe(204);
		expect(s.sb.store.get('tasks', 8005)).toBeUndefined();
	});
});

describe('LawConnect booking', () => {
	test('a booking creates a task on the matter for its fee earner, due at the appointment, and fires TaskCreated', async () => {
		await s.rest('POST', 'resthooks', { resthooks: { eventName: 'TaskCreated', targetUrl: `${hookBase}/tasks` } });
		const r = await book({ matterId: 2004, appointmentStart: '2026-03-10T10:30:00+11:00', durationMinutes: 45, appointmentType: 'Trust restructure advice' });
		expect(r.status).toBe(200);
		const task = r.body.task;
		expect(task).toMatchObject({
			name: 'LawConnect appointment: Trust restructure advice with Aroha Ngata',
			status: 'Incomplete',
			priority: 'Normal',
			dueTimestamp: '2026-03-10T10:30:00+11:00',
			assignedBy: 'LawConnect',
			expectedDurationValue: 45,
			expectedDurationUnits: 'minutes',
			completedTimestamp: null,
			links: { action: 2004, assignee: 101 },
		});
		expect(task.id).toBeGreaterThan(8004);
		expect(task.description).toContain(`[LawConnect booking LC-${task.id}; 45 min; client: Aroha Ngata]`);
		expect(r.body.timeEntry).toBeUndefined();
		const viaRest = (await s.rest('GET', `tasks/${task.id}`)).body.tasks;
		expect(viaRest).toMatchObject({ id: task.id, dueTimestamp: '2026-03-10T10:30:00+11:00', links: { action: '2004', assignee: '101' } });
		const [d] = await s.sb.settleDeliveries();
		expect(d).toMatchObject({ eventName: 'TaskCreated', recordId: task.id, state: 'delivered' });
		expect(received[0].data).toMatchObject({ type: 'tasks', id: String(task.id), attributes: { status: 'Incomplete', dueTimestamp: '2026-03-10T10:30:00+11:00' }, relationships: { action: { data: { type: 'actions', id: '2004' } }, assignee: { data: { type: 'participants', id: '101' } } } });
	});

	test('the appointment taking place completes the task (TaskUpdated) and adds the time entry (TimeEntryCreated)', async () => {
		for (const eventName of ['TaskUpdated', 'TimeEntryCreated']) {
			await s.rest('POST', 'resthooks', { resthooks: { eventName, targetUrl: `${hookBase}/${eventName}` } });
		}
		const booked = s.sb.lawConnectBooking({ matterId: 2006, appointmentStart: '2026-06-02T14:00:00+10:00', assigneeId: 103, clientName: 'Grace Williams', bookingReference: 'LC-7781' });
		expect(booked.task.links).toEqual({ action: 2006, assignee: 103 });
		const done = await http({ method: 'POST', url: `${s.sb.url}/_sandbox/lawconnect/appointments/${booked.task.id}/complete`, data: { actualMinutes: 50 } });
		expect(done.status).toBe(200);
		expect(done.body.task).toMatchObject({ id: booked.task.id, status: 'Complete', actualHours: 0.83, billableHours: 0.83, startedTimestamp: '2026-06-02T14:00:00+10:00' });
		expect(done.body.task.completedTimestamp).toBeTruthy();
		expect(done.body.timeEntry).toMatchObject({
			timestampDate: '2026-06-02T00:00:00+10:00',
			actualHours: 0.83,
			billableHours: 0.83,
			isBillable: 'T',
			description: 'LawConnect appointment with Grace Williams (LC-7781)',
			rateUnitPrice: 180,
			links: { action: 2006, owner: 103, createdBy: 103, phoneRecord: null },
		});
		const all = await s.sb.settleDeliveries();
		expect(all.map((d) => [d.eventName, d.recordId])).toEqual([
			['TaskUpdated', booked.task.id],
			['TimeEntryCreated', done.body.timeEntry.id],
		]);
		expect(s.sb.store.get('timeentries', done.body.timeEntry.id)?.description).toContain('LC-7781');
		const again = await http({ method: 'POST', url: `${s.sb.url}/_sandbox/lawconnect/appointments/${booked.task.id}/complete` });
		expect(again.status).toBe(400);
	});

	test('attended: true books and completes at once; timeEntry: false completes without a time entry', async () => {
		const both = await book({ matterId: 2001, appointmentStart: '2026-03-10T09:00:00+11:00', attended: true });
		expect(both.body.task.status).toBe('Complete');
		expect(both.body.timeEntry).toMatchObject({ actualHours: 1, links: { action: 2001, owner: 101 } });
		const booked = s.sb.lawConnectBooking({ matterId: 2001, appointmentStart: '2026-03-11T09:00:00+11:00' });
		const before = s.sb.store.count('timeentries');
		const r = s.sb.completeAppointment(booked.task.id, { timeEntry: false });
		expect(r.timeEntry).toBeUndefined();
		expect(s.sb.store.count('timeentries')).toBe(before);
	});

	test('bookings are checked: open existing matter, a staff assignee, a real time, known members only', async () => {
		const cases: Array<[unknown, number, string]> = [
			[{ appointmentStart: '2026-03-10T10:00:00+11:00' }, 400, '/matterId'],
			[{ matterId: 9999, appointmentStart: '2026-03-10T10:00:00+11:00' }, 400, '/matterId'],
			[{ matterId: 2005, appointmentStart: '2026-03-10T10:00:00+11:00' }, 400, '/matterId'],
			[{ matterId: 2001 }, 400, '/appointmentStart'],
			[{ matterId: 2001, appointmentStart: '2026-03-10' }, 400, '/appointmentStart'],
			[{ matterId: 2001, appointmentStart: 'tomorrow' }, 400, '/appointmentStart'],
			[{ matterId: 2001, appointmentStart: '2026-03-10T10:00:00+11:00', assigneeId: 105 }, 400, '/tasks/links/assignee'],
			[{ matterId: 2001, appointmentStart: '2026-03-10T10:00:00+11:00', durationMinutes: 0 }, 400, '/durationMinutes'],
			[{ matterId: 2001, appointmentStart: '2026-03-10T10:00:00+11:00', colour: 'red' }, 400, '/colour'],
		];
		for (const [body, status, pointer] of cases) {
			const r = await book(body);
			expect([JSON.stringify(body), r.status]).toEqual([JSON.stringify(body), status]);
			expect(r.body.errors[0].source.pointer).toBe(pointer);
		}
		expect(s.sb.store.count('tasks')).toBe(4);
		expect((await http({ method: 'POST', url: `${s.sb.url}/_sandbox/lawconnect/appointments/424242/complete` })).status).toBe(404);
		expect((await http({ method: 'POST', url: `${s.sb.url}/_sandbox/lawconnect/appointments/8002/complete` })).status).toBe(400);
		expect((await http({ method: 'GET', url: `${s.sb.url}/_sandbox/lawconnect/booking` })).status).toBe(405);
	});
});
