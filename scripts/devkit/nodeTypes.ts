/** The package's node types as n8n-core looks them up (INodeTypes), by the names n8n gives them. */
import { NodeHelpers } from 'n8n-workflow';
import type { INodeType, INodeTypes } from 'n8n-workflow';

import { Actionstep } from '../../nodes/Actionstep/Actionstep.node';
import { ActionstepPhoneRecordTrigger } from '../../nodes/Actionstep/ActionstepPhoneRecordTrigger.node';
import { ActionstepTrigger } from '../../nodes/Actionstep/ActionstepTrigger.node';

export const NODE_TYPE = 'n8n-nodes-actionstep.actionstep';
export const TRIGGER_TYPE = 'n8n-nodes-actionstep.actionstepTrigger';
export const POLL_TYPE = 'n8n-nodes-actionstep.actionstepPhoneRecordTrigger';
export const CREDENTIAL_TYPE = 'actionstepOAuth2Api';

/**
 * A node type registry over the given makers: one instance per type, made on first lookup, as n8n's loader keeps
 * its loaded node types (building the description anew on each of a run's ~27 lookups cost 2 ms).
 */
export function nodeTypesOf(makers: Record<string, () => INodeType>): INodeTypes {
	const instances = new Map<string, INodeType>();
	return {
		getByName(type: string): INodeType {
			const make = makers[type];
			if (!make) throw new Error(`unknown node type ${type}`);
			let instance = instances.get(type);
			if (!instance) instances.set(type, (instance = make()));
			return instance;
		},
		getByNameAndVersion(type: string, version?: number): INodeType {
			return NodeHelpers.getVersionedNodeType(this.getByName(type), version);
		},
		getKnownTypes() {
			return Object.fromEntries(Object.keys(makers).map((type) => [type, { className: type, sourcePath: '' }]));
		},
	} as INodeTypes;
}

/** The Actionstep node alone. */
export const actionstepNodeTypes = nodeTypesOf({ [NODE_TYPE]: () => new Actionstep() });

/** The Actionstep node and both triggers. */
export const packageNodeTypes = nodeTypesOf({
	[NODE_TYPE]: () => new Actionstep(),
	[TRIGGER_TYPE]: () => new ActionstepTrigger(),
	[POLL_TYPE]: () => new ActionstepPhoneRecordTrigger(),
});
