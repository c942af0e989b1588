/**
 * What the corner's seeded calls in a one-hour window become in the sandbox's Actionstep once Log Call has logged
 * them as examples/log-hostedsuite-calls.json sets it (most recent open matter, a time entry, talk time), and how to
 * read that back from the store. Here, beside the seed, so that the engine test, the e2e test of that example and
 * the demo (which may not import from test/) check the same outcome.
 */
import type { SandboxStore } from '../recordTypes';
import type { HsLoggedCall, LogCallAnswer } from './types';

/** The seeded calls of the last hour (HS-88302 to HS-88304, oldest first; HS-88301 ended hours ago), logged. */
export const SEEDED_WINDOW_LOGGED: readonly HsLoggedCall[] = Object.freeze([
	// Talk time 361 s (the whole call is 457 s): 0.1 h, billed in 6-minute units.
	{
		status: 'created',
		caller: 'WEI CHEN',
		participant: 107,
		matter: 2003,
		direction: 'in',
		actualHours: 0.1,
		links: { action: 2003, fromParticipant: 107, toParticipant: 101 },
		fromOther: null,
		timeEntries: [{ matter: 2003, actualHours: 0.1, billableHours: 0.2 }],
	},
	// Nobody has the number: logged by name, no matter, so nothing billed.
	{
		status: 'created',
		caller: 'ALEX MORGAN',
		participant: null,
		matter: null,
		direction: 'in',
		actualHours: 0.01,
		links: { action: null, fromParticipant: null, toParticipant: 101 },
		fromOther: 'ALEX MORGAN',
		timeEntries: [],
	},
	// Type Outgoing: the firm called Aroha Ngata.
	{
		status: 'created',
		caller: 'Aroha Ngata',
		participant: 108,
		matter: 2004,
		direction: 'out',
		actualHours: 0.03,
		links: { action: 2004, fromParticipant: 101, toParticipant: 108 },
		fromOther: null,
		timeEntries: [{ matter: 2004, actualHours: 0.03, billableHours: 0.1 }],
	},
]);

/** Log Call's answers for the window's calls, read back from the store in SEEDED_WINDOW_LOGGED's shape. */
export function loggedInActionstep(store: SandboxStore, outputs: readonly LogCallAnswer[]): HsLoggedCall[] {
	return outputs.map((o) => {
		const r = o.phoneRecord ? store.get('phonerecords', o.phoneRecord.id) : undefined;
		if (!r) throw new Error(`Log Call answered ${o.status ?? 'no status'} with phone record ${o.phoneRecord?.id ?? 'none'}: not in the sandbox`);
		const entries = store.list('timeentries').filter((t) => t.links.phoneRecord === r.id);
		return {
			status: o.status,
			caller: o.call?.name,
			participant: o.participant?.id ?? null,
			matter: o.matter?.id ?? null,
			direction: r.direction,
			actualHours: r.actualHours,
			links: { action: r.links.action, fromParticipant: r.links.fromParticipant, toParticipant: r.links.toParticipant },
			fromOther: r.fromParticipantOther,
			timeEntries: entries.map((t) => ({ matter: t.links.action, actualHours: t.actualHours, billableHours: t.billableHours })),
		};
	});
}
