import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { ActionstepRecord } from '../../../../helpers/interfaces';
import { spacedNumber } from '../../../../helpers/phoneNumbers';
import { instantInZone } from '../../../../helpers/time';
import { fileNoteCreateBody, fileNoteSpec } from '../../../fileNote/spec';
import { taskCreateBody, taskSpec } from '../../../task/spec';
import { callBackDue, callBackName, describeDelay, needsCallBack } from '../rules/callback';
import { markerLine } from '../rules/identity';
import { callText } from '../rules/notes';
import { markedOnce } from './markedOnce';
import type { Plan } from './plan';

/**
 * What a firm does after a call besides the phone record: a call-back task for a call nobody talked
 * through, a file note with the AI summary. Each on the record's matter, each at most once per call
 * (markedOnce), each reported in `decisions` when asked for.
 */

/** A file note's text stays well within what Actionstep takes (the File Note resource allows 100,000). */
const MAX_NOTE_TEXT = 90_000;

export interface FollowUps {
	task?: ActionstepRecord | null;
	fileNote?: ActionstepRecord | null;
	decisions: IDataObject;
}

/** When the call ended: as the event tells, or its start plus its length. */
function endOfCall(p: Plan, record: ActionstepRecord): number {
	if (p.call.end) return p.call.end.epochMs;
	const start = p.call.start?.epochMs ?? Date.parse(String(record.callTimestamp ?? ''));
	const seconds = p.call.durationSeconds ?? (Number(record.actualHours ?? 0) || 0) * 3600;
	return (Number.isFinite(start) ? start : Date.now()) + Math.round(seconds) * 1000;
}

function matterOf(record: ActionstepRecord): number | undefined {
	const action = (record.links as IDataObject | undefined)?.action;
	return typeof action === 'number' ? action : undefined;
}

async function callBackTask(
	this: IExecuteFunctions,
	p: Plan,
	record: ActionstepRecord,
	firm: number,
	who: string,
	secret: string,
	i: number,
): Promise<{ task: ActionstepRecord | null; how: string }> {
	const cb = p.callBack!;
	if (p.call.phase === 'inProgress') return { task: null, how: 'not yet: the call is still going' };
	const outcome = String(record.outcome ?? p.outcome);
	if (!needsCallBack(outcome)) return { task: null, how: `not needed: the outcome is "${outcome}"` };
	const matter = matterOf(record);
	if (matter === undefined) return { task: null, how: 'none: the call is not on a matter, and Actionstep tasks need one' };
	const key = p.identity.kind === 'none' ? undefined : p.identity.key;
	const number = p.party.phone ? spacedNumber(p.party.phone) : p.party.phoneText;
	const due = callBackDue(endOfCall(p, record), cb.delay, cb.unit, p.timeZone);
	const time = p.call.start ?? p.call.end;
	const lines = [
		`${outcome} ${p.call.direction === 'in' ? 'from' : 'to'} ${who}${number && number !== who ? ` (${number})` : ''}${time ? ` at ${time.text}` : ''}: phone record ${record.id}.`,
		p.call.agentNote ? callText(p.call.agentNote, 2_000) : '',
		key ? markerLine(key, secret, Date.now()) : '',
	].filter(Boolean);
	const assignee = cb.assignee ?? firm;
	const body = taskCreateBody(
		{ matter, name: callBackName(who, number), assignee, dueTimestamp: instantInZone(due, p.timeZone), description: lines.join('\n').slice(-4000) },
		p.timeZone,
	);
	const written = await markedOnce.call(this, { collection: taskSpec.collection, field: 'description', matter, key, secret }, body, i);
	const forWhom = cb.assignee ? `participant ${assignee} (given)` : `the firm's side of the call, participant ${assignee}`;
	const how = written.created ? `${written.how} for ${forWhom}, due ${describeDelay(cb.delay, cb.unit)} after the call` : written.how;
	return { task: written.record, how };
}

async function summaryNote(
	this: IExecuteFunctions,
	p: Plan,
	record: ActionstepRecord,
	secret: string,
	i: number,
): Promise<{ fileNote: ActionstepRecord | null; how: string }> {
	const summary = p.call.aiNote ? callText(p.call.aiNote, MAX_NOTE_TEXT) : '';
	if (!summary) return { fileNote: null, how: 'none: the event has no AI summary or transcript' };
	const matter = matterOf(record);
	if (matter === undefined) return { fileNote: null, how: 'none: the call is not on a matter, and file notes need one' };
	const key = p.identity.kind === 'none' ? undefined : p.identity.key;
	const time = p.call.start ?? p.call.end;
	const text = key ? `${summary}\n\n${markerLine(key, secret, Date.now())}` : summary;
	const body = fileNoteCreateBody({ matter, text, noteTimestamp: time?.text ?? record.callTimestamp }, p.timeZone, Date.now());
	const written = await markedOnce.call(this, { collection: fileNoteSpec.collection, field: 'text', matter, key, secret }, body, i);
	return { fileNote: written.record, how: written.created ? `${written.how}, dated at the call` : written.how };
}

/** The follow-ups asked for, for a call whose record is `record` (on its matter, if any). */
export async function followUps(
	this: IExecuteFunctions,
	p: Plan,
	record: ActionstepRecord,
	firm: number,
	who: string,
	secret: string,
	i: number,
): Promise<FollowUps> {
	const out: FollowUps = { decisions: {} };
	if (p.callBack) {
		const { task, how } = await callBackTask.call(this, p, record, firm, who, secret, i);
		out.task = task;
		out.decisions.callBackTask = how;
	}
	if (p.fileNote) {
		const { fileNote, how } = await summaryNote.call(this, p, record, secret, i);
		out.fileNote = fileNote;
		out.decisions.fileNote = how;
	}
	return out;
}

/** The output fields of the follow-ups asked for (none when none were). */
export function followUpFields(f: FollowUps): IDataObject {
	const fields: IDataObject = {};
	if (f.task !== undefined) fields.task = f.task;
	if (f.fileNote !== undefined) fields.fileNote = f.fileNote;
	return fields;
}
