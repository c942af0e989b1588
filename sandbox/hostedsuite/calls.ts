/**
 * HostedSuite call records as pure functions: the seeded calls, a call's CallRecordInfo, and the answer of
 * ListCallRecordsRequest (POST /api/calls): its body filters StartDate, EndDate, ClientId, CenterId,
 * CallRecordId, MinCallDuration/MaxCallDuration (talk seconds), CallType and paging Page, ItemsPerPage,
 * SortField, SortDir (DisableStats is accepted and has nothing to disable in a bare array). What is published and
 * what is assumed: sandbox/FIDELITY.md.
 */
import { formatInstant, parseInstant, wallClockInstant, zoneOffsetMinutes } from '../time';
import type { CallRecordInfo, HsCall, HsCallSpec } from './types';

/** The firm as HostedSuite's client (the answering service's customer), the centre that takes its calls. */
export const CLIENT_ID = '552';
export const CLIENT_NAME = 'Harbourside Legal';
export const CENTER_ID = '3';
const SERVER = 'hs-sandbox-01';
const DEFAULT_PER_PAGE = 100;
const MAX_PER_PAGE = 1000;

/** A refused request, answered in ServiceStack's shape {ResponseStatus: {ErrorCode, Message, Errors}}. */
export class HsRequestError extends Error {
	constructor(
		readonly status: number,
		readonly errorCode: string,
		message: string,
		readonly fieldName?: string,
	) {
		super(message);
	}
}

/**
 * The calls every start (and reset) has, for the Actionstep seed's participants, ending minutes before `nowMs`:
 * a known client with an open matter, an unknown caller, an outbound call back, and one hours old (outside a
 * short polling window).
 */
export const SEED_CALLS: readonly HsCallSpec[] = Object.freeze([
	{
		// Michael Smith (105), hours ago.
		callerNumber: '0491 570 110',
		callerName: 'MICHAEL SMITH',
		endedMinutesAgo: 180,
		talkSeconds: 200,
		notes: 'Asked whether settlement is still on for the 28th.',
	},
	{
		// Wei Chen (107): matter 2003 (Wills & Estates, Priya Patel), put through to Priya after a hold.
		callerNumber: '(03) 7010 4421',
		callerName: 'WEI CHEN',
		endedMinutesAgo: 12,
		ringSeconds: 12,
		talkSeconds: 361,
		holdSeconds: 79,
		transferSeconds: 5,
		workSeconds: 30,
		notes: 'Wants to update the will after the sale of the Carlton unit. Call back after 3pm.',
		transferToName: 'Priya Patel',
		transferToNumber: '02 5550 0103',
	},
	{
		// Nobody in Actionstep has this number.
		callerNumber: '0491 570 188',
		callerName: 'ALEX MORGAN',
		endedMinutesAgo: 7,
		ringSeconds: 9,
		talkSeconds: 48,
		notes: 'New enquiry: a fence dispute with a neighbour. Wants a call back.',
	},
	{
		// The agent returns Aroha Ngata's (108) call for Emma Smith: matter 2004.
		type: 'Outgoing',
		callerNumber: '+64 9 555 0142',
		callerName: 'Aroha Ngata',
		endedMinutesAgo: 3,
		ringSeconds: 14,
		talkSeconds: 95,
		notes: 'Returned her call for Emma: the trustee meeting moves to Friday 10am.',
	},
]);

/** Fills in the defaults and gives the call its id and start. */
export function buildCall(spec: HsCallSpec, n: number, nowMs: number): HsCall {
	const s = {
		type: spec.type ?? 'Incoming',
		callerNumber: spec.callerNumber,
		callerName: spec.callerName ?? '',
		ringSeconds: spec.ringSeconds ?? 10,
		talkSeconds: spec.talkSeconds ?? 180,
		holdSeconds: spec.holdSeconds ?? 0,
		transferSeconds: spec.transferSeconds ?? 0,
		workSeconds: spec.workSeconds ?? 20,
		notes: spec.notes ?? '',
		answeredBy: spec.answeredBy ?? 'Jess',
		transferToName: spec.transferToName ?? '',
		transferToNumber: spec.transferToNumber ?? '',
	} satisfies HsCall['spec'];
	const startMs = spec.startTime ? parseInstant(spec.startTime)?.ms : Math.floor(nowMs / 1000) * 1000 - ((spec.endedMinutesAgo ?? 1) * 60 + durationOf(s)) * 1000;
	if (startMs === undefined) throw new HsRequestError(400, 'ArgumentException', `startTime ${JSON.stringify(spec.startTime).slice(0, 60)} is not an ISO 8601 time`, 'startTime');
	return { id: `HS-${88300 + n}`, startMs, spec: s };
}

/** DurationInSeconds: ring, talk, hold and transfer; after-call work is counted apart (WorkTimeInSeconds). Assumed. */
function durationOf(s: HsCall['spec']): number {
	return s.ringSeconds + s.talkSeconds + s.holdSeconds + s.transferSeconds;
}

/** `YYYY-MM-DD HH:mm:ss` in the account's zone, no offset (StartTime is a string whose zone HostedSuite does not state). */
export function wallClock(ms: number, timeZone: string): string {
	return formatInstant(ms, zoneOffsetMinutes(ms, timeZone)).slice(0, 19).replace('T', ' ');
}

export function callRecordInfo(call: HsCall, timeZone: string): CallRecordInfo {
	const s = call.spec;
	const at = (seconds: number) => wallClock(call.startMs + seconds * 1000, timeZone);
	const answered = s.ringSeconds;
	const interactions: CallRecordInfo['Interactions'] = [
		{ StartTime: at(0), Type: 'Ring', Description: s.type === 'Incoming' ? `Call from ${s.callerNumber}` : `Dialled ${s.callerNumber}` },
		{ StartTime: at(answered), Type: 'Answer', Description: `Answered by ${s.answeredBy}` },
	];
	if (s.holdSeconds) interactions.push({ StartTime: at(answered + 30), Type: 'Hold', Description: `On hold ${s.holdSeconds} s` });
	if (s.transferToName) interactions.push({ StartTime: at(durationOf(s) - s.transferSeconds), Type: 'Transfer', Description: `Transferred to ${s.transferToName}` });
	return {
		Id: call.id,
		ClientId: CLIENT_ID,
		ClientName: CLIENT_NAME,
		CenterId: CENTER_ID,
		StartTime: at(0),
		CallerName: s.callerName,
		CallerNumber: s.callerNumber,
		TransferToName: s.transferToName,
		TransferToNumber: s.transferToNumber,
		Notes: s.notes,
		DurationInSeconds: durationOf(s),
		RingTimeInSeconds: s.ringSeconds,
		HoldTimeInSeconds: s.holdSeconds,
		HoldCount: s.holdSeconds ? 1 : 0,
		Interactions: interactions,
		AnsweredBy: s.answeredBy,
		Server: SERVER,
		TalkTimeInSeconds: s.talkSeconds,
		TransferTimeInSeconds: s.transferSeconds,
		ScreenPop: '',
		CompletedFormIds: [],
		Flagged: false,
		FlagNotes: '',
		Type: s.type,
		WorkTimeInSeconds: s.workSeconds,
	};
}

const bad = (field: string, message: string) => new HsRequestError(400, 'ArgumentException', message, field);

/** A date filter: ISO 8601 with an offset is that instant; without one it is the account's wall clock. */
function dateFilter(body: Record<string, unknown>, field: string, timeZone: string): number | undefined {
	const v = body[field];
	if (v === undefined || v === null || v === '') return undefined;
	const parsed = typeof v === 'string' ? parseInstant(v.slice(0, 40)) : null;
	if (!parsed) throw bad(field, `${field} is not a date and time: ${JSON.stringify(v).slice(0, 40)}`);
	return parsed.offsetMinutes === null ? wallClockInstant(parsed.ms, timeZone) : parsed.ms;
}

/** A whole number given as a number or a numeric text (ServiceStack binds both). */
function wholeNumber(body: Record<string, unknown>, field: string, min: number): number | undefined {
	const v = body[field];
	if (v === undefined || v === null || v === '') return undefined;
	const n = typeof v === 'number' ? v : typeof v === 'string' && /^-?\d{1,9}$/.test(v.trim()) ? Number(v) : NaN;
	if (!Number.isInteger(n) || n < min) throw bad(field, `${field} must be a whole number of at least ${min}: ${JSON.stringify(v).slice(0, 40)}`);
	return n;
}

function optionalText(body: Record<string, unknown>, field: string): string | undefined {
	const v = body[field];
	if (v === undefined || v === null || v === '') return undefined;
	if (typeof v !== 'string' && typeof v !== 'number') throw bad(field, `${field} must be text`);
	return String(v);
}

const SORTABLE = ['StartTime', 'Id', 'CallerName', 'CallerNumber', 'DurationInSeconds', 'TalkTimeInSeconds'] as const;

/** The page of CallRecordInfo a ListCallRecordsRequest body asks for: a bare array (an assumption, FIDELITY.md). */
export function listCallRecords(calls: readonly HsCall[], body: Record<string, unknown>, timeZone: string): CallRecordInfo[] {
	const from = dateFilter(body, 'StartDate', timeZone);
	const to = dateFilter(body, 'EndDate', timeZone);
	const callRecordId = optionalText(body, 'CallRecordId');
	const clientId = optionalText(body, 'ClientId');
	const centerId = optionalText(body, 'CenterId');
	const minTalk = wholeNumber(body, 'MinCallDuration', 0);
	const maxTalk = wholeNumber(body, 'MaxCallDuration', 0);
	const callType = optionalText(body, 'CallType');
	if (callType !== undefined && callType !== 'Incoming' && callType !== 'Outgoing') throw bad('CallType', `CallType must be Incoming or Outgoing (or null for both): ${callType.slice(0, 40)}`);
	const page = wholeNumber(body, 'Page', 1) ?? 1;
	const perPage = Math.min(wholeNumber(body, 'ItemsPerPage', 1) ?? DEFAULT_PER_PAGE, MAX_PER_PAGE);
	const sortField = optionalText(body, 'SortField') ?? 'StartTime';
	const field = SORTABLE.find((f) => f.toLowerCase() === sortField.toLowerCase());
	if (!field) throw bad('SortField', `SortField must be one of ${SORTABLE.join(', ')}: ${sortField.slice(0, 40)}`);
	const sortDir = optionalText(body, 'SortDir') ?? 'Desc';
	if (!/^(asc|desc)$/i.test(sortDir)) throw bad('SortDir', `SortDir must be Asc or Desc: ${sortDir.slice(0, 40)}`);

	const records = calls
		.filter((c) => (from === undefined || c.startMs >= from) && (to === undefined || c.startMs <= to))
		.filter((c) => (callRecordId === undefined || c.id === callRecordId) && (callType === undefined || c.spec.type === callType))
		.filter((c) => (minTalk === undefined || c.spec.talkSeconds >= minTalk) && (maxTalk === undefined || c.spec.talkSeconds <= maxTalk))
		.filter(() => (clientId === undefined || clientId === CLIENT_ID) && (centerId === undefined || centerId === CENTER_ID))
		.map((c) => ({ c, r: callRecordInfo(c, timeZone) }));
	const key = (x: (typeof records)[number]) => (field === 'StartTime' ? x.c.startMs : x.r[field]);
	const sign = /^asc$/i.test(sortDir) ? 1 : -1;
	records.sort((a, b) => {
		const ka = key(a);
		const kb = key(b);
		const order = typeof ka === 'number' && typeof kb === 'number' ? ka - kb : String(ka).localeCompare(String(kb));
		return sign * (order || a.c.id.localeCompare(b.c.id));
	});
	return records.slice((page - 1) * perPage, page * perPage).map((x) => x.r);
}
