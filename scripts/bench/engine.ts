/**
 * The benchmark's way to run a node: the kit's runInEngine (n8n-core's real WorkflowExecute, n8n's real
 * OAuth2 request path) for any node type (the Actionstep node, or the bench-only page walker) and without
 * the tests' per-run checks (their secret scan stringifies the whole run, which would distort time and
 * memory). One node, one execution, 'manual' mode, the output handed back as n8n produced it.
 */
import type { INode, INodeExecutionData, INodeParameters, INodeType, INodeTypes, IRun } from 'n8n-workflow';

import { actionstepNodeTypes, CREDENTIAL_REF, NODE_TYPE, nodeTypesOf, runInEngine, sandboxCredential } from '../devkit';
import type { CredentialStore } from '../devkit';
import { actionstepWithExperiments } from './experiment';
import type { Experiment } from './experiment';

/** The stored credential (refreshed through n8n's OAuth2 code, as in the tests). */
export type BenchCredential = CredentialStore;
export const benchCredential = sandboxCredential;

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

/** The Actionstep node the runs use: as shipped, unless runWithExperiments chose prototypes. */
let actionstepUnderTest: INodeTypes = actionstepNodeTypes;

/** Every later run of the Actionstep node applies `experiments` (index.ts, once, before any run). */
export function runWithExperiments(experiments: readonly Experiment[]): void {
	actionstepUnderTest = experiments.length ? nodeTypesOf({ [NODE_TYPE]: actionstepWithExperiments(experiments) }) : actionstepNodeTypes;
}

export async function runNodeOnce(options: BenchRun): Promise<BenchResult> {
	const node: INode = {
		id: 'bench-node',
		name: NODE_NAME,
		type: options.nodeType?.type ?? NODE_TYPE,
		typeVersion: 1,
		position: [0, 0],
		parameters: options.parameters,
		credentials: CREDENTIAL_REF,
	};
	const run = await runInEngine({
		nodes: [node],
		start: { node: NODE_NAME, items: options.items ?? [{ json: {} }] },
		nodeTypes: options.nodeType ? nodeTypesOf({ [options.nodeType.type]: options.nodeType.make }) : actionstepUnderTest,
		credential: options.credential,
		workflowId: 'wf-bench',
		executionId: 'exec-bench',
	});
	const outputs = run.data.resultData.runData[NODE_NAME]?.[0]?.data?.main ?? [];
	const error = run.data.resultData.error;
	return { output: (outputs[0] ?? []), error: error?.message, run };
}
