import type { IExecuteFunctions } from 'n8n-workflow';

import type { ActionstepRecord } from '../../../../helpers/interfaces';
import { getRecord } from '../../../../transport';
import { oncePerExecution } from '../../../shared/perExecution';
import { latestOpenMatter } from './matters';
import type { ParticipantChoice } from './participant';
import { nameOf } from './participant';
import type { Plan } from './plan';

/** The matter the phone record goes on: none, the given one, or the caller's most recently active one. */

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
	if (!participant) return { how: 'none: no participant matched, so there is no most recent matter' };
	const matter = choice.matter !== undefined ? (choice.matter ?? undefined) : await latestOpenMatter.call(this, participant.id, i);
	if (!matter) return { how: `none: ${nameOf(participant)} has no open matter` };
	return { matter, how: `most recently active open matter of ${nameOf(participant)}: ${matter.id}` };
}
