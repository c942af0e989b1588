import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { ActionstepRecord } from '../../../../helpers/interfaces';
import { fetchPage, getRecord, mapWithConcurrency } from '../../../../transport';
import { oncePerExecution } from '../../../shared/perExecution';

/**
 * A participant's most recently active open matter. Who is on which matter, in any role, is Actionstep's
 * documented `actionparticipants` resource (composite ids `<action>--<type>--<participant>`); the matters
 * come with it through `include=action`. The participant filter on it is inferred, so every row is checked
 * to be this participant's: a tenant that ignores the filter fails the item with a clear message instead of
 * filing the call on someone else's matter. Asked once per participant per execution.
 */

/** Matters read for one participant; a participant on more is on too many to pick one from by recency. */
const MAX_MATTERS = 200;
/** Matters read one by one at most, when the tenant does not include them. */
const MAX_READ_ONE_BY_ONE = 20;

function linkId(record: ActionstepRecord, name: string): number {
	return Number((record.links as IDataObject | undefined)?.[name]);
}

function notHonoured(this: IExecuteFunctions, participantId: number, i: number, how: string): NodeOperationError {
	return new NodeOperationError(this.getNode(), `Cannot tell which matters participant ${participantId} is on (item ${i})`, {
		itemIndex: i,
		description: `Actionstep ${how} the participant filter on actionparticipants. Nothing was written. Choose the matter (Matter → Choose a Matter) or log the call without one.`,
	});
}

async function openMattersOf(this: IExecuteFunctions, participantId: number, i: number): Promise<ActionstepRecord[]> {
	const page = await fetchPage
		.call(this, { path: 'actionparticipants', query: { participant: participantId, include: 'action' }, itemIndex: i }, 1, MAX_MATTERS)
		.catch(async (error: unknown) => {
			return await Promise.reject((error as { httpCode?: string }).httpCode === '400' ? notHonoured.call(this, participantId, i, 'refused') : error);
		});
	if (page.records.some((row) => linkId(row, 'participant') !== participantId)) throw notHonoured.call(this, participantId, i, 'ignored');
	const ids = [...new Set(page.records.map((row) => linkId(row, 'action')))].filter(Number.isInteger);
	const linked = new Map(page.linked('actions').map((m) => [m.id, m]));
	// Where a tenant does not honour `include`, the matters are read one by one (a few, for a caller).
	const matters = await mapWithConcurrency(Math.min(ids.length, MAX_READ_ONE_BY_ONE), 2, async (n) =>
		linked.get(ids[n]) ?? (await getRecord.call(this, 'actions', ids[n], i)),
	);
	return matters.filter((m) => String(m.status ?? '').toLowerCase() === 'active');
}

function changedAt(matter: ActionstepRecord): number {
	return Date.parse(String(matter.modifiedTimestamp ?? '')) || 0;
}

export async function latestOpenMatter(this: IExecuteFunctions, participantId: number, i: number): Promise<ActionstepRecord | undefined> {
	return await oncePerExecution(this, `matters of ${participantId}`, async () => {
		const open = await openMattersOf.call(this, participantId, i);
		return open.sort((a, b) => changedAt(b) - changedAt(a) || a.id - b.id)[0];
	});
}
