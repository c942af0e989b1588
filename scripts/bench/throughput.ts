/** The throughput sections: reads (Get Many against the walk and the ideal), writes, the Actionstep-like limits. */
import type { FaultConfig } from '../../sandbox';
import { ms, ms1, ratio, table } from './report';
import { createsOneExecutionEach, ourCreates, ourReturnAll, sequentialWalk } from './scenarios';
import type { Sample } from './scenarios';
import { SHIPPED } from './knobs';
import { startBenchSandbox } from './sandboxClient';
import type { Config } from './config';
import { allSamples, repeat, summary, spread, pagesOf } from './runs';

export async function reads(config: Config, out: string[]): Promise<void> {
	const sandbox = await startBenchSandbox(config.records, config.latency);
	try {
		const credential = await sandbox.connect();
		const N = sandbox.records;
		const L = config.latency;
		const c = SHIPPED.page;
		const P = pagesOf(N, SHIPPED.pageSize);
		console.error(`reads: sandbox with ${N} phone records ready in ${ms(sandbox.startMs)} ms`);
		await ourReturnAll(sandbox, credential, c); // warm-up: module compilation, JIT, first connections

		const ours = summary(await repeat('a: ours', config.runs, () => ourReturnAll(sandbox, credential, c)));
		console.error(`  (a) ours: ${ms(ours.median)} ms`);
		const walk = summary(await repeat('b: walk', config.slowRuns, () => sequentialWalk(sandbox, credential)));
		console.error(`  (b) walk: ${ms(walk.median)} ms`);
		const ideal = Math.ceil(P / c) * L;
		const floor = (1 + Math.ceil((P - 1) / c)) * L;
		out.push(
			table(
				`Get Many, Return All over ${N.toLocaleString('en-US')} phone records, latency ${L} ms (median of ${config.runs} / ${config.slowRuns} runs)`,
				['', 'requests', 'median ms', 'min–max', 'vs ideal (c)', 'vs floor', '(b) ÷ this', 'n8n CPU ms/req', 'sandbox CPU ms/req'],
				[
					[`(a) ours: ${SHIPPED.pageSize}/page, ${c} pages in flight`, String(ours.requests), ms(ours.median), spread(ours), ratio(ours.median / ideal), ratio(ours.median / floor), ratio(walk.median / ours.median), ms1(ours.clientCpuMs), ms1(ours.cpuMs)],
					['(b) sequential walk, 50/page (HTTP Request pagination)', String(walk.requests), ms(walk.median), spread(walk), ratio(walk.median / ideal), '', ratio(1), ms1(walk.clientCpuMs), ms1(walk.cpuMs)],
					[`(c) ideal ceil(${P}/${c}) × ${L} ms`, String(P), ms(ideal), '', ratio(1), '', ratio(walk.median / ideal), ''],
				],
				[
					`Our floor is (1 + ceil((P-1)/c)) × L = ${ms(floor)} ms: page 1 must come back (it tells pageCount) before the rest are asked for; "vs floor" compares (a) with it.`,
					`(b)'s own floor is ${pagesOf(N, 50)} × ${L} ms = ${ms(pagesOf(N, 50) * L)} ms. "n8n CPU" is what the process running n8n and the node spent per request, "sandbox CPU" the sandbox's.`,
				],
			),
		);
		allSamples.readsIdeal = { ideal, floor, pages: P, records: N };

		if (!config.sweep) return;
		const rows: string[][] = [];
		const limited: string[][] = [];
		const faults = (rateLimit?: FaultConfig['rateLimit']): FaultConfig => ({ latencyMs: L, ...(rateLimit ? { rateLimit } : {}) });
		for (const k of config.concurrency) {
			const free = k === c ? ours : summary(await repeat(`sweep read c=${k}`, config.runs, () => ourReturnAll(sandbox, credential, k)));
			rows.push([String(k), ms(free.median), spread(free), ratio(free.median / (Math.ceil(P / k) * L)), String(free.maxInFlight)]);
			const rl = summary(
				await repeat(`sweep read c=${k} rate-limited`, config.rlRuns, async () => {
					await sandbox.setFaults(faults(config.rateLimit)); // also restarts the window
					return await ourReturnAll(sandbox, credential, k);
				}),
			);
			await sandbox.setFaults(faults());
			limited.push([String(k), ms(rl.median), String(rl.requests), String(rl.rateLimited), String(rl.maxInFlight)]);
			console.error(`  sweep read c=${k}: ${ms(free.median)} ms, rate-limited ${ms(rl.median)} ms (${rl.rateLimited} × 429)`);
		}
		const { requests, windowMs, retryAfterSeconds } = config.rateLimit;
		const rlFloor = Math.max(0, Math.ceil(P / requests) - 1) * windowMs;
		out.push(
			table(
				`Get Many page concurrency sweep (${P} pages of ${SHIPPED.pageSize}, latency ${L} ms)`,
				['c', 'median ms', 'min–max', 'vs ceil(P/c)·L', 'max in flight'],
				rows,
			) +
				table(
					`  … with a rate limit of ${requests} requests per ${windowMs} ms, Retry-After ${retryAfterSeconds} s (${config.rlRuns} run${config.rlRuns > 1 ? 's' : ''} each; floor ≈ ${ms(rlFloor)} ms)`,
					['c', 'median ms', 'requests', '429s', 'max in flight'],
					limited,
				),
		);
	} finally {
		await sandbox.close();
	}
}

export async function writes(config: Config, out: string[]): Promise<void> {
	const sandbox = await startBenchSandbox(0, config.latency);
	try {
		const credential = await sandbox.connect();
		const L = config.latency;
		const c = SHIPPED.item;
		const n = config.creates;
		console.error(`writes: sandbox ready in ${ms(sandbox.startMs)} ms`);
		await ourCreates(sandbox, credential, 20, c); // warm-up

		const ours = summary(await repeat('d: ours', config.runs, () => ourCreates(sandbox, credential, n, c)));
		console.error(`  (d) ours: ${ms(ours.median)} ms`);
		const serial = summary(await repeat('d: concurrency 1', config.slowRuns, () => ourCreates(sandbox, credential, n, 1)));
		console.error(`  (d) concurrency 1: ${ms(serial.median)} ms`);
		const separate = summary(await repeat('d: one execution per item', config.separateRuns, () => createsOneExecutionEach(sandbox, credential, n)));
		console.error(`  (d) one execution per item: ${ms(separate.median)} ms`);
		const ideal = Math.ceil(n / c) * L;
		out.push(
			table(
				`${n} phone record creates, latency ${L} ms (median of ${config.runs} / ${config.slowRuns} / ${config.separateRuns} runs)`,
				['', 'requests', 'median ms', 'min–max', 'vs ideal', 'this ÷ ours', 'max in flight', 'n8n CPU ms/req'],
				[
					[`ours: one execution, ${c} items in flight`, String(ours.requests), ms(ours.median), spread(ours), ratio(ours.median / ideal), ratio(1), String(ours.maxInFlight), ms1(ours.clientCpuMs)],
					['one by one: one execution, concurrency 1', String(serial.requests), ms(serial.median), spread(serial), ratio(serial.median / ideal), ratio(serial.median / ours.median), String(serial.maxInFlight), ms1(serial.clientCpuMs)],
					[`one by one: ${n} one-item executions`, String(separate.requests), ms(separate.median), spread(separate), ratio(separate.median / ideal), ratio(separate.median / ours.median), String(separate.maxInFlight), ms1(separate.clientCpuMs)],
					[`ideal ceil(${n}/${c}) × ${L} ms`, String(n), ms(ideal), '', ratio(1), ratio(ideal / ours.median), ''],
				],
				[
					'Concurrency set via Options → Concurrency.',
					'Every run checks that output item i is the record made from input item i and is paired with it.',
				],
			),
		);

		if (!config.sweep) return;
		const rows: string[][] = [];
		const limited: string[][] = [];
		const faults = (rateLimit?: FaultConfig['rateLimit']): FaultConfig => ({ latencyMs: L, ...(rateLimit ? { rateLimit } : {}) });
		for (const k of config.concurrency) {
			const free =
				k === c ? ours : k === 1 ? serial : summary(await repeat(`sweep create c=${k}`, config.slowRuns, () => ourCreates(sandbox, credential, n, k)));
			rows.push([String(k), ms(free.median), spread(free), ratio(free.median / (Math.ceil(n / k) * L)), String(free.maxInFlight)]);
			const rl = summary(
				await repeat(`sweep create c=${k} rate-limited`, config.rlRuns, async () => {
					await sandbox.setFaults(faults(config.rateLimit));
					return await ourCreates(sandbox, credential, config.rlCreates, k);
				}),
			);
			await sandbox.setFaults(faults());
			limited.push([String(k), ms(rl.median), String(rl.requests), String(rl.rateLimited), String(rl.maxInFlight)]);
			console.error(`  sweep create c=${k}: ${ms(free.median)} ms, rate-limited ${ms(rl.median)} ms (${rl.rateLimited} × 429)`);
		}
		const { requests, windowMs, retryAfterSeconds } = config.rateLimit;
		const rlFloor = Math.max(0, Math.ceil(config.rlCreates / requests) - 1) * windowMs;
		out.push(
			table(`Create item concurrency sweep (${n} creates, latency ${L} ms)`, ['c', 'median ms', 'min–max', 'vs ceil(n/c)·L', 'max in flight'], rows) +
				table(
					`  … ${config.rlCreates} creates with a rate limit of ${requests} requests per ${windowMs} ms, Retry-After ${retryAfterSeconds} s (floor ≈ ${ms(rlFloor)} ms)`,
					['c', 'median ms', 'requests', '429s', 'max in flight'],
					limited,
				),
		);
	} finally {
		await sandbox.close();
	}
}

/** Concurrency under a limit like the one a third-party proxy settled on after April 2024 (about 1 request/s). */
export async function actionstepLike(config: Config, out: string[]): Promise<void> {
	const sandbox = await startBenchSandbox(1000, config.latency);
	try {
		const credential = await sandbox.connect();
		const rateLimit = { requests: 1, windowMs: 1000, retryAfterSeconds: 1 };
		const faults: FaultConfig = { latencyMs: config.latency, rateLimit };
		const creates = 20;
		const P = pagesOf(sandbox.records, SHIPPED.pageSize);
		const rows: string[][] = [];
		console.error(`actionstep-like limit: ${sandbox.records} records, ${P} pages, ${creates} creates`);
		for (const k of config.concurrency) {
			await sandbox.setFaults(faults);
			const read = await ourReturnAll(sandbox, credential, k);
			allSamples[`actionstep-like read c=${k}`] = read;
			await sandbox.setFaults(faults);
			const write = await ourCreates(sandbox, credential, creates, k);
			allSamples[`actionstep-like create c=${k}`] = write;
			// The read's record count moves with the creates before it; only an execution error counts here.
			const failed = (s: Sample) => (s.problem && /rate limit|attempt/i.test(s.problem) ? `FAILED: ${s.problem}` : 'ok');
			rows.push([
				String(k),
				ms(read.ms),
				String(read.server.byStatus['429'] ?? 0),
				failed(read),
				ms(write.ms),
				String(write.server.byStatus['429'] ?? 0),
				failed(write),
			]);
			console.error(`  c=${k}: read ${ms(read.ms)} ms ${failed(read)}, creates ${ms(write.ms)} ms ${failed(write)}`);
		}
		await sandbox.setFaults({ latencyMs: config.latency });
		out.push(
			table(
				`Under 1 request per second, Retry-After 1 s (Get Many over ${P} pages; ${creates} creates; 1 run each)`,
				['c', 'read ms', '429s', 'read', 'creates ms', '429s', 'creates'],
				rows,
				[`Floors: about ${ms((P - 1) * 1000)} ms for the read and ${ms((creates - 1) * 1000)} ms for the creates.`],
			),
		);
	} finally {
		await sandbox.close();
	}
}
