/** Workflows for the e2e suites: built node by node, imported, published and executed with n8n's CLI. */
import type { IConnections, IDataObject, INode, IRun } from 'n8n-workflow';
import { rt, type RunResult } from './runtime';

export interface WorkflowSpec {
	id: string;
	name?: string;
	nodes: INode[];
	/** Defaults to a straight chain of `nodes` in order. */
	connections?: IConnections;
	active?: boolean;
}

/** A workflow export for `import:workflow` (it must carry its id). */
export function workflow(spec: WorkflowSpec): IDataObject {
	const connections: IConnections = spec.connections ?? {};
	if (!spec.connections) {
		for (let i = 0; i + 1 < spec.nodes.length; i++) {
			connections[spec.nodes[i].name] = { main: [[{ node: spec.nodes[i + 1].name, type: 'main', index: 0 }]] };
		}
	}
	return {
		id: spec.id,
		name: spec.name ?? `e2e ${spec.id}`,
		active: spec.active ?? false,
		nodes: spec.nodes as unknown as IDataObject[],
		connections: connections as unknown as IDataObject,
		settings: { executionOrder: 'v1' },
		pinData: {},
	};
}

let nodeCounter = 0;
function nodeId(): string {
	nodeCounter += 1;
	return `00000000-0000-4000-8000-${String(nodeCounter).padStart(12, '0')}`;
}

/** Places nodes left to right when no position is given. */
export function node(partial: Omit<INode, 'id' | 'position' | 'typeVersion' | 'parameters'> & Partial<INode>): INode {
	const index = nodeCounter;
	return {
		id: partial.id ?? nodeId(),
		position: partial.position ?? [index * 220, 300],
		typeVersion: partial.typeVersion ?? 1,
		parameters: partial.parameters ?? {},
		...partial,
	} as INode;
}

export function manualTrigger(name = 'Manual Trigger'): INode {
	return node({ name, type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, parameters: {} });
}

/** n8n's Set node (v3.4) assigning string/number/boolean fields. */
export function setNode(name: string, fields: Record<string, string | number | boolean>): INode {
	return node({
		name,
		type: 'n8n-nodes-base.set',
		typeVersion: 3.4,
		parameters: {
			assignments: {
				assignments: Object.entries(fields).map(([k, v], i) => ({
					id: `a${i}`,
					name: k,
					value: v,
					type: typeof v === 'number' ? 'number' : typeof v === 'boolean' ? 'boolean' : 'string',
				})),
			},
			options: {},
		},
	});
}

/** The Actionstep node with its credential reference. */
export function actionstepNode(name: string, parameters: IDataObject, credential: { id: string; name: string }, typeVersion = 1): INode {
	return node({
		name,
		type: rt.NODE_TYPE,
		typeVersion,
		parameters: parameters as INode['parameters'],
		credentials: { [rt.CREDENTIAL_TYPE]: credential },
	});
}

export async function importWorkflow(userFolder: string, wf: IDataObject): Promise<void> {
	await rt.importWorkflows(userFolder, [wf]);
}

/** Makes a workflow's triggers (webhooks) live for the next `n8n start`. */
export async function publishWorkflow(userFolder: string, workflowId: string): Promise<void> {
	await rt.publishWorkflow(userFolder, workflowId);
}

export interface ExecuteResult extends RunResult {
	/** The IRun JSON; undefined when none was printed (see stdout/stderr). */
	run?: IRun;
}

/** `n8n execute --id=<id> --rawOutput`. Exit code 1 with a run means a node error: read run.data.resultData.error. */
export async function executeWorkflow(userFolder: string, workflowId: string, opts: { env?: Record<string, string>; timeoutMs?: number } = {}): Promise<ExecuteResult> {
	return rt.executeWorkflow(userFolder, workflowId, opts);
}
