/** One timed run of each thing the benchmark compares; index.ts repeats them and takes medians. */
import type { INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { runNodeOnce } from './engine';
import type { BenchCredential } from './engine';
import { concurrencyParameters } from './knobs';
import { PAGE_WALKER_TYPE, PageWalker } from './pageWalkerNode';
import type { BenchSandbox } from './sandboxClient';
import type { LogSummary } from './sandboxProcess';

export interface Sample {
	ms: number;
	/** Output items. */
	items: number;
	server: LogSummary;
	/** CPU this process (n8n engine + node) used during the run. */
	clientCpuMs: number;
	/** What went wrong, if anything (wrong count, order, pairing, an execution error). */
	problem?: string;
}

async function timed(
	sandbox: BenchSandbox,
	run: () => Promise<{ output: INodeExecutionData[]; error?: string }>,
	check: (output: INodeExecutionData[]) => string | undefined,
): Promise<Sample> {
	(globalThis as { gc?: () => void }).gc?.();
	await sandbox.clearLog();
	const cpu = process.cpuUsage();
	const started = performance.now();
	const { output, error } = await run();
	const ms = performance.now() - started;
	const used = process.cpuUsage(cpu);
	const server = await sandbox.summary();
	return { ms, items: output.length, server, clientCpuMs: (used.user + used.system) / 1000, problem: error ?? check(output) };
}

export const GET_MANY_ALL: INodeParameters = { resource: 'phoneRecord', operation: 'getMany', returnAll: true };

/** (a) The node's Get Many with Return All, at the given page concurrency. */
export async function ourReturnAll(sandbox: BenchSandbox, credential: BenchCredential, concurrency: number): Promise<Sample> {
	const options = concurrencyParameters('phoneRecord', 'getMany', concurrency);
	return await timed(
		sandbox,
		() => runNodeOnce({ parameters: { ...GET_MANY_ALL, ...options }, credential }),
		(output) => checkRecords(output, sandbox.records),
	);
}

/** (b) Page after page at 50 a page, as the HTTP Request node's pagination does. */
export async function sequentialWalk(sandbox: BenchSandbox, credential: BenchCredential, pageSize = 50): Promise<Sample> {
	return await timed(
		sandbox,
		() =>
			runNodeOnce({
				parameters: { pageSize },
				credential,
				nodeType: { type: PAGE_WALKER_TYPE, make: () => new PageWalker() },
			}),
		(output) => checkRecords(output, sandbox.records),
	);
}

function checkRecords(output: INodeExecutionData[], expected: number): string | undefined {
	if (output.length !== expected) return `${output.length} records instead of ${expected}`;
	const ids = new Set(output.map((item) => item.json.id));
	if (ids.size !== expected) return `${expected - ids.size} duplicate records`;
	return undefined;
}

export const CREATE: INodeParameters = {
	resource: 'phoneRecord',
	operation: 'create',
	direction: 'in',
	callTimestamp: '2026-03-02T09:30:00+11:00',
	outcome: 'Call completed',
	fromType: 'other',
	fromParticipantOther: '={{ "Bench caller " + $json.n }}',
	toType: 'other',
	toParticipantOther: 'Reception',
};

const inputItems = (count: number): INodeExecutionData[] => Array.from({ length: count }, (_, n) => ({ json: { n } }));

/** Output item i must be the record made from input item i, paired with it. */
function checkCreates(output: INodeExecutionData[], count: number): string | undefined {
	if (output.length !== count) return `${output.length} items out of ${count}`;
	for (let i = 0; i < count; i++) {
		const item = output[i];
		if (item.json.fromParticipantOther !== `Bench caller ${i}`) return `output ${i} is ${JSON.stringify(item.json.fromParticipantOther)}`;
		const paired = Array.isArray(item.pairedItem) ? item.pairedItem[0] : item.pairedItem;
		if (typeof paired !== 'object' || paired.item !== i) return `output ${i} is not paired with input ${i}`;
	}
	return undefined;
}

/** Our create over `count` input items in one execution, at the given item concurrency. */
export async function ourCreates(sandbox: BenchSandbox, credential: BenchCredential, count: number, concurrency: number): Promise<Sample> {
	const options = concurrencyParameters('phoneRecord', 'create', concurrency);
	const before = await sandbox.count('phonerecords');
	const sample = await timed(
		sandbox,
		() => runNodeOnce({ parameters: { ...CREATE, ...options }, items: inputItems(count), credential }),
		(output) => checkCreates(output, count),
	);
	const made = (await sandbox.count('phonerecords')) - before;
	if (!sample.problem && made !== count) sample.problem = `${made} records made for ${count} items`;
	return sample;
}

/** One execution per input item, one after another: what a loop around a one-item node gives. */
export async function createsOneExecutionEach(sandbox: BenchSandbox, credential: BenchCredential, count: number): Promise<Sample> {
	return await timed(
		sandbox,
		async () => {
			const output: INodeExecutionData[] = [];
			for (const [n, item] of inputItems(count).entries()) {
				const result = await runNodeOnce({ parameters: CREATE, items: [item], credential });
				if (result.error) return { output, error: result.error };
				output.push(...result.output.map((o) => ({ ...o, pairedItem: { item: n } })));
			}
			return { output };
		},
		(output) => checkCreates(output, count),
	);
}
