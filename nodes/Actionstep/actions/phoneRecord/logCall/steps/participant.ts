import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { ActionstepRecord } from '../../../../helpers/interfaces';
import { oncePerExecution } from '../../../shared/perExecution';
import type { PhoneMatch } from '../../../shared/phoneMatch';
import { FilterIgnoredError } from '../../../shared/filterIgnored';
import { participantsWithNumber } from '../../../shared/phoneMatch';
import { latestOpenMatter } from './matters';
import type { Plan } from './plan';

/** The other party of the call: the participant with its number, chosen as the options say. */

export function nameOf(p: ActionstepRecord): string {
	const display = typeof p.displayName === 'string' ? p.displayName : '';
	return display ? `${display} (${p.id})` : `participant ${p.id}`;
}

export interface ParticipantChoice {
	match?: PhoneMatch;
	/** The chosen participant's most recent open matter, when it was looked up on the way. */
	matter?: ActionstepRecord | null;
	/** The number was looked up and no participant has it: the Unknown Caller policy applies. */
	unknown?: boolean;
	how: string;
}

export async function chooseParticipant(this: IExecuteFunctions, p: Plan, i: number): Promise<ParticipantChoice> {
	if (!p.matchParticipant) return { how: 'not looked up (Match Participant by Phone is off)' };
	if (p.party.withheld) return { how: 'not looked up: the caller withheld their number' };
	if (p.party.extension) return { how: `not looked up: ${p.party.extension} is an internal extension, not a phone number` };
	const phone = p.party.phone;
	if (!phone) return { how: 'not looked up: the call has no number of the other party' };
	if (phone.nsn.length < 6) return { how: `not looked up: "${p.call.otherNumber}" is too short for a phone number` };
	// Each number is looked up once per execution, however many of its calls the run logs.
	const ignored = (error: unknown) =>
		error instanceof FilterIgnoredError
			? new NodeOperationError(this.getNode(), `Cannot look the caller up by phone number (item ${i})`, {
					itemIndex: i,
					description: `${error.message}. Nothing was written. Turn off "Match Participant by Phone" to log calls without matching.`,
				})
			: error;
	const matches = await oncePerExecution(this, `participants with ${phone.callingCode ?? ''}|${phone.nsn}`, async () =>
		await participantsWithNumber.call(this, phone, i, p.country, true).catch(async (error: unknown) => await Promise.reject(ignored(error))),
	);
	const number = p.party.phoneText ?? phone.nsn;
	if (matches.length === 0) return { unknown: true, how: `no participant has ${number}` };
	const slotText = (m: PhoneMatch) => `${m.slot.field}${m.slot.label ? `, ${m.slot.label}` : ''}`;
	if (matches.length === 1) return { match: matches[0], how: `matched by phone (${slotText(matches[0])}): ${nameOf(matches[0].participant)}` };

	const list = matches.map((m) => nameOf(m.participant)).join(', ');
	if (p.multipleMatches === 'error') {
		throw new NodeOperationError(this.getNode(), `${matches.length} participants have the number ${number}: ${list} (item ${i})`, {
			itemIndex: i,
			description:
				'Nothing was written. Choose how to pick one with the option "If Several Participants Match", or tidy the duplicate numbers in Actionstep.',
		});
	}
	if (p.multipleMatches === 'useName') return { how: `${matches.length} participants have ${number} (${list}): logged the name only` };
	if (p.multipleMatches === 'first') {
		return { match: matches[0], how: `${matches.length} participants have ${number} (${list}): picked the first, ${nameOf(matches[0].participant)}` };
	}
	const withMatters = [];
	for (const m of matches.slice(0, 10)) {
		withMatters.push({ m, matter: await latestOpenMatter.call(this, m.participant.id, i) });
	}
	const time = (matter?: ActionstepRecord) => (matter ? Date.parse(String(matter.modifiedTimestamp ?? '')) || 0 : -1);
	const best = withMatters.reduce((a, b) => (time(b.matter) > time(a.matter) ? b : a));
	if (!best.matter) {
		return {
			match: matches[0],
			matter: null,
			how: `${matches.length} participants have ${number} (${list}), none with an open matter: picked the first, ${nameOf(matches[0].participant)}`,
		};
	}
	const tied = withMatters.filter((w) => time(w.matter) === time(best.matter)).length > 1;
	return {
		match: best.m,
		matter: best.matter,
		how:
			`${matches.length} participants have ${number} (${list}): picked ${nameOf(best.m.participant)}, ` +
			`whose open matter ${best.matter.id} changed most recently${tied ? ' (a tie, so the lowest ID)' : ''}`,
	};
}
