#!/usr/bin/env node
// `npm run sandbox -- [flags]`: the local Actionstep sandbox. Runs the TypeScript in sandbox/ through
// ts-node's transpile-only hook (no build step); `--help` lists the flags (sandbox/cli.ts).
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
require('ts-node').register({
	transpileOnly: true,
	project: join(root, 'tsconfig.json'),
	compilerOptions: { module: 'commonjs' },
});

const { parseCli, USAGE, CliError } = require(join(root, 'sandbox', 'cli.ts'));
const { startSandbox } = require(join(root, 'sandbox', 'index.ts'));

let cli;
try {
	cli = parseCli(process.argv.slice(2), process.env);
} catch (e) {
	if (!(e instanceof CliError)) throw e;
	console.error(`sandbox: ${e.message}\n\n${USAGE}`);
	process.exit(2);
}
if (cli.help) {
	console.log(USAGE);
	process.exit(0);
}

const sandbox = await startSandbox(cli.options);
let stopping = false;
/** @param {NodeJS.Signals} signal */
const stop = async (signal) => {
	if (stopping) return;
	stopping = true;
	if (!cli.options.quiet) console.log(`\n${signal}: stopping the sandbox`);
	await sandbox.close();
	process.exit(0);
};
process.on('SIGINT', () => void stop('SIGINT'));
process.on('SIGTERM', () => void stop('SIGTERM'));
