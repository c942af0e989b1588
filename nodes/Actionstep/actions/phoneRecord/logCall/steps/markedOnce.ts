import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { ActionstepRecord } from '../../../../helpers/interfaces';
import { createRecord, deleteRecord, fetchAll } from '../../../../transport';
import { markerOf } from '../rules/identity';

/**
 * One record per call on a matter (the call-back task, the file note): the record carries the call's marker
 * line in a text field, so a repeat finds it instead of writing a second one. The matter's records are read
 * and the marker checked here (no filter on free text is trusted). After creating, it looks again: another
 * run writing the same call's record at the same moment leaves two, and the younger one is removed by the
 * run that created it — each run removes only its own.
 */

/**
 * Records of one matter read at most, newest first: a call's task or note is among a matter's newest, and a
 * busy matter (years of workflow tasks, filed emails) holds more than one read returns.
 */
const MAX_READ = 1_000;

export interface MarkedWrite {
	/** e.g. `tasks`, `filenotes`. */
	collection: string;
	/** The field that holds the marker line, e.g. `description`, `text`. */
	field: string;
	matter: number;
	/** The call's key; undefined when the call has none (then nothing tells a repeat, and nothing is looked up). */
	key?: string;
	secret: string;
}

async function marked(this: IExecuteFunctions, w: MarkedWrite, i: number): Promise<ActionstepRecord[]> {
	const rows = await fetchAll.call(this, { path: w.collection, query: { action: w.matter, sort: '-id' }, itemIndex: i }, { limit: MAX_READ });
	return rows.filter((r) => markerOf(r[w.field], w.key!, w.secret)).sort((a, b) => a.id - b.id);
}

export interface MarkedResult {
	record: ActionstepRecord;
	created: boolean;
	how: string;
}

/** The call's record in `collection`: found, or created from `body` (whose `field` holds the marker line). */
export async function markedOnce(this: IExecuteFunctions, w: MarkedWrite, body: IDataObject, i: number): Promise<MarkedResult> {
	if (w.key) {
		const [found] = await marked.call(this, w, i);
		if (found) return { record: found, created: false, how: `already there: ${w.collection} ${found.id} carries this call's marker` };
	}
	const record = await createRecord.call(this, w.collection, body, i);
	if (!w.key) return { record, created: true, how: `created ${record.id} (the call has no ID, so a repeat of it cannot be recognised)` };
	const [oldest] = await marked.call(this, w, i);
	if (oldest && oldest.id < record.id) {
		await deleteRecord.call(this, w.collection, record.id, i);
		return { record: oldest, created: false, how: `written at the same time by another run (${oldest.id}): removed this run's copy ${record.id}` };
	}
	return { record, created: true, how: `created ${record.id}` };
}
