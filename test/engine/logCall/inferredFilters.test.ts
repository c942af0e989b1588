/**
 * Log Call's look-ups rest partly on filters no Actionstep source documents. The sandbox can refuse (400) or
 * ignore each of them, as a real tenant might; Log Call then takes the safe fallback or fails the item with a
 * message naming the assumption — and never writes a second record of a call.
 */

import { runNode } from '../../harness/engine';
import { openSandbox } from '../../harness/sandbox';
import type { SandboxFixture } from '../../harness/sandbox';
import { logOf } from '../../harness/workflow';
import { logCallParams, markedKeys, ringCentralInbound, writes } from './fixtures';

let fx: SandboxFixture;
beforeAll(async () => (fx = await openSandbox()));
afterAll(async () => fx.sandbox.close());
beforeEach(() => {
	fx.sandbox.reset();
	fx.sandbox.setFaults(null);
});

const params = logCallParams({ matterMode: 'mostRecent' });
const records = () => fx.sandbox.store.list('phonerecords').filter((r) => markedKeys(r.notes, fx.credential).includes('ringcentral:s-4503991004'));

async function logTwice(faults: Parameters<SandboxFixture['sandbox']['setFaults']>[0]) {
	const first = await runNode({ parameters: params, items: [ringCentralInbound()], credential: fx.credential });
	expect(first.error).toBeUndefined();
	fx.sandbox.setFaults(faults);
	fx.sandbox.clearLog();
	return await runNode({ parameters: params, items: [ringCentralInbound()], credential: fx.credential });
}

describe('the duplicate check: callTimestamp range, then notes_ilike', () => {
	test.each([
		['ignores', { ignoreFilters: ['callTimestamp'] }],
		['refuses', { refuseFilters: ['callTimestamp'] }],
	])('a tenant that %s the callTimestamp range: the marker search finds the call, no second record', async (_how, faults) => {
		const again = await logTwice(faults);
		expect(again.error).toBeUndefined();
		expect(again.success[0].json).toMatchObject({ status: 'duplicate' });
		expect(records()).toHaveLength(1);
		expect(writes(fx.sandbox)).toHaveLength(0);
		const lookups = logOf(fx.sandbox, 'phonerecords');
		expect(lookups[lookups.length - 1].query.notes_ilike).toMatch(/^\*Call ID: ringcentral:s-4503991004 \[n8n\*$/);
	});

	test.each([
		['ignores both', { ignoreFilters: ['callTimestamp', 'notes'] }],
		['ignores the range and refuses notes_ilike', { ignoreFilters: ['callTimestamp'], refuseFilters: ['notes'] }],
	])('a tenant that %s: the item fails naming both assumptions, and nothing is written', async (_how, faults) => {
		const again = await logTwice(faults);
		expect(again.error?.message).toBe('Cannot check whether this call was logged before (item 0)');
		expect(again.error?.description).toMatch(/callTimestamp range .* notes search \(notes_ilike\)/);
		expect(writes(fx.sandbox)).toHaveLength(0);
		expect(records()).toHaveLength(1);
	});
});

describe("the caller's matters: actionparticipants filtered by participant", () => {
	test.each([
		['ignores', { ignoreFilters: ['participant'] }, 'ignored'],
		['refuses', { refuseFilters: ['participant'] }, 'refused'],
	])('a tenant that %s it: the item fails naming it, nothing written', async (_how, faults, word) => {
		fx.sandbox.setFaults(faults);
		const result = await runNode({ parameters: params, items: [ringCentralInbound()], credential: fx.credential });
		expect(result.error?.message).toBe('Cannot tell which matters participant 106 is on (item 0)');
		expect(result.error?.description).toContain(`Actionstep ${word} the participant filter on actionparticipants`);
		expect(writes(fx.sandbox)).toHaveLength(0);
	});

	test('a tenant that does not include the matters: they are read one by one', async () => {
		fx.sandbox.setFaults({ ignoreFilters: ['include'] });
		const result = await runNode({ parameters: params, items: [ringCentralInbound()], credential: fx.credential });
		expect(result.error).toBeUndefined();
		expect(result.success[0].json).toMatchObject({ matter: { id: 2002 } });
		expect(logOf(fx.sandbox, 'actions').length).toBeGreaterThan(0);
	});
});

describe("the caller's number: phone1Number_ilike and the other slots", () => {
	test('a tenant that ignores the phone filter: the item fails naming it instead of trusting every participant', async () => {
		fx.sandbox.setFaults({ ignoreFilters: ['phone1Number'] });
		const result = await runNode({ parameters: params, items: [ringCentralInbound()], credential: fx.credential });
		expect(result.error?.message).toBe('Cannot look the caller up by phone number (item 0)');
		expect(result.error?.description).toMatch(/^Actionstep ignored the phone1Number_ilike filter/);
		expect(writes(fx.sandbox)).toHaveLength(0);
		// Matching switched off, the call is logged.
		const unmatched = await runNode({ parameters: logCallParams({ options: { matchParticipant: false } }), items: [ringCentralInbound()], credential: fx.credential });
		expect((unmatched.success[0].json).status).toBe('created');
	});
});
