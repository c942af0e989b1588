/**
 * The benchmark's way to run a node: n8n-core's real WorkflowExecute with n8n's real OAuth2 request path
 * (the tests' credentials helper), as test/harness/engine.ts does, but for any node type (the Actionstep
 * node, or the bench-only page walker) and without the tests' per-run checks (their secret scan
 * stringifies the whole run, which would distort time and memory). One node, one execution, 'manual'
 * mode, the output handed back as n8n produced it.
 */
import { ExecutionLifecycleHooks, WorkflowExecute } from 'n8n-core';
import { createRunExecutionData, NodeHelpers, Workflow } from 'n8n-workflow';
import type { INode, INodeExecutionData, INodeParameters, INodeType, INodeTypes, IRun, IWorkflowExecuteAdditionalData } from 'n8n-workflow';

import { CREDENTIAL_TYPE, NODE_TYPE, sandboxCredential, TestCredentialsHelper } from '../../test/harness/credentials';
import type { CredentialStore } from '../../test/harness/credentials';
import { Actionstep } from '../../nodes/Actionstep/Actionstep.node';

export const ACTIONSTEP_TYPE = NODE_TYPE;
export { CREDENTIAL_TYPE };
/** The stored credential (the tests' credentials helper refreshes it through n8n's OAuth2 code). */
export type BenchCredential = CredentialStore;
export const benchCredential = sandboxCredential;

function nodeTypesFor(type: string, make: () => INodeType): INodeTypes {
	// One instance, as n8n's loaded node types are: building the description anew ~27 times a run cost 2 ms.
	let instance: INodeType | undefined;
	return {
		getByName(name: string): INodeType {
			if (name !== type) throw new Error(`unknown node type ${name}`);
			return (instance ??= make());
		},
		getByNameAndVersion(name: string, version?: number): INodeType {
			return NodeHelpers.getVersionedNodeType(this.getByName(name), version);
		},
		getKnownTypes() {
			return { [type]: { className: type, sourcePath: '' } };
		},
	} as INodeTypes;
}

export interface BenchRun {
	parameters: INodeParameters;
	/** Input items; one empty item when absent. */
	items?: INodeExecutionData[];
	credential: BenchCredential;
	/** Another node type (default: the Actionstep node). */
	nodeType?: { type: string; make: () => INodeType };
}

export interface BenchResult {
	output: INodeExecutionData[];
	error?: string;
	run: IRun;
}

const NODE_NAME = 'Node under test';

export async function runInEngine(options: BenchRun): Promise<BenchResult> {
	const type = options.nodeType?.type ?? ACTIONSTEP_TYPE;
	const make = options.nodeType?.make ?? (() => new Actionstep());
	const node: INode = {
		id: 'bench-node',
		name: NODE_NAME,
		type,
		typeVersion: 1,
		position: [0, 0],
		parameters: options.parameters,
		credentials: { [CREDENTIAL_TYPE]: { id: 'cred-1', name: 'Actionstep sandbox' } },
	};
	const workflowData = { id: 'wf-bench', name: 'actionstep bench', nodes: [node], connections: {}, active: false };
	const workflowRef: { current?: Workflow } = {};
	const workflow = new Workflow({ ...workflowData, nodeTypes: nodeTypesFor(type, make), settings: { timezone: 'Australia/Sydney' } });
	workflowRef.current = workflow;

	let resolveRun!: (run: IRun) => void;
	const finished = new Promise<IRun>((resolve) => (resolveRun = resolve));
	const hooks = new ExecutionLifecycleHooks('manual', 'exec-bench', {
		...workflowData,
		activeVersionId: null,
		isArchived: false,
		createdAt: new Date(),
		updatedAt: new Date(),
	} as never);
	hooks.addHandler('workflowExecuteAfter', (run: IRun) => resolveRun(run));

	const base = 'http://127.0.0.1';
	const additionalData = {
		credentialsHelper: new TestCredentialsHelper(options.credential, workflowRef),
		hooks,
		variables: {},
		restApiUrl: `${base}/rest`,
		instanceBaseUrl: `${base}/`,
		webhookBaseUrl: `${base}/webhook`,
		webhookWaitingBaseUrl: `${base}/webhook-waiting`,
		webhookTestBaseUrl: `${base}/webhook-test`,
		formBaseUrl: `${base}/form`,
		formWaitingBaseUrl: `${base}/form-waiting`,
		formTestBaseUrl: `${base}/form-test`,
		mcpBaseUrl: `${base}/mcp`,
		mcpTestBaseUrl: `${base}/mcp-test`,
		currentNodeExecutionIndex: 0,
		executionId: 'exec-bench',
		logAiEvent: () => {},
		getRunExecutionData: async () => undefined,
	} as unknown as IWorkflowExecuteAdditionalData;

	const items = options.items ?? [{ json: {} }];
	const runExecutionData = createRunExecutionData({
		executionData: { nodeExecutionStack: [{ node, data: { main: [items] }, source: null }] },
	});
	void new WorkflowExecute(additionalData, 'manual', runExecutionData).processRunExecutionData(workflow);
	const run = await finished;

	const outputs = run.data.resultData.runData[NODE_NAME]?.[0]?.data?.main ?? [];
	const error = run.data.resultData.error;
	return { output: (outputs[0] ?? []) as INodeExecutionData[], error: error?.message, run };
}
