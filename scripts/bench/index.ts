/**
 * `npm run bench`: how fast the Actionstep node reads and writes through n8n's real engine against the
 * sandbox with injected latency, next to what a user gets without it and next to the ideal. A script, not a
 * test: it prints tables (medians over several runs) and exits non-zero only when a run gave wrong results.
 *
 *   (a) Get Many, Return All: 200 a page, page 1 then the rest `c` at a time
 *   (b) the sequential walk at Actionstep's default 50 a page (n8n's HTTP Request node pagination)
 *   (c) the ideal ceil(P/c) · latency for P pages of 200
 *   (d) 300 creates one by one, against the node's concurrent items
 *   concurrency sweeps (1, 2, 4, 8) for both, with and without a 429 rate limit
 *   peak RSS of a Return All over 50,000 records against the output alone, each in a fresh process
 *   requests per logged call (Log Call: a batch, a lone call, a repeat) and calls per minute at 1 request/s
 *
 * See docs/PERFORMANCE.md for the method and what the numbers say. `npm run bench -- --help` for flags.
 */
import { cpus, loadavg } from 'node:os';
import { writeFileSync } from 'node:fs';
import { ms } from './report';
import { runWithExperiments } from './engine';
import { SHIPPED } from './knobs';
import { parseConfig } from './config';
import { problems, allSamples } from './runs';
import { reads, writes, actionstepLike } from './throughput';
import { memory, logCallSection } from './costs';

async function main(): Promise<void> {
	const config = parseConfig(process.argv.slice(2));
	const started = Date.now();
	const load = () => loadavg().map((l) => l.toFixed(2)).join(' ');
	const loadBefore = load();
	const header = [
		`n8n-nodes-actionstep benchmark — ${new Date().toISOString()}`,
		`${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, Node ${process.version}, load average before: ${loadBefore}`,
		`node defaults: ${SHIPPED.page} pages in flight, ${SHIPPED.item} items in flight, ${SHIPPED.pageSize} records a page; sandbox in its own process`,
		'',
	];
	console.error(header.join('\n'));
	const out: string[] = [];
	if (config.experiments.length) {
		runWithExperiments(config.experiments);
		header.push(`EXPERIMENT applied (not the node as shipped): ${config.experiments.join(', ')}`, '');
		console.error(header[header.length - 2]);
	}
	if (config.reads) await reads(config, out);
	if (config.writes) await writes(config, out);
	if (config.logCall) await logCallSection(config, out);
	if (config.actionstepLike) await actionstepLike(config, out);
	if (config.memoryRecords > 0) await memory(config, out);
	const footer = [
		`total ${ms((Date.now() - started) / 1000)} s; load average after: ${load()}`,
		...(problems.length ? ['', 'WRONG RESULTS:', ...problems.map((p) => `  ${p}`)] : []),
	];
	console.log(['', ...header, ...out, ...footer].join('\n'));
	if (config.json) writeFileSync(config.json, JSON.stringify({ config, loadBefore, samples: allSamples, problems }, null, 2));
	process.exitCode = problems.length ? 1 : 0;
}

main().catch((error: Error) => {
	console.error(error.stack ?? error.message);
	process.exit(2);
});
