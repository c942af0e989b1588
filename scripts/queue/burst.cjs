'use strict';
/** The burst of call events at n8n's webhook: bounded concurrency, repeats, and token expiries mid-burst. */
const work = require('./workload.cjs');

/** @typedef {import('../../sandbox').SandboxHandle} SandboxHandle */
/** @typedef {import('./workload.cjs').QueueEvent} QueueEvent */
/** What postEvent resolves: status 0 when the request failed. @typedef {{ status: number, text: string, sentAt: number, answeredAt: number }} PostResult */
/**
 * One request of the burst: which event, sent as what, and (once answered) its PostResult.
 * @typedef {{ seq: number, sessionId: string, n: number, kind: 'first' | 'with' | 'after' } & Partial<PostResult>} BurstSend
 */
/** A request of the burst once answered (the burst waits for every answer). @typedef {BurstSend & PostResult} AnsweredSend */
/** @typedef {{ at: number, logged: number, sent: number }} TokenExpiry */
/** What the burst did. @typedef {Awaited<ReturnType<typeof burst>>} BurstResult */

/** @param {number} ms */
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * A counting semaphore: bounded concurrency for the webhook client.
 * @param {number} limit
 */
function semaphore(limit) {
	let used = 0;
	/** @type {Array<(value?: unknown) => void>} */
	const waiting = [];
	return {
		async acquire() {
			if (used < limit) {
				used++;
				return;
			}
			await new Promise((r) => waiting.push(r));
		},
		release() {
			const next = waiting.shift();
			if (next) next();
			else used--;
		},
	};
}

/**
 * POSTs one call event to the workflow's webhook, tagged with its sequence number. Never rejects.
 * @param {string} url
 * @param {number} seq
 * @param {unknown} body
 * @returns {Promise<PostResult>}
 */
async function postEvent(url, seq, body, timeoutMs = 120000) {
	const started = Date.now();
	try {
		const res = await fetch(`${url}/webhook/${work.WEBHOOK_PATH}`, {
			method: 'POST',
			headers: { 'content-type': 'application/json', 'x-queue-test-seq': String(seq) },
			body: JSON.stringify(body),
			signal: AbortSignal.timeout(timeoutMs),
		});
		const text = await res.text();
		return { status: res.status, text: text.slice(0, 300), sentAt: started, answeredAt: Date.now() };
	} catch (e) {
		return { status: 0, text: String(e.message || e), sentAt: started, answeredAt: Date.now() };
	}
}

/**
 * The phone records in the sandbox that carry this call's Call ID line.
 * @param {SandboxHandle} sandbox
 * @param {string} sessionId
 */
function recordsOfCall(sandbox, sessionId) {
	const line = work.callIdLine(sessionId);
	return sandbox.store.list('phonerecords').filter((r) => String(r.notes || '').split('\n').some((l) => l.startsWith(line)));
}

/**
 * Sends the burst: every distinct event once, in order; `withIdx` events a second time at the same instant
 * (two copies in flight together); `afterIdx` events a second time once the sandbox holds the original's
 * phone record. Expires every access token when a third and when two thirds of the distinct calls have been
 * logged, so that executions are running on the workers when their token stops working.
 * @param {{ url: string, sandbox: SandboxHandle, events: QueueEvent[], withIdx: Set<number>, afterIdx: Set<number>, concurrency: number, queueIdle: (sent: number) => Promise<boolean>, say: (line: string) => void }} options
 */
async function burst({ url, sandbox, events, withIdx, afterIdx, concurrency, queueIdle, say }) {
	const sem = semaphore(concurrency);
	/** @type {BurstSend[]} */
	const sends = [];
	/** @type {TokenExpiry[]} */
	const expiries = [];
	/** @type {Set<Promise<unknown>>} */
	const inFlight = new Set();
	let seq = 0;
	// Sends one event; the send is tracked in inFlight (postEvent never rejects) and awaited at the end.
	/**
	 * @param {QueueEvent} ev
	 * @param {BurstSend['kind']} kind
	 */
	const fire = (ev, kind) => {
		const s = { seq: ++seq, sessionId: ev.sessionId, n: ev.n, kind };
		sends.push(s);
		const p = postEvent(url, s.seq, ev.body)
			.then((r) => Object.assign(s, r))
			.finally(() => {
				sem.release();
				inFlight.delete(p);
			});
		inFlight.add(p);
	};
	const pendingAfter = new Set(afterIdx);
	const burstStart = Date.now();

	let firstsDone = false;
	let done = false;
	const runPrefix = `${work.callIdLine(events[0].sessionId).replace(/-\d+ \[n8n $/, '')}-`;
	const callKeyOf = (/** @type {string | undefined} */ line) => line && line.slice(0, line.indexOf(' [n8n '));
	const loggedCalls = () => new Set(sandbox.store.list('phonerecords').map((r) => callKeyOf(String(r.notes || '').split('\n').find((l) => l.startsWith(runPrefix)))).filter(Boolean)).size;
	const expiryWatcher = (async () => {
		const thresholds = [Math.ceil(events.length / 3), Math.ceil((2 * events.length) / 3)];
		while (thresholds.length && !done) {
			const logged = loggedCalls();
			if (logged >= thresholds[0]) {
				thresholds.shift();
				sandbox.expireAccessTokens();
				expiries.push({ at: Date.now(), logged, sent: sends.length });
				say(`  expired every access token in the sandbox (${logged} calls logged, ${sends.length} requests sent)`);
			}
			await sleep(50);
		}
	})();
	const afterWatcher = (async () => {
		const deadline = () => Date.now() - burstStart > 15 * 60 * 1000;
		let idleRounds = 0;
		while (pendingAfter.size && !deadline()) {
			// Once everything sent so far has run and an original still has no record, it never will (it failed).
			if (firstsDone && !inFlight.size && (await queueIdle(sends.length))) {
				if (++idleRounds >= 3) break;
			} else idleRounds = 0;
			for (const n of [...pendingAfter]) {
				if (recordsOfCall(sandbox, events[n].sessionId).length) {
					pendingAfter.delete(n);
					await sem.acquire();
					fire(events[n], 'after');
				}
			}
			await sleep(firstsDone ? 100 : 250);
		}
	})();

	for (const ev of events) {
		await sem.acquire();
		if (withIdx.has(ev.n)) {
			await sem.acquire();
			fire(ev, 'first');
			fire(ev, 'with');
		} else {
			fire(ev, 'first');
		}
	}
	firstsDone = true;
	await afterWatcher;
	await Promise.all([...inFlight]);
	// The expiries wait for calls to be logged, which goes on after the last request was answered.
	const until = Date.now() + 10 * 60 * 1000;
	while (expiries.length < 2 && Date.now() < until && !(await queueIdle(sends.length))) await sleep(200);
	done = true;
	await expiryWatcher;
	return { sends: /** @type {AnsweredSend[]} */ (sends), expiries, notRepeated: [...pendingAfter], startedAt: burstStart, sentAllAt: Math.max(...sends.map((s) => s.answeredAt || 0)) };
}

module.exports = { burst, postEvent, recordsOfCall };
