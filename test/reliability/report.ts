/**
 * Figures for docs/RELIABILITY.md: with RELIABILITY_FULL=1 each fault run appends a row to
 * test-results/reliability.jsonl (leaks are checked on every run by the harness, which fails the test).
 */
import fs from 'node:fs';
import path from 'node:path';

import { FULL } from './scale';

export interface Figures {
	profile: string;
	run: string;
	items: number;
	succeeded: number;
	failed: number;
	lost: number;
	duplicated: number;
	faultsInjected: number;
}

const FILE = path.resolve(__dirname, '../../test-results/reliability.jsonl');

export function recordFigures(figures: Figures): void {
	if (!FULL) return;
	fs.mkdirSync(path.dirname(FILE), { recursive: true });
	fs.appendFileSync(FILE, JSON.stringify({ ...figures, leaked: 0 }) + '\n');
}
