/**
 * RingCentral webhook subscriptions and their deliveries. Creating a subscription first POSTs a validation
 * request carrying a `Validation-Token` header to the address; the subscription is created only when the answer
 * is 200 and echoes the token in a `Validation-Token` header (RingCentral's handshake). Notifications then go out
 * as POSTs with the headers RingCentral sends (`User-Agent: RingCentral-Webhook/8.3`,
 * `Content-Type: application/json; charset=UTF-8`). Only loopback addresses are accepted: the sandbox never
 * sends anything off the machine.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { request, type IncomingMessage } from 'node:http';
import { isLoopbackUrl } from '../resources/resthooks';
import type { RcDelivery, RcNotification, RcSubscription } from './types';

export const WEBHOOK_HEADERS: Readonly<Record<string, string>> = Object.freeze({
	accept: 'application/json',
	'accept-encoding': 'UTF-8',
	'content-type': 'application/json; charset=UTF-8',
	'user-agent': 'RingCentral-Webhook/8.3',
});

const TIMEOUT_MS = 10_000;
const MAX_LOG = 2000;
const SUBSCRIPTION_TTL_S = 604800;

export class SubscriptionError extends Error {
	constructor(
		readonly status: number,
		readonly errorCode: string,
		message: string,
	) {
		super(message);
	}
}

/** The event filter a notification answers to, `~` for "mine", as subscriptions name them. */
export function filterMatches(filter: string, n: RcNotification): boolean {
	const f = filter.replace(/\?.*$/, '');
	if (n.kind === 'telephony') return /^\/restapi\/v1\.0\/account\/[^/]+(\/extension\/[^/]+)?\/telephony\/sessions$/.test(f);
	return /^\/restapi\/v1\.0\/account\/[^/]+\/extension\/[^/]+\/(voicemail|message-store(\/instant)?)$/.test(f);
}

interface PostAnswer {
	status: number | null;
	validationToken: string | null;
	error: string | null;
}

function post(url: URL, headers: Record<string, string>, body: string): Promise<PostAnswer> {
	return new Promise((resolve) => {
		const req = request(url, { method: 'POST', headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) } }, (res: IncomingMessage) => {
			res.resume();
			res.on('end', () => {
				const v = res.headers['validation-token'];
				resolve({ status: res.statusCode ?? null, validationToken: Array.isArray(v) ? v[0] : (v ?? null), error: null });
			});
		});
		req.setTimeout(TIMEOUT_MS, () => req.destroy(new Error(`no answer within ${TIMEOUT_MS} ms`)));
		req.on('error', (e) => resolve({ status: null, validationToken: null, error: e.message }));
		req.end(body);
	});
}

export class Webhooks {
	private subs: RcSubscription[] = [];
	private log: RcDelivery[] = [];
	private seq = 0;

	subscriptions(): RcSubscription[] {
		return structuredClone(this.subs);
	}

	deliveries(): RcDelivery[] {
		return structuredClone(this.log);
	}

	clear(): void {
		this.subs = [];
		this.log = [];
	}

	remove(id: string): boolean {
		const before = this.subs.length;
		this.subs = this.subs.filter((s) => s.id !== id);
		return this.subs.length < before;
	}

	/** POST /restapi/v1.0/subscription: validates the address, then keeps the subscription. */
	async subscribe(address: string, eventFilters: string[]): Promise<RcSubscription> {
		let url: URL;
		try {
			url = new URL(address);
		} catch {
			throw new SubscriptionError(400, 'SUB-521', 'Parameter [deliveryMode.address] value is invalid');
		}
		if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new SubscriptionError(400, 'SUB-521', 'Parameter [deliveryMode.address] value is invalid');
		if (!isLoopbackUrl(url)) throw new SubscriptionError(400, 'SUB-521', `The sandbox delivers webhooks to this machine only (127.0.0.1, ::1, localhost); got host '${url.host}'`);
		if (!eventFilters.length) throw new SubscriptionError(400, 'SUB-500', 'Parameter [eventFilters] is required');
		const token = randomBytes(16).toString('hex');
		const delivery = await this.send(url, { ...WEBHOOK_HEADERS, 'validation-token': token }, null, { subscriptionId: null, label: 'validation', callId: null });
		if (delivery.status !== 200) throw new SubscriptionError(400, 'SUB-523', `WebHook responds with incorrect HTTP status. HTTP status is ${delivery.status ?? 'none'}`);
		if (delivery.echoedToken !== token) throw new SubscriptionError(400, 'SUB-522', 'WebHook responds with invalid validation token');
		const now = Date.now();
		const sub: RcSubscription = {
			id: randomUUID(),
			address,
			eventFilters,
			status: 'Active',
			creationTime: new Date(now).toISOString(),
			expirationTime: new Date(now + SUBSCRIPTION_TTL_S * 1000).toISOString(),
		};
		this.subs.push(sub);
		return structuredClone(sub);
	}

	/** Pushes one notification to every Active subscription whose filters cover it; returns the deliveries. */
	async notify(n: RcNotification, callId: string): Promise<RcDelivery[]> {
		const out: RcDelivery[] = [];
		for (const sub of this.subs.filter((s) => s.status === 'Active' && s.eventFilters.some((f) => filterMatches(f, n)))) {
			const body = { ...n.body, subscriptionId: sub.id };
			out.push(await this.send(new URL(sub.address), { ...WEBHOOK_HEADERS }, body, { subscriptionId: sub.id, label: n.label, callId }));
		}
		return out;
	}

	/** Sends an earlier delivery again, unchanged. */
	async redeliver(seq: number): Promise<RcDelivery> {
		const d = this.log.find((x) => x.seq === seq);
		if (!d || !d.body) throw new SubscriptionError(404, 'CMN-102', `No notification delivery ${seq}`);
		return this.send(new URL(d.address), d.headers, d.body, { subscriptionId: d.subscriptionId, label: d.label, callId: d.callId });
	}

	private async send(url: URL, headers: Record<string, string>, body: Record<string, unknown> | null, meta: Pick<RcDelivery, 'subscriptionId' | 'label' | 'callId'>): Promise<RcDelivery> {
		const entry: RcDelivery = {
			seq: ++this.seq,
			time: new Date().toISOString(),
			address: url.toString(),
			...meta,
			uuid: body ? (typeof body.uuid === 'string' ? body.uuid : '') : null,
			headers,
			body,
			status: null,
			echoedToken: null,
			error: null,
			durationMs: null,
		};
		this.log.push(entry);
		if (this.log.length > MAX_LOG) this.log.splice(0, this.log.length - MAX_LOG);
		const started = Date.now();
		const answer = await post(url, headers, body ? JSON.stringify(body) : '');
		entry.durationMs = Date.now() - started;
		entry.status = answer.status;
		entry.error = answer.error ?? (answer.status !== 200 ? `the webhook answered ${answer.status}` : null);
		if (meta.label === 'validation') entry.echoedToken = answer.validationToken;
		return structuredClone(entry);
	}
}
