/** The loopback server standing in for n8n's webhook endpoint, for the trigger tests (see harness.ts). */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { IDataObject, INodeExecutionData, IWebhookResponseData } from 'n8n-workflow';

import { assertNoSecrets, loggedSince, logMark, logText, secretsOf } from '../../scripts/devkit';
import type { TriggerWorkflow } from './triggerWorkflow';

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
