/**
 * The fault suite: bulk creates and many-page reads through every fault the sandbox can inject. Whatever
 * happens on the wire, every input item ends as a success item or an error item (zero lost), and the
 * sandbox holds no duplicate phone record (zero duplicated).
 */
import type { FaultConfig } from '../../sandbox';
import { runNode } from '../harness/engine';
import { openSandbox } from '../harness/sandbox';
import type { SandboxFixture } from '../harness/sandbox';
import { CREATE_ITEMS, GET_MANY_PAGES, LOG_CALL_EVENTS } from './scale';
import { recordFigures } from './report';

jest.setTimeout(600_000);

const PROFILES: Array<[string, FaultConfig]> = [
	['429 bursts with Retry-After', { rateLimit: { requests: 15, windowMs: 1000, retryAfterSeconds: 1 } }],
	['429 bursts without Retry-After', { rateLimit: { requests: 15, windowMs: 700 } }],
	['500 every 5th request', { serverError: { every: 5, status: 500 } }],
	['502 every 4th request', { serverError: { every: 4, status: 502 } }],
	['503 every 6th request', { serverError: { every: 6, status: 503 } }],
	['connection reset before the write, every 6th', { connectionReset: { every: 6, phase: 'before' } }],
	['connection reset after the write, every 5th', { connectionReset: { every: 5, phase: 'after' } }],
	['malformed JSON every 7th response', { malformedJson: { every: 7 } }],
	['slow responses past the 1 s timeout, every 8th', { slowResponse: { every: 8, delayMs: 1500 } }],
];

/** Every run sets a 1 s request timeout, so the slow-response profile times out. */
const OPTIONS = { requestTimeout: 1 };

/** The same fault, hitting every 2nd page request (or a burst limit of 2). */
function denseForReads(faults: FaultConfig): FaultConfig {
	const dense: FaultConfig = {};
	if (faults.rateLimit) dense.rateLimit = { ...faults.rateLimit, requests: 2 };
	if (faults.serverError) dense.serverError = { ...faults.serverError, every: 2 };
	if (faults.connectionReset) dense.connectionReset = { ...faults.connectionReset, every: 2 };
	if (faults.malformedJson) dense.malformedJson = { ...faults.malformedJson, every: 2 };
	if (faults.slowResponse) dense.slowResponse = { ...faults.slowResponse, every: 2 };
	return dense;
}

let fx: SandboxFixture;
beforeAll(async () => (fx = await openSandbox({ seedPhoneRecords: GET_MANY_PAGES * 200 - 30 })));
afterAll(async () => fx.sandbox.close());
beforeEach(() => fx.sandbox.reset());

const marker = (profile: string) => `fault-suite ${profile}`;

describe.each(PROFILES)('%s', (profile, faults) => {
	test(`${CREATE_ITEMS} creates: none lost, none duplicated`, async () => {
		const items = Array.from({ length: CREATE_ITEMS }, (_, n) => ({ n, minute: n % 60, hour: 8 + Math.floor(n / 60) }));
		fx.sandbox.setFaults(faults);
		const result = await runNode({
			parameters: {
				resource: 'phoneRecord',
				operation: 'create',
				direction: 'in',
				callTimestamp: "={{ '2026-06-01T' + String($json.hour).padStart(2,'0') + ':' + String($json.minute).padStart(2,'0') + ':00+10:00' }}",
				outcome: 'Call completed',
				fromType: 'other',
				fromParticipantOther: marker(profile),
				toType: 'participant',
				toParticipant: { __rl: true, mode: 'id', value: '101' },
				matter: { __rl: true, mode: 'id', value: '2001' },
				additionalFields: { durationSeconds: 120, notes: '={{ "item " + $json.n }}' },
				options: OPTIONS,
			},
			items,
			credential: fx.credential,
			onError: 'continueErrorOutput',
		});
		fx.sandbox.setFaults(null);

		const injected = fx.sandbox.requests().filter((r) => r.fault).length;
		expect(injected).toBeGreaterThan(0);
		const stored = fx.sandbox.store.list('phonerecords').filter((r) => r.fromParticipantOther === marker(profile));
		const notes = stored.map((r) => r.notes);
		expect(new Set(notes).size).toBe(notes.length); // zero duplicated
		expect(result.success.length + result.errors.length).toBe(CREATE_ITEMS); // zero lost
		const paired = [...result.success, ...result.errors].map((i) => (i.pairedItem as { item: number }).item).sort((a, b) => a - b);
		expect(paired).toEqual(items.map((i) => i.n));
		// Every success is a stored record and every stored record was reported as a success.
		const storedIds = new Set(stored.map((r) => r.id));
		expect(result.success.map((i) => i.json.id).filter((id) => storedIds.has(id as number))).toHaveLength(result.success.length);
		expect(stored).toHaveLength(result.success.length);
		recordFigures({
			profile,
			run: `${CREATE_ITEMS} creates`,
			items: CREATE_ITEMS,
			succeeded: result.success.length,
			failed: result.errors.length,
			lost: CREATE_ITEMS - result.success.length - result.errors.length,
			duplicated: notes.length - new Set(notes).size,
			faultsInjected: injected,
		});
	});

	test(`${LOG_CALL_EVENTS} Log Call events with billing: none lost, no duplicate phone record or time entry`, async () => {
		const events = Array.from({ length: LOG_CALL_EVENTS }, (_, n) => ({
			id: `rel-${n}`,
			sessionId: `rel-session-${profile.length}-${n}`,
			startTime: new Date(Date.UTC(2026, 6, 1, 0, n, 0)).toISOString(),
			duration: 30 + n,
			direction: n % 2 ? 'Outbound' : 'Inbound',
			result: 'Accepted',
			from: n % 2 ? { phoneNumber: '+61255500101', name: 'Emma Smith' } : { phoneNumber: '+61491570111', name: 'Sarah T' },
			to: n % 2 ? { phoneNumber: '+61491570111', name: 'Sarah T' } : { phoneNumber: '+61255500101', name: 'Emma Smith' },
		}));
		// Every event is sent twice: the copies must come back as duplicates of the same record.
		const items = [...events, ...events].map((json) => ({ json }));
		fx.sandbox.setFaults(faults);
		const result = await runNode({
			parameters: {
				resource: 'phoneRecord',
				operation: 'logCall',
				source: 'ringcentral',
				matterMode: 'given',
				matter: { __rl: true, mode: 'id', value: '2001' },
				createTimeEntry: true,
				options: OPTIONS,
			},
			items,
			credential: fx.credential,
			onError: 'continueErrorOutput',
		});
		fx.sandbox.setFaults(null);

		const injected = fx.sandbox.requests().filter((r) => r.fault).length;
		expect(injected).toBeGreaterThan(0);
		expect(result.success.length + result.errors.length).toBe(items.length);
		const calls = fx.sandbox.store
			.list('phonerecords')
			.filter((r) => typeof r.notes === 'string' && r.notes.includes(`rel-session-${profile.length}-`));
		const sessions = calls.map((r) => /rel-session-\d+-\d+/.exec(String(r.notes))?.[0]);
		expect(new Set(sessions).size).toBe(sessions.length);
		const callIds = new Set(calls.map((r) => r.id));
		const entries = fx.sandbox.store.list('timeentries').filter((t) => callIds.has(t.links.phoneRecord as number));
		const billed = entries.map((t) => t.links.phoneRecord);
		expect(new Set(billed).size).toBe(billed.length);
		// Each success reports a record that exists.
		for (const item of result.success) {
			expect(callIds.has((item.json.phoneRecord as { id: number }).id)).toBe(true);
		}
		recordFigures({
			profile,
			run: `${LOG_CALL_EVENTS} Log Call events sent twice`,
			items: items.length,
			succeeded: result.success.length,
			failed: result.errors.length,
			lost: items.length - result.success.length - result.errors.length,
			duplicated: sessions.length - new Set(sessions).size + (billed.length - new Set(billed).size),
			faultsInjected: injected,
		});
	});

	test(`Get Many over ${GET_MANY_PAGES} pages returns every record exactly once`, async () => {
		// A few page requests would slip between faults sized for hundreds of creates: make them dense for reads.
		fx.sandbox.setFaults(denseForReads(faults));
		const result = await runNode({
			parameters: { resource: 'phoneRecord', operation: 'getMany', returnAll: true, options: OPTIONS },
			credential: fx.credential,
		});
		fx.sandbox.setFaults(null);
		expect(result.error).toBeUndefined();
		const ids = result.success.map((i) => i.json.id as number);
		expect(new Set(ids).size).toBe(ids.length);
		const injected = fx.sandbox.requests().filter((r) => r.fault).length;
		expect(injected).toBeGreaterThan(0);
		const expected = fx.sandbox.store.list('phonerecords').map((r) => r.id);
		expect(ids.sort((a, b) => a - b)).toEqual(expected.sort((a, b) => a - b));
		recordFigures({
			profile,
			run: `Get Many, ${GET_MANY_PAGES} pages`,
			items: expected.length,
			succeeded: ids.length,
			failed: 0,
			lost: expected.length - new Set(ids).size,
			duplicated: ids.length - new Set(ids).size,
			faultsInjected: injected,
		});
	});
});
