/**
 * Runs the trigger nodes the way n8n does, with n8n-core's real contexts: HookContext for the REST-hook
 * lifecycle (checkExists / create / delete, as n8n's webhook service calls them on activation and
 * deactivation), WebhookContext for each delivery (built per HTTP request on a loopback server standing in
 * for n8n's webhook endpoint), and PollContext for the polling trigger. The credentials helper takes n8n's
 * real OAuth2 path (getParentTypes → oAuth2Api), as test/harness/engine.ts and loadOptions.ts do.
 *
 * Static data lives on the Workflow object as in n8n; `restart()` builds a new Workflow from a JSON copy of
 * it (what n8n persists) or from nothing (static data lost).
 */
import { type IncomingMessage, type ServerResponse } from 'node:http';
import { HookContext, PollContext, WebhookContext } from 'n8n-core';
import type { IDataObject, INode, INodeExecutionData, INodeParameters, INodeType, IWebhookData, IWebhookResponseData, IWorkflowExecuteAdditionalData, WorkflowActivateMode, WorkflowExecuteMode } from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';

import { assertNoSecrets, CREDENTIAL_REF, DevCredentialsHelper, engineAdditionalData, loggedSince, logMark, logText, packageNodeTypes, secretsOf } from '../../scripts/devkit';
import type { CredentialStore } from '../../scripts/devkit';

const nodeTypes = packageNodeTypes;

export interface TriggerOptions {
	type: string;
	parameters: INodeParameters;
	credential: CredentialStore;
	/** Where n8n's production webhooks live, e.g. http://127.0.0.1:PORT/webhook. */
	webhookBaseUrl?: string;
	webhookTestBaseUrl?: string;
	staticData?: IDataObject;
	webhookId?: string;
	nodeName?: string;
	workflowId?: string;
}

/** One trigger node in one workflow, as n8n holds it while the workflow is active. */
export class TriggerWorkflow {
	workflow!: Workflow;
	node!: INode;
	additionalData!: IWorkflowExecuteAdditionalData;
	private readonly workflowRef: { current?: Workflow } = {};
	/** The activation's PollContext: n8n builds one when it activates a poll node and hands it to every scheduled poll. */
	private activePoll?: PollContext;

	constructor(readonly options: TriggerOptions) {
		this.build(options.staticData);
	}

	get nodeType(): INodeType {
		return nodeTypes.getByNameAndVersion(this.options.type, 1);
	}

	/** The node's static data, as n8n would persist it (plain JSON). */
	staticData(): IDataObject {
		return JSON.parse(JSON.stringify(this.workflow.getStaticData('node', this.node))) as IDataObject;
	}

	/** n8n restarted: the workflow is loaded again with the static data it had saved, or with none. */
	restart(keepStaticData: boolean): void {
		this.build(keepStaticData ? (JSON.parse(JSON.stringify(this.workflow.staticData)) as IDataObject) : {});
	}

	setParameters(parameters: INodeParameters): void {
		this.options.parameters = parameters;
		this.build(JSON.parse(JSON.stringify(this.workflow.staticData)) as IDataObject);
	}

	private build(staticData: IDataObject | undefined): void {
		const o = this.options;
		const node: INode = {
			id: 'trigger-node',
			name: o.nodeName ?? 'Actionstep Trigger',
			type: o.type,
			typeVersion: 1,
			position: [0, 0],
			parameters: o.parameters,
			credentials: CREDENTIAL_REF,
			webhookId: o.webhookId ?? '0b0f3d1c-7a51-4c55-9d2b-6a2f2f0f5e01',
		};
		this.workflow = new Workflow({
			id: o.workflowId ?? 'wf-trigger',
			name: 'trigger test',
			nodes: [node],
			connections: {},
			active: true,
			nodeTypes,
			staticData,
			settings: { timezone: 'Australia/Sydney' },
		});
		this.workflowRef.current = this.workflow;
		this.activePoll = undefined;
		this.node = this.workflow.getNode(node.name)!;
		this.additionalData = engineAdditionalData({
			credentialsHelper: new DevCredentialsHelper(o.credential, this.workflowRef),
			webhookBaseUrl: o.webhookBaseUrl ?? 'http://127.0.0.1:5678/webhook',
			webhookTestBaseUrl: o.webhookTestBaseUrl ?? 'http://127.0.0.1:5678/webhook-test',
			currentNodeParameters: undefined,
			executionId: 'exec-trigger',
		});
	}

	webhookData(isTest = false): IWebhookData {
		const description = this.nodeType.description.webhooks![0];
		return {
			httpMethod: 'POST',
			node: this.node.name,
			path: `${this.node.webhookId}/${String(description.path)}`,
			webhookDescription: description,
			workflowId: this.workflow.id,
			workflowExecuteAdditionalData: this.additionalData,
			webhookId: this.node.webhookId,
			isTest,
		};
	}

	/** The node's webhook URL as n8n computes it (what the hook's targetUrl must point at). */
	webhookUrl(isTest = false): string {
		return this.hookContext('trigger', 'activate', isTest).getNodeWebhookUrl('default')!;
	}

	hookContext(mode: WorkflowExecuteMode = 'trigger', activation: WorkflowActivateMode = 'activate', isTest = false): HookContext {
		return new HookContext(this.workflow, this.node, this.additionalData, mode, activation, this.webhookData(isTest));
	}

	/** Runs webhookMethods.default[method] in a real HookContext, as n8n's webhook service does. */
	async lifecycle(method: 'checkExists' | 'create' | 'delete', mode: WorkflowExecuteMode = 'trigger', activation: WorkflowActivateMode = 'activate'): Promise<boolean> {
		const methods = this.nodeType.webhookMethods?.default;
		if (!methods) throw new Error('the node has no webhook methods');
		return await methods[method].call(this.hookContext(mode, activation, mode === 'manual'));
	}

	/** What n8n does on activation: checkExists, and create when it says no. */
	async activate(mode: WorkflowExecuteMode = 'trigger'): Promise<{ existed: boolean }> {
		const existed = await this.lifecycle('checkExists', mode);
		if (!existed) await this.lifecycle('create', mode);
		return { existed };
	}

	/** Runs the node's webhook() for one HTTP request, in a real WebhookContext. */
	async webhook(req: IncomingMessage & { body?: unknown; query?: IDataObject; params?: IDataObject }, res: ServerResponse): Promise<IWebhookResponseData> {
		const additionalData = { ...this.additionalData, httpRequest: req, httpResponse: res } as unknown as IWorkflowExecuteAdditionalData;
		const context = new WebhookContext(this.workflow, this.node, additionalData, 'webhook', this.webhookData(), [], null);
		return await this.nodeType.webhook!.call(context);
	}

	/**
	 * Runs poll() in a real PollContext: 'trigger' = an active workflow's schedule, every poll in the one
	 * context of this activation, as n8n's activatePollTrigger does; 'manual' = Fetch Test Event, a new one.
	 */
	async poll(mode: WorkflowExecuteMode = 'trigger'): Promise<INodeExecutionData[][] | null> {
		const context =
			mode === 'trigger'
				? (this.activePoll ??= new PollContext(this.workflow, this.node, this.additionalData, mode, 'activate'))
				: new PollContext(this.workflow, this.node, this.additionalData, mode, 'activate');
		const secrets = secretsOf(this.options.credential);
		const mark = logMark();
		const result = await this.nodeType.poll!.call(context);
		assertNoSecrets([...secrets, ...secretsOf(this.options.credential)], `${JSON.stringify(result)}\n${logText(loggedSince(mark))}`);
		return result;
	}
}
