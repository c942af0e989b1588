/** Repeated runs and their summary; the problems and samples every section adds to. */
import { median, ms } from './report';
import type { Sample } from './scenarios';

export const problems: string[] = [];
export const allSamples: Record<string, unknown> = {};

export async function repeat(label: string, times: number, run: () => Promise<Sample>): Promise<Sample[]> {
	const samples: Sample[] = [];
	for (let i = 0; i < times; i++) {
		const sample = await run();
		if (sample.problem) problems.push(`${label}: ${sample.problem}`);
		samples.push(sample);
	}
	allSamples[label] = samples;
	return samples;
}

export interface Summary {
	median: number;
	min: number;
	max: number;
	requests: number;
	rateLimited: number;
	maxInFlight: number;
	serverMs: number;
	cpuMs: number;
	clientCpuMs: number;
}

export function summary(samples: Sample[]): Summary {
	const times = samples.map((s) => s.ms);
	return {
		median: median(times),
		min: Math.min(...times),
		max: Math.max(...times),
		requests: median(samples.map((s) => s.server.requests)),
		rateLimited: median(samples.map((s) => s.server.byStatus['429'] ?? 0)),
		maxInFlight: Math.max(...samples.map((s) => s.server.maxInFlight)),
		serverMs: median(samples.map((s) => s.server.medianServerMs)),
		cpuMs: median(samples.map((s) => s.server.cpuMsPerRequest)),
		clientCpuMs: median(samples.map((s) => s.clientCpuMs / Math.max(1, s.server.requests))),
	};
}

export const spread = (s: Summary) => `${ms(s.min)}–${ms(s.max)}`;
export const pagesOf = (records: number, size: number) => Math.ceil(records / size);
