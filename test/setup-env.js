// n8n-core writes an encryption key under $N8N_USER_FOLDER/.n8n on first use: keep it out of $HOME.
const os = require('os');
const path = require('path');
const fs = require('fs');
if (!process.env.N8N_USER_FOLDER) {
	const dir = path.join(os.tmpdir(), 'n8n-nodes-actionstep-test');
	fs.mkdirSync(dir, { recursive: true });
	process.env.N8N_USER_FOLDER = dir;
}
process.env.N8N_ENCRYPTION_KEY = process.env.N8N_ENCRYPTION_KEY || 'test-only-encryption-key';
process.env.N8N_DIAGNOSTICS_ENABLED = 'false';
