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
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { HookContext, PollContext, WebhookContext } from 'n8n-core';
import type {
	IConnections,
	IDataObject,
	INode,
	INodeExecutionData,
	INodeParameters,
	INodeType,
	IRun,
	IWebhookData,
	IWebhookResponseData,
	IWorkflowExecuteAdditionalData,
	WorkflowActivateMode,
	WorkflowExecuteMode,
} from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';

import {
	assertNoSecrets,
	CREDENTIAL_REF,
	DevCredentialsHelper,
	engineAdditionalData,
	loggedSince,
	logMark,
	logText,
	NODE_TYPE,
	packageNodeTypes,
	POLL_TYPE,
	runInEngine,
	secretsOf,
	TRIGGER_TYPE,
} from '../../scripts/devkit';
import type { CredentialStore } from '../../scripts/devkit';

export { POLL_TYPE, TRIGGER_TYPE } from '../../scripts/devkit';
export const ACTION_TYPE = NODE_TYPE;

const nodeTypes = packageNodeTypes;
const KNOWN_TYPES = new Set([TRIGGER_TYPE, POLL_TYPE, NODE_TYPE]);

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

	/** Runs poll() in a real PollContext ('trigger' = an active workflow's schedule, 'manual' = Fetch Test Event). */
	async poll(mode: WorkflowExecuteMode = 'trigger'): Promise<INodeExecutionData[][] | null> {
		const context = new PollContext(this.workflow, this.node, this.additionalData, mode, 'activate');
		const secrets = secretsOf(this.options.credential);
		const mark = logMark();
		const result = await this.nodeType.poll!.call(context);
		assertNoSecrets([...secrets, ...secretsOf(this.options.credential)], `${JSON.stringify(result)}\n${logText(loggedSince(mark))}`);
		return result;
	}
}

export interface WebhookCall {
	path: string;
	query: IDataObject;
	body: unknown;
	/** What the caller (the sandbox) was answered. */
	answeredStatus: number;
	answeredBody: string;
	/** Milliseconds from the request to the answer being written. */
	answeredAfterMs: number;
	result?: IWebhookResponseData;
	error?: Error;
	/** The items the workflow would start with. */
	items: INodeExecutionData[];
}

/**
 * A loopback HTTP server standing in for n8n's webhook endpoint: `POST /webhook/<webhookId>/webhook?...`
 * is routed to the registered trigger workflow, whose webhook() runs in a real WebhookContext with the
 * parsed body and query, as n8n's webhook server hands them over.
 */
export class WebhookEndpoint {
	readonly calls: WebhookCall[] = [];
	private server!: Server;
	private readonly routes = new Map<string, TriggerWorkflow>();
	private readonly running = new Set<Promise<void>>();
	baseUrl = '';

	static async start(): Promise<WebhookEndpoint> {
		const endpoint = new WebhookEndpoint();
		endpoint.server = createServer((req, res) => {
			const run = endpoint.handle(req, res);
			endpoint.running.add(run);
			void run.finally(() => endpoint.running.delete(run));
		});
		await new Promise<void>((resolve) => endpoint.server.listen(0, '127.0.0.1', resolve));
		endpoint.baseUrl = `http://127.0.0.1:${(endpoint.server.address() as AddressInfo).port}/webhook`;
		return endpoint;
	}

	/** Routes calls for this trigger's webhook path (`/webhook/<webhookId>/webhook`) to it. */
	register(trigger: TriggerWorkflow): void {
		this.routes.set(`/webhook/${trigger.webhookData().path}`, trigger);
	}

	async settle(): Promise<void> {
		while (this.running.size) await Promise.allSettled([...this.running]);
	}

	clear(): void {
		this.calls.length = 0;
	}

	async close(): Promise<void> {
		this.server.closeAllConnections();
		await new Promise<void>((resolve) => this.server.close(() => resolve()));
	}

	private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
		const started = Date.now();
		const url = new URL(req.url ?? '/', 'http://127.0.0.1');
		const chunks: Buffer[] = [];
		for await (const chunk of req) chunks.push(chunk as Buffer);
		const rawBody = Buffer.concat(chunks);
		const text = rawBody.toString('utf8');
		// As n8n's webhook server: JSON is parsed for application/json only, text/plain kept as text, the rest
		// left in rawBody.
		const contentType = (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
		let body: unknown = {};
		try {
			if (text && contentType === 'application/json') body = JSON.parse(text);
			else if (text && contentType === 'text/plain') body = text;
		} catch {
			body = {};
		}
		const query: IDataObject = Object.fromEntries(url.searchParams.entries());
		const call: WebhookCall = { path: url.pathname, query, body, answeredStatus: 0, answeredBody: '', answeredAfterMs: -1, items: [] };
		this.calls.push(call);
		const writeHead = res.writeHead.bind(res);
		const end = res.end.bind(res);
		res.writeHead = ((status: number, ...rest: unknown[]) => {
			call.answeredStatus = status;
			call.answeredAfterMs = Date.now() - started;
			return (writeHead as (...a: unknown[]) => ServerResponse)(status, ...rest);
		}) as typeof res.writeHead;
		res.end = ((chunk?: unknown, ...rest: unknown[]) => {
			if (typeof chunk === 'string') call.answeredBody += chunk;
			return (end as (...a: unknown[]) => ServerResponse)(chunk, ...rest);
		}) as typeof res.end;

		const trigger = this.routes.get(url.pathname);
		if (!trigger) {
			res.writeHead(404).end('no such webhook');
			return;
		}
		const mark = logMark();
		try {
			const request = Object.assign(req, { body, query, params: {}, rawBody });
			call.result = await trigger.webhook(request, res);
			call.items = call.result.workflowData?.[0] ?? [];
			assertNoSecrets(secretsOf(trigger.options.credential), `${JSON.stringify(call.items)}\n${logText(loggedSince(mark))}`);
		} catch (error) {
			call.error = error as Error;
		}
		// n8n answers itself unless the node said it already had (noWebhookResponse).
		if (!res.headersSent && !call.result?.noWebhookResponse) {
			res.writeHead(call.error ? 500 : 200, { 'Content-Type': 'application/json' });
			res.end(JSON.stringify(call.error ? { message: 'Error in workflow' } : (call.result?.webhookResponse ?? { message: 'Workflow was started' })));
		}
	}
}

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
