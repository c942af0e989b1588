import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import type { IDataObject, IHookFunctions, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import type { ActionstepRecord } from '../helpers/interfaces';
import { normaliseActionstepRecord, parseResthookPayload } from '../helpers/resthookPayload';
import type { ResthookEvent } from '../helpers/resthookPayload';
import { newHookToken, pointsAt, targetUrlFor, TOKEN_PARAMETER, tokenOf, tokensMatch } from '../helpers/resthookTarget';
import { actionstepRequest, createRecord, deleteRecord, fetchAll, pathOf, unwrapRecords } from '../transport';
import { ACTIONSTEP_EVENTS, eventByName } from './events';

/**
 * The REST-hook lifecycle of the Actionstep Trigger (notes §8): one hook per chosen event, all pointing at
 * this node's webhook URL with the node's secret token in the query. Static data (node) keeps the token
 * and the hook ids (event → hook id); when it is lost (a restart without it, an import), the hooks are
 * found again by listing `resthooks` and matching their targetUrl.
 *
 * The token is made anew whenever the hooks are (re)created and forgotten when they are deleted, so a
 * token read from the organisation's hook list stops working at the next deactivation or activation.
 */

const RESOURCE = 'resthooks';
const WEBHOOK_NAME = 'default';

/** Where one set of hooks keeps its token and ids in static data. */
interface HookSlot {
	token: string;
	ids: string;
}

/** Production hooks and "Listen for test event" hooks each have their own slot: one never rotates or clears the other's token. */
const PRODUCTION: HookSlot = { token: 'hookToken', ids: 'hookIds' };
const TEST: HookSlot = { token: 'testHookToken', ids: 'testHookIds' };

function slotOf(ctx: IHookFunctions | IWebhookFunctions): HookSlot {
	return ctx.getMode() === 'manual' ? TEST : PRODUCTION;
}

function staticData(ctx: IHookFunctions | IWebhookFunctions): IDataObject {
	return ctx.getWorkflowStaticData('node');
}

function storedToken(ctx: IHookFunctions | IWebhookFunctions): string | undefined {
	const token = staticData(ctx)[slotOf(ctx).token];
	return typeof token === 'string' && token ? token : undefined;
}

function remember(ctx: IHookFunctions, token: string, ids: IDataObject): void {
	const data = staticData(ctx);
	const slot = slotOf(ctx);
	data[slot.token] = token;
	data[slot.ids] = ids;
}

function forget(ctx: IHookFunctions): void {
	const data = staticData(ctx);
	const slot = slotOf(ctx);
	delete data[slot.token];
	delete data[slot.ids];
}

/** The chosen events, checked against Actionstep's list (a saved workflow could hold anything). */
export function chosenEvents(ctx: IHookFunctions | IWebhookFunctions): string[] {
	const raw = ctx.getNodeParameter('events', []) as unknown;
	const list = Array.isArray(raw) ? [...new Set(raw.map(String))] : [];
	const unknown = list.filter((e) => !eventByName(e));
	if (unknown.length) {
		throw new NodeOperationError(ctx.getNode(), `Unknown Actionstep event${unknown.length > 1 ? 's' : ''}: ${unknown.join(', ')}`, {
			description: `Pick events from the list; Actionstep's events are ${ACTIONSTEP_EVENTS.map((e) => e.value).join(', ')}.`,
		});
	}
	if (!list.length) {
		throw new NodeOperationError(ctx.getNode(), 'Choose at least one event to listen for', {
			description: 'Actionstep sends nothing until a REST hook exists for an event.',
		});
	}
	return list;
}

function webhookUrl(ctx: IHookFunctions): string {
	const url = ctx.getNodeWebhookUrl(WEBHOOK_NAME);
	if (!url) throw new NodeOperationError(ctx.getNode(), 'n8n gave this node no webhook URL');
	return url;
}

/** Every hook in the organisation whose targetUrl is this node's webhook URL, whatever its token or status. */
async function hooksPointingHere(ctx: IHookFunctions, url: string): Promise<ActionstepRecord[]> {
	const hooks = await fetchAll.call(ctx, { path: RESOURCE });
	return hooks.filter((h) => pointsAt(h.targetUrl, url));
}

function isNotFound(error: unknown): boolean {
	return error instanceof NodeApiError && String(error.httpCode) === '404';
}

/** Deletes one hook; one already gone counts as deleted. */
async function removeHook(ctx: IHookFunctions, id: number): Promise<void> {
	let failure: unknown;
	try {
		await deleteRecord.call(ctx, RESOURCE, id);
	} catch (error) {
		if (isNotFound(error)) ctx.logger.debug(`Actionstep Trigger: REST hook ${id} was already gone`);
		else failure = error;
	}
	if (failure !== undefined) throw asNodeError(ctx, failure);
}

function asNodeError(ctx: IHookFunctions | IWebhookFunctions, error: unknown): NodeApiError | NodeOperationError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) return error;
	return new NodeOperationError(ctx.getNode(), error as Error);
}

export async function checkExists(this: IHookFunctions): Promise<boolean> {
	const url = webhookUrl(this);
	const events = chosenEvents(this);
	const active = (await hooksPointingHere(this, url)).filter((h) => h.status === 'Active');

	let token = storedToken(this);
	if (!token) {
		// Static data was lost: the token lives on in the hooks' own URLs, readable only through the API.
		const tokens = [...new Set(active.map((h) => tokenOf(h.targetUrl)).filter((t): t is string => !!t))];
		if (tokens.length !== 1) return false;
		token = tokens[0];
	}
	const mine = active.filter((h) => tokensMatch(tokenOf(h.targetUrl), token));
	const byEvent: IDataObject = {};
	for (const hook of mine) byEvent[String(hook.eventName)] ??= hook.id;
	const exact = mine.length === events.length && events.every((e) => byEvent[e] !== undefined);
	if (!exact) return false;
	remember(this, token, byEvent);
	return true;
}

export async function create(this: IHookFunctions): Promise<boolean> {
	const url = webhookUrl(this);
	const events = chosenEvents(this);
	// A fresh token for every registration: whoever read the old hooks' URLs cannot use what they read.
	forget(this);
	const token = newHookToken();
	const target = targetUrlFor(url, token);

	// Hooks left over for this URL (disabled by Actionstep, other events, an older token) go first.
	for (const stale of await hooksPointingHere(this, url)) await removeHook(this, stale.id);

	const created: IDataObject = {};
	let failure: unknown;
	for (const eventName of events) {
		try {
			const hook = await createRecord.call(this, RESOURCE, { eventName, targetUrl: target });
			created[eventName] = hook.id;
		} catch (error) {
			failure = error;
			break;
		}
	}
	if (failure !== undefined) {
		// All or nothing: a half-registered trigger would miss events without saying so. A create that failed
		// in transit may still have made its hook, so everything pointing here goes, not only what was confirmed.
		try {
			const leftovers = new Set<number>(Object.values(created) as number[]);
			for (const hook of await hooksPointingHere(this, url)) leftovers.add(hook.id);
			for (const id of leftovers) await removeHook(this, id);
		} catch (error) {
			this.logger.warn('Actionstep Trigger: could not remove the REST hooks of a failed activation; the next activation removes them', {
				error: (error as Error).message,
			});
		}
		throw asNodeError(this, failure);
	}
	remember(this, token, created);
	return true;
}

export async function remove(this: IHookFunctions): Promise<boolean> {
	const ids = staticData(this)[slotOf(this).ids];
	const known = Object.values(typeof ids === 'object' && ids !== null ? ids : {}).filter((id): id is number => typeof id === 'number');
	for (const id of known) await removeHook(this, id);
	// Also whatever else points here: hooks registered before static data was lost, duplicates.
	for (const hook of await hooksPointingHere(this, webhookUrl(this))) {
		if (!known.includes(hook.id)) await removeHook(this, hook.id);
	}
	// The token goes with the hooks: a call carrying it after deactivation is dropped.
	forget(this);
	return true;
}

/** Actionstep disables a hook on any answer but 200, so the answer goes out first, before anything can fail. */
function answerAtOnce(ctx: IWebhookFunctions): void {
	const res = ctx.getResponseObject();
	if (res.headersSent) return;
	res.writeHead(200, { 'Content-Type': 'application/json' });
	res.end('{"received":true}');
}

/** The record named by the event, fetched from the API; composite ids (actionparticipants) stay text. */
async function fetchFullRecord(ctx: IWebhookFunctions, event: ResthookEvent, resource: string): Promise<IDataObject | undefined> {
	const response = await actionstepRequest.call(ctx, { method: 'GET', path: pathOf(resource, event.id as number | string) });
	const records = response.status === 204 ? [] : unwrapRecords(response.body, resource);
	const match = records.find((r) => String(r.id) === String(event.id)) ?? records[0];
	return match ? normaliseActionstepRecord(match) : undefined;
}

/**
 * n8n parses only `application/json` bodies; Actionstep's own media type is `application/vnd.api+json`,
 * which n8n leaves unparsed in `rawBody`. Read it from there when the parsed body holds nothing.
 */
function rawJsonBody(ctx: IWebhookFunctions): unknown {
	const raw = (ctx.getRequestObject() as { rawBody?: { toString(encoding?: string): string } }).rawBody;
	if (!raw) return undefined;
	try {
		return JSON.parse(raw.toString('utf8')) as unknown;
	} catch {
		return undefined;
	}
}

export async function receive(this: IWebhookFunctions): Promise<IWebhookResponseData> {
	answerAtOnce(this);
	const query = this.getQueryData() as IDataObject;
	if (!tokensMatch(query[TOKEN_PARAMETER], storedToken(this))) {
		this.logger.warn(
			`Actionstep Trigger: ignored a call to "${this.getNode().name}" without this trigger's token; it did not come from one of its Actionstep REST hooks`,
			{ workflowId: this.getWorkflow().id, tokenGiven: query[TOKEN_PARAMETER] !== undefined },
		);
		return { noWebhookResponse: true };
	}
	const event = parseResthookPayload(this.getBodyData()) ?? parseResthookPayload(rawJsonBody(this));
	if (!event) {
		this.logger.warn('Actionstep Trigger: ignored a REST-hook call whose body is not an Actionstep record');
		return { noWebhookResponse: true };
	}
	const events = this.getNodeParameter('events', []) as string[];
	if (event.eventName && !events.includes(event.eventName)) {
		this.logger.debug(`Actionstep Trigger: ignored ${event.eventName}, which this trigger does not listen for`);
		return { noWebhookResponse: true };
	}
	const known = eventByName(event.eventName);
	const resource = event.resource ?? known?.resource;
	const resthook: IDataObject = {
		event: event.eventName ?? null,
		hookId: event.hookId ?? null,
		resource: resource ?? null,
		receivedAt: new Date().toISOString(),
	};

	let record = event.record;
	const options = this.getNodeParameter('options', {}) as IDataObject;
	if (options.fetchFullRecord === true) {
		if (known?.deleted) {
			resthook.fullRecord = 'not fetched: the record was deleted';
		} else if (!resource || !/^[a-z]+$/.test(resource) || event.id === undefined || event.id === null || event.id === '') {
			resthook.fullRecord = 'not fetched: the event names no record';
		} else {
			try {
				const full = await fetchFullRecord(this, event, resource);
				if (full) {
					record = full;
					resthook.fullRecord = 'fetched';
				} else resthook.fullRecord = 'not found';
			} catch (error) {
				// The event is still worth emitting: the workflow gets it with the payload's fields and the reason.
				resthook.fullRecord = isNotFound(error) ? 'not found' : 'failed';
				resthook.fullRecordError = (error as Error).message;
				this.logger.warn(`Actionstep Trigger: could not fetch ${resource}/${String(event.id)} for ${String(event.eventName)}`, { error: (error as Error).message });
			}
		}
	}
	const json: IDataObject = { ...record, resthook };
	return { noWebhookResponse: true, workflowData: [[{ json }]] };
}
