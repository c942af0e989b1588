import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { optionsCollection } from '../../descriptions/common';

import { matterLocator, participantLocator } from '../../descriptions/rlc';
import { toItems } from '../../helpers/output';
import { buildPhoneRecordCreate } from '../../helpers/phoneRecord';
import type { PartyInput } from '../../helpers/phoneRecord';
import { createRecord } from '../../transport';
import { locatorValue } from '../common';
import { PHONE_RECORDS, phoneRecordFieldOptions } from './fields';

function partyFields(side: 'from' | 'to'): INodeProperties[] {
	const title = side === 'from' ? 'From' : 'To';
	const who = side === 'from' ? 'who made the call' : 'who received the call';
	return [
		{
			displayName: title,
			name: `${side}Type`,
			type: 'options',
			options: [
				{ name: 'Participant in Actionstep', value: 'participant' },
				{ name: 'Name (Not in Actionstep)', value: 'other' },
			],
			default: 'participant',
			description: `Whether the person ${who} is an Actionstep participant or just a name`,
		},
		participantLocator(`${side}Participant`, `${title} Participant`, {
			required: true,
			description: `The participant ${who}`,
			displayOptions: { show: { [`${side}Type`]: ['participant'] } },
		}),
		{
			displayName: `${title} Name`,
			name: `${side}ParticipantOther`,
			type: 'string',
			required: true,
			default: '',
			placeholder: 'e.g. John Smith',
			description: `Name of the person or company ${who}, when they are not in Actionstep`,
			displayOptions: { show: { [`${side}Type`]: ['other'] } },
		},
	];
}

const properties: INodeProperties[] = [
	{
		displayName: 'Direction',
		name: 'direction',
		type: 'options',
		required: true,
		options: [
			{ name: 'In', value: 'in', description: 'A call the firm received' },
			{ name: 'Out', value: 'out', description: 'A call the firm made' },
		],
		default: 'in',
	},
	{
		displayName: 'Call Time',
		name: 'callTimestamp',
		type: 'dateTime',
		required: true,
		default: '',
		description:
			"When the call started (ISO 8601). A time with an offset keeps it; a time without one is read in the workflow's time zone.",
	},
	{
		displayName: 'Outcome',
		name: 'outcome',
		type: 'string',
		required: true,
		default: 'Call completed',
		placeholder: 'e.g. Call completed',
		description: 'How the call ended, as your firm records it (e.g. Call completed, Left voicemail, No answer)',
	},
	...partyFields('from'),
	...partyFields('to'),
	matterLocator(),
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: phoneRecordFieldOptions(['phoneNumber', 'phoneNumberType', 'actualHours', 'durationSeconds', 'notes']),
	},
	optionsCollection(),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['phoneRecord'], operation: ['create'] } },
	properties,
);

function partyInput(this: IExecuteFunctions, side: 'from' | 'to', i: number): PartyInput {
	const type = this.getNodeParameter(`${side}Type`, i) as PartyInput['type'];
	return type === 'participant'
		? { type, participant: locatorValue.call(this, `${side}Participant`, i) }
		: { type, other: this.getNodeParameter(`${side}ParticipantOther`, i, '') };
}

export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const additional = this.getNodeParameter('additionalFields', i, {}) as IDataObject;
	const body = buildPhoneRecordCreate(
		{
			direction: this.getNodeParameter('direction', i),
			callTimestamp: this.getNodeParameter('callTimestamp', i),
			outcome: this.getNodeParameter('outcome', i),
			from: partyInput.call(this, 'from', i),
			to: partyInput.call(this, 'to', i),
			matter: locatorValue.call(this, 'matter', i),
			...additional,
		},
		this.getTimezone(),
	);
	return toItems([await createRecord.call(this, PHONE_RECORDS, body, i)]);
}
