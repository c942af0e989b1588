import { NodeConnectionTypes } from 'n8n-workflow';
import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';

import * as phoneRecord from './actions/phoneRecord';
import { router } from './actions/router';
import * as timeEntry from './actions/timeEntry';
import { listSearch } from './methods';

export class Actionstep implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Actionstep',
		name: 'actionstep',
		icon: { light: 'file:actionstep.svg', dark: 'file:actionstep.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle: '={{ $parameter["operation"] + ": " + $parameter["resource"] }}',
		description: 'Log phone calls on Actionstep matters and bill them with time entries',
		defaults: { name: 'Actionstep' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'actionstepOAuth2Api', required: true }],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Phone Record', value: 'phoneRecord' },
					{ name: 'Time Entry', value: 'timeEntry' },
				],
				default: 'phoneRecord',
			},
			...phoneRecord.description,
			...timeEntry.description,
		],
	};

	methods = { listSearch };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
