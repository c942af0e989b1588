/** Log Call: time zones of call starts, and events that cannot be logged (clear error, nothing written). */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { runNode } from '../../harness/engine';
import { openSandbox } from '../../harness/sandbox';
import type { SandboxFixture } from '../../harness/sandbox';
import { logOf } from '../../harness/workflow';
import { hostedSuiteRecord, logCallParams, posted, ringCentralInbound } from './fixtures';

let fx: SandboxFixture;
beforeAll(async () => (fx = await openSandbox()));
afterAll(async () => fx.sandbox.close());
beforeEach(() => fx.sandbox.reset());

describe('time zones', () => {
	async function startOf(parameters: INodeParameters, item: IDataObject, timezone?: string) {
		fx.sandbox.reset();
		const result = await runNode({ parameters, items: [item], credential: fx.credential, timezone });
		expect(result.error).toBeUndefined();
		const json = result.success[0].json;
		return [posted(fx.sandbox, 'phonerecords').callTimestamp, (json.decisions as IDataObject).callTimestamp];
	}

	test('a UTC start is written in the workflow zone, summer and winter, or in the zone option', async () => {
		const rc = logCallParams();
		expect(await startOf(rc, ringCentralInbound({ startTime: '2026-01-10T23:15:00.000Z' }))).toEqual([
			'2026-01-11T10:15:00+11:00',
			'UTC time written in Australia/Sydney',
		]);
		expect(await startOf(rc, ringCentralInbound({ startTime: '2026-06-10T23:15:00Z' }))).toEqual([
			'2026-06-11T09:15:00+10:00',
			'UTC time written in Australia/Sydney',
		]);
		expect(await startOf(rc, ringCentralInbound({ startTime: '2026-06-10T23:15:00Z' }), 'Europe/London')).toEqual([
			'2026-06-11T00:15:00+01:00',
			'UTC time written in Europe/London',
		]);
		expect(await startOf(logCallParams({ options: { timeZone: 'Australia/Perth' } }), ringCentralInbound({ startTime: '2026-06-10T23:15:00Z' }))).toEqual([
			'2026-06-11T07:15:00+08:00',
			'UTC time written in Australia/Perth',
		]);
	});

	test('epoch milliseconds (RingCentral server-side logging) and the DST change day', async () => {
		// 2026-04-05 02:30 Sydney is after clocks went back at 03:00 → +10:00; 01:30 UTC on 4 April is 12:30 +11:00.
		expect(await startOf(logCallParams(), ringCentralInbound({ startTime: Date.UTC(2026, 3, 4, 16, 30) }))).toEqual([
			'2026-04-05T02:30:00+10:00',
			'epoch time written in Australia/Sydney',
		]);
		expect(await startOf(logCallParams(), ringCentralInbound({ startTime: Date.UTC(2026, 3, 4, 1, 30) }))).toEqual([
			'2026-04-04T12:30:00+11:00',
			'epoch time written in Australia/Sydney',
		]);
	});

	test('an explicit offset is kept; a time without a zone is read in the zone option, else the workflow zone', async () => {
		const generic = (options: IDataObject = {}) => logCallParams({ source: 'generic', options: options as INodeParameters });
		const call = (start: string) => ({ direction: 'in', startTime: start, phoneNumber: '0491 570 042', callId: start });
		expect(await startOf(generic(), call('2026-03-02T09:30:00+05:30'))).toEqual(['2026-03-02T09:30:00+05:30', 'offset kept from the source']);
		expect(await startOf(generic(), call('2026-07-02 09:30'))).toEqual(['2026-07-02T09:30:00+10:00', 'no zone in the source: read in Australia/Sydney']);
		expect(await startOf(generic({ timeZone: 'America/New_York' }), call('2026-07-02 09:30'))).toEqual([
			'2026-07-02T09:30:00-04:00',
			'no zone in the source: read in America/New_York',
		]);
		// HostedSuite (a US service) may send month-first local times.
		expect(await startOf(logCallParams({ source: 'hostedsuite', options: { timeZone: 'America/Chicago' } }), hostedSuiteRecord({ StartTime: '3/4/2026 2:05:09 PM' }))).toEqual([
			'2026-03-04T14:05:09-06:00',
			'no zone in the source: read in America/Chicago',
		]);
	});
});

describe('events that cannot be logged', () => {
	function expectNothingSent() {
		expect(logOf(fx.sandbox)).toHaveLength(0);
	}

	test('a RingCentral record without startTime: a clear error naming callData, and no request at all', async () => {
		const event = ringCentralInbound();
		delete event.startTime;
		const result = await runNode({ parameters: logCallParams(), items: [event], credential: fx.credential });
		expect(result.error?.message).toBe('callData has no startTime: the RingCentral event cannot be logged without it (item 0)');
		expect(result.error?.description).toMatch(/startTime/);
		expectNothingSent();
	});

	test.each<[string, IDataObject | string, string, INodeParameters?]>([
		['no direction', { startTime: '2026-03-02T22:30:05Z', sessionId: '1', duration: 5 }, 'callData has no direction: the RingCentral event cannot be logged without it (item 0)'],
		['a direction that is neither', ringCentralInbound({ direction: 'Sideways' }), 'callData direction must be Inbound or Outbound (or in/out), got "Sideways" (item 0)'],
		['a call still in progress', ringCentralInbound({ duration: 'pending' }), 'callData duration is "pending": the call has not ended yet (item 0)'],
		['an unreal start', ringCentralInbound({ startTime: '2026-02-30T10:00:00Z' }), 'callData start time "2026-02-30T10:00:00Z" is not a real date and time (item 0)'],
		['something else entirely', { hello: 'world' }, 'callData does not look like a RingCentral event (item 0)'],
		['broken JSON text', '{"direction": "Inbound", ', 'callData is not valid JSON (item 0)', { callData: '{"direction": "Inbound", ' }],
		['a list of calls', { records: [ringCentralInbound(), ringCentralInbound({ sessionId: '2' })] }, 'callData holds a list of 2 calls, not one call (item 0)'],
		['HostedSuite without StartTime', hostedSuiteRecord({ StartTime: '' }), 'callData has no StartTime: the HostedSuite event cannot be logged without it (item 0)', { source: 'hostedsuite' }],
		['generic without a direction', { startTime: '2026-03-02T09:30:00' }, 'callDirection is required (item 0)', { source: 'generic' }],
		['an unknown time zone', ringCentralInbound(), 'timeZone "Mars/Olympus" is not a known time zone (item 0)', { options: { timeZone: 'Mars/Olympus' } }],
	])('%s', async (_name, item, message, parameters = {}) => {
		const result = await runNode({
			parameters: logCallParams(parameters),
			items: [typeof item === 'string' ? { text: item } : item],
			credential: fx.credential,
		});
		expect(result.error?.message).toBe(message);
		expectNothingSent();
	});

	test('with Continue (using error output) a bad item goes to the error output and the good one is logged', async () => {
		const bad = ringCentralInbound({ sessionId: 'bad', duration: 'pending' });
		const result = await runNode({
			parameters: logCallParams(),
			items: [bad, ringCentralInbound()],
			credential: fx.credential,
			onError: 'continueErrorOutput',
		});
		expect(result.errors).toHaveLength(1);
		expect(result.errors[0].json).toEqual({
			error: 'callData duration is "pending": the call has not ended yet (item 0)',
			details: 'Log the call once the phone system has the finished record (with its length in seconds).',
		});
		expect(result.errors[0].pairedItem).toEqual({ item: 0 });
		expect(result.success).toHaveLength(1);
		expect(result.success[0].pairedItem).toEqual({ item: 1 });
		expect(logOf(fx.sandbox, 'phonerecords', 'POST')).toHaveLength(1);
	});
});
