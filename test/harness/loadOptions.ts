/**
 * Runs a listSearch method (a resourceLocator picker) the way the n8n editor's backend does: a one-node
 * workflow named "Temp-Node" holding the current parameters, and n8n-core's real LoadOptionsContext, whose
 * helpers sign requests through n8n's real OAuth2 path (a 401 refreshes the token and retries).
 *
 * The credentials helper mirrors the one in engine.ts (which does not export it): same parent type
 * (oAuth2Api), same resolution of the credential's `={{ $self[...] }}` defaults, same token persistence.
 */
import { LoadOptionsContext } from 'n8n-core';
import { ICredentialsHelper, NodeHelpers, Workflow } from 'n8n-workflow';
import type {
	ICredentialDataDecryptedObject,
	ICredentials,
	IHttpRequestOptions,
	INode,
	INodeListSearchResult,
	INodeParameters,
	INodeProperties,
	INodeType,
	INodeTypes,
	IWorkflowExecuteAdditionalData,
} from 'n8n-workflow';

import { ActionstepOAuth2Api } from '../../credentials/ActionstepOAuth2Api.credentials';
import { Actionstep } from '../../nodes/Actionstep/Actionstep.node';
import { CREDENTIAL_TYPE, NODE_TYPE } from './engine';
import type { CredentialStore } from './engine';

const credentialType = new ActionstepOAuth2Api();

function resolveCredentialDefaults(
	workflow: Workflow,
	nodeName: string,
	stored: ICredentialDataDecryptedObject,
): ICredentialDataDecryptedObject {
	const withDefaults: ICredentialDataDecryptedObject = { ...stored };
	for (const property of credentialType.properties as INodeProperties[]) {
		if (withDefaults[property.name] === undefined) withDefaults[property.name] = property.default as never;
	}
	withDefaults.authentication ??= 'header';
	const resolved: ICredentialDataDecryptedObject = {};
	for (const [key, value] of Object.entries(withDefaults)) {
		resolved[key] =
			typeof value === 'string' && value.startsWith('=')
				? (workflow.expression.getParameterValue(value, null, 0, 0, nodeName, [], 'internal', {}, undefined, false, withDefaults) as never)
				: value;
	}
	return resolved;
}

class PickerCredentialsHelper extends ICredentialsHelper {
	constructor(
		private readonly store: CredentialStore,
		private readonly workflowRef: { current?: Workflow },
	) {
		super();
	}

	getParentTypes(name: string): string[] {
		return name === CREDENTIAL_TYPE ? ['oAuth2Api'] : [];
	}

	isCredentialUsableByNode(): boolean {
		return true;
	}

	async authenticate(_c: ICredentialDataDecryptedObject, _t: string, requestOptions: IHttpRequestOptions): Promise<IHttpRequestOptions> {
		return requestOptions;
	}

	async preAuthentication(): Promise<undefined> {
		return undefined;
	}

	async runPreAuthentication(): Promise<undefined> {
		return undefined;
	}

	async getCredentials(): Promise<ICredentials> {
		throw new Error('not used by these tests');
	}

	async getDecrypted(_a: IWorkflowExecuteAdditionalData, _n: unknown, type: string): Promise<ICredentialDataDecryptedObject> {
		if (type !== CREDENTIAL_TYPE) throw new Error(`unknown credential type ${type}`);
		return resolveCredentialDefaults(this.workflowRef.current!, PICKER_NODE_NAME, JSON.parse(JSON.stringify(this.store.data)));
	}

	async updateCredentials(_n: unknown, _t: string, data: ICredentialDataDecryptedObject): Promise<void> {
		this.store.data = { ...this.store.data, oauthTokenData: data.oauthTokenData };
	}

	async updateCredentialsOauthTokenData(_n: unknown, _t: string, data: ICredentialDataDecryptedObject): Promise<void> {
		this.store.refreshes++;
		this.store.data = { ...this.store.data, oauthTokenData: data.oauthTokenData };
	}

	getCredentialsProperties(): INodeProperties[] {
		return credentialType.properties as INodeProperties[];
	}
}

/** The editor's backend names the node of its throw-away workflow this way. */
const PICKER_NODE_NAME = 'Temp-Node';

const nodeTypes: INodeTypes = {
	getByName(type: string): INodeType {
		if (type !== NODE_TYPE) throw new Error(`unknown node type ${type}`);
		return new Actionstep();
	},
	getByNameAndVersion(type: string, version?: number): INodeType {
		return NodeHelpers.getVersionedNodeType(this.getByName(type), version);
	},
	getKnownTypes() {
		return { [NODE_TYPE]: { className: 'Actionstep', sourcePath: '' } };
	},
} as INodeTypes;

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
	const additionalData = {
		credentialsHelper: new PickerCredentialsHelper(options.credential, workflowRef),
		currentNodeParameters: parameters,
		variables: {},
		restApiUrl: 'http://127.0.0.1/rest',
		instanceBaseUrl: 'http://127.0.0.1/',
		webhookBaseUrl: 'http://127.0.0.1/webhook',
		webhookWaitingBaseUrl: 'http://127.0.0.1/webhook-waiting',
		webhookTestBaseUrl: 'http://127.0.0.1/webhook-test',
		formWaitingBaseUrl: 'http://127.0.0.1/form-waiting',
		logAiEvent: () => {},
	} as unknown as IWorkflowExecuteAdditionalData;

	const nodeType = nodeTypes.getByNameAndVersion(NODE_TYPE, 1);
	const method = nodeType.methods?.listSearch?.[options.method];
	if (!method) throw new Error(`the node has no listSearch method ${options.method}`);
	const context = new LoadOptionsContext(workflow, workflow.getNode(PICKER_NODE_NAME)!, additionalData, options.path ?? 'parameters.matter');
	return await method.call(context, options.filter, options.paginationToken);
}
