/**
 * REST-hook delivery (notes §8): when a record changes, every Active hook registered for the matching event
 * gets a POST of the JSON:API-style payload `{data:{type,id,attributes,relationships}, meta:{debug:{resthook}},
 * jsonapi}` at its targetUrl. Actionstep "expects to receive an http status code of 200"; any other answer
 * disables the hook (DOC-DEMOHOOK), and so does no answer at all here (assumption). Each dispatch counts in
 * triggeredCount / triggeredLastTimestamp.
 *
 * Deliveries run in the background, after the change that caused them, but every attempt is kept in a log
 * (`deliveries()`) and `settle()` waits for the ones still under way, so tests can observe them exactly.
 * Targets off this machine are never contacted unless the sandbox was started with allowRemoteHookTargets.
 * The log keeps target URLs and payloads with the targets' query values redacted (sandbox/redact.ts).
 */
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { defaultFieldNames } from './query';
import { RESOURCES } from './resources';
import { redactTargetUrl, redactValue } from './redact';
import { isLoopbackUrl } from './resources/resthooks';
import type { Store } from './store';
import { sydneyTimestamp } from './time';
import type { HookDelivery, ResourceName, StoredRecord } from './types';

/** The resource whose records each event carries; null = an Actionstep resource the sandbox does not have. */
export const EVENT_RESOURCES: Record<string, ResourceName | null> = {
	ActionCreated: 'actions',
	ActionUpdated: 'actions',
	StepChanged: 'actions',
	TaskCreated: 'tasks',
	TaskUpdated: 'tasks',
	TimeEntryCreated: 'timeentries',
	TimeEntryUpdated: 'timeentries',
	ParticipantCreated: 'participants',
	ParticipantUpdated: 'participants',
	ActionDocumentCreated: null,
	ActionDocumentUpdated: null,
	ActionDocumentDeleted: null,
	ActionParticipantAdded: null,
	ActionParticipantCreated: null,
	ActionParticipantDeleted: null,
	DataCollectionRecordUpdated: null,
	DataCollectionRecordDeleted: null,
	DataCollectionRecordValueUpdated: null,
	DisbursementCreated: null,
	DisbursementUpdated: null,
	FileNoteCreated: 'filenotes',
	FileNoteUpdated: 'filenotes',
};

/** The event a REST write (or a simulation) of each resource raises; phone records have none (notes §8). */
export const WRITE_EVENTS: Partial<Record<ResourceName, { create: string; update: string }>> = {
	actions: { create: 'ActionCreated', update: 'ActionUpdated' },
	participants: { create: 'ParticipantCreated', update: 'ParticipantUpdated' },
	tasks: { create: 'TaskCreated', update: 'TaskUpdated' },
	filenotes: { create: 'FileNoteCreated', update: 'FileNoteUpdated' },
	timeentries: { create: 'TimeEntryCreated', update: 'TimeEntryUpdated' },
};

const MAX_LOG = 5000;
const MAX_RESPONSE_TEXT = 2000;
export const DEFAULT_DELIVERY_TIMEOUT_MS = 10_000;

/**
 * The webhook body for one record. Attribute values keep Actionstep's conventions (`T`/`F`, timestamps with
 * offsets); numbers go out as strings and ids in `data.id` and relationships as strings, as the observed
 * webhook schemas declare them [O]. Every link becomes a relationship `{data:{type,id}}`, `{data:[...]}` for
 * many-links, or `{data:null}`.
 */
export function hookPayload(hook: StoredRecord, eventName: string, resource: ResourceName, record: StoredRecord): Record<string, unknown> {
	const def = RESOURCES[resource];
	const names = defaultFieldNames(def);
	const attributes: Record<string, unknown> = {};
	for (const f of def.fields) {
		if (!names.has(f.name)) continue;
		const value = record[f.name] ?? null;
		attributes[f.name] = typeof value === 'number' ? String(value) : value;
	}
	const relationships: Record<string, unknown> = {};
	for (const l of def.links) {
		const value = record.links[l.name];
		const ref = (id: number) => ({ type: l.resource, id: String(id) });
		relationships[l.name] = {
			data: Array.isArray(value) ? value.map(ref) : value === null || value === undefined ? null : ref(value),
		};
	}
	return {
		data: { type: resource, id: String(record.id), attributes, relationships },
		meta: {
			debug: {
				resthook: {
					id: String(hook.id),
					event_name: eventName,
					target: hook.targetUrl,
					trigger_count: hook.triggeredCount,
					resource_type: resource,
					resource_id: String(record.id),
				},
			},
		},
		jsonapi: { version: '1.0' },
	};
}

export interface DelivererOptions {
	store: Store;
	allowRemoteTargets: boolean;
	timeoutMs: number;
	quiet: boolean;
}

interface PostResult {
	status: number | null;
	body: string | null;
	error: string | null;
}

export class HookDeliverer {
	private log: HookDelivery[] = [];
	private seq = 0;
	private readonly pending = new Set<Promise<void>>();
	private readonly stop = new AbortController();

	constructor(private readonly o: DelivererOptions) {}

	/** Dispatches `eventName` for `record` to every Active hook registered for it; returns the new log entries. */
	emit(eventName: string, resource: ResourceName, record: StoredRecord): HookDelivery[] {
		if (this.stop.signal.aborted) return [];
		const hooks = this.o.store.all('resthooks').filter((h) => h.eventName === eventName && h.status === 'Active');
		return hooks.map((h) => structuredClone(this.dispatch(h.id, eventName, resource, record)));
	}

	deliveries(): HookDelivery[] {
		return structuredClone(this.log);
	}

	clear(): void {
		this.log = [];
	}

	/** Waits until no delivery is under way (deliveries started meanwhile are waited for too). */
	async settle(): Promise<HookDelivery[]> {
		while (this.pending.size) await Promise.allSettled([...this.pending]);
		return this.deliveries();
	}

	/** Aborts deliveries under way; nothing is sent afterwards. */
	close(): void {
		this.stop.abort();
	}

	private dispatch(hookId: number, eventName: string, resource: ResourceName, record: StoredRecord): HookDelivery {
		const store = this.o.store;
		const hook = store.find('resthooks', hookId) as StoredRecord;
		const targetUrl = String(hook.targetUrl);
		const entry: HookDelivery = {
			seq: ++this.seq,
			time: new Date().toISOString(),
			hookId,
			eventName,
			// The log never keeps the target's query values: a webhook's secret token lives there.
			targetUrl: redactTargetUrl(targetUrl),
			resource,
			recordId: record.id,
			payload: null,
			state: 'pending',
			status: null,
			error: null,
			responseBody: null,
			durationMs: null,
			disabledHook: false,
		};
		this.log.push(entry);
		if (this.log.length > MAX_LOG) this.log.splice(0, this.log.length - MAX_LOG);

		let url: URL | undefined;
		try {
			url = new URL(targetUrl);
		} catch {
			url = undefined;
		}
		// A hook loaded from a data file, or written before the option changed, is still never sent off-machine.
		if (!url || (!this.o.allowRemoteTargets && !isLoopbackUrl(url))) {
			entry.state = 'refused';
			entry.error = url ? `target host ${url.host} is not loopback; start the sandbox with allowRemoteHookTargets to deliver there` : 'targetUrl is not a URL';
			return entry;
		}

		const updated = { ...hook, triggeredCount: Number(hook.triggeredCount ?? 0) + 1, triggeredLastTimestamp: sydneyTimestamp(Date.now()) };
		store.replace('resthooks', updated);
		const payload = hookPayload(updated, eventName, resource, record);
		entry.payload = redactValue(payload);
		const target = url;

		const run = (async () => {
			// After the change that raised the event has been answered, as a real queue-fed delivery would be.
			await new Promise<void>((resolve) => setImmediate(resolve));
			const started = Date.now();
			const result = await this.post(target, JSON.stringify(payload));
			entry.durationMs = Date.now() - started;
			entry.status = result.status;
			entry.responseBody = result.body;
			if (result.status === 200) {
				entry.state = 'delivered';
			} else {
				entry.state = 'failed';
				entry.error = result.error ?? `the target answered ${result.status}, not 200`;
				const current = store.find('resthooks', hookId);
				if (current && current.status === 'Active' && !this.stop.signal.aborted) {
					store.replace('resthooks', { ...current, status: 'Disabled' });
					entry.disabledHook = true;
				}
			}
			if (!this.o.quiet) {
				console.log(`resthook ${hookId} ${eventName} ${resource}/${record.id} → ${target.origin}${target.pathname} ${entry.state}${entry.status ? ` ${entry.status}` : ''}${entry.disabledHook ? ' (hook disabled)' : ''}`);
			}
		})();
		this.pending.add(run);
		void run.finally(() => this.pending.delete(run));
		return entry;
	}

	private post(url: URL, body: string): Promise<PostResult> {
		return new Promise<PostResult>((resolve) => {
			if (this.stop.signal.aborted) return resolve({ status: null, body: null, error: 'the sandbox closed' });
			const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
			let settled = false;
			const done = (r: PostResult) => {
				if (!settled) {
					settled = true;
					resolve(r);
				}
			};
			const req = send(
				url,
				{
					method: 'POST',
					headers: {
						'Content-Type': 'application/json',
						'Content-Length': Buffer.byteLength(body),
						'User-Agent': 'Actionstep-Sandbox-Resthook/1',
					},
					signal: this.stop.signal,
				},
				(res: IncomingMessage) => {
					let text = '';
					res.setEncoding('utf8');
					res.on('data', (chunk: string) => {
						if (text.length < MAX_RESPONSE_TEXT) text += chunk;
					});
					res.on('end', () => done({ status: res.statusCode ?? null, body: text.slice(0, MAX_RESPONSE_TEXT), error: null }));
					res.on('error', (e) => done({ status: res.statusCode ?? null, body: text.slice(0, MAX_RESPONSE_TEXT), error: e.message }));
				},
			);
			req.setTimeout(this.o.timeoutMs, () => req.destroy(new Error(`no answer within ${this.o.timeoutMs} ms`)));
			req.on('error', (e: Error) => done({ status: null, body: null, error: e.message }));
			req.end(body);
		});
	}
}
