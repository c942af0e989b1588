/**
 * Requests per logged call: Actionstep limits requests per user, so what a call costs in requests is Log
 * Call's production speed. Measured through n8n's engine against the sandbox process, counting what the
 * sandbox answered:
 *   batch   20 RingCentral calls from 5 known callers in one execution, each filed on the caller's most
 *           recent open matter and billed
 *   lone    one such call in its own execution (a caller the execution has not looked up yet), the caller's
 *           number in phone 1 (one participant search) or in phone 2 (phone 1, then the four other slots)
 *   unknown one call from a number no participant has
 *   repeat  the batch's first call delivered again (already logged and billed)
 * then the batch again under a limit of 1 request a second with 3 items in flight (as integrators throttle
 * themselves for Actionstep), as calls logged per minute, with every call checked to be logged once.
 */
import type { INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { runNodeOnce } from './engine';
import type { BenchCredential } from './engine';
import type { BenchSandbox } from './sandboxClient';

/** Seeded clients with open matters, by their mobile or home numbers. */
const CALLERS = ['+61491570111', '+61491570110', '+61370104421', '+64215550190', '+12125550187'];

export const LOG_CALL_BILLED: INodeParameters = {
	resource: 'phoneRecord',
	operation: 'logCall',
	source: 'auto',
	matterMode: 'mostRecent',
	createTimeEntry: true,
};

function call(tag: string, n: number, number: string): INodeExecutionData {
	const start = new Date(Date.UTC(2026, 10, 2, 22, 0, 0) + n * 137_000).toISOString();
	return {
		json: {
			id: `bench-${tag}-${n}`,
			sessionId: `${tag}${n}`,
			telephonySessionId: `s-bench-${tag}-${n}`,
			startTime: start,
			duration: 60 + n * 17,
			type: 'Voice',
			direction: 'Inbound',
			action: 'Phone Call',
			result: 'Accepted',
			from: { phoneNumber: number, name: 'Caller' },
			to: { phoneNumber: '+61255500101', name: 'Emma Smith' },
		},
	};
}

export function batchOfCalls(tag: string, count = 20): INodeExecutionData[] {
	return Array.from({ length: count }, (_, n) => call(tag, n, CALLERS[n % CALLERS.length]));
}

export interface CallCost {
	scenario: string;
	calls: number;
	requests: number;
	perCall: number;
	byMethod: Record<string, number>;
	ms: number;
	problem?: string;
}

async function measure(
	sandbox: BenchSandbox,
	credential: BenchCredential,
	scenario: string,
	items: INodeExecutionData[],
	expected: string,
	parameters: INodeParameters = LOG_CALL_BILLED,
): Promise<CallCost> {
	await sandbox.clearLog();
	const started = performance.now();
	const { output, error } = await runNodeOnce({ parameters, items, credential });
	const ms = performance.now() - started;
	const server = await sandbox.summary();
	const statuses = output.map((o) => (typeof o.json.status === 'string' ? o.json.status : JSON.stringify(o.json.status)));
	const wrong = statuses.filter((s) => s !== expected);
	const problem = error ?? (output.length !== items.length || wrong.length ? `${scenario}: ${output.length} outputs, statuses ${[...new Set(statuses)].join(', ')}` : undefined);
	return { scenario, calls: items.length, requests: server.requests, perCall: server.requests / items.length, byMethod: server.byMethod, ms, problem };
}

export async function logCallCosts(sandbox: BenchSandbox, credential: BenchCredential, tag: string): Promise<CallCost[]> {
	const batch = batchOfCalls(`${tag}b`);
	return [
		await measure(sandbox, credential, 'batch: 20 calls, 5 known callers, on their matters, billed', batch, 'created'),
		await measure(sandbox, credential, 'lone call from a known caller (number in phone 1), on their matter, billed', [call(`${tag}l`, 0, CALLERS[0])], 'created'),
		await measure(sandbox, credential, 'lone call from a known caller (number in phone 2), on their matter, billed', [call(`${tag}m`, 0, CALLERS[1])], 'created'),
		await measure(sandbox, credential, 'lone call from an unknown number (no matter, not billed)', [call(`${tag}u`, 0, '+61491579999')], 'created'),
		await measure(sandbox, credential, 'repeat of a logged, billed call', [batch[0]], 'duplicate'),
	];
}

/** The batch under 1 request a second (Retry-After 1 s), 3 items in flight: calls logged per minute. */
export async function logCallRateLimited(sandbox: BenchSandbox, credential: BenchCredential, tag: string): Promise<CallCost> {
	await sandbox.setFaults({ rateLimit: { requests: 1, windowMs: 1000, retryAfterSeconds: 1 } });
	try {
		return await measure(sandbox, credential, 'batch under 1 request/s', batchOfCalls(`${tag}r`), 'created', {
			...LOG_CALL_BILLED,
			options: { concurrency: 3 },
		});
	} finally {
		await sandbox.setFaults(null);
	}
}
