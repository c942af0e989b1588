/**
 * The checker itself, against the real YAML: it must fail on an unknown field, a wrong type and a missing
 * required field, naming the path, or the contract tests could pass vacuously.
 */
import { checkCollectionBody, checkRequestBody } from './envelope';
import { CONTRACTS, ERRATA, loadDoc } from './openapi';
import { formatViolations } from './schemaCheck';

const validPhoneRecord = { direction: 'in', callTimestamp: '2026-03-03T09:30:05+11:00', outcome: 'Call completed', links: { action: 2002, fromParticipant: 106, toParticipant: 101 } };

test('a valid create body passes', () => {
	expect(checkRequestBody('phonerecords', 'POST', { phonerecords: validPhoneRecord })).toEqual([]);
});

test('an unknown field, a wrong type and a missing required field each fail, with their paths', () => {
	const { outcome: _omitted, ...withoutOutcome } = validPhoneRecord;
	const violations = checkRequestBody('phonerecords', 'POST', {
		phonerecords: { ...withoutOutcome, durationSeconds: 60, actualHours: '0.1', links: { ...validPhoneRecord.links, matter: 2002 } },
	});
	expect(violations.map((v) => v.path).sort()).toEqual([
		'/phonerecords/actualHours',
		'/phonerecords/durationSeconds',
		'/phonerecords/links/matter',
		'/phonerecords/outcome',
	]);
	expect(formatViolations(violations)).toMatch(/\/phonerecords\/outcome is required but missing/);
	expect(formatViolations(violations)).toMatch(/\/phonerecords\/durationSeconds is not in the schema/);
	expect(formatViolations(violations)).toMatch(/\/phonerecords\/actualHours must be of type number; got string "0.1"/);
});

test('the wrapper is required, and nothing may sit beside it', () => {
	expect(checkRequestBody('phonerecords', 'POST', validPhoneRecord).map((v) => v.path)).toContain('/phonerecords');
	expect(checkRequestBody('phonerecords', 'POST', { phonerecords: validPhoneRecord, meta: {} }).map((v) => v.path)).toEqual(['/meta']);
});

test('enums: direction and the T/F booleans', () => {
	expect(checkRequestBody('phonerecords', 'POST', { phonerecords: { ...validPhoneRecord, direction: 'inbound' } }).map((v) => v.path)).toEqual(['/phonerecords/direction']);
	const entry = { timestampDate: '2026-03-03T00:00:00+11:00', actualHours: 0.1, links: { owner: 101, createdBy: 101 } };
	expect(checkRequestBody('timeentries', 'POST', { timeentries: entry })).toEqual([]);
	expect(checkRequestBody('timeentries', 'POST', { timeentries: { ...entry, isBillable: true } }).map((v) => v.path)).toEqual(['/timeentries/isBillable']);
});

test('requests: null only clears a link; link ids are integers, not strings', () => {
	expect(checkRequestBody('timeentries', 'PUT', { timeentries: { links: { phoneRecord: null } } })).toEqual([]);
	expect(checkRequestBody('phonerecords', 'PUT', { phonerecords: { fromParticipantOther: null } }).map((v) => v.path)).toEqual(['/phonerecords/fromParticipantOther']);
	expect(checkRequestBody('phonerecords', 'PUT', { phonerecords: { links: { action: '2002' } } }).map((v) => v.path)).toEqual(['/phonerecords/links/action']);
});

test('the errata: time-entry owner and createdBy are required under links; hours come in 0.01 steps', () => {
	const violations = checkRequestBody('timeentries', 'POST', { timeentries: { timestampDate: '2026-03-03T00:00:00+11:00', actualHours: 0.0833 } });
	expect(violations.map((v) => v.path).sort()).toEqual(['/timeentries/actualHours', '/timeentries/links']);
	const withLinks = checkRequestBody('timeentries', 'POST', { timeentries: { timestampDate: '2026-03-03T00:00:00+11:00', actualHours: 0.08, links: { owner: 101 } } });
	expect(withLinks.map((v) => v.path)).toEqual(['/timeentries/links/createdBy']);
	// Every erratum still finds what it patches (loadDoc throws otherwise).
	for (const file of new Set(ERRATA.map((e) => e.file))) expect(() => loadDoc(file)).not.toThrow();
});

test('responses: link ids as digit strings, composite ids as strings, null for an empty optional field; a wrong type still fails', () => {
	const served = {
		links: { 'phonerecords.action': { href: 'http://x/api/rest/actions/{phonerecords.action}', type: 'actions' } },
		phonerecords: { id: 5001, direction: 'out', callTimestamp: '2024-03-04T09:15:00+11:00', outcome: 'Call completed', notes: null, links: { action: '2001', fromParticipant: '101', toParticipant: null } },
		meta: { paging: { phonerecords: { recordCount: 1, pageCount: 1, page: 1, pageSize: 50, prevPage: null, nextPage: null } } },
	};
	expect(checkCollectionBody('phonerecords', served).violations).toEqual([]);
	const wrong = { ...served, phonerecords: { ...served.phonerecords, id: '5001', links: { action: 'matter-2001' } } };
	expect(checkCollectionBody('phonerecords', wrong).violations.map((v) => v.path)).toEqual(['/phonerecords/0/id', '/phonerecords/0/links/action']);

	const participant = { id: '1024--31--11', participantNumber: 3, links: { action: '1024', participantType: '31', participant: '11' } };
	const meta = { paging: { actionparticipants: { recordCount: 1, pageCount: 1, page: 1, pageSize: 50, prevPage: null, nextPage: null } } };
	expect(checkCollectionBody('actionparticipants', { actionparticipants: participant, meta }).violations).toEqual([]);
	expect(checkCollectionBody('actionparticipants', { actionparticipants: [{ ...participant, id: 1024 }], meta }).violations.map((v) => v.path)).toEqual(['/actionparticipants/0/id']);
});

test('responses: an unknown member of the envelope or of a linked record fails', () => {
	const body = { phonerecords: [], linked: { actions: [{ id: 2001, name: 'x', matterNumber: 'A1' }] }, debug: {} };
	expect(checkCollectionBody('phonerecords', body).violations.map((v) => v.path).sort()).toEqual(['/debug', '/linked/actions/0/matterNumber', '/meta']);
});

test('every contract names schemas its file has', () => {
	for (const [resource, c] of Object.entries(CONTRACTS)) {
		const schemas = loadDoc(c.file).components.schemas;
		for (const name of [c.record, c.paged, c.create, c.update].filter((n): n is string => !!n)) {
			expect(`${resource}: ${name} ${schemas[name] ? 'found' : 'missing'}`).toBe(`${resource}: ${name} found`);
		}
	}
});
