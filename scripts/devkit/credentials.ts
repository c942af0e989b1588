/**
 * The credentials helper given to n8n-core: the credential's parent type is oAuth2Api, so n8n takes its real
 * OAuth2 path (a 401 refreshes the token and retries); the credential's `={{ $self[...] }}` defaults are
 * resolved as n8n does; refreshed token data is kept as n8n would persist it.
 */
import { ICredentialsHelper } from 'n8n-workflow';
import type {
	ICredentialDataDecryptedObject,
	ICredentials,
	IDataObject,
	IExecuteData,
	IHttpRequestOptions,
	INodeCredentialsDetails,
	INodeProperties,
	IWorkflowExecuteAdditionalData,
	Workflow,
	WorkflowExecuteMode,
} from 'n8n-workflow';

import { ActionstepOAuth2Api } from '../../credentials/ActionstepOAuth2Api.credentials';
import { CREDENTIAL_TYPE } from './nodeTypes';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { actionstepCredentialData } = require('../lib/n8n-runtime.cjs') as {
	actionstepCredentialData: (o: { baseUrl: string; clientId: string; clientSecret: string; oauthTokenData?: IDataObject }) => ICredentialDataDecryptedObject;
};

/** The stored credential, as n8n keeps it decrypted; updated in place when n8n refreshes the token. */
export interface CredentialStore {
	data: ICredentialDataDecryptedObject;
	refreshes: number;
}

/**
 * The stored data of a credential connected to a sandbox (or any Actionstep-compatible server) with `token`: the
 * runtime's one builder (scripts/lib/n8n-runtime/credentials.cjs), so the in-process engine and real n8n hold the same credential.
 */
export function sandboxCredentialData(baseUrl: string, token: IDataObject, client: { clientId: string; clientSecret: string }): ICredentialDataDecryptedObject {
	return actionstepCredentialData({ baseUrl, clientId: client.clientId, clientSecret: client.clientSecret, oauthTokenData: token });
}

export function sandboxCredential(baseUrl: string, token: IDataObject, client: { clientId: string; clientSecret: string }): CredentialStore {
	return { data: sandboxCredentialData(baseUrl, token, client), refreshes: 0 };
}

const credentialType = new ActionstepOAuth2Api();

/** n8n resolves the credential's hidden `={{ $self[...] }}` defaults (authUrl, accessTokenUrl) like this. */
function resolveCredentialDefaults(workflow: Workflow, nodeName: string, stored: ICredentialDataDecryptedObject): ICredentialDataDecryptedObject {
	const withDefaults: ICredentialDataDecryptedObject = { ...stored };
	for (const property of credentialType.properties) {
		if (withDefaults[property.name] === undefined) withDefaults[property.name] = property.default as never;
	}
	// oAuth2Api's own default, which the Actionstep credential does not override.
	withDefaults.authentication ??= 'header';
	const resolved: ICredentialDataDecryptedObject = {};
	for (const [key, value] of Object.entries(withDefaults)) {
		resolved[key] =
			typeof value === 'string' && value.startsWith('=')
				? (workflow.expression.getParameterValue(value, null, 0, 0, nodeName, [], 'manual', {}, undefined, false, withDefaults) as never)
				: value;
	}
	return resolved;
}

export class DevCredentialsHelper extends ICredentialsHelper {
	/** @param nodeName the node whose expressions resolve the credential; default: the node being executed, else the first. */
	constructor(
		private readonly store: CredentialStore,
		private readonly workflowRef: { current?: Workflow },
		private readonly nodeName?: string,
	) {
		super();
	}

	getParentTypes(name: string): string[] {
		return name === CREDENTIAL_TYPE ? ['oAuth2Api'] : [];
	}

	isCredentialUsableByNode(): boolean {
		return true;
	}

	authenticate(_c: ICredentialDataDecryptedObject, _t: string, requestOptions: IHttpRequestOptions): Promise<IHttpRequestOptions> {
		return Promise.resolve(requestOptions);
	}

	preAuthentication(): Promise<undefined> {
		return Promise.resolve(undefined);
	}

	runPreAuthentication(): Promise<undefined> {
		return Promise.resolve(undefined);
	}

	getCredentials(): Promise<ICredentials> {
		return Promise.reject(new Error('not used by these tests'));
	}

	getDecrypted(
		_additionalData: IWorkflowExecuteAdditionalData,
		_nodeCredentials: INodeCredentialsDetails,
		type: string,
		_mode: WorkflowExecuteMode,
		executeData?: IExecuteData,
	): Promise<ICredentialDataDecryptedObject> {
		if (type !== CREDENTIAL_TYPE) return Promise.reject(new Error(`unknown credential type ${type}`));
		const workflow = this.workflowRef.current!;
		const nodeName = executeData?.node.name ?? this.nodeName ?? Object.keys(workflow.nodes)[0];
		const saved = JSON.parse(JSON.stringify(this.store.data)) as ICredentialDataDecryptedObject;
		return Promise.resolve(resolveCredentialDefaults(workflow, nodeName, saved));
	}

	updateCredentials(_n: INodeCredentialsDetails, _t: string, data: ICredentialDataDecryptedObject): Promise<void> {
		this.store.data = { ...this.store.data, oauthTokenData: data.oauthTokenData };
		return Promise.resolve();
	}

	updateCredentialsOauthTokenData(_n: INodeCredentialsDetails, _t: string, data: ICredentialDataDecryptedObject): Promise<void> {
		this.store.refreshes++;
		this.store.data = { ...this.store.data, oauthTokenData: data.oauthTokenData };
		return Promise.resolve();
	}

	getCredentialsProperties(): INodeProperties[] {
		return credentialType.properties;
	}
}
