/** Parent side of sandboxProcess.ts: forks it, waits until it listens, then talks to it over IPC. */
import { fork } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { join } from 'node:path';

import type { FaultConfig, ResourceName } from '../../sandbox';
import { benchCredential } from './engine';
import type { BenchCredential } from './engine';
import type { LogSummary } from './sandboxProcess';

export const REGISTER = join(__dirname, 'register.cjs');

export interface BenchSandbox {
	url: string;
	records: number;
	startMs: number;
	/** A fresh credential (new access token) connected as a user would be after the OAuth popup. */
	connect(): Promise<BenchCredential>;
	setFaults(faults: FaultConfig | null): Promise<void>;
	clearLog(): Promise<void>;
	summary(): Promise<LogSummary>;
	count(resource: ResourceName): Promise<number>;
	close(): Promise<void>;
}

export async function startBenchSandbox(seed: number, latencyMs: number): Promise<BenchSandbox> {
	const child: ChildProcess = fork(join(__dirname, 'sandboxProcess.ts'), [], {
		execArgv: ['-r', REGISTER],
		env: { ...process.env, BENCH_SEED: String(seed), BENCH_LATENCY_MS: String(latencyMs) },
		stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
	});
	const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
	let nextId = 1;
	const ready = new Promise<{ url: string; clientId: string; clientSecret: string; records: number; startMs: number }>((resolve, reject) => {
		child.once('exit', (code) => reject(new Error(`the sandbox process exited (${code}) before it was ready`)));
		child.on('message', (raw) => {
			const message = raw as { ready?: boolean; id?: number; ok?: boolean; value?: unknown; error?: string };
			if (message.ready) return resolve(message as never);
			const waiter = pending.get(message.id!);
			if (!waiter) return;
			pending.delete(message.id!);
			if (message.ok) waiter.resolve(message.value);
			else waiter.reject(new Error(message.error));
		});
	});
	const info = await ready;
	const call = <T>(message: object): Promise<T> =>
		new Promise<T>((resolve, reject) => {
			const id = nextId++;
			pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
			child.send({ id, ...message });
		});
	const client = { clientId: info.clientId, clientSecret: info.clientSecret };
	return {
		url: info.url,
		records: info.records,
		startMs: info.startMs,
		connect: async () => benchCredential(info.url, await call({ cmd: 'token' }), client),
		setFaults: (faults) => call({ cmd: 'faults', faults }),
		clearLog: () => call({ cmd: 'clearLog' }),
		summary: () => call({ cmd: 'summary' }),
		count: (resource) => call({ cmd: 'count', resource }),
		close: async () => {
			const exited = new Promise((resolve) => child.once('exit', resolve));
			await call({ cmd: 'close' }).catch(() => undefined);
			await exited;
		},
	};
}
