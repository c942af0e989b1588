/**
 * The optional data file (`--data FILE`): records and live tokens, so a demo's data and its n8n credential
 * survive a sandbox restart. Written after each mutation via a temp file and rename, so a crash never leaves
 * half a file.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync, existsSync } from 'node:fs';
import { dirname } from 'node:path';
import type { TokenSnapshot } from './oauth';
import type { StoreSnapshot } from './store';

export interface DataFile {
	format: 'actionstep-sandbox/1';
	savedAt: string;
	store: StoreSnapshot;
	tokens: TokenSnapshot;
}

export function readDataFile(path: string): DataFile | null {
	if (!existsSync(path)) return null;
	const parsed = JSON.parse(readFileSync(path, 'utf8')) as DataFile;
	if (parsed?.format !== 'actionstep-sandbox/1' || !parsed.store?.records) {
		throw new Error(`${path} is not an Actionstep sandbox data file; move it away or pick another --data path.`);
	}
	return parsed;
}

export function writeDataFile(path: string, store: StoreSnapshot, tokens: TokenSnapshot): void {
	mkdirSync(dirname(path), { recursive: true });
	const data: DataFile = { format: 'actionstep-sandbox/1', savedAt: new Date().toISOString(), store, tokens };
	const tmp = `${path}.${process.pid}.tmp`;
	writeFileSync(tmp, JSON.stringify(data, null, 1));
	renameSync(tmp, path);
}
