import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { ActionstepRecord } from '../../../../helpers/interfaces';
import { fetchPage, getRecord, mapWithConcurrency } from '../../../../transport';
import { oncePerExecution } from '../../../shared/perExecution';

/**
 * A participant's matters: the most recently active open one, the only open one, or the most recent of all. Who is on which matter, in any role, is Actionstep's
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

async function readMattersOf(this: IExecuteFunctions, participantId: number, i: number): Promise<ActionstepRecord[]> {
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
	return matters;
}

/** Every matter the participant is on, in any role and status, read once per execution. */
async function mattersOf(this: IExecuteFunctions, participantId: number, i: number): Promise<ActionstepRecord[]> {
	return await oncePerExecution(this, `matters of ${participantId}`, async () => await readMattersOf.call(this, participantId, i));
}

function isOpen(matter: ActionstepRecord): boolean {
	return String(matter.status ?? '').toLowerCase() === 'active';
}

/** A real matter in any state (open, inactive, closed), not a template or a deleted one. */
function isRealMatter(matter: ActionstepRecord): boolean {
	return String(matter.status ?? '').toLowerCase() !== 'template' && String(matter.isDeleted ?? 'F').toUpperCase() !== 'T';
}

function changedAt(matter: ActionstepRecord): number {
	return Date.parse(String(matter.modifiedTimestamp ?? '')) || 0;
}

function latest(matters: ActionstepRecord[]): ActionstepRecord | undefined {
	return [...matters].sort((a, b) => changedAt(b) - changedAt(a) || a.id - b.id)[0];
}

export async function latestOpenMatter(this: IExecuteFunctions, participantId: number, i: number): Promise<ActionstepRecord | undefined> {
	return latest((await mattersOf.call(this, participantId, i)).filter(isOpen));
}

/** The most recently active matter, closed ones included. */
export async function latestMatter(this: IExecuteFunctions, participantId: number, i: number): Promise<ActionstepRecord | undefined> {
	return latest((await mattersOf.call(this, participantId, i)).filter(isRealMatter));
}

/** The participant's open matters, most recently active first (to pick the only one, or say how many). */
export async function openMatters(this: IExecuteFunctions, participantId: number, i: number): Promise<ActionstepRecord[]> {
	return (await mattersOf.call(this, participantId, i)).filter(isOpen).sort((a, b) => changedAt(b) - changedAt(a) || a.id - b.id);
}
