import type { IExecuteFunctions } from 'n8n-workflow';

import type { ActionstepRecord } from '../../../../helpers/interfaces';
import { getRecord } from '../../../../transport';
import { oncePerExecution } from '../../../shared/perExecution';
import { latestMatter, latestOpenMatter, openMatters } from './matters';
import type { ParticipantChoice } from './participant';
import { nameOf } from './participant';
import type { Plan } from './plan';

/**
 * The matter the phone record goes on, as the Matter parameter says: none, the given one, or one of the
 * caller's — the most recently active open one, the only open one (else none), or the most recently
 * active of all, closed ones included.
 */

function listed(matters: ActionstepRecord[]): string {
	const ids = matters.slice(0, 5).map((m) => m.id).join(', ');
	return matters.length > 5 ? `${ids}, …` : ids;
}

export async function chooseMatter(
	this: IExecuteFunctions,
	p: Plan,
	choice: ParticipantChoice,
	i: number,
): Promise<{ matter?: ActionstepRecord; how: string }> {
	if (p.matterMode === 'none') return { how: 'none (Matter is "No Matter")' };
	if (p.matterMode === 'given') {
		const matter = await oncePerExecution(this, `matter ${p.givenMatter}`, async () => await getRecord.call(this, 'actions', p.givenMatter!, i));
		return { matter, how: `given: ${matter.id}` };
	}
	const participant = choice.match?.participant;
	if (!participant) return { how: "none: no participant matched, so there is no caller's matter" };
	const who = nameOf(participant);
	if (p.matterMode === 'onlyOpen') {
		const open = await openMatters.call(this, participant.id, i);
		if (open.length === 1) return { matter: open[0], how: `the only open matter of ${who}: ${open[0].id}` };
		if (open.length === 0) return { how: `none: ${who} has no open matter` };
		return { how: `none: ${who} has ${open.length} open matters (${listed(open)}), so none is the only one` };
	}
	if (p.matterMode === 'mostRecentAny') {
		const matter = await latestMatter.call(this, participant.id, i);
		if (!matter) return { how: `none: ${who} is on no matter` };
		return { matter, how: `most recently active matter of ${who}, closed ones included: ${matter.id} (${String(matter.status ?? 'no status')})` };
	}
	const matter = choice.matter !== undefined ? (choice.matter ?? undefined) : await latestOpenMatter.call(this, participant.id, i);
	if (!matter) return { how: `none: ${who} has no open matter` };
	return { matter, how: `most recently active open matter of ${who}: ${matter.id}` };
}
