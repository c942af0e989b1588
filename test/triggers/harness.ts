/**
 * Runs the trigger nodes the way n8n does, with n8n-core's real contexts: HookContext for the REST-hook
 * lifecycle (checkExists / create / delete, as n8n's webhook service calls them on activation and
 * deactivation), WebhookContext for each delivery (built per HTTP request on a loopback server standing in
 * for n8n's webhook endpoint), and PollContext for the polling trigger. The credentials helper takes n8n's
 * real OAuth2 path (getParentTypes → oAuth2Api), as test/harness/engine.ts and loadOptions.ts do.
 *
 * The pieces: triggerWorkflow.ts (one trigger node in its workflow), webhookEndpoint.ts (the loopback
 * webhook server), and here runWorkflowFromTrigger (a whole workflow after a webhook call).
 *
 * Static data lives on the Workflow object as in n8n; `restart()` builds a new Workflow from a JSON copy of
 * it (what n8n persists) or from nothing (static data lost).
 */
import type { IConnections, INode, INodeExecutionData, IRun } from 'n8n-workflow';

import { assertNoSecrets, loggedSince, logMark, logText, NODE_TYPE, packageNodeTypes, POLL_TYPE, runInEngine, secretsOf, TRIGGER_TYPE } from '../../scripts/devkit';
import type { CredentialStore } from '../../scripts/devkit';

export { POLL_TYPE, TRIGGER_TYPE } from '../../scripts/devkit';
export { TriggerWorkflow } from './triggerWorkflow';
export type { TriggerOptions } from './triggerWorkflow';
export { WebhookEndpoint } from './webhookEndpoint';
export type { WebhookCall } from './webhookEndpoint';
export const ACTION_TYPE = NODE_TYPE;

const nodeTypes = packageNodeTypes;
const KNOWN_TYPES = new Set([TRIGGER_TYPE, POLL_TYPE, NODE_TYPE]);

/**
 * Runs a whole saved workflow (e.g. an example) in n8n-core's WorkflowExecute the way n8n does after a
 * webhook call: the trigger node is put on the stack with the items its webhook() returned, passes them
 * through, and every connected node runs for real against the sandbox. Sticky notes are left out.
 */
export async function runWorkflowFromTrigger(options: {
	nodes: INode[];
	connections: IConnections;
	triggerName: string;
	items: INodeExecutionData[];
	credential: CredentialStore;
	timezone?: string;
}): Promise<IRun> {
	const secrets = secretsOf(options.credential);
	const mark = logMark();
	const run = await runInEngine({
		nodes: options.nodes.filter((n) => KNOWN_TYPES.has(n.type)),
		connections: options.connections,
		start: { node: options.triggerName, items: options.items },
		nodeTypes,
		credential: options.credential,
		mode: 'webhook',
		active: true,
		timezone: options.timezone,
		workflowId: 'wf-example',
		executionId: 'exec-example',
		settings: { executionOrder: 'v1' },
	});
	assertNoSecrets([...secrets, ...secretsOf(options.credential)], `${JSON.stringify(run)}\n${logText(loggedSince(mark))}`);
	return run;
}
