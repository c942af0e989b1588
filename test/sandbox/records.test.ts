/** Write rules for phone records and time entries (OpenAPI, tutorial, notes §6 and §9) and their link. */
import { openSuite, type Suite } from './helpers';

let s: Suite;
beforeAll(async () => {
	s = await openSuite();
});
afterAll(() => s.sb.close());

const call = (over: Record<string, unknown> = {}, links: Record<string, unknown> = { fromParticipant: 101, toParticipant: 105, action: 2001 }) => ({
	phonerecords: { direction: 'out', callTimestamp: '2024-06-03T10:00:00+10:00', outcome: 'Call completed', actualHours: 0.2, links, ...over },
});

const details = (r: { body: any }) => r.body.errors.map((e: any) => e.detail).join(' | ');

describe('phone records: create', () => {
	test('POST answers 200 with the record wrapped under the resource name', async () => {
		const r = await s.rest('POST', 'phonerecords', call({ notes: 'New call', phoneNumber: '+61 2 9876 5432', phoneNumberType: 'Home' }));
		expect(r.status).toBe(200);
		expect(Object.keys(r.body)).toEqual(['phonerecords']);
		const pr = r.body.phonerecords;
		expect(pr).toMatchObject({ direction: 'out', outcome: 'Call completed', notes: 'New call', actualHours: 0.2, links: { action: '2001', fromParticipant: '101', toParticipant: '105' } });
		expect(typeof pr.id).toBe('number');
		expect(s.sb.store.get('phonerecords', pr.id)?.notes).toBe('New call');
	});

	test('an array-wrapped body with one element is accepted; two elements are not', async () => {
		const one = await s.rest('POST', 'phonerecords', { phonerecords: [call().phonerecords] });
		expect(one.status).toBe(200);
		const two = await s.rest('POST', 'phonerecords', { phonerecords: [call().phonerecords, call().phonerecords] });
		expect(two.status).toBe(400);
	});

	test('an unwrapped body (the OpenAPI shape) is 400 explaining the wrapper', async () => {
		const r = await s.rest('POST', 'phonerecords', call().phonerecords);
		expect(r.status).toBe(400);
		expect(details(r)).toContain('wrapped under "phonerecords"');
	});

	test('link ids may be numeric strings; callTimestamp keeps its offset, Z becomes +00:00', async () => {
		const r = await s.rest('POST', 'phonerecords', call({ callTimestamp: '2024-06-03T00:00:00Z' }, { fromParticipant: '101', toParticipant: '105' }));
		expect(r.status).toBe(200);
		expect(r.body.phonerecords.callTimestamp).toBe('2024-06-03T00:00:00+00:00');
		expect(r.body.phonerecords.links.fromParticipant).toBe('101');
		const sydney = await s.rest('POST', 'phonerecords', call({ callTimestamp: '2024-06-03 09:30:00+10' }));
		expect(sydney.body.phonerecords.callTimestamp).toBe('2024-06-03T09:30:00+10:00');
	});

	test('direction must be in or out', async () => {
		const r = await s.rest('POST', 'phonerecords', call({ direction: 'inbound' }));
		expect(r.status).toBe(400);
		expect(details(r)).toMatch(/direction must be one of 'in', 'out'/);
	});

	test('direction, callTimestamp and outcome are required, all reported at once', async () => {
		const r = await s.rest('POST', 'phonerecords', { phonerecords: { fromParticipantOther: 'A', toParticipantOther: 'B' } });
		expect(r.status).toBe(400);
		expect(r.body.errors.map((e: any) => e.source.pointer)).toEqual(['/phonerecords/direction', '/phonerecords/callTimestamp', '/phonerecords/outcome']);
	});

	test('a bad timestamp, a non-number actualHours and an unknown attribute are 400', async () => {
		expect((await s.rest('POST', 'phonerecords', call({ callTimestamp: '03/06/2024 10am' }))).status).toBe(400);
		expect((await s.rest('POST', 'phonerecords', call({ actualHours: 'a quarter' }))).status).toBe(400);
		const unknown = await s.rest('POST', 'phonerecords', call({ Notes: 'case matters' }));
		expect(unknown.status).toBe(400);
		expect(details(unknown)).toContain('"Notes"');
		expect((await s.rest('POST', 'phonerecords', call({ actualHours: -1 }))).status).toBe(400);
	});

	test('exactly one of fromParticipant/fromParticipantOther and of toParticipant/toParticipantOther', async () => {
		const neither = await s.rest('POST', 'phonerecords', call({}, { toParticipant: 105 }));
		expect(neither.status).toBe(400);
		expect(details(neither)).toContain('one of either links.fromParticipant or fromParticipantOther');
		const both = await s.rest('POST', 'phonerecords', call({ toParticipantOther: 'Someone' }));
		expect(both.status).toBe(400);
		expect(details(both)).toContain('only one of links.toParticipant and toParticipantOther');
		const others = await s.rest('POST', 'phonerecords', call({ fromParticipantOther: 'Reception', toParticipantOther: 'Courier' }, {}));
		expect(others.status).toBe(200);
		const blank = await s.rest('POST', 'phonerecords', call({ fromParticipantOther: '  ' }, { toParticipant: 105 }));
		expect(blank.status).toBe(400);
	});

	test('links must point at existing records', async () => {
		const r = await s.rest('POST', 'phonerecords', call({}, { fromParticipant: 101, toParticipant: 999, action: 9999 }));
		expect(r.status).toBe(400);
		expect(details(r)).toContain('participants 999');
		expect(details(r)).toContain('actions 9999');
		const unknownLink = await s.rest('POST', 'phonerecords', call({}, { fromParticipant: 101, toParticipant: 105, matter: 2001 }));
		expect(unknownLink.status).toBe(400);
		expect((await s.rest('POST', 'phonerecords', call({}, { fromParticipant: 'abc', toParticipant: 105 }))).status).toBe(400);
	});

	test('with enforceParticipantPairs off, the pair rule is not applied', async () => {
		const { startSandbox } = await import('../../sandbox');
		const loose = await startSandbox({ port: 0, quiet: true, rules: { enforceParticipantPairs: false } });
		try {
			const t = await loose.issueToken();
			const axios = (await import('axios')).default;
			const r = await axios.post(`${loose.apiEndpoint}rest/phonerecords`, call({}, { toParticipant: 105 }), {
				headers: { Authorization: `Bearer ${t.access_token}`, 'Content-Type': 'application/vnd.api+json' },
				validateStatus: () => true,
			});
			expect(r.status).toBe(200);
		} finally {
			await loose.close();
		}
	});
});

describe('phone records: update', () => {
	test('PUT is partial and answers 200 with the whole record', async () => {
		const r = await s.rest('PUT', 'phonerecords/5002', { phonerecords: { notes: 'Rang back later', actualHours: 0.1 } });
		expect(r.status).toBe(200);
		expect(r.body.phonerecords).toMatchObject({ id: 5002, notes: 'Rang back later', actualHours: 0.1, outcome: 'Left message', direction: 'in', links: { fromParticipant: '106' } });
	});

	test('after the merge the same rules hold', async () => {
		// 5002 has fromParticipant 106: adding fromParticipantOther breaks "exactly one".
		const both = await s.rest('PUT', 'phonerecords/5002', { phonerecords: { fromParticipantOther: 'Someone else' } });
		expect(both.status).toBe(400);
		// Switching sides in one PUT is fine.
		const swap = await s.rest('PUT', 'phonerecords/5002', { phonerecords: { fromParticipantOther: 'Someone else', links: { fromParticipant: null } } });
		expect(swap.status).toBe(200);
		expect(swap.body.phonerecords.links.fromParticipant).toBeNull();
		const blankOutcome = await s.rest('PUT', 'phonerecords/5002', { phonerecords: { outcome: '' } });
		expect(blankOutcome.status).toBe(400);
		expect((await s.rest('PUT', 'phonerecords/5002', { phonerecords: { direction: 'up' } })).status).toBe(400);
		expect(s.sb.store.get('phonerecords', 5002)?.outcome).toBe('Left message');
	});

	test('PUT to a missing id is 404; PUT with several ids is 400', async () => {
		expect((await s.rest('PUT', 'phonerecords/999999', { phonerecords: { notes: 'x' } })).status).toBe(404);
		expect((await s.rest('PUT', 'phonerecords/5001,5002', { phonerecords: { notes: 'x' } })).status).toBe(400);
	});
});

describe('phone records: delete and the time-entry link', () => {
	test('DELETE answers 204 with no body', async () => {
		const created = await s.rest('POST', 'phonerecords', call());
		const r = await s.rest('DELETE', `phonerecords/${created.body.phonerecords.id}`);
		expect(r.status).toBe(204);
		expect(r.text).toBe('');
		expect(s.sb.store.get('phonerecords', created.body.phonerecords.id)).toBeUndefined();
		expect((await s.rest('DELETE', `phonerecords/${created.body.phonerecords.id}`)).status).toBe(404);
	});

	test('a phone record a time entry links to cannot be deleted until the link is set to null', async () => {
		const blocked = await s.rest('DELETE', 'phonerecords/5001');
		expect(blocked.status).toBe(400);
		expect(blocked.body.errors[0].status).toBe('400');
		expect(blocked.body.errors[0].detail).toContain('linked to time entry 7001');
		expect(blocked.body.errors[0].detail).toMatch(/remove it from the time entry/i);
		expect(s.sb.store.get('phonerecords', 5001)).toBeDefined();

		const unlink = await s.rest('PUT', 'timeentries/7001', { timeentries: { links: { phoneRecord: null } } });
		expect(unlink.status).toBe(200);
		expect(unlink.body.timeentries.links.phoneRecord).toBeNull();

		expect((await s.rest('DELETE', 'phonerecords/5001')).status).toBe(204);
	});

	test('with two linked time entries the message names both', async () => {
		await s.rest('PUT', 'timeentries/7003', { timeentries: { links: { phoneRecord: 5003 } } });
		const r = await s.rest('DELETE', 'phonerecords/5003');
		expect(r.body.errors[0].detail).toContain('time entries 7002, 7003');
	});

	test('with blockDeleteWhenLinked off, a linked phone record can be deleted', async () => {
		const { startSandbox } = await import('../../sandbox');
		const loose = await startSandbox({ port: 0, quiet: true, rules: { blockDeleteWhenLinked: false } });
		try {
			const t = await loose.issueToken();
			const axios = (await import('axios')).default;
			const r = await axios.delete(`${loose.apiEndpoint}rest/phonerecords/5001`, { headers: { Authorization: `Bearer ${t.access_token}` }, validateStatus: () => true });
			expect(r.status).toBe(204);
		} finally {
			await loose.close();
		}
	});
});

describe('time entries', () => {
	const entry = (over: Record<string, unknown> = {}, links: Record<string, unknown> = { owner: 102, createdBy: 102, action: 2002 }) => ({
		timeentries: { timestampDate: '2024-06-03T00:00:00+10:00', actualHours: 0.3, description: 'Phone call', links, ...over },
	});

	test('create fills billableHours, isBillable and the read-only fields', async () => {
		const r = await s.rest('POST', 'timeentries', entry());
		expect(r.status).toBe(200);
		const te = r.body.timeentries;
		expect(te).toMatchObject({ actualHours: 0.3, billableHours: 0.3, isBillable: 'T', billingBehavior: 'Bill', timerStatus: 'Stopped', rateUnitPrice: 420, billableAmount: 126 });
		expect(te.createdTimestamp).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+1[01]:00$/);
		expect(te.links).toEqual({ action: '2002', owner: '102', createdBy: '102', phoneRecord: null });
	});

	test('timestampDate, actualHours, links.owner and links.createdBy are required', async () => {
		const r = await s.rest('POST', 'timeentries', { timeentries: { description: 'x' } });
		expect(r.status).toBe(400);
		expect(r.body.errors.map((e: any) => e.source.pointer).sort()).toEqual(['/timeentries/actualHours', '/timeentries/links/createdBy', '/timeentries/links/owner', '/timeentries/timestampDate']);
	});

	test('actualHours as a numeric string (as some clients send) is accepted and stored as a number', async () => {
		const r = await s.rest('POST', 'timeentries', entry({ actualHours: '0.25', timestampDate: '2024-07-01 00:00:00+10' }));
		expect(r.status).toBe(200);
		expect(r.body.timeentries.actualHours).toBe(0.25);
		expect(r.body.timeentries.timestampDate).toBe('2024-07-01T00:00:00+10:00');
	});

	test('isBillable is T or F; F gives no charge', async () => {
		expect((await s.rest('POST', 'timeentries', entry({ isBillable: true }))).status).toBe(400);
		const r = await s.rest('POST', 'timeentries', entry({ isBillable: 'F', billableHours: 0.1 }));
		expect(r.body.timeentries).toMatchObject({ isBillable: 'F', billableHours: 0.1, billingBehavior: 'No charge', billableAmount: 0 });
	});

	test('read-only fields in the body are ignored', async () => {
		const r = await s.rest('POST', 'timeentries', entry({ timerStatus: 'Running', createdTimestamp: '2000-01-01T00:00:00Z' }));
		expect(r.status).toBe(200);
		expect(r.body.timeentries.timerStatus).toBe('Stopped');
		expect(r.body.timeentries.createdTimestamp).not.toContain('2000');
	});

	test('owner and createdBy must be participants of users (a client participant is refused)', async () => {
		const r = await s.rest('POST', 'timeentries', entry({}, { owner: 105, createdBy: 102 }));
		expect(r.status).toBe(400);
		expect(details(r)).toContain('participant 105 is not a user');
		// The user id itself (1) is not a participant id either.
		expect((await s.rest('POST', 'timeentries', entry({}, { owner: 1, createdBy: 1 }))).status).toBe(400);
	});

	test('links.phoneRecord must exist; it links a phone record and can be cleared', async () => {
		expect((await s.rest('POST', 'timeentries', entry({}, { owner: 102, createdBy: 102, phoneRecord: 424242 }))).status).toBe(400);
		const created = await s.rest('POST', 'timeentries', entry({}, { owner: 101, createdBy: 101, action: 2004, phoneRecord: 5004 }));
		expect(created.body.timeentries.links.phoneRecord).toBe('5004');
		const listed = await s.rest('GET', 'timeentries?phoneRecord=5004');
		expect(listed.body.timeentries.id).toBe(created.body.timeentries.id);
		const cleared = await s.rest('PUT', `timeentries/${created.body.timeentries.id}`, { timeentries: { links: { phoneRecord: null } } });
		expect(cleared.body.timeentries.links.phoneRecord).toBeNull();
		expect(cleared.body.timeentries.actualHours).toBe(0.3);
	});

	test('PUT cannot clear a required link', async () => {
		const r = await s.rest('PUT', 'timeentries/7004', { timeentries: { links: { owner: null } } });
		expect(r.status).toBe(400);
	});

	test('filters work on every field', async () => {
		const q = async (query: string) => {
			const r = await s.rest('GET', `timeentries?id_lteq=7006&${query}`);
			if (r.status === 204) return [];
			const v = r.body.timeentries;
			return (Array.isArray(v) ? v : [v]).map((t: any) => t.id);
		};
		expect(await q('owner=101')).toEqual([7001, 7004]);
		expect(await q('createdBy_in=103')).toEqual([7005]);
		expect(await q('action=2002')).toEqual([7002, 7003]);
		expect(await q('isBillable=F')).toEqual([7005]);
		expect(await q('actualHours_gteq=1')).toEqual([7003, 7006]);
		expect(await q('billableHours_lt=0.3')).toEqual([7001]);
		expect(await q('description_ilike=*probate*')).toEqual([7006]);
		// 7005 is 2024-03-12T00:00+11:00, i.e. 11 March in UTC: a bare date filter is UTC.
		expect(await q('timestampDate_gteq=2024-03-12')).toEqual([7006]);
		expect(await q('timestampDate_gteq=2024-03-12T00:00:00%2B11:00')).toEqual([7005, 7006]);
	});

	test('DELETE a time entry is 204', async () => {
		const created = await s.rest('POST', 'timeentries', entry());
		expect((await s.rest('DELETE', `timeentries/${created.body.timeentries.id}`)).status).toBe(204);
	});
});
