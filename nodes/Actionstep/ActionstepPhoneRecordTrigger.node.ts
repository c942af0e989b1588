import { NodeConnectionTypes } from 'n8n-workflow';
import type { INodeExecutionData, INodeType, INodeTypeDescription, IPollFunctions } from 'n8n-workflow';

import { phoneRecordTriggerProperties, pollNewPhoneRecords } from './trigger/phoneRecordPoll';

export class ActionstepPhoneRecordTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Actionstep Phone Record Trigger',
		name: 'actionstepPhoneRecordTrigger',
		icon: { light: 'file:actionstep.svg', dark: 'file:actionstep.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: 'New phone records',
		description: 'Starts the workflow when a phone record is created in Actionstep (checked on a schedule)',
		defaults: { name: 'Actionstep Phone Record Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'actionstepOAuth2Api', required: true }],
		properties: phoneRecordTriggerProperties,
	};

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		return await pollNewPhoneRecords.call(this);
	}
}
