import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { Rounding } from '../../../../helpers/billing';
import { FieldError } from '../../../../helpers/interfaces';
import type { CountryRule } from '../../../../helpers/phoneNumbers';
import { countryRule } from '../../../../helpers/phoneNumbers';
import { isGiven, optionalBoolean, optionalId, optionalNonNegative, optionalText, preview, requireId } from '../../../../helpers/validation';
import { locatorValue } from '../../../common';
import type { CallIdentity } from '../rules/identity';
import type { DelayUnit } from '../rules/callback';
import { DELAY_UNITS } from '../rules/callback';
import { identityOfCall } from '../rules/identity';
import type { NotePart } from '../rules/notes';
import { DEFAULT_NOTE_PARTS } from '../rules/notes';
import { decideOutcome } from '../rules/outcome';
import type { OtherParty } from '../rules/party';
import { otherParty } from '../rules/party';
import { AUTO_SOURCE, CALL_SOURCES, locateEvent, sourceById, unrecognised } from '../sources';
import { GENERIC_MAPPING, generic } from '../sources/generic';
import type { CallEvent, ReadContext } from '../sources/types';

/** Log Call's parameters and the event, read and checked into a Plan (or a reason to skip) before any request. */

type MatterMode = 'given' | 'mostRecent' | 'onlyOpen' | 'mostRecentAny' | 'none';
const MATTER_MODES: readonly MatterMode[] = ['given', 'mostRecent', 'onlyOpen', 'mostRecentAny', 'none'];
/** What to do with a caller whose number no participant has. */
export type UnknownCaller = 'logName' | 'skip' | 'createParticipant';
const UNKNOWN_CALLER: readonly UnknownCaller[] = ['logName', 'skip', 'createParticipant'];
/** Longest call-back delay: a month of minutes, 500 (business) hours. */
const MAX_DELAY = { minutes: 44_640, hours: 500, businessHours: 500 } as const;
type MultipleMatches = 'error' | 'first' | 'mostRecentMatter' | 'useName';

/** The outcome of a call known only to have ended (until a later event or the record's start tells more). */
export const ENDED = 'Call ended';

export interface Plan {
	call: CallEvent;
	/** How the source was chosen, for `decisions`. */
	sourceHow: string;
	timeZone: string;
	country?: CountryRule;
	party: OtherParty;
	outcome: string;
	outcomeHow: string;
	identity: CallIdentity;
	notesInclude: NotePart[];
	matchParticipant: boolean;
	multipleMatches: MultipleMatches;
	unknownCaller: UnknownCaller;
	matterMode: MatterMode;
	givenMatter?: number;
	firmParticipant?: number;
	dedupe: boolean;
	/** A task to call back after a missed call or a voicemail. */
	callBack?: { assignee?: number; delay: number; unit: DelayUnit };
	/** A file note with the event's AI summary or transcript. */
	fileNote: boolean;
	timeEntry?: {
		owner?: number;
		isBillable: boolean;
		/** Created non-billable, its description saying it awaits review. */
		holdForReview: boolean;
		rounding: Rounding;
		unitMinutes: number;
		description?: string;
	};
}

/** An event that writes nothing, and why. */
export interface Skip {
	skip: string;
	kind: string;
	source: string;
	callId?: string;
	sourceHow: string;
}

function oneOf<T extends string>(value: unknown, allowed: readonly T[], field: string, fallback: T): T {
	if (value === undefined || value === null || value === '') return fallback;
	if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) return value as T;
	throw new FieldError(field, `must be one of ${allowed.join(', ')}, got ${preview(value)}`);
}

const COUNTRIES = ['AU', 'CA', 'GB', 'HK', 'IE', 'NZ', 'SG', 'US', 'ZA', 'none'] as const;

function readEvent(this: IExecuteFunctions, sourceId: string, context: ReadContext, i: number) {
	const raw = this.getNodeParameter('callData', i, undefined) as unknown;
	const mapped = sourceId === generic.id && GENERIC_MAPPING.some((name) => isGiven(context.mapping[name]));
	if (!isGiven(raw) || (typeof raw === 'object' && raw !== null && !Array.isArray(raw) && Object.keys(raw).length === 0)) {
		if (mapped) return { reading: generic.read({}, context), source: generic, note: undefined, aiNote: undefined };
		throw new FieldError('callData', 'is empty', 'Map the call event, e.g. {{ $json }}.');
	}
	const located = locateEvent(raw, sourceId);
	if ('source' in located) return { reading: located.source.read(located.event, context), source: located.source, note: located.note, aiNote: located.aiNote };
	// Generic calls may take everything from mapped parameters: the data is then just what expressions read.
	if (mapped && located.outermost) return { reading: generic.read(located.outermost, context), source: generic, note: undefined, aiNote: undefined };
	throw unrecognised(sourceId);
}

export function plan(this: IExecuteFunctions, i: number): Plan | Skip {
	const sourceId = this.getNodeParameter('source', i, AUTO_SOURCE) as string;
	if (sourceId !== AUTO_SOURCE && !sourceById(sourceId)) {
		throw new FieldError('source', `must be one of ${[AUTO_SOURCE, ...CALL_SOURCES.map((s) => s.id)].join(', ')}, got ${preview(sourceId)}`);
	}
	const options = this.getNodeParameter('options', i, {}) as IDataObject;
	const timeZone = optionalText(options.timeZone, 'timeZone', { max: 64 }) ?? this.getTimezone();
	const mapping: Record<string, unknown> = {};
	if (sourceId === generic.id) for (const name of GENERIC_MAPPING) mapping[name] = this.getNodeParameter(name, i, '') as unknown;
	const context: ReadContext = {
		timeZone,
		durationBasis: oneOf(options.durationBasis, ['talk', 'total'], 'durationBasis', 'talk'),
		includeInternal: optionalBoolean(options.includeInternal, 'includeInternal') ?? false,
		mapping,
	};
	const { reading, source, note, aiNote } = readEvent.call(this, sourceId, context, i);
	const sourceHow = sourceId === AUTO_SOURCE ? `detected: ${source.name}` : `chosen: ${source.name}`;
	if ('skip' in reading) return { ...reading, source: source.id, sourceHow };
	const call: CallEvent = { ...reading.call, agentNote: note ?? reading.call.agentNote, aiNote: aiNote ?? reading.call.aiNote };

	const country = countryRule(oneOf(options.defaultCountry, COUNTRIES, 'defaultCountry', 'AU'));
	const party = otherParty(call.otherNumber, call.otherName, country);

	const outcomeMap = ((options.outcomeMap as IDataObject | undefined)?.mappings ?? []) as Array<{ result?: unknown; outcome?: unknown }>;
	const fixedOutcome = optionalText(options.outcome, 'outcome', { max: 255 });
	const outcome =
		call.phase === 'inProgress'
			? { outcome: 'In progress', how: `${call.kind}: the call is still going` }
			: call.phase === 'ended' && !call.result && !fixedOutcome
				? { outcome: ENDED, how: `${call.kind}: the event tells only that the call ended` }
				: decideOutcome(call.result, call.durationSeconds, outcomeMap, fixedOutcome);

	const matterMode = oneOf<MatterMode>(this.getNodeParameter('matterMode', i, 'none'), MATTER_MODES, 'matterMode', 'none');
	const givenMatter = matterMode === 'given' ? requireId(locatorValue.call(this, 'matter', i), 'matter') : undefined;

	let timeEntry: Plan['timeEntry'];
	if (optionalBoolean(this.getNodeParameter('createTimeEntry', i, false), 'createTimeEntry')) {
		const te = this.getNodeParameter('timeEntryOptions', i, {}) as IDataObject;
		timeEntry = {
			owner: optionalId(te.owner, 'owner'),
			isBillable: optionalBoolean(te.isBillable, 'isBillable') ?? true,
			holdForReview: optionalBoolean(te.holdForReview, 'holdForReview') ?? false,
			rounding: oneOf<Rounding>(te.rounding, ['none', 'nearest', 'up'], 'rounding', 'up'),
			unitMinutes: optionalNonNegative(te.unitMinutes, 'unitMinutes', 60) || 6,
			description: optionalText(te.description, 'description', { max: 4000, multiline: true }),
		};
	}

	const matchParticipant = optionalBoolean(options.matchParticipant, 'matchParticipant') ?? true;
	const unknownCaller = oneOf<UnknownCaller>(options.unknownCaller, UNKNOWN_CALLER, 'unknownCaller', 'logName');
	if (unknownCaller !== 'logName' && !matchParticipant) {
		throw new FieldError('unknownCaller', `is "${unknownCaller}", which needs "Match Participant by Phone" on: without a look-up no caller is known or unknown`);
	}

	return {
		call,
		sourceHow,
		timeZone,
		country,
		party,
		outcome: outcome.outcome.slice(0, 255),
		outcomeHow: outcome.how,
		identity: identityOfCall({
			source: call.source,
			callId: call.callId,
			epochMs: (call.start ?? call.end)?.epochMs,
			direction: call.direction,
			phone: party.phone,
			name: party.name,
		}),
		notesInclude: (options.notesInclude ?? DEFAULT_NOTE_PARTS) as NotePart[],
		matchParticipant,
		unknownCaller,
		multipleMatches: oneOf<MultipleMatches>(options.multipleMatches, ['error', 'first', 'mostRecentMatter', 'useName'], 'multipleMatches', 'mostRecentMatter'),
		matterMode,
		givenMatter,
		firmParticipant: optionalId(options.firmParticipant, 'firmParticipant'),
		dedupe: optionalBoolean(options.dedupe, 'dedupe') ?? true,
		callBack: callBackOf.call(this, i),
		fileNote: optionalBoolean(options.fileNoteForAiNote, 'fileNoteForAiNote') ?? false,
		timeEntry,
	};
}

/** The call-back task's settings, when the task is asked for. */
function callBackOf(this: IExecuteFunctions, i: number): Plan['callBack'] {
	if (!optionalBoolean(this.getNodeParameter('createCallBackTask', i, false), 'createCallBackTask')) return undefined;
	const o = this.getNodeParameter('callBackTaskOptions', i, {}) as IDataObject;
	const unit = oneOf<DelayUnit>(o.dueUnit, DELAY_UNITS, 'dueUnit', 'hours');
	const delay = optionalNonNegative(o.dueIn, 'dueIn', MAX_DELAY[unit]) ?? 2;
	return { assignee: optionalId(o.assignee, 'assignee'), delay, unit };
}

export function isSkip(p: Plan | Skip): p is Skip {
	return 'skip' in p;
}

/** The output of an event that wrote nothing; `decisions` adds what was looked up before deciding so. */
export function skippedOutput(s: Skip, decisions: IDataObject = {}): IDataObject {
	return {
		status: 'skipped',
		skipReason: s.skip,
		phoneRecord: null,
		participant: null,
		matter: null,
		timeEntry: null,
		duplicate: false,
		call: { source: s.source, kind: s.kind, callId: s.callId ?? null },
		decisions: { source: s.sourceHow, skipped: s.skip, ...decisions },
	};
}

/** The call as the output shows it. */
export function callSummary(p: Plan): IDataObject {
	return {
		source: p.call.source,
		kind: p.call.kind,
		callId: p.call.callId ?? null,
		identity: p.identity.kind === 'none' ? null : p.identity.key,
		direction: p.call.direction,
		phase: p.call.phase,
		callTimestamp: (p.call.start ?? p.call.end)?.text ?? null,
		durationSeconds: p.call.durationSeconds ?? null,
		phoneNumber: p.party.phoneText ?? null,
		extension: p.party.extension ?? null,
		name: p.party.name ?? null,
		callerIdLabel: p.party.label ?? null,
		withheld: p.party.withheld,
		result: p.call.result ?? null,
		outcome: p.outcome,
	};
}
