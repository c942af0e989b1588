/**
 * What n8n logs while the node runs is captured (test/setup-logs.ts), not printed, and the harness reads
 * it: a failed item's log line is in RunResult.logs, nothing reaches the console, and the secret scan
 * still covers n8n's log (a token planted in a log line during a run fails the run).
 */
import { Logger } from '@n8n/backend-common';
import { Container } from '@n8n/di';
import type { INodeParameters } from 'n8n-workflow';

import { runNode } from '../harness/engine';
import { openSandbox } from '../harness/sandbox';
import type { SandboxFixture } from '../harness/sandbox';
import { rl } from '../harness/workflow';

let fx: SandboxFixture;
beforeAll(async () => (fx = await openSandbox()));
afterAll(async () => fx.sandbox.close());

const sidewaysCall: INodeParameters = {
	resource: 'phoneRecord',
	operation: 'create',
	direction: 'sideways',
	callTimestamp: '2026-03-02T10:30:00',
	outcome: 'Call completed',
	fromType: 'other',
	fromParticipantOther: 'Caller one',
	toType: 'participant',
	toParticipant: rl('101'),
	matter: rl('2001'),
};

/** Everything written to stdout and stderr while `run` runs (still passed through). */
async function printedWhile<T>(run: () => Promise<T>): Promise<{ result: T; printed: string }> {
	const chunks: string[] = [];
	const streams = [process.stdout, process.stderr];
	const originals = streams.map((s) => s.write);
	streams.forEach((stream, i) => {
		stream.write = ((chunk: unknown, ...rest: unknown[]) => {
			chunks.push(String(chunk));
			return (originals[i] as (...a: unknown[]) => boolean).call(stream, chunk, ...rest);
		}) as typeof stream.write;
	});
	try {
		return { result: await run(), printed: chunks.join('') };
	} finally {
		streams.forEach((stream, i) => (stream.write = originals[i]));
	}
}

test("a failed item's error is logged by n8n, captured in the run's logs, and nothing is printed", async () => {
	const { result, printed } = await printedWhile(() =>
		runNode({ parameters: sidewaysCall, credential: fx.credential }),
	);
	expect(result.error?.message).toBe('direction must be "in" or "out", got "sideways" (item 0)');
	expect(result.logs.map((e) => e.message)).toContain('direction must be "in" or "out", got "sideways" (item 0)');
	expect(printed).toBe('');
});

test("the secret scan reads n8n's log: a token logged during a run fails it", async () => {
	const credential = await fx.connect();
	const token = String(credential.data.oauthTokenData && (credential.data.oauthTokenData as { access_token: string }).access_token);
	const running = runNode({ parameters: sidewaysCall, credential, onError: 'continueErrorOutput' });
	// The run has started (runNode marks the log before its first await) and cannot have finished: it waits on HTTP.
	Container.get(Logger).warn(`refreshing with ${token}`);
	await expect(running).rejects.toThrow(/A credential secret leaked into the run data or logs/);
});
