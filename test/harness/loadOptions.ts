/**
 * Runs a listSearch method (a resourceLocator picker) the way the n8n editor's backend does: a one-node
 * workflow named "Temp-Node" holding the current parameters, and n8n-core's real LoadOptionsContext, whose
 * helpers sign requests through n8n's real OAuth2 path (a 401 refreshes the token and retries).
 */
import { LoadOptionsContext } from 'n8n-core';
import { Workflow } from 'n8n-workflow';
import type { INode, INodeListSearchResult, INodeParameters } from 'n8n-workflow';

import { testAdditionalData } from './additionalData';
import { CREDENTIAL_TYPE, NODE_TYPE, nodeTypes, TestCredentialsHelper } from './credentials';
import type { CredentialStore } from './credentials';

/** The editor's backend names the node of its throw-away workflow this way. */
const PICKER_NODE_NAME = 'Temp-Node';


export interface ListSearchOptions {
	/** `searchMatters`, `searchParticipants`. */
	method: string;
	credential: CredentialStore;
	filter?: string;
	paginationToken?: string;
	/** The node's current parameters (what the user has filled in so far). */
	parameters?: INodeParameters;
	/** Path of the parameter whose picker is open, e.g. `parameters.matter`. */
	path?: string;
}

/** Calls `methods.listSearch[method]` with a real LoadOptionsContext, as n8n's editor backend does. */
export async function runListSearch(options: ListSearchOptions): Promise<INodeListSearchResult> {
	const parameters: INodeParameters = options.parameters ?? { resource: 'phoneRecord', operation: 'create' };
	const node: INode = {
		id: 'temp-node',
		name: PICKER_NODE_NAME,
		type: NODE_TYPE,
		typeVersion: 1,
		position: [0, 0],
		parameters,
		credentials: { [CREDENTIAL_TYPE]: { id: 'cred-1', name: 'Actionstep sandbox' } },
	};
	const workflowRef: { current?: Workflow } = {};
	const workflow = new Workflow({
		nodes: [node],
		connections: {},
		active: false,
		nodeTypes,
		settings: { timezone: 'Australia/Sydney' },
	});
	workflowRef.current = workflow;
	const additionalData = testAdditionalData({
		credentialsHelper: new TestCredentialsHelper(options.credential, workflowRef, PICKER_NODE_NAME),
		currentNodeParameters: parameters,
	});

	const nodeType = nodeTypes.getByNameAndVersion(NODE_TYPE, 1);
	const method = nodeType.methods?.listSearch?.[options.method];
	if (!method) throw new Error(`the node has no listSearch method ${options.method}`);
	const context = new LoadOptionsContext(workflow, workflow.getNode(PICKER_NODE_NAME)!, additionalData, options.path ?? 'parameters.matter');
	return await method.call(context, options.filter, options.paginationToken);
}
