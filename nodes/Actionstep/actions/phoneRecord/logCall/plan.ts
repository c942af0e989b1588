import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { Rounding } from '../../../helpers/billing';
import { unwrapCallData } from '../../../helpers/callData';
import type { CallEvent, CallSource } from '../../../helpers/callEvents';
import { CALL_SOURCES } from '../../../helpers/callEvents';
import type { CallIdentity } from '../../../helpers/callIdentity';
import { callIdLine, identityOfCall } from '../../../helpers/callIdentity';
import type { NotePart } from '../../../helpers/callNotes';
import { composeNotes, DEFAULT_NOTE_PARTS } from '../../../helpers/callNotes';
import { decideOutcome } from '../../../helpers/callOutcome';
import type { DurationBasis, GenericMapping } from '../../../helpers/callSources';
import { fromGeneric, fromHostedSuite, fromRingCentral } from '../../../helpers/callSources';
import { resolveCallTime } from '../../../helpers/callTime';
import { FieldError } from '../../../helpers/interfaces';
import type { CountryRule, PhoneNumber } from '../../../helpers/phoneNumbers';
import { countryRule, displayNumber, parsePhoneNumber } from '../../../helpers/phoneNumbers';
import { isGiven, optionalBoolean, optionalId, optionalNonNegative, optionalText, preview, requireId } from '../../../helpers/validation';
import { locatorValue } from '../../common';

/** Log Call's parameters, read and checked into a Plan before any request. */

type MatterMode = 'given' | 'mostRecent' | 'none';
type MultipleMatches = 'error' | 'first' | 'mostRecentMatter' | 'useName';

export interface Plan {
	call: CallEvent;
	callTimestamp: string;
	timeHow: string;
	timeZone: string;
	country?: CountryRule;
	phone?: PhoneNumber;
	phoneText?: string;
	outcome: string;
	outcomeHow: string;
	identity: CallIdentity;
	notes?: string;
	matchParticipant: boolean;
	multipleMatches: MultipleMatches;
	matterMode: MatterMode;
	givenMatter?: number;
	firmParticipant?: number;
	dedupe: boolean;
	timeEntry?: {
		owner?: number;
		isBillable: boolean;
		rounding: Rounding;
		unitMinutes: number;
		description?: string;
	};
}

function oneOf<T extends string>(value: unknown, allowed: readonly T[], field: string, fallback: T): T {
	if (value === undefined || value === null || value === '') return fallback;
	if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) return value as T;
	throw new FieldError(field, `must be one of ${allowed.join(', ')}, got ${preview(value)}`);
}

export function oneLine(value: string | undefined, max: number): string | undefined {
	if (!value) return undefined;
	const flat = Array.from(value, (ch) => (ch.charCodeAt(0) < 32 || ch.charCodeAt(0) === 127 ? ' ' : ch))
		.join('')
		.replace(/\s+/g, ' ')
		.trim();
	return flat ? flat.slice(0, max) : undefined;
}

function readCall(this: IExecuteFunctions, source: CallSource, options: IDataObject, i: number): CallEvent {
	const raw = this.getNodeParameter('callData', i, undefined) as unknown;
	if (source === 'generic') {
		const mapping: GenericMapping = {};
		for (const name of ['callDirection', 'callTime', 'callDuration', 'otherNumber', 'otherName', 'callNotes', 'callId', 'callResult', 'recordingLink'] as const) {
			mapping[name] = this.getNodeParameter(name, i, '') as unknown;
		}
		const data = isGiven(raw) && !(typeof raw === 'object' && raw !== null && Object.keys(raw).length === 0)
			? unwrapCallData(raw, 'generic', 'callData', true)
			: undefined;
		return fromGeneric(data, mapping);
	}
	if (!isGiven(raw)) throw new FieldError('callData', 'is empty', 'Map the call event, e.g. {{ $json }}.');
	const data = unwrapCallData(raw, source);
	if (source === 'hostedsuite') {
		return fromHostedSuite(data, oneOf<DurationBasis>(options.durationBasis, ['talk', 'total'], 'durationBasis', 'talk'));
	}
	return fromRingCentral(data);
}

export function plan(this: IExecuteFunctions, i: number): Plan {
	const source = this.getNodeParameter('source', i) as CallSource;
	if (!CALL_SOURCES.includes(source)) throw new FieldError('source', `must be one of ${CALL_SOURCES.join(', ')}`);
	const options = this.getNodeParameter('options', i, {}) as IDataObject;
	const call = readCall.call(this, source, options, i);

	const timeZone = optionalText(options.timeZone, 'timeZone', { max: 64 }) ?? this.getTimezone();
	const time = resolveCallTime(call.start, timeZone);
	const countryCode = oneOf(options.defaultCountry, ['AU', 'CA', 'GB', 'HK', 'IE', 'NZ', 'SG', 'US', 'ZA', 'none'], 'defaultCountry', 'AU');
	const country = countryRule(countryCode);
	const phone = parsePhoneNumber(call.otherNumber, country);
	const phoneText = oneLine(displayNumber(phone, call.otherNumber), 50);

	const outcomeMap = ((options.outcomeMap as IDataObject | undefined)?.mappings ?? []) as Array<{ result?: unknown; outcome?: unknown }>;
	const fixedOutcome = optionalText(options.outcome, 'outcome', { max: 255 });
	const outcome = decideOutcome(call.result, call.durationSeconds, outcomeMap, fixedOutcome);

	const identity = identityOfCall({
		source,
		callId: call.callId,
		epochMs: time.epochMs,
		direction: call.direction,
		phone,
		name: oneLine(call.otherName, 255),
	});
	const notesInclude = (options.notesInclude ?? DEFAULT_NOTE_PARTS) as NotePart[];
	const notes = composeNotes(call, notesInclude, identity.kind === 'callId' ? callIdLine(identity.key) : undefined);

	const matterMode = oneOf<MatterMode>(this.getNodeParameter('matterMode', i, 'none'), ['given', 'mostRecent', 'none'], 'matterMode', 'none');
	const givenMatter = matterMode === 'given' ? requireId(locatorValue.call(this, 'matter', i), 'matter') : undefined;

	let timeEntry: Plan['timeEntry'];
	if (optionalBoolean(this.getNodeParameter('createTimeEntry', i, false), 'createTimeEntry')) {
		const te = this.getNodeParameter('timeEntryOptions', i, {}) as IDataObject;
		timeEntry = {
			owner: optionalId(te.owner, 'owner'),
			isBillable: optionalBoolean(te.isBillable, 'isBillable') ?? true,
			rounding: oneOf<Rounding>(te.rounding, ['none', 'nearest', 'up'], 'rounding', 'up'),
			unitMinutes: optionalNonNegative(te.unitMinutes, 'unitMinutes', 60) || 6,
			description: optionalText(te.description, 'description', { max: 4000, multiline: true }),
		};
	}

	return {
		call,
		callTimestamp: time.text,
		timeHow: time.how,
		timeZone,
		country,
		phone,
		phoneText,
		outcome: oneLine(outcome.outcome, 255) ?? 'Call completed',
		outcomeHow: outcome.how,
		identity,
		notes,
		matchParticipant: optionalBoolean(options.matchParticipant, 'matchParticipant') ?? true,
		multipleMatches: oneOf<MultipleMatches>(
			options.multipleMatches,
			['error', 'first', 'mostRecentMatter', 'useName'],
			'multipleMatches',
			'mostRecentMatter',
		),
		matterMode,
		givenMatter,
		firmParticipant: optionalId(options.firmParticipant, 'firmParticipant'),
		dedupe: optionalBoolean(options.dedupe, 'dedupe') ?? true,
		timeEntry,
	};
}

export function callSummary(p: Plan): IDataObject {
	return {
		source: p.call.source,
		callId: p.call.callId ?? null,
		identity: p.identity.kind === 'callId' ? callIdLine(p.identity.key) : null,
		direction: p.call.direction,
		callTimestamp: p.callTimestamp,
		durationSeconds: p.call.durationSeconds ?? null,
		phoneNumber: p.phoneText ?? null,
		name: p.call.otherName ?? null,
		result: p.call.result ?? null,
		outcome: p.outcome,
	};
}
