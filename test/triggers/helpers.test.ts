/** Pure helpers of the triggers: payload reading and normalising, the hook URL token, the poll queries. */
import { FieldError } from '../../nodes/Actionstep/helpers/interfaces';
import { isFiltered, mergeById, pollQueries, readWatermark } from '../../nodes/Actionstep/helpers/phoneRecordPoll';
import { attributeValue, normaliseActionstepRecord, parseResthookPayload } from '../../nodes/Actionstep/helpers/resthookPayload';
import { redactSecrets } from '../../nodes/Actionstep/transport/errors';
import { isHookToken, newHookToken, pointsAt, targetUrlFor, TOKEN_PARAMETER, tokenOf, tokensMatch } from '../../nodes/Actionstep/helpers/resthookTarget';

describe('REST-hook payloads', () => {
	test('the JSON:API shape becomes one record: ids numbers, relationships → links, flags booleans, hour texts numbers', () => {
		const event = parseResthookPayload({
			data: {
				type: 'timeentries',
				id: '7011',
				attributes: { timestampDate: '2026-03-10T00:00:00+11:00', actualHours: '0.25', billableAmount: '137.5', isBillable: 'F', description: 'T', startTime: '10:00:00' },
				relationships: {
					action: { data: { type: 'actions', id: '2001' } },
					owner: { data: { type: 'participants', id: '101' } },
					phoneRecord: { data: null },
					primaryParticipants: { data: [{ type: 'participants', id: '105' }, { type: 'participants', id: '124' }] },
					actionParticipant: { data: { type: 'actionparticipants', id: '2001--31--105' } },
				},
			},
			meta: { debug: { resthook: { id: '12', event_name: 'TimeEntryCreated', trigger_count: 3 } } },
			jsonapi: { version: '1.0' },
		});
		expect(event).toEqual({
			eventName: 'TimeEntryCreated',
			hookId: 12,
			resource: 'timeentries',
			id: 7011,
			record: {
				id: 7011,
				timestampDate: '2026-03-10T00:00:00+11:00',
				actualHours: 0.25,
				billableAmount: 137.5,
				isBillable: false,
				description: 'T',
				startTime: '10:00:00',
				links: { action: 2001, owner: 101, phoneRecord: null, primaryParticipants: [105, 124], actionParticipant: '2001--31--105' },
			},
		});
	});

	test('the older GET-style shape and a bare object are read too', () => {
		expect(parseResthookPayload({ actions: [{ id: '123', name: 'Smith', isDeleted: 'F', links: { assignedTo: '101', primaryParticipants: ['105'] } }] })).toEqual({
			resource: 'actions',
			id: 123,
			record: { id: 123, name: 'Smith', isDeleted: false, links: { assignedTo: 101, primaryParticipants: [105] } },
		});
		expect(parseResthookPayload({ links: {}, tasks: { id: 8, name: 'x' } })?.resource).toBe('tasks');
	});

	test('anything else is not an event', () => {
		for (const body of [undefined, null, 'text', [], {}, { hello: 'world' }, { tasks: [] }, { tasks: [{ name: 'no id' }] }]) {
			expect(parseResthookPayload(body)).toBeUndefined();
		}
	});

	test('only flag-named T/F become booleans; only numeric-named numeric texts become numbers', () => {
		expect(attributeValue('isCompany', 'T')).toBe(true);
		expect(attributeValue('hasTriggerDate', 'F')).toBe(false);
		expect(attributeValue('multipleRecords', 'T')).toBe(true);
		expect(attributeValue('middleName', 'T')).toBe('T');
		expect(attributeValue('isCompany', 'Y')).toBe('Y');
		expect(attributeValue('actualHours', '1.5')).toBe(1.5);
		expect(attributeValue('priority', '0')).toBe(0);
		expect(attributeValue('priority', 'Normal')).toBe('Normal');
		expect(attributeValue('phone1Area', '02')).toBe('02');
		expect(attributeValue('reference', '001')).toBe('001');
		expect(attributeValue('actualHours', 'lots')).toBe('lots');
		expect(normaliseActionstepRecord({ id: '5', links: { action: '7', step: '21--2' } })).toEqual({ id: 5, links: { action: 7, step: '21--2' } });
	});
});

describe('the hook URL token', () => {
	const webhook = 'https://n8n.example.com/webhook/0b0f3d1c-7a51-4c55-9d2b-6a2f2f0f5e01/webhook';

	test('tokens are 43 random alphanumerics, different each time', () => {
		const a = newHookToken();
		expect(a).toMatch(/^[0-9A-Za-z]{43}$/);
		expect(isHookToken(a)).toBe(true);
		expect(new Set(Array.from({ length: 50 }, newHookToken)).size).toBe(50);
	});

	test('the target URL is the webhook URL with the token; the token reads back; the URL is recognised with any token', () => {
		const token = newHookToken();
		const target = targetUrlFor(webhook, token);
		expect(target).toBe(`${webhook}?${TOKEN_PARAMETER}=${token}`);
		expect(tokenOf(target)).toBe(token);
		expect(pointsAt(target, webhook)).toBe(true);
		expect(pointsAt(targetUrlFor(webhook, newHookToken()), webhook)).toBe(true);
		expect(pointsAt(`${webhook}/`, webhook)).toBe(true);
		expect(pointsAt(webhook.replace('n8n.example.com', 'N8N.EXAMPLE.COM'), webhook)).toBe(true);
		expect(pointsAt(webhook.replace('/webhook/', '/webhook-test/'), webhook)).toBe(false);
		expect(pointsAt(webhook.replace('https:', 'http:'), webhook)).toBe(false);
		expect(pointsAt(`${webhook}?other=1`, webhook)).toBe(false);
		expect(pointsAt('not a url', webhook)).toBe(false);
		expect(tokenOf(`${webhook}?${TOKEN_PARAMETER}=short`)).toBeUndefined();
		expect(tokenOf(undefined)).toBeUndefined();
	});

	test('tokens compare whole, never an empty expected token', () => {
		const token = newHookToken();
		expect(tokensMatch(token, token)).toBe(true);
		expect(tokensMatch(token.slice(0, -1), token)).toBe(false);
		expect(tokensMatch(`${token}x`, token)).toBe(false);
		expect(tokensMatch(token.replace(/.$/, (c) => (c === 'a' ? 'b' : 'a')), token)).toBe(false);
		expect(tokensMatch('', '')).toBe(false);
		expect(tokensMatch(undefined, token)).toBe(false);
		expect(tokensMatch([token], token)).toBe(false);
	});
});

describe('poll queries', () => {
	test('filters map to Actionstep filters; a participant means either side, so two queries', () => {
		expect(pollQueries({})).toEqual([{}]);
		expect(isFiltered(pollQueries({}))).toBe(false);
		expect(pollQueries({ direction: 'Inbound', matterId: ' 2001 ', outcome: 'Left*' })).toEqual([{ direction: 'in', action: 2001, outcome_ilike: 'Left*' }]);
		expect(pollQueries({ participantId: 105, direction: 'out' })).toEqual([
			{ direction: 'out', fromParticipant: 105 },
			{ direction: 'out', toParticipant: 105 },
		]);
		expect(isFiltered(pollQueries({ participantId: 105 }))).toBe(true);
		expect(() => pollQueries({ matterId: 'x' })).toThrow(FieldError);
		expect(() => pollQueries({ direction: 'sideways' })).toThrow(FieldError);
	});

	test('merged results come once each, by id; a watermark is a whole number or nothing', () => {
		const r = (id: number) => ({ id });
		expect(mergeById([[r(3), r(5)], [r(4), r(5)], []]).map((x) => x.id)).toEqual([3, 4, 5]);
		expect(readWatermark(0)).toBe(0);
		expect(readWatermark(5010)).toBe(5010);
		for (const bad of [undefined, null, '5010', -1, 1.5, NaN]) expect(readWatermark(bad)).toBeUndefined();
	});
});

describe('the error redactor and the hook token', () => {
	test('a hook URL in any form (plain, percent-encoded, JSON member) loses its token; the rest of the text stays', () => {
		const token = newHookToken();
		const url = targetUrlFor('https://n8n.example.com/webhook/abc/webhook', token);
		const texts = [
			`targetUrl must be reachable; got '${url}'.`,
			`targetUrl=${encodeURIComponent(url)}&eventName=TaskCreated`,
			JSON.stringify({ resthooks: { targetUrl: url } }),
			JSON.stringify({ [TOKEN_PARAMETER]: token }),
		];
		for (const text of texts) {
			const redacted = redactSecrets(text);
			expect(redacted).not.toContain(token);
			expect(redacted).toContain('[redacted]');
		}
		expect(redactSecrets(texts[0])).toBe(`targetUrl must be reachable; got 'https://n8n.example.com/webhook/abc/webhook?${TOKEN_PARAMETER}=[redacted]'.`);
		expect(redactSecrets(texts[1])).toMatch(/&eventName=TaskCreated$/);
	});

	test('a very long text is cut before the pattern runs', () => {
		expect(redactSecrets('a'.repeat(100_000)).length).toBeLessThanOrEqual(8000);
	});
});
