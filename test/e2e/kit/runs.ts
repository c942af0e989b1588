/** Reading the IRun that `n8n execute --rawOutput` printed. */
import type { IDataObject, IRun } from 'n8n-workflow';

/** The task data of one node run (throws naming the nodes that did run when it is missing). */
export function nodeRun(run: IRun, nodeName: string, runIndex = 0) {
	const runData = run.data.resultData.runData ?? {};
	const runs = runData[nodeName];
	if (!runs || !runs[runIndex]) {
		throw new Error(`node "${nodeName}" has no run ${runIndex}; nodes that ran: ${Object.keys(runData).join(', ') || 'none'}`);
	}
	return runs[runIndex];
}

/** The `json` of every item a node put on one output. */
export function nodeJson(run: IRun, nodeName: string, { runIndex = 0, output = 0 } = {}): IDataObject[] {
	const task = nodeRun(run, nodeName, runIndex);
	const items = task.data?.main?.[output] ?? [];
	return items.map((it) => it.json);
}

/** The error a node ended with, if any (message and description), or the run's own error. */
export function runError(run: IRun, nodeName?: string): { message?: string; description?: string | null } | undefined {
	if (nodeName) {
		const task = nodeRun(run, nodeName);
		return task.error as unknown as { message?: string; description?: string | null } | undefined;
	}
	return run.data.resultData.error as unknown as { message?: string; description?: string | null } | undefined;
}
