/** The result words the five phone systems give reach outcomes the table knows; unknown words pass as given. */
import { decideOutcome } from '../../../nodes/Actionstep/actions/phoneRecord/logCall/rules/outcome';

test.each([
	// Twilio (as its module words them)
	['Completed', 'Call completed'],
	['Busy', 'Busy'],
	['No answer', 'No answer'],
	['Call failed', 'Call failed'],
	['Cancelled', 'Cancelled'],
	// Aircall missed-call reasons, if a workflow maps them itself
	['abandoned_in_ivr', 'Missed'],
	['no_available_agent', 'Missed'],
	// Zoom call-history and call-log results
	['answered', 'Call completed'],
	['picked_up', 'Call completed'],
	['succeeded', 'Call completed'],
	['ring_timeout', 'No answer'],
	['no_answer', 'No answer'],
	['call_failed', 'Call failed'],
	['unconnected', 'Call failed'],
	['service_unavailable', 'Call failed'],
	['system_blocked', 'Blocked'],
	['Call Cancel', 'Cancelled'],
	['Answered by another Member', 'Answered elsewhere'],
	['Answered elsewhere', 'Answered elsewhere'],
	['Rejected', 'Declined'],
	// 3CX [CallType]
	['Notanswered', 'No answer'],
	['Missed', 'Missed'],
])('%s → %s', (result, outcome) => {
	expect(decideOutcome(result, 0).outcome).toBe(outcome);
});

test('a word the table does not know (Zoom\'s "overflowed") is kept as given', () => {
	expect(decideOutcome('overflowed', 30)).toEqual({ outcome: 'overflowed', how: 'result "overflowed" kept as it is (not in the table)' });
});
