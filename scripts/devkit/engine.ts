/**
 * Runs a workflow in n8n-core's real WorkflowExecute, as n8n does once a workflow starts: the start node is
 * put on the execution stack with its input items and every connected node runs for real. The credentials
 * helper takes n8n's real OAuth2 path. One function for the tests' single-node runs, the trigger tests'
 * whole workflows and the benchmark.
 */
import { ExecutionLifecycleHooks, WorkflowExecute } from 'n8n-core';
import { createRunExecutionData, Workflow } from 'n8n-workflow';
import type { IConnections, INode, INodeExecutionData, INodeTypes, IRun, WorkflowExecuteMode } from 'n8n-workflow';

import { engineAdditionalData } from './additionalData';
import { DevCredentialsHelper } from './credentials';
import type { CredentialStore } from './credentials';
import { CREDENTIAL_TYPE } from './nodeTypes';

export interface EngineRun {
	nodes: INode[];
	connections?: IConnections;
	/** The node the execution starts at, and its input items. */
	start: { node: string; items: INodeExecutionData[] };
	nodeTypes: INodeTypes;
	credential: CredentialStore;
	mode?: WorkflowExecuteMode;
	timezone?: string;
	/** Whether the workflow is active (a trigger's run) or run by hand. */
	active?: boolean;
	workflowId?: string;
	executionId?: string;
	/** Extra workflow settings (e.g. executionOrder). */
	settings?: Record<string, unknown>;
}

/** The node-level credential reference every run's nodes carry. */
export const CREDENTIAL_REF = { [CREDENTIAL_TYPE]: { id: 'cred-1', name: 'Actionstep sandbox' } };

export async function runInEngine(options: EngineRun): Promise<IRun> {
	const workflowData = {
		id: options.workflowId ?? 'wf-dev',
		name: 'actionstep dev run',
		nodes: options.nodes,
		connections: options.connections ?? {},
		active: options.active ?? false,
	};
	const workflowRef: { current?: Workflow } = {};
	const workflow = new Workflow({
		...workflowData,
		nodeTypes: options.nodeTypes,
		settings: { timezone: options.timezone ?? 'Australia/Sydney', ...options.settings },
	});
	workflowRef.current = workflow;

	const mode = options.mode ?? 'manual';
	const executionId = options.executionId ?? 'exec-1';
	let resolveRun!: (run: IRun) => void;
	const finished = new Promise<IRun>((resolve) => (resolveRun = resolve));
	const hooks = new ExecutionLifecycleHooks(mode, executionId, {
		...workflowData,
		activeVersionId: null,
		isArchived: false,
		createdAt: new Date(),
		updatedAt: new Date(),
	} as never);
	hooks.addHandler('workflowExecuteAfter', (run: IRun) => resolveRun(run));

	const additionalData = engineAdditionalData({
		credentialsHelper: new DevCredentialsHelper(options.credential, workflowRef),
		hooks,
		executionId,
	});
	const start = workflow.getNode(options.start.node);
	if (!start) throw new Error(`no node "${options.start.node}" in the workflow`);
	const runExecutionData = createRunExecutionData({
		executionData: { nodeExecutionStack: [{ node: start, data: { main: [options.start.items] }, source: null }] },
	});
	void new WorkflowExecute(additionalData, mode, runExecutionData).processRunExecutionData(workflow);
	return await finished;
}
