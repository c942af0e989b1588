import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { ActionstepRecord } from '../../../../helpers/interfaces';
import { parseTimestamp, toUtcFilterValue } from '../../../../helpers/time';
import { fetchAll } from '../../../../transport';
import { PHONE_RECORDS } from '../../../shared/resources';
import { CALL_ID_LABEL, markerOf } from '../rules/identity';
import type { Plan } from './plan';

/**
 * Finding the phone record of a call logged before. Actionstep documents `callTimestamp` on phone records,
 * and range filters (`_gteq`/`_lteq`) on timestamps, so the records around the call's time are read and
 * the call's marker is looked for in their notes here. Every call of an execution is read in as few
 * ranges as their times allow (one read can serve a whole batch). A tenant that ignores the range filter
 * (a record outside it comes back) or refuses it (400) is answered with the narrower `notes_ilike` search
 * on the marker, checked the same way; if that is ignored too, the item fails and names both assumptions:
 * a call is never logged twice because a filter was not honoured.
 */

/** A record of the same call started this long before or after (ring time, queues, another event's clock). */
const AROUND_START_MS = 30 * 60_000;
/** A Disconnected event tells only the end: the call started at most this long before it. */
const BEFORE_END_MS = 4 * 3600_000;
/** Calls of one execution whose ranges are closer than this are read together. */
const MERGE_GAP_MS = 15 * 60_000;
/** One range read together spans at most this long; calls spread wider are read in several ranges. */
const MAX_RANGE_MS = 24 * 3600_000;
/** Records one range may hold before the narrower marker search is used instead. */
const MAX_RANGE_RECORDS = 2_000;

export interface TimeRange {
	from: number;
	to: number;
}

/** Where a record of this call can be, by its start. */
export function callRange(p: Plan): TimeRange | undefined {
	const { start, end, phase } = p.call;
	// An answered call's record may already exist from its end (events delivered out of order), hours later.
	if (start) return { from: start.epochMs - AROUND_START_MS, to: start.epochMs + (phase === 'inProgress' ? BEFORE_END_MS : AROUND_START_MS) };
	if (end) return { from: end.epochMs - BEFORE_END_MS, to: end.epochMs + 60_000 };
	return undefined;
}


/** Overlapping or close ranges joined, none longer than MAX_RANGE_MS. */
export function mergeRanges(ranges: TimeRange[]): TimeRange[] {
	const sorted = [...ranges].sort((a, b) => a.from - b.from);
	const merged: TimeRange[] = [];
	for (const r of sorted) {
		const last = merged[merged.length - 1];
		if (last && r.from <= last.to + MERGE_GAP_MS && Math.max(last.to, r.to) - last.from <= MAX_RANGE_MS) last.to = Math.max(last.to, r.to);
		else merged.push({ ...r });
	}
	return merged;
}

class FilterNotHonoured extends Error {}

/** The records, or FilterNotHonoured when Actionstep answered the filter with 400. */
async function unlessRefused(request: Promise<ActionstepRecord[]>): Promise<ActionstepRecord[]> {
	return await request.catch((error: unknown) => {
		return Promise.reject((error as { httpCode?: string }).httpCode === '400' ? new FilterNotHonoured('refused') : error);
	});
}

function startOf(record: ActionstepRecord): number | undefined {
	const parsed = parseTimestamp(record.callTimestamp, 'UTC');
	return parsed.ok ? parsed.epochMs : undefined;
}

/** Every phone record whose call started in the range, checked to be in it (a filter the tenant ignored shows). */
async function recordsInRange(this: IExecuteFunctions, range: TimeRange, i: number): Promise<ActionstepRecord[]> {
	const records = await unlessRefused(
		fetchAll.call(
			this,
			{
				path: PHONE_RECORDS,
				query: { callTimestamp_gteq: toUtcFilterValue(range.from), callTimestamp_lteq: toUtcFilterValue(range.to + 999), sort: 'id' },
				itemIndex: i,
			},
			{ limit: MAX_RANGE_RECORDS + 1 },
		),
	);
	if (records.length > MAX_RANGE_RECORDS) throw new FilterNotHonoured('too many');
	const outside = records.some((r) => {
		const at = startOf(r);
		return at === undefined || at < range.from - 1000 || at > range.to + 1000;
	});
	if (outside) throw new FilterNotHonoured('ignored');
	return records;
}

/** The narrower search: records whose notes hold the call's marker text, each checked to hold it. */
async function recordsWithMarkerText(this: IExecuteFunctions, key: string, i: number): Promise<ActionstepRecord[]> {
	const needle = `${CALL_ID_LABEL} ${key} [n8n`;
	const records = await unlessRefused(
		fetchAll.call(this, { path: PHONE_RECORDS, query: { notes_ilike: `*${needle}*`, sort: 'id' }, itemIndex: i }, { limit: 201 }),
	);
	const lower = needle.toLowerCase();
	if (records.length > 200 || records.some((r) => typeof r.notes !== 'string' || !r.notes.toLowerCase().includes(lower))) {
		throw new FilterNotHonoured('ignored');
	}
	return records;
}

interface ExecutionIndex {
	ranges?: Array<TimeRange & { records?: Promise<ActionstepRecord[]> }>;
	/** Records this execution created, found by later items without another read. */
	created: ActionstepRecord[];
}

const perExecution = new WeakMap<object, ExecutionIndex>();

function indexOf(ctx: IExecuteFunctions): ExecutionIndex {
	let index = perExecution.get(ctx);
	if (!index) {
		index = { created: [] };
		perExecution.set(ctx, index);
	}
	return index;
}

/** Records this execution created are seen by its later items (their range was read before). */
export function rememberCreated(ctx: IExecuteFunctions, record: ActionstepRecord): void {
	indexOf(ctx).created.push(record);
}

function filterError(this: IExecuteFunctions, i: number): NodeOperationError {
	return new NodeOperationError(this.getNode(), `Cannot check whether this call was logged before (item ${i})`, {
		itemIndex: i,
		description:
			'Actionstep did not honour the filters the duplicate check relies on: the callTimestamp range (_gteq/_lteq) ' +
			'and the notes search (notes_ilike). Nothing was written, so the call is not logged twice. Turn off ' +
			'"Find Earlier Record of the Same Call" only if duplicates are acceptable.',
	});
}

/**
 * The candidates for the item's call: the records in its range, read once per execution for all the
 * calls whose ranges meet (`ranges` are every item's ranges, given on the first look-up).
 */
async function candidates(this: IExecuteFunctions, p: Plan, i: number, allRanges: () => TimeRange[], fresh: boolean): Promise<ActionstepRecord[]> {
	const key = p.identity.kind === 'none' ? undefined : p.identity.key;
	// The look after a create reads the whole range too: another execution may be logging another event of the
	// same call (Answered and Disconnected at once), whose record is minutes or hours away from this one.
	const range = callRange(p);
	if (!key || !range) return [];
	const inRange = async (): Promise<ActionstepRecord[]> => {
		if (fresh) return await recordsInRange.call(this, range, i);
		const index = indexOf(this);
		index.ranges ??= mergeRanges(allRanges());
		const mine = index.ranges.find((r) => r.from <= range.from && r.to >= range.to);
		if (!mine) return [...(await recordsInRange.call(this, range, i)), ...index.created];
		mine.records ??= recordsInRange.call(this, mine, i);
		return [...(await mine.records), ...index.created];
	};
	const notHonoured = (error: unknown) => (error instanceof FilterNotHonoured ? undefined : Promise.reject(error));
	const found = await inRange().catch(notHonoured);
	if (found) return found;
	const marked = await recordsWithMarkerText.call(this, key, i).catch(notHonoured);
	if (marked) return marked;
	throw filterError.call(this, i);
}

/**
 * The oldest phone record that is this call, or undefined. `fresh` reads again instead of using what the
 * execution read before (for the look after a create, which must see other executions' records).
 */
export async function findSameCall(
	this: IExecuteFunctions,
	p: Plan,
	secret: string,
	i: number,
	allRanges: () => TimeRange[],
	fresh = false,
): Promise<ActionstepRecord | undefined> {
	if (p.identity.kind === 'none') return undefined;
	const key = p.identity.key;
	const records = await candidates.call(this, p, i, allRanges, fresh);
	return records.filter((r) => markerOf(r.notes, key, secret)).sort((a, b) => a.id - b.id)[0];
}

const running = new WeakMap<object, Map<string, Promise<unknown>>>();

/** Runs `task` after any earlier task of this execution with the same call key has settled. */
export async function oneCallAtATime<T>(ctx: IExecuteFunctions, key: string | undefined, task: () => Promise<T>): Promise<T> {
	if (key === undefined) return await task();
	let byKey = running.get(ctx);
	if (!byKey) {
		byKey = new Map();
		running.set(ctx, byKey);
	}
	const before = byKey.get(key) ?? Promise.resolve();
	const mine = before.catch(() => undefined).then(task);
	byKey.set(key, mine);
	try {
		return await mine;
	} finally {
		if (byKey.get(key) === mine) byKey.delete(key);
	}
}
