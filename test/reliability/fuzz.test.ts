/**
 * Bad input, generated: 1,000+ items that each break exactly one field of a phone-record create. Every
 * item must end as an error item that names the broken field, and the sandbox must receive no write.
 */
import { runNode } from '../harness/engine';
import { openSandbox, restRequests } from '../harness/sandbox';
import type { SandboxFixture } from '../harness/sandbox';

let fx: SandboxFixture;
beforeAll(async () => (fx = await openSandbox()));
afterAll(async () => fx.sandbox.close());

/** Deterministic PRNG so a failure can be replayed. */
function prng(seed: number) {
	return () => {
		seed = (seed * 1103515245 + 12345) & 0x7fffffff;
		return seed / 0x7fffffff;
	};
}

const huge = (n: number) => 'x'.repeat(n);
const BAD_IDS = ['abc', '-1', '0', '1.5', '1 OR 1=1', '../../users', '%2e%2e', '1e3', '١٢٣', '99999999999999999999', '12,13', '5001;DROP', { id: 1 }, [101], true];
const BAD: Record<string, unknown[]> = {
	direction: ['', 'sideways', 'in; DROP TABLE phonerecords', '\u0000in', 123, null, { in: true }, ['in'], huge(5000), 'i n'],
	callTimestamp: ['', 'yesterday', '2026-02-30T10:00:00', '2026-13-01', '2026-01-01T24:61:00', '9999-99-99', 'NaN', '2026-01-01T10:00:00+25:00', huge(10_000), '2026-01-01T10:00:00 Mars/Olympus', '2026-01-01T10:00:00Z<script>', '0000-00-00', 42, { iso: '2026-01-01' }],
	outcome: ['', '   ', huge(300), 'a\u0000b', 'line\nbreak', { text: 'x' }, ['Call completed'], '\u001b[31mred'],
	fromParticipantOther: ['', '   ', huge(1000), '\u0007bell', 'tab\u000bvertical', { name: 'x' }],
	toParticipant: BAD_IDS,
	matter: BAD_IDS,
	durationSeconds: [-1, 'NaN', 'Infinity', '1e999', '-0.001', { s: 1 }, 'ten', 1e12],
	actualHours: [-0.5, 1e9, 'abc', '--1', 'Infinity'],
	notes: ['\u0000', huge(40_000), 'bell\u0007', { notes: 'x' }],
	phoneNumber: [huge(100), '\u0001', 'line\nbreak'],
};

const GOOD = {
	direction: 'in',
	callTimestamp: '2026-05-04T10:00:00+10:00',
	outcome: 'Call completed',
	fromParticipantOther: 'Fuzz Caller',
	toParticipant: '101',
	matter: '2001',
	durationSeconds: 300,
	actualHours: '',
	notes: 'ok',
	phoneNumber: '+61 2 5550 0101',
};

function generate(count: number) {
	const random = prng(20261124);
	const fields = Object.keys(BAD);
	const items: Array<{ json: Record<string, unknown>; broken: string }> = [];
	while (items.length < count) {
		const field = fields[items.length % fields.length];
		const values = BAD[field];
		const value = values[Math.floor(random() * values.length)];
		items.push({ json: { ...GOOD, [field]: value }, broken: field });
	}
	return items;
}

const expr = (field: string) => `={{ $json.${field} }}`;

test('1,200 malformed items: each an error item naming its field, zero writes, nothing lost', async () => {
	const generated = generate(1200);
	fx.sandbox.clearLog();
	const result = await runNode({
		parameters: {
			resource: 'phoneRecord',
			operation: 'create',
			direction: expr('direction'),
			callTimestamp: expr('callTimestamp'),
			outcome: expr('outcome'),
			fromType: 'other',
			fromParticipantOther: expr('fromParticipantOther'),
			toType: 'participant',
			toParticipant: { __rl: true, mode: 'id', value: expr('toParticipant') },
			matter: { __rl: true, mode: 'id', value: expr('matter') },
			additionalFields: {
				durationSeconds: expr('durationSeconds'),
				actualHours: expr('actualHours'),
				notes: expr('notes'),
				phoneNumber: expr('phoneNumber'),
			},
		},
		items: generated.map((g) => ({ json: g.json })),
		credential: fx.credential,
		onError: 'continueErrorOutput',
	});

	expect(result.error).toBeUndefined();
	expect(result.success).toHaveLength(0);
	expect(result.errors).toHaveLength(generated.length);
	expect(restRequests(fx.sandbox).filter((r) => r.method !== 'GET')).toHaveLength(0);

	const unnamed: string[] = [];
	for (const item of result.errors) {
		const index = (item.pairedItem as { item: number }).item;
		const { broken } = generated[index];
		expect(Object.keys(item.json).sort()).toEqual(expect.arrayContaining(['error']));
		expect(Object.keys(item.json).every((k) => ['error', 'message', 'details'].includes(k))).toBe(true);
		const message = String(item.json.error);
		if (!message.includes(broken) || !message.includes(`(item ${index})`)) unnamed.push(`${index} ${broken}: ${message}`);
		// Huge or binary input is never echoed back whole.
		expect(message.length).toBeLessThan(400);
		// eslint-disable-next-line no-control-regex -- control characters are what this looks for
		expect(message).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/);
	}
	expect(unnamed).toEqual([]);
	const paired = result.errors.map((i) => (i.pairedItem as { item: number }).item).sort((a, b) => a - b);
	expect(paired).toEqual(generated.map((_, i) => i));
});

test('injection attempts in Get Many filters are refused or percent-encoded, never interpreted', async () => {
	fx.sandbox.clearLog();
	const bad = await runNode({
		parameters: { resource: 'phoneRecord', operation: 'getMany', returnAll: true, filters: { matterId: '2001&direction=out' } },
		credential: fx.credential,
	});
	expect(bad.error?.message).toMatch(/matterId must be a numeric Actionstep ID/);
	expect(fx.sandbox.requests()).toHaveLength(0);

	const encoded = await runNode({
		parameters: {
			resource: 'phoneRecord',
			operation: 'getMany',
			returnAll: true,
			filters: { outcome: "x&action=2001&sort=-id#'; --" },
		},
		credential: fx.credential,
	});
	expect(encoded.error).toBeUndefined();
	const [request] = restRequests(fx.sandbox, 'phonerecords');
	expect(request.query).toMatchObject({ outcome_ilike: "x&action=2001&sort=-id#'; --" });
	expect(request.query.action).toBeUndefined();
	expect(request.rawQuery).toMatch(/outcome_ilike=x%26action%3D2001%26sort%3D-id%23(%27|')%3B%20--&/);
});
