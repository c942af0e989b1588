import type { ActionstepRecord } from '../../helpers/interfaces';
import { fetchPage } from '../../transport';
import type { ActionstepContext } from '../../transport';

/**
 * A participant's most recently active open matter: among the matters (`actions`) that list the
 * participant as a primary participant (the client), the one with status Active modified last.
 * Actionstep also has `actionparticipants` (every role on every matter); the sandbox does not serve it,
 * and a client is a primary participant of their own matters, so the primary link is what is used.
 */
export async function latestOpenMatter(
	this: ActionstepContext,
	participantId: number,
	itemIndex?: number,
): Promise<ActionstepRecord | undefined> {
	const page = await fetchPage.call(
		this,
		{
			path: 'actions',
			query: { primaryParticipants: participantId, status: 'Active', sort: '-modifiedTimestamp' },
			itemIndex,
		},
		1,
		1,
	);
	return page.records[0];
}
