import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { optionsCollection } from '../../descriptions/common';
import { matterLocator } from '../../descriptions/rlc';
import { billableHours, callHours } from '../../helpers/billing';
import type { Rounding } from '../../helpers/billing';
import { unwrapCallData } from '../../helpers/callData';
import type { CallEvent, CallSource } from '../../helpers/callEvents';
import { CALL_SOURCES } from '../../helpers/callEvents';
import type { NotePart } from '../../helpers/callNotes';
import { composeNotes, DEFAULT_NOTE_PARTS } from '../../helpers/callNotes';
import { decideOutcome } from '../../helpers/callOutcome';
import type { DurationBasis, GenericMapping } from '../../helpers/callSources';
import { fromGeneric, fromHostedSuite, fromRingCentral } from '../../helpers/callSources';
import { resolveCallTime } from '../../helpers/callTime';
import type { CallIdentity } from '../../helpers/callIdentity';
import { callIdLine, identityOfCall } from '../../helpers/callIdentity';
import type { ActionstepRecord } from '../../helpers/interfaces';
import { FieldError } from '../../helpers/interfaces';
import { buildPhoneRecordCreate } from '../../helpers/phoneRecord';
import type { PartyInput } from '../../helpers/phoneRecord';
import type { CountryRule, PhoneNumber } from '../../helpers/phoneNumbers';
import { countryRule, displayNumber, parsePhoneNumber } from '../../helpers/phoneNumbers';
import { buildCallTimeEntry } from '../../helpers/timeEntry';
import { isGiven, optionalBoolean, optionalId, optionalNonNegative, optionalText, preview, requireId } from '../../helpers/validation';
import { createRecord, fetchAll, getRecord } from '../../transport';
import { locatorValue } from '../common';
import { currentUserParticipant } from '../shared/currentUser';
import { latestOpenMatter } from '../shared/matters';
import type { PhoneMatch } from '../shared/phoneMatch';
import { participantsWithNumber } from '../shared/phoneMatch';
import { PHONE_RECORDS, TIME_ENTRIES } from '../shared/resources';
import { findSameCall, oneCallAtATime } from '../shared/sameCall';

// ---------------------------------------------------------------------------------------------------
// Description

/** Not `required`: an empty mapping falls back to the usual key of Call Data (checked when the item runs). */
function genericField(name: keyof GenericMapping, displayName: string, placeholder: string, description: string): INodeProperties {
	return {
		displayName,
		name,
		type: 'string',
		default: '',
		placeholder,
		description,
		displayOptions: { show: { source: ['generic'] } },
	};
}

/** Log Call's own options; the request options every operation has are added by optionsCollection. */
const logCallOptions: INodeProperties[] = [
	{
		displayName: 'Default Country',
		name: 'defaultCountry',
		type: 'options',
		options: [
			{ name: 'Australia', value: 'AU' },
			{ name: 'Canada', value: 'CA' },
			{ name: 'Hong Kong', value: 'HK' },
			{ name: 'Ireland', value: 'IE' },
			{ name: 'New Zealand', value: 'NZ' },
			{ name: 'None (Numbers Carry Their Country Code)', value: 'none' },
			{ name: 'Singapore', value: 'SG' },
			{ name: 'South Africa', value: 'ZA' },
			{ name: 'United Kingdom', value: 'GB' },
			{ name: 'United States', value: 'US' },
		],
		default: 'AU',
		description: 'Country of numbers written without a country code, on calls and on participants',
	},
	{
		displayName: 'Find Earlier Record of the Same Call',
		name: 'dedupe',
		type: 'boolean',
		default: true,
		description:
			'Whether to look for a phone record of this call first (by its call ID, or its time, direction and number) and return it instead of creating another',
	},
	{
		displayName: 'Firm Participant ID',
		name: 'firmParticipant',
		type: 'string',
		default: '',
		placeholder: 'e.g. 102',
		description: "The firm's side of the call; defaults to the connected Actionstep user's participant",
	},
	{
		displayName: 'HostedSuite Duration',
		name: 'durationBasis',
		type: 'options',
		options: [
			{ name: 'Talk Time', value: 'talk', description: 'TalkTimeInSeconds' },
			{ name: 'Whole Call', value: 'total', description: 'DurationInSeconds (ring and hold included)' },
		],
		default: 'talk',
		description: 'Which HostedSuite seconds count as the length of the call',
	},
	{
		displayName: 'If Several Participants Match',
		name: 'multipleMatches',
		type: 'options',
		options: [
			{ name: 'Fail the Item', value: 'error' },
			{ name: 'Log the Name Only', value: 'useName', description: 'No participant link; the name from the call' },
			{ name: 'Pick the First (Lowest ID)', value: 'first' },
			{
				name: 'Pick the One With the Most Recent Matter',
				value: 'mostRecentMatter',
				description: 'The participant whose open matter changed last; the first when none has one',
			},
		],
		default: 'mostRecentMatter',
	},
	{
		displayName: 'Match Participant by Phone',
		name: 'matchParticipant',
		type: 'boolean',
		default: true,
		description:
			"Whether to look the other party's number up among Actionstep participants (phone 1–4 and SMS); without a match the name from the call is logged",
	},
	{
		displayName: 'Notes Include',
		name: 'notesInclude',
		type: 'multiOptions',
		options: [
			{ name: 'Agent Note', value: 'agentNote' },
			{ name: 'AI Notes', value: 'aiNote' },
			{ name: 'Call Details (Result, Duration, Answered By)', value: 'callDetails' },
			{ name: 'Recording Link', value: 'recordingLink' },
		],
		default: ['agentNote', 'aiNote', 'recordingLink'],
		description: 'Parts of the call written into the notes, when present. The call ID line is always added.',
	},
	{
		displayName: 'Outcome',
		name: 'outcome',
		type: 'string',
		default: '',
		placeholder: 'e.g. Call completed',
		description: "A fixed outcome for every call, instead of one worked out from the source's result",
	},
	{
		displayName: 'Outcome Mapping',
		name: 'outcomeMap',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Mapping',
		default: {},
		description: 'Your outcome for a source result; results not listed use the built-in table',
		options: [
			{
				displayName: 'Mapping',
				name: 'mappings',
				values: [
					{
						displayName: 'Source Result',
						name: 'result',
						type: 'string',
						default: '',
						placeholder: 'e.g. Voicemail',
					},
					{
						displayName: 'Outcome',
						name: 'outcome',
						type: 'string',
						default: '',
						placeholder: 'e.g. Left message',
					},
				],
			},
		],
	},
	{
		displayName: 'Time Zone of Source Times',
		name: 'timeZone',
		type: 'string',
		default: '',
		placeholder: 'e.g. Australia/Sydney',
		description:
			"IANA time zone for source times without a zone, and for writing UTC times; defaults to the workflow's time zone",
	},
];

const properties: INodeProperties[] = [
	{
		displayName: 'Source',
		name: 'source',
		type: 'options',
		required: true,
		noDataExpression: true,
		options: [
			{
				name: 'Generic (Map the Fields)',
				value: 'generic',
				description: 'Any phone system: map direction, time, duration, number and name with expressions',
			},
			{
				name: 'HostedSuite',
				value: 'hostedsuite',
				description: 'A HostedSuite call record (CallRecordInfo: StartTime, CallerNumber, TalkTimeInSeconds, ...)',
			},
			{
				name: 'RingCentral',
				value: 'ringcentral',
				description: 'A RingCentral call-log record (direction, startTime, duration, from, to, result, sessionId)',
			},
		],
		default: 'ringcentral',
		description: 'Which phone system the call event comes from',
	},
	{
		displayName: 'Call Data',
		name: 'callData',
		type: 'json',
		default: '={{ $json }}',
		description:
			'The call event. Defaults to the whole input item; a webhook item ({headers, body}) or a RingCentral notification ({event, body}) is unwrapped.',
	},
	genericField('callDirection', 'Direction', 'e.g. {{ $json.direction }}', 'Inbound/Outbound or in/out. Empty: the "direction" key of Call Data.'),
	genericField(
		'callTime',
		'Call Time',
		'e.g. {{ $json.startedAt }}',
		'When the call started (ISO 8601 or epoch milliseconds). Empty: "callTimestamp" or "startTime" of Call Data.',
	),
	genericField('callDuration', 'Duration (Seconds)', 'e.g. {{ $json.talkSeconds }}', 'Talk time in seconds or "hh:mm:ss". Empty: "duration" of Call Data.'),
	genericField('otherNumber', 'Other Party Number', 'e.g. {{ $json.caller }}', 'The number of the caller (inbound) or of the person called (outbound). Empty: "phoneNumber" of Call Data.'),
	genericField('otherName', 'Other Party Name', 'e.g. {{ $json.callerName }}', 'Their name as the phone system knows it. Empty: "name" of Call Data.'),
	genericField('callNotes', 'Notes', 'e.g. {{ $json.summary }}', 'What was discussed. Empty: "notes" of Call Data.'),
	genericField(
		'callId',
		'Call ID',
		'e.g. {{ $json.uuid }}',
		'The phone system\'s ID of the call, written into the notes so the same call is never logged twice. Empty: "callId" or "ID" of Call Data.',
	),
	genericField('callResult', 'Result', 'e.g. {{ $json.status }}', 'How the call ended in the phone system\'s words (e.g. Missed, Voicemail), turned into an outcome'),
	genericField('recordingLink', 'Recording Link', 'e.g. {{ $json.recordingUrl }}', 'A link to the recording, added to the notes'),
	{
		displayName: 'Matter',
		name: 'matterMode',
		type: 'options',
		options: [
			{
				name: "Caller's Most Recent Open Matter",
				value: 'mostRecent',
				description: 'The active matter of the matched participant that changed last',
			},
			{ name: 'Choose a Matter', value: 'given' },
			{ name: 'No Matter', value: 'none' },
		],
		default: 'none',
		description: 'Which matter the phone record belongs to',
	},
	matterLocator({ required: true, displayOptions: { show: { matterMode: ['given'] } } }),
	{
		displayName: 'Create Time Entry',
		name: 'createTimeEntry',
		type: 'boolean',
		default: false,
		description: "Whether to bill the call: a time entry on the record's matter, linked to the phone record",
	},
	{
		displayName: 'Time Entry Options',
		name: 'timeEntryOptions',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show: { createTimeEntry: [true] } },
		options: [
			{
				displayName: 'Billing Unit (Minutes)',
				name: 'unitMinutes',
				type: 'number',
				typeOptions: { minValue: 1, maxValue: 60 },
				default: 6,
				description: 'Length of one billing unit; 6 minutes is a tenth of an hour',
			},
			{
				displayName: 'Description',
				name: 'description',
				type: 'string',
				typeOptions: { rows: 3 },
				default: '',
				description: 'Defaults to a line built from the call: who, outcome and the agent note',
			},
			{
				displayName: 'Is Billable',
				name: 'isBillable',
				type: 'boolean',
				default: true,
				description: 'Whether the time is billable to the client',
			},
			{
				displayName: 'Owner (Participant ID)',
				name: 'owner',
				type: 'string',
				default: '',
				placeholder: 'e.g. 101',
				description: "Participant ID of the fee earner; defaults to the firm's side of the call",
			},
			{
				displayName: 'Rounding',
				name: 'rounding',
				type: 'options',
				options: [
					{ name: 'None (to 0.01 Hour)', value: 'none' },
					{ name: 'To the Nearest Unit', value: 'nearest', description: 'At least one unit' },
					{ name: 'Up to Whole Units', value: 'up', description: 'Any part of a unit bills a unit: 6 min 1 s is 0.2 h' },
				],
				default: 'up',
				description: 'How billable hours are worked out from the talk time; actual hours stay exact',
			},
		],
	},
	optionsCollection(logCallOptions),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['phoneRecord'], operation: ['logCall'] } },
	properties,
);

// ---------------------------------------------------------------------------------------------------
// Reading and checking the parameters (no requests)

type MatterMode = 'given' | 'mostRecent' | 'none';
type MultipleMatches = 'error' | 'first' | 'mostRecentMatter' | 'useName';

interface Plan {
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

function oneLine(value: string | undefined, max: number): string | undefined {
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

function plan(this: IExecuteFunctions, i: number): Plan {
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

// ---------------------------------------------------------------------------------------------------
// Deciding with Actionstep's data

function nameOf(p: ActionstepRecord): string {
	const display = typeof p.displayName === 'string' ? p.displayName : '';
	return display ? `${display} (${p.id})` : `participant ${p.id}`;
}

interface ParticipantChoice {
	match?: PhoneMatch;
	/** The chosen participant's most recent open matter, when it was looked up on the way. */
	matter?: ActionstepRecord | null;
	how: string;
}

async function chooseParticipant(this: IExecuteFunctions, p: Plan, i: number): Promise<ParticipantChoice> {
	if (!p.matchParticipant) return { how: 'not looked up (Match Participant by Phone is off)' };
	if (!p.phone) return { how: 'not looked up: the call has no number of the other party' };
	if (p.phone.nsn.length < 6) return { how: `not looked up: "${p.call.otherNumber}" is too short for a phone number (an extension?)` };
	const matches = await participantsWithNumber.call(this, p.phone, i, p.country);
	const number = p.phoneText ?? p.phone.nsn;
	if (matches.length === 0) return { how: `no participant has ${number}` };
	const slotText = (m: PhoneMatch) => `${m.slot.field}${m.slot.label ? `, ${m.slot.label}` : ''}`;
	if (matches.length === 1) return { match: matches[0], how: `matched by phone (${slotText(matches[0])}): ${nameOf(matches[0].participant)}` };

	const list = matches.map((m) => nameOf(m.participant)).join(', ');
	if (p.multipleMatches === 'error') {
		throw new NodeOperationError(this.getNode(), `${matches.length} participants have the number ${number}: ${list} (item ${i})`, {
			itemIndex: i,
			description:
				'Nothing was written. Choose how to pick one with the option "If Several Participants Match", or tidy the duplicate numbers in Actionstep.',
		});
	}
	if (p.multipleMatches === 'useName') return { how: `${matches.length} participants have ${number} (${list}): logged the name only` };
	if (p.multipleMatches === 'first') {
		return { match: matches[0], how: `${matches.length} participants have ${number} (${list}): picked the first, ${nameOf(matches[0].participant)}` };
	}
	const withMatters = [];
	for (const m of matches.slice(0, 10)) {
		withMatters.push({ m, matter: await latestOpenMatter.call(this, m.participant.id, i) });
	}
	const time = (matter?: ActionstepRecord) => (matter ? Date.parse(String(matter.modifiedTimestamp ?? '')) || 0 : -1);
	const best = withMatters.reduce((a, b) => (time(b.matter) > time(a.matter) ? b : a));
	if (!best.matter) {
		return {
			match: matches[0],
			matter: null,
			how: `${matches.length} participants have ${number} (${list}), none with an open matter: picked the first, ${nameOf(matches[0].participant)}`,
		};
	}
	const tied = withMatters.filter((w) => time(w.matter) === time(best.matter)).length > 1;
	return {
		match: best.m,
		matter: best.matter,
		how:
			`${matches.length} participants have ${number} (${list}): picked ${nameOf(best.m.participant)}, ` +
			`whose open matter ${best.matter.id} changed most recently${tied ? ' (a tie, so the lowest ID)' : ''}`,
	};
}

async function chooseMatter(
	this: IExecuteFunctions,
	p: Plan,
	choice: ParticipantChoice,
	i: number,
): Promise<{ matter?: ActionstepRecord; how: string }> {
	if (p.matterMode === 'none') return { how: 'none (Matter is "No Matter")' };
	if (p.matterMode === 'given') {
		const matter = await getRecord.call(this, 'actions', p.givenMatter!, i);
		return { matter, how: `given: ${matter.id}` };
	}
	const participant = choice.match?.participant;
	if (!participant) return { how: 'none: no participant matched, so there is no most recent matter' };
	const matter = choice.matter !== undefined ? (choice.matter ?? undefined) : await latestOpenMatter.call(this, participant.id, i);
	if (!matter) return { how: `none: ${nameOf(participant)} has no open matter` };
	return { matter, how: `most recently active open matter of ${nameOf(participant)}: ${matter.id}` };
}

function timeEntryDescription(p: Plan, record: ActionstepRecord, otherName: string): string {
	const towards = p.call.direction === 'in' ? 'from' : 'to';
	const note = p.call.agentNote ? `: ${p.call.agentNote}` : '';
	return `Phone call ${towards} ${otherName} (${String(record.outcome ?? p.outcome)})${note}`.slice(0, 4000);
}

async function billCall(
	this: IExecuteFunctions,
	p: Plan,
	record: ActionstepRecord,
	firm: number,
	otherName: string,
	i: number,
): Promise<{ timeEntry?: ActionstepRecord; how: string }> {
	const te = p.timeEntry!;
	const matter = (record.links as IDataObject | undefined)?.action;
	if (matter === undefined || matter === null || matter === '') return { how: 'skipped: the call is not on a matter, so there is nothing to bill it to' };
	const seconds = p.call.durationSeconds;
	if (seconds === undefined) return { how: 'skipped: the call has no duration' };
	if (seconds <= 0) return { how: 'skipped: the call had no talk time' };
	const user = await currentUserParticipant.call(this, i);
	const billable = billableHours(seconds, te.rounding, te.unitMinutes);
	const body = buildCallTimeEntry(
		record,
		{
			actualHours: callHours(seconds),
			billableHours: billable,
			isBillable: te.isBillable,
			owner: te.owner ?? firm,
			description: te.description ?? timeEntryDescription(p, record, otherName),
		},
		p.timeZone,
		user,
	);
	const timeEntry = await createRecord.call(this, TIME_ENTRIES, body, i);
	const rule = te.rounding === 'none' ? 'not rounded' : `${te.rounding === 'up' ? 'rounded up' : 'rounded'} to ${te.unitMinutes}-minute units`;
	return { timeEntry, how: `created: ${seconds} s → ${billable} h billable (${rule})` };
}

// ---------------------------------------------------------------------------------------------------
// The operation

function callSummary(p: Plan): IDataObject {
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

async function returnExisting(this: IExecuteFunctions, p: Plan, existing: ActionstepRecord, i: number): Promise<IDataObject> {
	const links = (existing.links ?? {}) as IDataObject;
	const otherLink = p.call.direction === 'in' ? links.fromParticipant : links.toParticipant;
	const firmLink = p.call.direction === 'in' ? links.toParticipant : links.fromParticipant;
	const how =
		p.identity.kind === 'callId'
			? `phone record ${existing.id} already has "${callIdLine(p.identity.key)}": returned it, nothing created`
			: `phone record ${existing.id} has the same start, direction and ${p.identity.phone ? 'number' : 'name'}: returned it, nothing created`;
	let timeEntry: ActionstepRecord | undefined;
	let timeEntryHow = 'not asked';
	if (p.timeEntry) {
		const linked = await fetchAll.call(this, { path: TIME_ENTRIES, query: { phoneRecord: existing.id, sort: 'id' }, itemIndex: i }, { limit: 1 });
		if (linked.length) {
			timeEntry = linked[0];
			timeEntryHow = `already linked: time entry ${timeEntry.id}`;
		} else {
			const other = (p.call.direction === 'in' ? existing.fromParticipantOther : existing.toParticipantOther) as string | undefined;
			const firm = typeof firmLink === 'number' ? firmLink : (p.firmParticipant ?? (await currentUserParticipant.call(this, i)));
			const billed = await billCall.call(this, p, existing, firm, other || p.call.otherName || 'the caller', i);
			timeEntry = billed.timeEntry;
			timeEntryHow = billed.timeEntry ? `${billed.how} (the earlier run logged the call but did not bill it)` : billed.how;
		}
	}
	return {
		phoneRecord: existing,
		participant: typeof otherLink === 'number' ? { id: otherLink } : null,
		matter: typeof links.action === 'number' ? { id: links.action } : null,
		timeEntry: timeEntry ?? null,
		duplicate: true,
		call: callSummary(p),
		decisions: {
			duplicate: how,
			participant: 'kept from the existing record',
			matter: 'kept from the existing record',
			timeEntry: timeEntryHow,
		},
	};
}

async function logNew(this: IExecuteFunctions, p: Plan, i: number, duplicateHow: string): Promise<IDataObject> {
	const firm = p.firmParticipant ?? (await currentUserParticipant.call(this, i));
	const firmHow = p.firmParticipant ? `given: participant ${firm}` : `the connected user: participant ${firm}`;
	const choice = await chooseParticipant.call(this, p, i);
	const matter = await chooseMatter.call(this, p, choice, i);

	const matched = choice.match?.participant;
	const otherName =
		oneLine(p.call.otherName, 255) ?? p.phoneText ?? (p.call.direction === 'in' ? 'Unknown caller' : 'Unknown');
	const other: PartyInput = matched ? { type: 'participant', participant: matched.id } : { type: 'other', other: otherName };
	const firmSide: PartyInput = { type: 'participant', participant: firm };
	const body = buildPhoneRecordCreate(
		{
			direction: p.call.direction,
			callTimestamp: p.callTimestamp,
			outcome: p.outcome,
			from: p.call.direction === 'in' ? other : firmSide,
			to: p.call.direction === 'in' ? firmSide : other,
			matter: matter.matter?.id,
			phoneNumber: p.phoneText,
			phoneNumberType: matched ? oneLine(choice.match?.slot.label, 50) : undefined,
			durationSeconds: p.call.durationSeconds,
			notes: p.notes,
		},
		p.timeZone,
	);
	const phoneRecord = await createRecord.call(this, PHONE_RECORDS, body, i);

	let timeEntry: ActionstepRecord | undefined;
	let timeEntryHow = 'not asked';
	if (p.timeEntry) {
		const displayName = matched && typeof matched.displayName === 'string' && matched.displayName ? matched.displayName : otherName;
		const billed = await billCall.call(this, p, phoneRecord, firm, displayName, i);
		timeEntry = billed.timeEntry;
		timeEntryHow = billed.how;
	}
	return {
		phoneRecord,
		participant: matched ?? null,
		matter: matter.matter ?? null,
		timeEntry: timeEntry ?? null,
		duplicate: false,
		call: callSummary(p),
		decisions: {
			duplicate: duplicateHow,
			callTimestamp: p.timeHow,
			outcome: p.outcomeHow,
			participant: matched ? choice.how : `${choice.how}: logged as "${otherName}"`,
			firmParticipant: firmHow,
			matter: matter.how,
			timeEntry: timeEntryHow,
		},
	};
}

export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const p = plan.call(this, i);
	const json = (await oneCallAtATime.call(this, p.identity.key, async (): Promise<IDataObject> => {
		if (p.dedupe) {
			const existing = await findSameCall.call(this, p.identity, i, p.country);
			if (existing) return await returnExisting.call(this, p, existing, i);
		}
		const how = !p.dedupe
			? 'not checked (Find Earlier Record of the Same Call is off)'
			: p.identity.kind === 'callId'
				? `new call: no phone record has "${callIdLine(p.identity.key)}"`
				: 'new call: no phone record has the same start, direction and number';
		return await logNew.call(this, p, i, how);
	})) as IDataObject;
	return [{ json }];
}
