/** Paging, filters (every operator, wildcards, links, timestamps), sort, sparse fields and includes (notes §3, §4). */
import { http, openSuite, rows, type Suite } from './helpers';

let base: Suite; // the seed only: exact expectations
let big: Suite; // the seed plus 240 generated phone records: paging
beforeAll(async () => {
	base = await openSuite();
	big = await openSuite({ seedPhoneRecords: 240 });
});
afterAll(async () => {
	await base.sb.close();
	await big.sb.close();
});

async function ids(query: string, resource = 'phonerecords', suite = base): Promise<number[]> {
	const r = await suite.rest('GET', `${resource}?${query}`);
	if (r.status === 204) return [];
	expect(r.status).toBe(200);
	return rows(r.body, resource).map((x) => x.id);
}

describe('paging', () => {
	test('default page size 50 with absolute next/prev URLs', async () => {
		const r = await big.rest('GET', 'phonerecords');
		expect(r.body.phonerecords).toHaveLength(50);
		expect(r.body.meta.paging.phonerecords).toEqual({
			recordCount: 250,
			pageCount: 5,
			page: 1,
			pageSize: 50,
			prevPage: null,
			nextPage: `${big.sb.apiEndpoint}rest/phonerecords?page=2`,
		});
	});

	test('following nextPage walks every record once', async () => {
		const seen: number[] = [];
		let url: string | null = `${big.sb.apiEndpoint}rest/phonerecords?pageSize=60`;
		let pages = 0;
		while (url) {
			const r = await http({ url, headers: { Authorization: `Bearer ${big.token}` } });
			seen.push(...rows(r.body, 'phonerecords').map((p) => p.id));
			url = r.body.meta.paging.phonerecords.nextPage;
			pages += 1;
		}
		expect(pages).toBe(5);
		expect(new Set(seen).size).toBe(250);
	});

	test('pageSize above 200 is silently capped to 200', async () => {
		const r = await big.rest('GET', 'phonerecords?pageSize=500');
		expect(r.status).toBe(200);
		expect(r.body.phonerecords).toHaveLength(200);
		expect(r.body.meta.paging.phonerecords).toMatchObject({ pageSize: 200, pageCount: 2 });
	});

	test('the last page has prevPage and no nextPage, and keeps the other parameters', async () => {
		const r = await big.rest('GET', 'phonerecords?pageSize=200&page=2');
		expect(r.body.phonerecords).toHaveLength(50);
		const p = r.body.meta.paging.phonerecords;
		expect(p.nextPage).toBeNull();
		const prev = new URL(p.prevPage);
		expect(prev.searchParams.get('page')).toBe('1');
		expect(prev.searchParams.get('pageSize')).toBe('200');
		const filtered = await big.rest('GET', 'phonerecords?direction=in&pageSize=10&page=2');
		const next = new URL(filtered.body.meta.paging.phonerecords.nextPage);
		expect(next.searchParams.get('direction')).toBe('in');
		expect(next.searchParams.get('page')).toBe('3');
	});

	test('a page past the end is 204; page=0 or pageSize=abc is 400', async () => {
		expect((await big.rest('GET', 'phonerecords?page=99')).status).toBe(204);
		expect((await big.rest('GET', 'phonerecords?page=0')).status).toBe(400);
		const bad = await big.rest('GET', 'phonerecords?pageSize=abc');
		expect(bad.status).toBe(400);
		expect(bad.body.errors[0].source.parameter).toBe('pageSize');
	});
});

describe('filters', () => {
	test('bare field=value and _eq are equality', async () => {
		expect(await ids('direction=in')).toEqual([5002, 5003, 5006, 5008, 5010]);
		expect(await ids('direction_eq=out')).toEqual([5001, 5004, 5005, 5007, 5009]);
	});

	test('_nteq', async () => {
		expect(await ids('outcome_nteq=Call%20completed')).toEqual([5002, 5007]);
	});

	test('_in and _ntin take comma-separated values', async () => {
		expect(await ids('id_in=5001,5004,5009')).toEqual([5001, 5004, 5009]);
		expect(await ids('outcome_in=Left%20message,No%20answer')).toEqual([5002, 5007]);
		expect(await ids('direction_ntin=in')).toEqual([5001, 5004, 5005, 5007, 5009]);
	});

	test('_lt _lteq _gt _gteq on numbers', async () => {
		expect(await ids('actualHours_gt=0.3')).toEqual([5003, 5004, 5006]);
		expect(await ids('actualHours_gteq=0.3')).toEqual([5003, 5004, 5006, 5009]);
		expect(await ids('actualHours_lt=0.05')).toEqual([5002, 5007]);
		expect(await ids('actualHours_lteq=0.05')).toEqual([5002, 5007, 5010]);
	});

	test('_like is case-sensitive with * wildcards; _ilike is not', async () => {
		expect(await ids('notes_like=*settlement*')).toEqual([5003, 5006]);
		expect(await ids('notes_like=*Settlement*')).toEqual([]);
		expect(await ids('notes_ilike=*SETTLEMENT*')).toEqual([5003, 5006]);
		expect(await ids('outcome_like=Call')).toEqual([]); // no wildcard: the whole value must match
		expect(await ids('phoneNumber_like=%2B61*')).toEqual([5001, 5002, 5003, 5007, 5009]);
	});

	test('_ntlike and _ntilike', async () => {
		expect(await ids('outcome_ntlike=Call*')).toEqual([5002, 5007]);
		expect(await ids('outcome_ntilike=call*')).toEqual([5002, 5007]);
		expect(await ids('outcome_ntlike=call*')).toHaveLength(10);
	});

	test('link fields are filtered by their link name', async () => {
		expect(await ids('action_eq=2002')).toEqual([5002, 5003]);
		expect(await ids('fromParticipant_in=106,109')).toEqual([5002, 5006]);
		expect(await ids('toParticipant=105')).toEqual([5001, 5009]);
		expect(await ids('phoneRecord=5001', 'timeentries')).toEqual([7001]);
		expect(await ids('action=null')).toEqual([5010]);
		expect(await ids('primaryParticipants=124', 'actions')).toEqual([2011]);
	});

	test('filters combine with AND', async () => {
		expect(await ids('direction=out&toParticipant=105')).toEqual([5001, 5009]);
	});

	test('filters can reach through a link with brackets', async () => {
		expect(await ids('toParticipant[lastName]=Smith')).toEqual([5001, 5008, 5009]);
		expect(await ids('fromParticipant[displayName_ilike]=*nguyen*')).toEqual([5009]);
		expect(await ids('action[actionType][name]=Litigation')).toEqual([5002, 5003, 5005, 5006, 5007]);
	});

	test('timestamps compare as instants; a value without an offset is UTC', async () => {
		// 5001 is 2024-03-04T09:15+11:00 = 2024-03-03T22:15Z: before midnight UTC on the 4th.
		expect(await ids('callTimestamp_lt=2024-03-04')).toEqual([5001]);
		expect(await ids('callTimestamp_lt=2024-03-04T00:00:00')).toEqual([5001]);
		// Read as Sydney time, 2024-03-04T00:00+11:00 is before 5001.
		expect(await ids('callTimestamp_lt=2024-03-04T00:00:00%2B11:00')).toEqual([]);
		expect(await ids('callTimestamp_eq=2024-03-05T23:30:00Z')).toEqual([5003]);
		expect(await ids('callTimestamp_gteq=2024-03-06T10:30:00%2B11:00&callTimestamp_lteq=2024-03-07T00:00:00')).toEqual([5003, 5004]);
	});

	test('dates and T/F fields on other resources', async () => {
		expect(await ids('isCompany=T', 'participants')).toEqual([113, 114, 115]);
		expect(await ids('reference_ilike=smi-*', 'actions')).toEqual([2001, 2011]);
		expect(await ids('createdTimestamp_lt=2024-01-20', 'actions')).toEqual([2001, 2012]);
		expect(await ids('status_nteq=Active', 'actions')).toEqual([2005, 2008, 2012]);
	});

	test('phone lookup on split numbers, including the additional phone2..4 fields', async () => {
		expect(await ids('phone1Number_ilike=*9876*5432*', 'participants')).toEqual([105, 124]);
		expect(await ids('phone2Number_like=570*', 'participants')).toEqual([101, 105]);
		expect(await ids('phone4Number=555%200134', 'participants')).toEqual([116]);
		expect(await ids('sms_like=*570%20133', 'participants')).toEqual([111]);
	});

	test('unknown fields, operators and bad values are 400 naming the problem', async () => {
		const unknown = await base.rest('GET', 'phonerecords?colour=red');
		expect(unknown.status).toBe(400);
		expect(unknown.body.errors[0].detail).toContain('"colour"');
		expect(unknown.body.errors[0].source.parameter).toBe('colour');
		const op = await base.rest('GET', 'phonerecords?direction_neq=in');
		expect(op.status).toBe(400);
		expect(op.body.errors[0].detail).toContain('_neq');
		const nested = await base.rest('GET', 'phonerecords?fromParticipant[colour]=x');
		expect(nested.status).toBe(400);
		expect(nested.body.errors[0].detail).toContain('colour');
		expect((await base.rest('GET', 'phonerecords?actualHours_gt=abc')).status).toBe(400);
		expect((await base.rest('GET', 'phonerecords?callTimestamp_gt=yesterday')).status).toBe(400);
		expect((await base.rest('GET', 'phonerecords?Direction=in')).status).toBe(400); // case-sensitive
	});
});

describe('sort', () => {
	test('single and multiple keys, - for descending', async () => {
		expect((await ids('sort=-actualHours'))[0]).toBe(5003);
		expect(await ids('sort=direction,-callTimestamp')).toEqual([5010, 5008, 5006, 5003, 5002, 5009, 5007, 5005, 5004, 5001]);
		expect(await ids('sort=-id&pageSize=3')).toEqual([5010, 5009, 5008]);
	});

	test('nulls sort last', async () => {
		const sorted = await ids('sort=phoneNumber');
		expect(sorted.slice(-2).sort()).toEqual([5005, 5010]);
	});

	test('sort by a link id', async () => {
		expect((await ids('sort=-action&action_gt=0'))[0]).toBe(5009);
	});

	test('an unknown sort field is 400 naming it', async () => {
		const r = await base.rest('GET', 'phonerecords?sort=-colour');
		expect(r.status).toBe(400);
		expect(r.body.errors[0].detail).toContain('"colour"');
		expect(r.body.errors[0].source.parameter).toBe('sort');
	});
});

describe('fields', () => {
	test('fields picks attributes; id always comes back; no link named → no links', async () => {
		const r = await base.rest('GET', 'phonerecords/5001?fields=direction,outcome');
		expect(Object.keys(r.body.phonerecords)).toEqual(['id', 'direction', 'outcome']);
		const withLink = await base.rest('GET', 'phonerecords/5001?fields=direction,action');
		expect(withLink.body.phonerecords).toEqual({ id: 5001, direction: 'out', links: { action: '2001' } });
	});

	test('fields[resource] wins over fields for that resource', async () => {
		const r = await base.rest('GET', 'phonerecords/5001?fields[phonerecords]=outcome&fields=direction');
		expect(Object.keys(r.body.phonerecords)).toEqual(['id', 'outcome']);
	});

	test('phone2..4 come only when asked for, and :default keeps the rest', async () => {
		const plain = (await base.rest('GET', 'participants/105')).body.participants;
		expect(plain.phone1Number).toBe('9876 5432');
		expect(plain.phone1Country).toBe(61);
		expect(plain.phone1Area).toBe(2);
		expect('phone2Number' in plain).toBe(false);
		const more = (await base.rest('GET', 'participants/105?fields=:default,phone2Number,phone2Area,phone2Country')).body.participants;
		expect(more).toMatchObject({ displayName: 'Smith, Michael', phone1Number: '9876 5432', phone2Country: 61, phone2Area: 491, phone2Number: '570 110' });
		expect('phone3Number' in more).toBe(false);
	});

	test('an unknown field is 400', async () => {
		expect((await base.rest('GET', 'phonerecords?fields=colour')).status).toBe(400);
		expect((await base.rest('GET', 'phonerecords?fields[widgets]=a')).status).toBe(400);
	});
});

describe('include', () => {
	test('include=action,fromParticipant,toParticipant fills linked.actions and linked.participants', async () => {
		const r = await base.rest('GET', 'phonerecords/5001?include=action,fromParticipant,toParticipant');
		expect(Object.keys(r.body)).toEqual(['links', 'phonerecords', 'linked', 'meta']);
		expect(r.body.linked.actions.map((a: any) => a.id)).toEqual([2001]);
		expect(r.body.linked.participants.map((p: any) => p.id)).toEqual([101, 105]);
		expect(Array.isArray(r.body.linked.actions)).toBe(true); // linked values are always arrays
	});

	test('no include, no linked', async () => {
		const r = await base.rest('GET', 'phonerecords/5001');
		expect(r.body.linked).toBeUndefined();
	});

	test('fields[...] applies to linked records; chained includes add every hop', async () => {
		const r = await base.rest('GET', 'phonerecords/5001?include=toParticipant,action.actionType&fields[participants]=displayName');
		expect(r.body.linked.participants).toEqual([{ id: 105, displayName: 'Smith, Michael' }]);
		expect(r.body.linked.actions[0].id).toBe(2001);
		expect(r.body.linked.actiontypes[0]).toMatchObject({ id: 11, name: 'Conveyancing' });
	});

	test('many-links include every target', async () => {
		const r = await base.rest('GET', 'actions/2011?include=primaryParticipants,assignedTo,actionType');
		expect(r.body.linked.participants.map((p: any) => p.id)).toEqual([101, 105, 124]);
		expect(r.body.linked.actiontypes.map((t: any) => t.name)).toEqual(['Wills & Estates']);
	});

	test('including an unknown link is 400', async () => {
		const r = await base.rest('GET', 'phonerecords?include=matter');
		expect(r.status).toBe(400);
		expect(r.body.errors[0].detail).toContain('matter');
	});
});
