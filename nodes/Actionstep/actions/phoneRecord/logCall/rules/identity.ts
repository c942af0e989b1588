import { createHash, createHmac, timingSafeEqual } from 'crypto';

import type { PhoneNumber } from '../../../../helpers/phoneNumbers';

/**
 * Which phone record is "this call" (pure).
 *
 * Actionstep has no external-id field on phone records, so Log Call writes the call's identity into the
 * notes as one line of its own, the marker:
 *
 *     Call ID: ringcentral:s-a6abd24c… [n8n 2026-03-02T22:30:09.120Z 3f2a9c0d1b7e4a55]
 *
 * the key (`<source>:<the source's call id>`), when this run logged it, and a tag: an HMAC of both keyed by
 * the credential's client secret. Callers and agents write free text that ends up in the same notes, so a
 * line is only a marker when its tag checks out: text that copies another call's line, or invents one,
 * cannot make a record answer for a call it is not (the tag needs the secret). The logged time makes each
 * run's record tell apart from another run's record of the same call (for the lookup after a lost answer).
 *
 * A call without an id is keyed by its start (to the second), direction and the other party's number or
 * name; a call with none of these (a withheld number, no name) has no identity and is never matched.
 */

export const CALL_ID_LABEL = 'Call ID:';
/** Hex digits of the tag: 64 bits, far beyond guessing. */
const TAG_LENGTH = 16;
/** Lines longer than this are no marker; nothing longer reaches the pattern. */
const MAX_MARKER_LINE = 420;
/** Notes read for markers: the marker is written near the end, so a very long note is read from its end. */
const MAX_NOTES_READ = 64_000;
const MARKER_LINE = /^Call ID: (\S[^\n[\]]{0,300}) \[n8n (\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z) ([0-9a-f]{16})\]$/;

export type CallIdentity =
	| { kind: 'callId' | 'fingerprint'; key: string }
	/** Nothing tells this call apart: it is logged, never matched. */
	| { kind: 'none' };

/** One line of text, safe inside a marker and as a filter value: no control characters, `*`, `[` or `]`. */
function safeLine(raw: string, max: number): string {
	return Array.from(raw.slice(0, max * 2), (ch) => {
		const code = ch.charCodeAt(0);
		return code < 32 || code === 127 || ch === '*' || ch === '[' || ch === ']' ? ' ' : ch;
	})
		.join('')
		.replace(/\s+/g, ' ')
		.trim()
		.slice(0, max);
}

/** Longest call id kept as it is in a key. */
const MAX_ID_IN_KEY = 200;

/**
 * `<source>:<id>`, undefined when there is no id. An id that had to be changed to fit a marker (longer than 200
 * characters, or with line breaks, `*`, `[` or `]`) keeps a digest of the whole id, so two different ids
 * never become one key.
 */
export function callKey(source: string, id: unknown): string | undefined {
	const raw = typeof id === 'number' && Number.isFinite(id) ? String(id) : typeof id === 'string' ? id : undefined;
	if (raw === undefined) return undefined;
	const safe = safeLine(raw, MAX_ID_IN_KEY);
	if (!safe) return undefined;
	if (safe === raw.trim()) return `${source}:${safe}`;
	const digest = createHash('sha256').update(raw.slice(0, 100_000)).digest('hex').slice(0, 16);
	return `${source}:${safe.slice(0, 150)}#${digest}`;
}

export interface CallFacts {
	source: string;
	callId?: string;
	epochMs?: number;
	direction: 'in' | 'out';
	phone?: PhoneNumber;
	name?: string;
}

export function identityOfCall(call: CallFacts): CallIdentity {
	const key = callKey(call.source, call.callId);
	if (key) return { kind: 'callId', key };
	const who = call.phone ? (call.phone.e164 ?? call.phone.nsn) : call.name ? safeLine(call.name.toLowerCase(), 80) : '';
	if (!who || call.epochMs === undefined) return { kind: 'none' };
	return { kind: 'fingerprint', key: `${call.source}:~${call.direction}~${Math.floor(call.epochMs / 1000)}~${who}` };
}

function tagOf(secret: string, key: string, loggedAt: string): string {
	return createHmac('sha256', secret).update(`n8n-nodes-actionstep call marker\n${key}\n${loggedAt}`).digest('hex').slice(0, TAG_LENGTH);
}

/** The marker line a run writes for `key`, logged at `nowMs`. */
export function markerLine(key: string, secret: string, nowMs: number): string {
	const loggedAt = new Date(nowMs).toISOString();
	return `${CALL_ID_LABEL} ${key} [n8n ${loggedAt} ${tagOf(secret, key, loggedAt)}]`;
}

export interface Marker {
	key: string;
	loggedAtMs: number;
	line: string;
}

/** The genuine markers in a record's notes (normally one); forged or damaged lines are not markers. */
export function markersIn(notes: unknown, secret: string): Marker[] {
	if (typeof notes !== 'string' || !notes.includes(CALL_ID_LABEL)) return [];
	const found: Marker[] = [];
	for (const raw of notes.slice(-MAX_NOTES_READ).split('\n')) {
		// Only plain spaces, tabs and a line's CR are trimmed: a line indented with another kind of space is text.
		const line = raw.replace(/^[ \t]+/, '').replace(/[ \t\r]+$/, '');
		if (line.length > MAX_MARKER_LINE || !line.startsWith(CALL_ID_LABEL)) continue;
		const m = MARKER_LINE.exec(line);
		if (!m) continue;
		const expected = Buffer.from(tagOf(secret, m[1], m[2]));
		if (timingSafeEqual(expected, Buffer.from(m[3]))) found.push({ key: m[1], loggedAtMs: Date.parse(m[2]), line });
	}
	return found;
}

/** The marker of `key` in a record's notes, if the record is that call. */
export function markerOf(notes: unknown, key: string, secret: string): Marker | undefined {
	return markersIn(notes, secret).find((m) => m.key === key);
}

/**
 * User and caller text that looks like a marker line is quoted, so that nobody reading the notes (nor an
 * older version of this node) takes it for one.
 */
export function quoteMarkerLookalikes(text: string): string {
	// Any kind of space before it (no-break, zero-width, ideographic…), as a reader might trim them all.
	return text.replace(/^([\s\u200B-\u200D\u2060\uFEFF]*)Call ID:/gim, '$1Call ID (quoted):');
}
