/**
 * Where the time of a Get Many, Return All goes, and a paired before/after comparison on a shared machine.
 *
 *   node --expose-gc -r ./scripts/bench/register.cjs scripts/bench/criticalPath.ts [--records N] [--runs N] [CHECKOUT...]
 *
 * Each CHECKOUT is another copy of this repository (e.g. `git worktree add /tmp/before <commit>`, with
 * node_modules linked); with none, this one. The checkouts' nodes run in turn against one sandbox in one
 * process, run after run, so that a busy machine slows them alike. For every run the script follows the
 * chain of requests that ended last back to the first: each request was sent right after the answer before
 * it, so the time splits into the part before the first request, each round trip's latency, the time
 * beyond it (the sandbox's work and its queue, and any wait before this process reads the answer), the
 * client's turnaround from an answer to the request it releases, and the part after the last answer.
 */
import diagnostics_channel from 'node:diagnostics_channel';
import type { ClientRequest } from 'node:http';
import { loadavg } from 'node:os';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';

import type { INodeExecutionData, INodeParameters, INodeType } from 'n8n-workflow';

import { runNodeOnce } from './engine';
import { median, ms1 } from './report';
import { startBenchSandbox } from './sandboxClient';

interface HttpEvent {
	at: number;
	kind: 'sent' | 'answered';
	request: ClientRequest;
}

let events: HttpEvent[] = [];
diagnostics_channel.subscribe('http.client.request.start', (message) => {
	events.push({ at: performance.now(), kind: 'sent', request: (message as { request: ClientRequest }).request });
});
diagnostics_channel.subscribe('http.client.response.finish', (message) => {
	events.push({ at: performance.now(), kind: 'answered', request: (message as { request: ClientRequest }).request });
});

interface Split {
	total: number;
	beforeFirst: number;
	roundTrips: number;
	beyondLatency: number;
	turnaround: number;
	afterLast: number;
	cpu: number;
}

/** Follows the last answer back to the first request; see the header. */
function splitRun(runEvents: HttpEvent[], startedAt: number, endedAt: number, latency: number, cpu: number): Split {
	const sentAt = new Map<ClientRequest, number>();
	for (const e of runEvents) if (e.kind === 'sent') sentAt.set(e.request, e.at);
	let i = runEvents.length - 1;
	while (i >= 0 && runEvents[i].kind !== 'answered') i--;
	const split: Split = { total: endedAt - startedAt, beforeFirst: 0, roundTrips: 0, beyondLatency: 0, turnaround: 0, afterLast: endedAt - (runEvents[i]?.at ?? endedAt), cpu };
	while (i >= 0) {
		const answer = runEvents[i];
		const sent = sentAt.get(answer.request) ?? answer.at;
		split.roundTrips++;
		split.beyondLatency += answer.at - sent - latency;
		let previous = runEvents.findIndex((e) => e.request === answer.request && e.kind === 'sent') - 1;
		while (previous >= 0 && runEvents[previous].kind !== 'answered') previous--;
		if (previous < 0) {
			split.beforeFirst = sent - startedAt;
			break;
		}
		split.turnaround += sent - runEvents[previous].at;
		i = previous;
	}
	return split;
}

async function main(): Promise<void> {
	const { values, positionals } = parseArgs({
		allowPositionals: true,
		options: { records: { type: 'string', default: '3000' }, runs: { type: 'string', default: '20' }, latency: { type: 'string', default: '40' } },
	});
	const latency = Number(values.latency);
	const checkouts = positionals.length ? positionals.map((p) => resolve(p)) : [resolve(__dirname, '../..')];
	const nodes = checkouts.map((dir) => {
		// eslint-disable-next-line @typescript-eslint/no-require-imports
		const { Actionstep } = require(`${dir}/nodes/Actionstep/Actionstep.node`) as { Actionstep: new () => INodeType };
		return { dir, make: () => new Actionstep() };
	});
	const sandbox = await startBenchSandbox(Number(values.records), latency);
	try {
		const credential = await sandbox.connect();
		const parameters: INodeParameters = { resource: 'phoneRecord', operation: 'getMany', returnAll: true };
		const run = async (make: () => INodeType) => {
			(globalThis as { gc?: () => void }).gc?.();
			events = [];
			const cpu = process.cpuUsage();
			const startedAt = performance.now();
			const result = await runNodeOnce({ parameters, credential, nodeType: { type: 'n8n-nodes-actionstep.actionstep', make } });
			const endedAt = performance.now();
			const used = process.cpuUsage(cpu);
			const output: INodeExecutionData[] = result.output;
			if (result.error || output.length !== sandbox.records) throw new Error(result.error ?? `${output.length} records instead of ${sandbox.records}`);
			return splitRun(events, startedAt, endedAt, latency, (used.user + used.system) / 1000);
		};
		for (const node of nodes) for (let i = 0; i < 3; i++) await run(node.make); // warm-up
		const splits = nodes.map(() => [] as Split[]);
		await sandbox.clearLog();
		for (let r = 0; r < Number(values.runs); r++) for (const [k, node] of nodes.entries()) splits[k].push(await run(node.make));
		const server = await sandbox.summary();
		const load = loadavg().map((l) => l.toFixed(1)).join(' ');
		console.log(`Return All over ${sandbox.records} records, latency ${latency} ms, ${values.runs} runs each, load average ${load}; sandbox CPU ${ms1(server.cpuMsPerRequest)} ms a request, median time in the sandbox beyond the latency ${ms1(server.medianServerMs)} ms (its clock counts whole ms)`);
		for (const [k, node] of nodes.entries()) {
			const of = (pick: (s: Split) => number) => median(splits[k].map(pick));
			const trips = of((s) => s.roundTrips);
			console.log(`\n${node.dir}: median ${ms1(of((s) => s.total))} ms; n8n process CPU ${ms1(of((s) => s.cpu))} ms a run`);
			console.log(`  before the first request (engine, parameters, credential read, signing):  ${ms1(of((s) => s.beforeFirst))} ms`);
			console.log(`  ${trips} round trips in a chain × ${latency} ms latency:                            ${ms1(trips * latency)} ms`);
			console.log(`  beyond the latency (sandbox work and queue, answer waiting to be read):    ${ms1(of((s) => s.beyondLatency))} ms, ${ms1(of((s) => s.beyondLatency / s.roundTrips))} a round trip`);
			console.log(`  client turnaround (answer read → next request sent):                      ${ms1(of((s) => s.turnaround))} ms, ${ms1(of((s) => s.turnaround / Math.max(1, s.roundTrips - 1)))} a round trip`);
			console.log(`  after the last answer (records → items, engine):                          ${ms1(of((s) => s.afterLast))} ms`);
		}
	} finally {
		await sandbox.close();
	}
}

void main();
