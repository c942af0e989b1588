'use strict';
/** The queue test's checks: what n8n executed, what the sandbox holds per call, and how tokens rotated. */
const { recordsOfCall } = require('./burst.cjs');
const { tokenId } = require('./observedSandbox.cjs');
const work = require('./workload.cjs');

/** @typedef {import('./steps.cjs').QueueContext} QueueContext */
/** @typedef {import('./steps.cjs').QueueFound} QueueFound */
/** @typedef {import('./readBack.cjs').QueueExecution} QueueExecution */
/** @typedef {import('./observedSandbox.cjs').TokenLogEntry} TokenLogEntry */
/** A call of the burst and what the sandbox holds for it. @typedef {{ n: number, sessionId: string, records: import('../../sandbox/types').PhoneRecordData[], entries: import('../../sandbox/types').TimeEntryData[] }} CallRecords */
/**
 * A call logged more than once, with the executions that logged it.
 * @typedef {object} DuplicateDetail
 * @property {string} sessionId
 * @property {number[]} records
 * @property {number[]} timeEntries
 * @property {Array<{ id: string, worker?: string, kind: string, startedAt: number, stoppedAt: number, duplicate: unknown }>} executions
 * @property {string[]} kinds
 * @property {boolean} overlap
 */
/** An event sent twice at once and its two executions. @typedef {{ n: number, pair: QueueExecution[], overlap: boolean, split: boolean, records: number }} SentTogether */
/** One token expiry: executions in flight per worker, 401s and refreshes until the next. @typedef {{ at: number, inFlight: Record<string, number>, unauthorized: number, refreshed: number }} AfterExpiry */
/**
 * What the checks add to `found`, for the report.
 * @typedef {object} CheckFindings
 * @property {Record<string, number>} counts checkExecutions: burst executions per worker
 * @property {QueueExecution[]} failed checkExecutions
 * @property {QueueExecution[]} afterDup checkCalls
 * @property {QueueExecution[]} afterExecs checkCalls
 * @property {QueueExecution[]} afterOtherWorker checkCalls
 * @property {DuplicateDetail[]} dupDetail checkCalls
 * @property {CallRecords[]} logged checkCalls
 * @property {CallRecords[]} twice checkCalls
 * @property {SentTogether[]} withPairs checkCalls
 * @property {AfterExpiry[]} afterExpiry checkTokens
 * @property {boolean} chainOk checkTokens
 * @property {TokenLogEntry[]} probeRefresh checkTokens
 * @property {TokenLogEntry[]} refreshBad checkTokens
 * @property {TokenLogEntry[]} refreshOk checkTokens
 * @property {TokenLogEntry[]} refreshes checkTokens
 * @property {import('../../sandbox').LoggedRequest[]} rest401 checkTokens
 */

/**
 * Every request answered, the queue drained, nothing failed, every worker (and not main) executed.
 * @param {QueueContext} ctx
 * @param {QueueFound} found
 */
function checkExecutions(ctx, found) {
	const { timings, secs, check } = ctx;
	const { b, burstExecs, drain, executions, mainRan, perWorker, probeDrain, probeSend } = found;
	console.log('\nchecks:');
	const answered = b.sends.filter((s) => s.status === 200).length;
	check(
		`every webhook request answered 200`,
		answered === b.sends.length && probeSend.status === 200,
		`${answered}/${b.sends.length}${answered < b.sends.length ? `; first other: ${JSON.stringify(b.sends.find((s) => s.status !== 200))}` : ''}`,
	);

	check(
		'the queue drained: one finished execution per request, nothing left in Redis',
		!drain.timedOut && !probeDrain.timedOut && burstExecs.length === b.sends.length && probeDrain.waiting === 0 && probeDrain.active === 0,
		`${burstExecs.length}/${b.sends.length} executions matched to requests, statuses ${JSON.stringify(drain.counts)}, drained ${secs(timings.drain)} after the last answer`,
	);

	const failed = executions.filter((e) => e.status !== 'success' || e.error);
	check(
		'no failed executions',
		failed.length === 0,
		failed.length ? `${failed.length} failed, e.g. #${failed[0].id} ${failed[0].status}: ${failed[0].error}` : `${executions.length} executions, all success`,
	);

	const counts = Object.fromEntries(Object.entries(perWorker).map(([k, v]) => [k, burstExecs.filter((e) => v.has(e.id)).length]));
	const unattributed = burstExecs.filter((e) => !e.worker).length;
	check(
		`every worker executed some (and the main instance none)`,
		Object.values(counts).every((n) => n > 0) && mainRan === 0 && unattributed === 0,
		`${Object.entries(counts).map(([k, n]) => `${k} ${n}`).join(', ')}, main ${mainRan}${unattributed ? `, ${unattributed} not in any worker's log` : ''}`,
	);

	Object.assign(found, { counts, failed });
}

/**
 * Every distinct call logged once, repeats reported as duplicates.
 * @param {QueueContext} ctx
 * @param {QueueFound} found
 */
function checkCalls(ctx, found) {
	const { check } = ctx;
	const { afterIdx, b, burstExecs, bySeq, events, sandbox, withIdx } = found;
	const store = sandbox.store;
	const timeEntries = store.list('timeentries');
	const perCall = events.map((ev) => {
		const records = recordsOfCall(sandbox, ev.sessionId);
		const entries = records.flatMap((r) => timeEntries.filter((t) => t.links && t.links.phoneRecord === r.id));
		return { n: ev.n, sessionId: ev.sessionId, records, entries };
	});
	const logged = perCall.filter((c) => c.records.length >= 1 && c.entries.length >= 1 && c.records.every((r) => r.links && r.links.action === work.MATTER_ID));
	check(
		'every distinct call logged (phone record on the matter, with a linked time entry)',
		logged.length === events.length,
		`${logged.length}/${events.length}${logged.length < events.length ? `; missing e.g. ${/** @type {CallRecords} */ (perCall.find((c) => !logged.includes(c))).sessionId}` : ''}`,
	);

	const twice = perCall.filter((c) => c.records.length > 1 || c.entries.length > 1);
	const dupDetail = twice.map((c) => {
		const execs = burstExecs.filter((e) => e.sessionId === c.sessionId);
		const kinds = execs.map((e) => bySeq.get(e.seq).kind);
		const overlap = execs.length === 2 && execs[0].startedAt < execs[1].stoppedAt && execs[1].startedAt < execs[0].stoppedAt;
		return {
			sessionId: c.sessionId,
			records: c.records.map((r) => r.id),
			timeEntries: c.entries.map((t) => t.id),
			executions: execs.map((e) => ({ id: e.id, worker: e.worker, kind: bySeq.get(e.seq).kind, startedAt: e.startedAt, stoppedAt: e.stoppedAt, duplicate: e.out?.duplicate })),
			kinds,
			overlap,
		};
	});
	check(
		`no call logged twice (${events.length} calls + ${withIdx.size + afterIdx.size} repeats → exactly one phone record and one time entry per call)`,
		twice.length === 0,
		twice.length
			? `${twice.length} calls logged twice: ${dupDetail
					.slice(0, 5)
					.map((d) => `${d.sessionId} → records ${d.records.join('+')} by ${d.executions.map((e) => `#${e.id}@${e.worker}(${e.kind})`).join(' & ')}${d.overlap ? ', ran at the same time' : ''}`)
					.join('; ')}`
			: `${perCall.filter((c) => c.records.length === 1).length} calls, one record each; ${store.list('phonerecords').length - 10} records created in all`,
	);

	const afterExecs = burstExecs.filter((e) => bySeq.get(e.seq).kind === 'after');
	const afterDup = afterExecs.filter((e) => e.out && e.out.duplicate === true);
	const afterOtherWorker = afterExecs.filter((e) => {
		const orig = burstExecs.find((o) => o.sessionId === e.sessionId && bySeq.get(o.seq).kind === 'first');
		return orig && orig.worker && e.worker && orig.worker !== e.worker;
	});
	check(
		'repeats sent after the original was logged are returned as duplicates, nothing created',
		afterIdx.size > 0 ? afterDup.length === afterIdx.size && b.notRepeated.length === 0 : true,
		`${afterDup.length}/${afterIdx.size} duplicate: true (${afterOtherWorker.length} of them on the other worker than their original)`,
	);

	const withPairs = [...withIdx].map((n) => {
		const pair = burstExecs.filter((e) => e.sessionId === events[n].sessionId);
		const overlap = pair.length === 2 && pair[0].startedAt < pair[1].stoppedAt && pair[1].startedAt < pair[0].stoppedAt;
		return { n, pair, overlap, split: pair.length === 2 && pair[0].worker !== pair[1].worker, records: recordsOfCall(sandbox, events[n].sessionId).length };
	});

	Object.assign(found, { afterDup, afterExecs, afterOtherWorker, dupDetail, logged, twice, withPairs });
}

/**
 * Token expiries mid-burst refreshed without breaking executions; the stored refresh token still live after.
 * @param {QueueContext} ctx
 * @param {QueueFound} found
 */
function checkTokens(ctx, found) {
	const { check } = ctx;
	const { b, burstExecs, failed, probeEvent, probeExec, probeSend, restDuringBurst, sandbox, token, tokenLog, tokensDuringBurst, workers } = found;
	const rest401 = restDuringBurst.filter((r) => r.status === 401);
	const refreshes = tokensDuringBurst.filter((t) => t.grant === 'refresh_token');
	const refreshOk = refreshes.filter((t) => t.status === 200);
	const refreshBad = refreshes.filter((t) => t.status !== 200);
	// The rotation chain: each refresh must present the token the previous one issued (no fork, no reuse).
	let chainOk = true;
	let expected = tokenId(token.refresh_token);
	for (const t of refreshOk) {
		if (t.used !== expected) chainOk = false;
		expected = t.issued;
	}
	const afterExpiry = b.expiries.map((x, i) => {
		const until = b.expiries[i + 1]?.at ?? Infinity;
		// Executions running across the expiry: they started with the old token and must all end well.
		const inFlight = Object.fromEntries(workers.map((w) => [w.name, burstExecs.filter((e) => e.worker === w.name && e.startedAt <= x.at && e.stoppedAt >= x.at).length]));
		return {
			at: x.at,
			inFlight,
			unauthorized: rest401.filter((r) => Date.parse(r.time) >= x.at && Date.parse(r.time) < until).length,
			refreshed: refreshOk.filter((t) => t.at >= x.at && t.at < until).length,
		};
	});
	const everyWorkerCrossed = afterExpiry.some((x) => Object.values(x.inFlight).every((n) => n > 0));
	check(
		'access token expired mid-burst and refreshed without breaking any execution (refresh tokens rotate)',
		b.expiries.length >= 1 &&
			afterExpiry.every((x) => x.unauthorized > 0 && x.refreshed >= 1) &&
			everyWorkerCrossed &&
			refreshBad.length === 0 &&
			chainOk &&
			failed.length === 0,
		`${b.expiries.length} expiries with executions in flight on ${afterExpiry.map((x) => Object.entries(x.inFlight).map(([k, n]) => `${k} ${n}`).join(' + ')).join(' / ')}; ${rest401.length} requests got 401; ${refreshOk.length} refresh grants OK (${afterExpiry.map((x) => x.refreshed).join(' + ')}), ${refreshBad.length} refused${refreshBad.length ? ` (${refreshBad.map((t) => t.error).join(', ')})` : ''}; rotation chain ${chainOk ? 'linear' : 'FORKED'}`,
	);

	const probeRecords = recordsOfCall(sandbox, probeEvent.sessionId);
	const probeRefresh = tokenLog.slice(tokensDuringBurst.length).filter((t) => t.grant === 'refresh_token');
	check(
		'after the burst the stored refresh token is still the live one (expire again → a new call logs)',
		probeSend.status === 200 && probeExec && probeExec.status === 'success' && probeRecords.length === 1 && probeRefresh.some((t) => t.status === 200) && probeRefresh.every((t) => t.status === 200),
		probeExec ? `execution #${probeExec.id} ${probeExec.status} on ${probeExec.worker}, ${probeRecords.length} record, ${probeRefresh.length} refresh (${probeRefresh.map((t) => t.status).join(', ')})` : 'no execution found',
	);

	Object.assign(found, { afterExpiry, chainOk, probeRefresh, refreshBad, refreshOk, refreshes, rest401 });
}

module.exports = { checkCalls, checkExecutions, checkTokens };
