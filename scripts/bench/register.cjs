// Loaded with `node -r` by `npm run bench` and by every process the benchmark forks: runs the TypeScript
// through ts-node without type checking, preferring `.ts` over a same-named `.json` (the node's codex file
// `Actionstep.node.json` would otherwise shadow `Actionstep.node.ts`), and keeps n8n-core's files out of $HOME.
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

require('ts-node').register({
	transpileOnly: true,
	preferTsExts: true,
	project: path.join(__dirname, '..', '..', 'tsconfig.json'),
	compilerOptions: { module: 'commonjs' },
});

if (!process.env.N8N_USER_FOLDER) {
	const dir = path.join(os.tmpdir(), 'n8n-nodes-actionstep-bench');
	fs.mkdirSync(dir, { recursive: true });
	process.env.N8N_USER_FOLDER = dir;
}
process.env.N8N_ENCRYPTION_KEY = process.env.N8N_ENCRYPTION_KEY || 'bench-only-encryption-key';
process.env.N8N_DIAGNOSTICS_ENABLED = 'false';
