import { readFileSync } from 'fs';

import { readApiErrors, readPaging, unwrapRecords, wrapBody } from '../../nodes/Actionstep/transport/envelope';
import { redactSecrets } from '../../nodes/Actionstep/transport/errors';
import { encodeQuery, pathOf } from '../../nodes/Actionstep/transport/request';

test('bodies are wrapped under the resource name', () => {
	expect(wrapBody('phonerecords', { direction: 'in' })).toEqual({ phonerecords: { direction: 'in' } });
});

describe('records come out as an array whatever Actionstep sent', () => {
	test('array', () => {
		expect(unwrapRecords({ phonerecords: [{ id: 1 }, { id: 2 }] }, 'phonerecords').map((r) => r.id)).toEqual([1, 2]);
	});
	test('a bare object when exactly one matched', () => {
		expect(unwrapRecords({ phonerecords: { id: 7 } }, 'phonerecords')).toEqual([{ id: 7 }]);
	});
	test('204 / empty body', () => {
		expect(unwrapRecords(undefined, 'phonerecords')).toEqual([]);
		expect(unwrapRecords('', 'phonerecords')).toEqual([]);
	});
	test('ids in links become numbers; composite ids stay strings; string ids of old responses too', () => {
		const [record] = unwrapRecords(
			{ actions: { id: '70151', links: { assignedTo: '21188', primaryParticipants: ['75165', '2'], step: '33--1', division: null } } },
			'actions',
		);
		expect(record).toEqual({
			id: 70151,
			links: { assignedTo: 21188, primaryParticipants: [75165, 2], step: '33--1', division: null },
		});
	});
	test('records are normalised in place, not copied: a page of 200 allocates no second set of records', () => {
		const raw = { id: '5', links: { action: '7', participants: ['1', '2'] } };
		const body = { phonerecords: [raw] };
		const [record] = unwrapRecords(body, 'phonerecords');
		expect(record).toBe(raw);
		expect(record.links).toBe(raw.links);
		expect(record).toEqual({ id: 5, links: { action: 7, participants: [1, 2] } });
		// Normalising again (a create answered with a record already read) changes nothing.
		expect(unwrapRecords(body, 'phonerecords')).toEqual([{ id: 5, links: { action: 7, participants: [1, 2] } }]);
	});
});

test('paging metadata', () => {
	const body = { meta: { paging: { phonerecords: { recordCount: 2487, pageCount: 13, page: 2, pageSize: 200, prevPage: 'x', nextPage: 'y' } } } };
	expect(readPaging(body, 'phonerecords')).toEqual({ recordCount: 2487, pageCount: 13, page: 2, pageSize: 200 });
	expect(readPaging({}, 'phonerecords')).toBeUndefined();
});

test('error bodies', () => {
	expect(readApiErrors({ errors: [{ status: '400', title: 'Bad Request', detail: 'direction must be in or out' }] })).toEqual({
		title: 'Bad Request',
		detail: 'direction must be in or out',
	});
	expect(readApiErrors({ error: 'invalid_grant', error_description: 'expired' })).toEqual({ title: 'invalid_grant', detail: 'expired' });
	expect(readApiErrors('<html>')).toEqual({});
});

test('secrets are redacted from error text', () => {
	const text = redactSecrets('Authorization: Bearer abc.DEF-123 then access_token=xyz&refresh_token: "r1" client_secret=s3cr3t');
	expect(text).not.toMatch(/abc\.DEF|xyz|r1|s3cr3t/);
	expect(text).toContain('[redacted]');
});

test('user text is percent-encoded in queries and paths', () => {
	expect(encodeQuery({ fromParticipantOther_ilike: '*Smith & Sons #1 = 100%*', page: 2, skip: undefined, empty: '' })).toBe(
		'?fromParticipantOther_ilike=*Smith%20%26%20Sons%20%231%20%3D%20100%25*&page=2',
	);
	expect(encodeQuery({ name: 'Zoë/../x?y' })).toBe('?name=Zo%C3%AB%2F..%2Fx%3Fy');
	expect(pathOf('phonerecords', '1/../../users')).toBe('phonerecords/1%2F..%2F..%2Fusers');
	expect(encodeQuery(undefined)).toBe('');
});

test("a real tenant's answer (../shared/realworld, read at test time): a bare object, string link ids, a composite step id, paging", () => {
	const file = `${__dirname}/../../../shared/realworld/fixtures/actionstep-actions-get-single-matter-real-capture.json`;
	const body = JSON.parse(readFileSync(file, 'utf8')) as unknown;
	const [matter] = unwrapRecords(body, 'actions');
	expect(unwrapRecords(body, 'actions')).toHaveLength(1);
	expect(matter).toMatchObject({ id: 70151, status: 'Closed', isDeleted: 'F' });
	// Ids in links become numbers where they are numbers; a composite id stays the text it is.
	expect(matter.links).toMatchObject({ assignedTo: 21188, actionType: 33, primaryParticipants: [75165], relatedActions: [68502], step: '33--1' });
	expect(readPaging(body, 'actions')).toMatchObject({ recordCount: 1, pageCount: 1, page: 1, pageSize: 50 });
});
