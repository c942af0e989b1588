import type { INodeProperties } from 'n8n-workflow';

/** Log Call's own options; the request options every operation has are added by optionsCollection. */
export const logCallOptions: INodeProperties[] = [
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
		displayName: 'File Note for AI Summary',
		name: 'fileNoteForAiNote',
		type: 'boolean',
		default: false,
		description:
			"Whether to also file the event's AI summary or transcript as a file note on the record's matter, dated at the call (once per call; none without a matter)",
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
		displayName: 'Log Internal Calls',
		name: 'includeInternal',
		type: 'boolean',
		default: false,
		description: 'Whether to log calls between two extensions of the firm too (skipped by default: no client is on them)',
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
	{
		displayName: 'Unknown Caller',
		name: 'unknownCaller',
		type: 'options',
		options: [
			{
				name: 'Create a Participant',
				value: 'createParticipant',
				description:
					"Create a person from the call's name (not a caller-ID label) with the number as phone 1, and link it; once per number",
			},
			{ name: 'Log the Name or Number', value: 'logName', description: 'No participant link; the name from the call, else the number' },
			{ name: 'Skip the Call', value: 'skip', description: 'Write nothing; the output says "skipped", reason "unknown caller"' },
		],
		default: 'logName',
		description: 'What to do when no participant has the caller\'s number (needs Match Participant by Phone)',
	},
];
