import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { properties } from './logCall/description';
import { onLoggedCall } from './logCall/steps/existing';
import { logNewCall } from './logCall/steps/newCall';
import type { Plan } from './logCall/steps/plan';
import { isSkip, plan, skippedOutput } from './logCall/steps/plan';
import type { TimeRange } from './logCall/steps/sameCall';
import { callRange, findSameCall, oneCallAtATime } from './logCall/steps/sameCall';
import { markerSecret } from './logCall/steps/secret';

/**
 * Log Call: a call event from a phone system → a phone record (and a time entry), one record per call,
 * completed as the call's later events arrive. Everything it knows lives in ./logCall/: sources/ (one file
 * per phone system), rules/ (pure: identity, time, outcome, notes, the other party), steps/ (the requests).
 */

export const description = updateDisplayOptions({ show: { resource: ['phoneRecord'], operation: ['logCall'] } }, properties);

/** Every item's call range, worked out once, so that one read can serve the execution's whole batch. */
function rangesOfAllItems(this: IExecuteFunctions): () => TimeRange[] {
	return () => {
		const ranges: TimeRange[] = [];
		for (let j = 0; j < this.getInputData().length; j++) {
			try {
				const p = plan.call(this, j);
				const range = isSkip(p) ? undefined : callRange(p);
				if (range) ranges.push(range);
			} catch {
				// An invalid item fails on its own turn; it has no range to read.
			}
		}
		return ranges;
	};
}

/** The call keys of every item of the execution: their records are no other run's (see newParticipant.ts). */
function keysOfAllItems(this: IExecuteFunctions): () => Set<string> {
	let keys: Set<string> | undefined;
	return () => {
		if (keys) return keys;
		keys = new Set();
		for (let j = 0; j < this.getInputData().length; j++) {
			try {
				const p = plan.call(this, j);
				if (!isSkip(p) && p.identity.kind !== 'none') keys.add(p.identity.key);
			} catch {
				// An invalid item fails on its own turn; it logs no call.
			}
		}
		return keys;
	};
}

async function logCall(this: IExecuteFunctions, p: Plan, i: number): Promise<IDataObject> {
	const secret = await markerSecret.call(this, i);
	const allRanges = rangesOfAllItems.call(this);
	const key = p.identity.kind === 'none' ? undefined : p.identity.key;
	return await oneCallAtATime(this, key, async (): Promise<IDataObject> => {
		if (p.dedupe) {
			const existing = await findSameCall.call(this, p, secret, i, allRanges);
			if (existing) return await onLoggedCall.call(this, p, existing, secret, i);
		}
		if (p.call.completesOnly) {
			return skippedOutput({
				skip: p.call.completesOnly,
				kind: p.call.kind,
				source: p.call.source,
				callId: p.call.callId,
				sourceHow: p.sourceHow,
			});
		}
		const how = !p.dedupe
			? 'not checked (Find Earlier Record of the Same Call is off)'
			: p.identity.kind === 'none'
				? 'not checked: the call has no id, number or name to recognise it by'
				: `new call: no phone record is marked ${p.identity.key}`;
		return await logNewCall.call(this, p, secret, i, allRanges, how, keysOfAllItems.call(this));
	});
}

export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const p = plan.call(this, i);
	const json = isSkip(p) ? skippedOutput(p) : await logCall.call(this, p, i);
	return [{ json }];
}
