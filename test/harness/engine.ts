/**
 * Runs the Actionstep node inside n8n-core's real WorkflowExecute, with a credentials helper that takes
 * n8n's real OAuth2 path (getParentTypes → oAuth2Api): a 401 makes n8n refresh the token against the
 * sandbox and retry, and the refreshed token data is kept as n8n would persist it.
 */
import { ExecutionLifecycleHooks, WorkflowExecute } from 'n8n-core';
import {
	createRunExecutionData,
	ICredentialsHelper,
	NodeHelpers,
	Workflow,
} from 'n8n-workflow';
import type {
	ICredentialDataDecryptedObject,
	ICredentials,
	IDataObject,
	IExecuteData,
	IHttpRequestOptions,
	INode,
	INodeCredentialsDetails,
	INodeExecutionData,
	INodeParameters,
	INodeProperties,
	INodeType,
	INodeTypes,
	IRun,
	IWorkflowExecuteAdditionalData,
	WorkflowExecuteMode,
} from 'n8n-workflow';

import { ActionstepOAuth2Api } from '../../credentials/ActionstepOAuth2Api.credentials';
import { Actionstep } from '../../nodes/Actionstep/Actionstep.node';

export const NODE_TYPE = 'n8n-nodes-actionstep.actionstep';
export const CREDENTIAL_TYPE = 'actionstepOAuth2Api';

/** The stored credential, as n8n keeps it decrypted; updated in place when n8n refreshes the token. */
export interface CredentialStore {
	data: ICredentialDataDecryptedObject;
	refreshes: number;
}

export function sandboxCredential(baseUrl: string, token: IDataObject, client: { clientId: string; clientSecret: string }): CredentialStore {
	return {
		data: {
			environment: 'custom',
			baseUrl,
			clientId: client.clientId,
			clientSecret: client.clientSecret,
			grantType: 'authorizationCode',
			oauthTokenData: token,
		},
		refreshes: 0,
	};
}

const credentialType = new ActionstepOAuth2Api();

/** n8n resolves the credential's hidden `={{ $self[...] }}` defaults (authUrl, accessTokenUrl) like this. */
function resolveCredentialDefaults(workflow: Workflow, nodeName: string, stored: ICredentialDataDecryptedObject): ICredentialDataDecryptedObject {
	const withDefaults: ICredentialDataDecryptedObject = { ...stored };
	for (const property of credentialType.properties as INodeProperties[]) {
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

class TestCredentialsHelper extends ICredentialsHelper {
	constructor(private readonly store: CredentialStore, private readonly workflowRef: { current?: Workflow }) {
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

	async getDecrypted(
		_additionalData: IWorkflowExecuteAdditionalData,
		_nodeCredentials: INodeCredentialsDetails,
		type: string,
		_mode: WorkflowExecuteMode,
		executeData?: IExecuteData,
	): Promise<ICredentialDataDecryptedObject> {
		if (type !== CREDENTIAL_TYPE) throw new Error(`unknown credential type ${type}`);
		const workflow = this.workflowRef.current!;
		const nodeName = executeData?.node.name ?? Object.keys(workflow.nodes)[0];
		return resolveCredentialDefaults(workflow, nodeName, JSON.parse(JSON.stringify(this.store.data)));
	}

	async updateCredentials(_n: INodeCredentialsDetails, _t: string, data: ICredentialDataDecryptedObject): Promise<void> {
		this.store.data = { ...this.store.data, oauthTokenData: data.oauthTokenData };
	}

	async updateCredentialsOauthTokenData(_n: INodeCredentialsDetails, _t: string, data: ICredentialDataDecryptedObject): Promise<void> {
		this.store.refreshes++;
		this.store.data = { ...this.store.data, oauthTokenData: data.oauthTokenData };
	}

	getCredentialsProperties(): INodeProperties[] {
		return credentialType.properties as INodeProperties[];
	}
}

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

export interface RunOptions {
	parameters: INodeParameters;
	/** Input items (json only, or full items). Defaults to one empty item. */
	items?: Array<IDataObject | INodeExecutionData>;
	credential: CredentialStore;
	onError?: INode['onError'];
	timezone?: string;
}

export interface RunResult {
	/** Items on the main (success) output. */
	success: INodeExecutionData[];
	/** Items on the error output (only with onError: 'continueErrorOutput'). */
	errors: INodeExecutionData[];
	/** The execution's error when the node stopped the workflow. */
	error?: { message: string; description?: string | null; context?: IDataObject; httpCode?: string | null };
	run: IRun;
}

const NODE_NAME = 'Actionstep';

/** The access and refresh tokens and the client secret of a stored credential. */
export function secretsOf(credential: CredentialStore): string[] {
	const token = (credential.data.oauthTokenData ?? {}) as Record<string, unknown>;
	return [token.access_token, token.refresh_token, credential.data.clientSecret].filter(
		(s): s is string => typeof s === 'string' && s.length >= 8,
	);
}

/**
 * Every run of the node in these tests is checked: no token or client secret may appear in its output
 * items, error items, execution error or anything printed (n8n's logger included) while it ran.
 */
export function assertNoSecrets(secrets: string[], text: string): void {
	for (const secret of secrets) {
		if (text.includes(secret)) throw new Error(`A credential secret leaked into the run data or logs (…${secret.slice(-4)})`);
	}
}

function capturePrinted(): { text: () => string; stop: () => void } {
	const chunks: string[] = [];
	const streams = [process.stdout, process.stderr];
	const originals = streams.map((stream) => stream.write.bind(stream));
	const methods = ['log', 'info', 'warn', 'error', 'debug'] as const;
	const consoleOriginals = methods.map((m) => console[m]);
	streams.forEach((stream, index) => {
		stream.write = ((chunk: unknown, ...rest: unknown[]) => {
			chunks.push(String(chunk));
			return (originals[index] as (...a: unknown[]) => boolean)(chunk, ...rest);
		}) as typeof stream.write;
	});
	methods.forEach((m, index) => {
		console[m] = (...args: unknown[]) => {
			chunks.push(args.map((a) => (typeof a === 'string' ? a : JSON.stringify(a))).join(' '));
			(consoleOriginals[index] as (...a: unknown[]) => void)(...args);
		};
	});
	return {
		text: () => chunks.join('\n'),
		stop: () => {
			streams.forEach((stream, index) => (stream.write = originals[index] as typeof stream.write));
			methods.forEach((m, index) => (console[m] = consoleOriginals[index]));
		},
	};
}

function asItems(items: RunOptions['items']): INodeExecutionData[] {
	return (items ?? [{}]).map((item) =>
		'json' in item && typeof item.json === 'object' ? (item as INodeExecutionData) : { json: item as IDataObject },
	);
}

/** Runs one Actionstep node with the given parameters over the given items, as n8n would. */
export async function runNode(options: RunOptions): Promise<RunResult> {
	const node: INode = {
		id: 'actionstep-node',
		name: NODE_NAME,
		type: NODE_TYPE,
		typeVersion: 1,
		position: [0, 0],
		parameters: options.parameters,
		credentials: { [CREDENTIAL_TYPE]: { id: 'cred-1', name: 'Actionstep sandbox' } },
		...(options.onError ? { onError: options.onError } : {}),
	};
	const workflowRef: { current?: Workflow } = {};
	const workflow = new Workflow({
		id: 'wf-test',
		name: 'actionstep test',
		nodes: [node],
		connections: {},
		active: false,
		nodeTypes,
		settings: { timezone: options.timezone ?? 'Australia/Sydney' },
	});
	workflowRef.current = workflow;

	let resolveRun!: (run: IRun) => void;
	const finished = new Promise<IRun>((resolve) => (resolveRun = resolve));
	const hooks = new ExecutionLifecycleHooks('manual', 'exec-1', {
		id: 'wf-test',
		name: 'actionstep test',
		nodes: [node],
		connections: {},
		active: false,
		activeVersionId: null,
		isArchived: false,
		createdAt: new Date(),
		updatedAt: new Date(),
	} as never);
	hooks.addHandler('workflowExecuteAfter', (run: IRun) => resolveRun(run));

	const additionalData = {
		credentialsHelper: new TestCredentialsHelper(options.credential, workflowRef),
		hooks,
		variables: {},
		restApiUrl: 'http://127.0.0.1/rest',
		instanceBaseUrl: 'http://127.0.0.1/',
		webhookBaseUrl: 'http://127.0.0.1/webhook',
		webhookWaitingBaseUrl: 'http://127.0.0.1/webhook-waiting',
		webhookTestBaseUrl: 'http://127.0.0.1/webhook-test',
		formBaseUrl: 'http://127.0.0.1/form',
		formWaitingBaseUrl: 'http://127.0.0.1/form-waiting',
		formTestBaseUrl: 'http://127.0.0.1/form-test',
		mcpBaseUrl: 'http://127.0.0.1/mcp',
		mcpTestBaseUrl: 'http://127.0.0.1/mcp-test',
		currentNodeExecutionIndex: 0,
		executionId: 'exec-1',
		logAiEvent: () => {},
		getRunExecutionData: async () => undefined,
	} as unknown as IWorkflowExecuteAdditionalData;

	const runExecutionData = createRunExecutionData({
		executionData: {
			nodeExecutionStack: [{ node, data: { main: [asItems(options.items)] }, source: null }],
		},
	});
	const secretsBefore = secretsOf(options.credential);
	const printed = capturePrinted();
	const execution = new WorkflowExecute(additionalData, 'manual', runExecutionData);
	void execution.processRunExecutionData(workflow);
	let run: IRun;
	try {
		run = await finished;
	} finally {
		printed.stop();
	}
	assertNoSecrets([...secretsBefore, ...secretsOf(options.credential)], JSON.stringify(run) + printed.text());

	const taskData = run.data.resultData.runData[NODE_NAME]?.[0];
	const outputs = taskData?.data?.main ?? [];
	const error = run.data.resultData.error as RunResult['error'];
	return {
		success: (outputs[0] ?? []) as INodeExecutionData[],
		errors: (outputs[1] ?? []) as INodeExecutionData[],
		error: error ? { message: error.message, description: error.description, context: error.context as IDataObject, httpCode: (error as { httpCode?: string }).httpCode } : undefined,
		run,
	};
}
