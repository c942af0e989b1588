/** Participants (read, create, update; notes §7) and REST hooks CRUD (notes §8). */
import { openSuite, rows, type Suite } from './helpers';

let s: Suite;
beforeAll(async () => {
	s = await openSuite();
});
afterAll(() => s.sb.close());

describe('participants', () => {
	test('an individual needs isCompany F with first and last name; displayName is "Last, First"', async () => {
		const r = await s.rest('POST', 'participants', {
			participants: { isCompany: 'F', firstName: 'Ava', lastName: 'Stone', email: 'ava@example.com', phone1Label: 'Mobile', phone1Country: '61', phone1Area: '491', phone1Number: '570 155' },
		});
		expect(r.status).toBe(200);
		// Country and area are integers (OAS participants); numeric strings are accepted on write.
		expect(r.body.participants).toMatchObject({ displayName: 'Stone, Ava', isCompany: 'F', phone1Country: 61, phone1Area: 491, phone1Number: '570 155' });
		expect(r.body.participants.links).toBeUndefined();
		const found = await s.rest('GET', 'participants?phone1Number_ilike=*570*155*');
		expect(found.body.participants.id).toBe(r.body.participants.id);
	});

	test('a company needs companyName and shows it as displayName', async () => {
		const r = await s.rest('POST', 'participants', { participants: { isCompany: 'T', companyName: 'Harbour Couriers Pty Ltd' } });
		expect(r.body.participants).toMatchObject({ displayName: 'Harbour Couriers Pty Ltd', isCompany: 'T' });
		const missing = await s.rest('POST', 'participants', { participants: { isCompany: 'T' } });
		expect(missing.status).toBe(400);
		expect(missing.body.errors[0].source.pointer).toBe('/participants/companyName');
	});

	test('isCompany is required and must be T/F; individuals need both names', async () => {
		expect((await s.rest('POST', 'participants', { participants: { firstName: 'A', lastName: 'B' } })).status).toBe(400);
		expect((await s.rest('POST', 'participants', { participants: { isCompany: false, firstName: 'A', lastName: 'B' } })).status).toBe(400);
		const r = await s.rest('POST', 'participants', { participants: { isCompany: 'F', firstName: 'Solo' } });
		expect(r.status).toBe(400);
		expect(r.body.errors.map((e: any) => e.source.pointer)).toEqual(['/participants/lastName']);
	});

	test('displayName is read-only; PUT recomputes it', async () => {
		const created = await s.rest('POST', 'participants', { participants: { isCompany: 'F', firstName: 'Ben', lastName: 'Ho', displayName: 'Ignored' } });
		expect(created.body.participants.displayName).toBe('Ho, Ben');
		const updated = await s.rest('PUT', `participants/${created.body.participants.id}`, { participants: { lastName: 'Hope', phone2Number: '555 0100' } });
		expect(updated.status).toBe(200);
		expect(updated.body.participants.displayName).toBe('Hope, Ben');
		expect(s.sb.store.get('participants', created.body.participants.id)?.phone2Number).toBe('555 0100');
	});

	test('seeded phones are split into country/area/number, a mix of AU, NZ, UK and US', async () => {
		const r = await s.rest('GET', 'participants?pageSize=200&id_lteq=126');
		const list = rows(r.body, 'participants');
		expect(list.length).toBeGreaterThanOrEqual(20);
		const countries = new Set(list.map((p) => p.phone1Country).filter(Boolean));
		expect([...countries].sort()).toEqual([1, 44, 61, 64]);
		expect(list.find((p) => p.id === 105)).toMatchObject({ phone1Country: 61, phone1Area: 2, phone1Number: '9876 5432' });
		// sms-only and phone3/4-only people exist
		expect(list.find((p) => p.id === 111)).toMatchObject({ sms: '+61 491 570 133', phone1Number: null });
		expect(list.filter((p) => p.isCompany === 'T').length).toBeGreaterThanOrEqual(2);
	});
});

describe('actions (matters)', () => {
	test('read-only with the Actionstep fields and links', async () => {
		const r = await s.rest('GET', 'actions/2001');
		expect(r.body.actions).toMatchObject({
			id: 2001,
			reference: 'SMI-2024-001',
			status: 'Active',
			isDeleted: 'F',
			createdTimestamp: '2024-01-15',
			links: { assignedTo: '101', actionType: '11', primaryParticipants: ['105'] },
		});
		expect(r.body.actions.modifiedTimestamp).toMatch(/\+1[01]:00$/);
		const all = rows((await s.rest('GET', 'actions')).body, 'actions');
		expect(all.length).toBeGreaterThanOrEqual(10);
		for (const a of all) expect(a.reference).toMatch(/^[A-Z]{3}-\d{4}-\d{3}$/);
		expect((await s.rest('PUT', 'actions/2001', { actions: { name: 'x' } })).status).toBe(405);
	});
});

describe('resthooks', () => {
	test('create, read, update, delete', async () => {
		expect((await s.rest('GET', 'resthooks')).status).toBe(204); // none yet
		const created = await s.rest('POST', 'resthooks', { resthooks: { eventName: 'TimeEntryCreated', targetUrl: 'http://127.0.0.1:9/webhook/abc' } });
		expect(created.status).toBe(200);
		const hook = created.body.resthooks;
		expect(hook).toEqual({ id: hook.id, eventName: 'TimeEntryCreated', targetUrl: 'http://127.0.0.1:9/webhook/abc', status: 'Active', triggeredCount: 0, triggeredLastTimestamp: null });
		const got = await s.rest('GET', `resthooks/${hook.id}`);
		expect(got.body.resthooks).toEqual(hook);
		const put = await s.rest('PUT', `resthooks/${hook.id}`, { resthooks: { targetUrl: 'http://127.0.0.1:9/webhook/def', status: 'Disabled' } });
		expect(put.body.resthooks).toMatchObject({ eventName: 'TimeEntryCreated', targetUrl: 'http://127.0.0.1:9/webhook/def', status: 'Disabled' });
		expect((await s.rest('DELETE', `resthooks/${hook.id}`)).status).toBe(204);
		expect((await s.rest('GET', `resthooks/${hook.id}`)).status).toBe(404);
	});

	test('the old array-wrapped body works', async () => {
		const r = await s.rest('POST', 'resthooks', { resthooks: [{ eventName: 'ParticipantCreated', targetUrl: 'http://localhost:9/webhook/x' }] });
		expect(r.status).toBe(200);
		expect(r.body.resthooks.eventName).toBe('ParticipantCreated');
	});

	test('eventName must be one of Actionstep events (there is no phone-record event); targetUrl must be a URL', async () => {
		const phone = await s.rest('POST', 'resthooks', { resthooks: { eventName: 'PhoneRecordCreated', targetUrl: 'http://127.0.0.1:9/' } });
		expect(phone.status).toBe(400);
		expect(phone.body.errors[0].detail).toContain('TaskCreated');
		const url = await s.rest('POST', 'resthooks', { resthooks: { eventName: 'TaskCreated', targetUrl: 'not a url' } });
		expect(url.status).toBe(400);
		const missing = await s.rest('POST', 'resthooks', { resthooks: { eventName: 'TaskCreated' } });
		expect(missing.body.errors[0].source.pointer).toBe('/resthooks/targetUrl');
		expect((await s.rest('POST', 'resthooks', { resthooks: { eventName: 'TaskCreated', targetUrl: 'http://127.0.0.1:9/', triggeredCount: 5 } })).body.resthooks.triggeredCount).toBe(0);
	});

	test('several hooks can be deleted in one call, all or nothing', async () => {
		const make = async (eventName: string) => (await s.rest('POST', 'resthooks', { resthooks: { eventName, targetUrl: 'http://127.0.0.1:9/h' } })).body.resthooks.id;
		const a = await make('ActionCreated');
		const b = await make('ActionUpdated');
		const missing = await s.rest('DELETE', `resthooks/${a},${b},99999`);
		expect(missing.status).toBe(404);
		expect(s.sb.store.get('resthooks', a)).toBeDefined();
		expect((await s.rest('DELETE', `resthooks/${a},${b}`)).status).toBe(204);
		expect(s.sb.store.get('resthooks', a)).toBeUndefined();
		expect(s.sb.store.get('resthooks', b)).toBeUndefined();
	});

	test('filters on eventName and status work', async () => {
		await s.rest('POST', 'resthooks', { resthooks: { eventName: 'StepChanged', targetUrl: 'http://127.0.0.1:9/s' } });
		const r = await s.rest('GET', 'resthooks?eventName=StepChanged&status=Active');
		expect(r.body.resthooks.eventName).toBe('StepChanged');
	});
});
