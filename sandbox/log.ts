/**
 * The REST request log behind GET /_sandbox/log: what the client really sent (raw path and query, to check
 * URL encoding; headers that matter, never the token) and what it got. Bounded so a long demo cannot grow it
 * without limit.
 */
import type { LoggedRequest } from './types';

const MAX_ENTRIES = 5000;

export class RequestLog {
	private entries: LoggedRequest[] = [];
	private seq = 0;

	nextSeq(): number {
		this.seq += 1;
		return this.seq;
	}

	add(entry: LoggedRequest): void {
		this.entries.push(entry);
		if (this.entries.length > MAX_ENTRIES) this.entries.splice(0, this.entries.length - MAX_ENTRIES);
	}

	list(): LoggedRequest[] {
		return structuredClone(this.entries);
	}

	/** Clears the entries; seq keeps counting so entries from before and after a clear never share a number. */
	clear(): void {
		this.entries = [];
	}
}
