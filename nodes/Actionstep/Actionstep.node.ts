import { NodeConnectionTypes } from 'n8n-workflow';
import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';

import { RESOURCE_MODULES } from './actions/registry';
import { router } from './actions/router';
import { RESOURCE_SPECS } from './actions/specs';
import { listSearch } from './methods';

export class Actionstep implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Actionstep',
		name: 'actionstep',
		icon: { light: 'file:actionstep.svg', dark: 'file:actionstep.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle: '={{ $parameter["operation"] + ": " + $parameter["resource"] }}',
		description: 'Log phone calls on Actionstep matters, bill them with time entries, and work with participants, matters, tasks and file notes',
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
				options: RESOURCE_SPECS.map((spec) => ({ name: spec.displayName, value: spec.resource })),
				default: 'phoneRecord',
			},
			...Object.values(RESOURCE_MODULES).flatMap((resource) => resource.description),
		],
	};

	methods = { listSearch };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
