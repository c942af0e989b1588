import type { INodeProperties } from 'n8n-workflow';

import { optionsCollection } from '../../../descriptions/common';
import { matterLocator } from '../../../descriptions/rlc';
import { descriptionField, isBillableField, ownerField } from '../../../descriptions/timeEntryFields';
import { AUTO_SOURCE, sourceOptions } from './sources';
import type { GenericParameter } from './sources/generic';
import { logCallOptions } from './options';

/** Log Call's parameters: the source and its call data, the matter, billing, and the Options collection. */

/** Not `required`: an empty mapping falls back to the usual key of Call Data (checked when the item runs). */
function genericField(name: GenericParameter, displayName: string, placeholder: string, description: string): INodeProperties {
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

export const properties: INodeProperties[] = [
	{
		displayName: 'Source',
		name: 'source',
		type: 'options',
		noDataExpression: true,
		options: sourceOptions(),
		default: AUTO_SOURCE,
		description: 'Which phone system the call event comes from',
	},
	{
		displayName: 'Call Data',
		name: 'callData',
		type: 'json',
		default: '={{ $json }}',
		description:
			'The call event. Defaults to the whole input item; a Webhook node item ({headers, body}), a RingCentral notification ({event, body}, also inside pn_apns) or a JSON text is unwrapped.',
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
				name: "Caller's Most Recent Matter, Closed Included",
				value: 'mostRecentAny',
				description: 'The matter of the matched participant that changed last, whatever its status',
			},
			{
				name: "Caller's Most Recent Open Matter",
				value: 'mostRecent',
				description: 'The active matter of the matched participant that changed last',
			},
			{
				name: "Caller's Only Open Matter, Else None",
				value: 'onlyOpen',
				description: 'The active matter of the matched participant when they have exactly one; no matter when several',
			},
			{ name: 'Choose a Matter', value: 'given' },
			{ name: 'No Matter', value: 'none' },
		],
		default: 'none',
		description: 'Which matter the phone record belongs to (also the matter of the call-back task and the file note)',
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
			descriptionField('Defaults to a line built from the call: who, outcome and the agent note'),
			{
				displayName: 'Hold for Review',
				name: 'holdForReview',
				type: 'boolean',
				default: false,
				description:
					'Whether to create the time entry non-billable, its description starting "Awaiting review", for someone to check and make billable; off bills it now',
			},
			isBillableField,
			ownerField("defaults to the firm's side of the call", 'e.g. 101'),
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
	{
		displayName: 'Create Call-Back Task',
		name: 'createCallBackTask',
		type: 'boolean',
		default: false,
		description:
			"Whether to create a task on the record's matter to call back after a missed call, a voicemail or no answer (once per call; none without a matter)",
	},
	{
		displayName: 'Call-Back Task Options',
		name: 'callBackTaskOptions',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show: { createCallBackTask: [true] } },
		options: [
			{
				displayName: 'Assignee ID',
				name: 'assignee',
				type: 'string',
				default: '',
				placeholder: 'e.g. 102',
				description: "Participant ID of the staff member who calls back; defaults to the firm's side of the call",
			},
			{
				displayName: 'Due In',
				name: 'dueIn',
				type: 'number',
				typeOptions: { minValue: 0 },
				default: 2,
				description: 'How long after the call the task is due, in the unit below',
			},
			{
				displayName: 'Due In Unit',
				name: 'dueUnit',
				type: 'options',
				options: [
					{ name: 'Business Hours', value: 'businessHours', description: "Monday to Friday, 9:00 to 17:00 in the source times' time zone" },
					{ name: 'Hours', value: 'hours' },
					{ name: 'Minutes', value: 'minutes' },
				],
				default: 'hours',
			},
		],
	},
	optionsCollection(logCallOptions),
];
