/**
 * A virtual clock for tests of waits measured in minutes: while `virtualClock.on`, n8n's `sleep` returns at once and
 * moves the clock instead, and `Date.now` (once `useVirtualNow()` ran) reads it. A test file hands n8n-workflow's
 * module over with `jest.mock('n8n-workflow', () => jest.requireActual<typeof import('../harness/virtualClock')>('../harness/virtualClock').n8nWorkflowWithVirtualSleep())`
 * (jest hoists the call, so the factory may only require).
 */
import type * as N8nWorkflow from 'n8n-workflow';

export const virtualClock = { on: false, offsetMs: 0 };

export function n8nWorkflowWithVirtualSleep(): typeof N8nWorkflow {
	const actual = jest.requireActual<typeof N8nWorkflow>('n8n-workflow');
	return {
		...actual,
		sleep: async (ms: number) => {
			if (!virtualClock.on) return await actual.sleep(ms);
			virtualClock.offsetMs += Math.max(0, ms);
		},
	};
}

const realNow = Date.now.bind(Date);

/** `Date.now` reads the virtual clock until jest's mocks are restored. */
export function useVirtualNow(): void {
	jest.spyOn(Date, 'now').mockImplementation(() => realNow() + virtualClock.offsetMs);
}
