import type { CallEvent } from '../sources/types';
import { quoteMarkerLookalikes } from './identity';

/** The phone record's notes, composed from the parts of a call the user chose (pure). */

export type NotePart = 'agentNote' | 'aiNote' | 'callDetails' | 'recordingLink';
export const DEFAULT_NOTE_PARTS: NotePart[] = ['agentNote', 'aiNote', 'recordingLink'];
const NOTES_MAX = 32_000;

function describeSeconds(seconds: number): string {
	const s = Math.round(seconds);
	const h = Math.floor(s / 3600);
	const m = Math.floor((s % 3600) / 60);
	const rest = s % 60;
	const parts = [h ? `${h} h` : '', m ? `${m} min` : '', rest || (!h && !m) ? `${rest} s` : ''].filter(Boolean);
	return parts.join(' ');
}

/** Removes control characters Actionstep refuses (line breaks and tabs stay). */
function clean(textValue: string): string {
	return Array.from(textValue, (ch) => {
		const code = ch.charCodeAt(0);
		return (code < 32 && code !== 9 && code !== 10 && code !== 13) || code === 127 ? ' ' : ch;
	}).join('').trim();
}

/** Text from the call (caller, agent, AI) as Log Call writes it: cut, cleaned, marker look-alikes quoted. */
export function callText(text: string, max = NOTES_MAX): string {
	return quoteMarkerLookalikes(clean(text.slice(0, max)));
}

/** The chosen parts of the call that are present, each cleaned and with marker look-alikes quoted. */
export function noteParts(call: CallEvent, parts: NotePart[]): string[] {
	const lines: string[] = [];
	const own = (text: string) => callText(text);
	if (parts.includes('agentNote') && call.agentNote) lines.push(own(call.agentNote));
	if (parts.includes('aiNote') && call.aiNote) lines.push(`AI notes:\n${own(call.aiNote)}`);
	if (parts.includes('recordingLink') && call.recordingLink && /^https?:\/\//i.test(call.recordingLink)) {
		lines.push(`Recording: ${own(call.recordingLink)}`);
	}
	if (parts.includes('callDetails')) {
		const details = [
			call.result ? `Result: ${own(call.result)}` : '',
			call.durationSeconds !== undefined ? `Duration: ${describeSeconds(call.durationSeconds)}` : '',
			call.answeredBy ? `Answered by: ${own(call.answeredBy)}` : '',
		].filter(Boolean);
		if (details.length) lines.push(details.join(' · '));
	}
	return lines.filter(Boolean);
}

/** Body text and the marker line after it; the marker is always kept whole, the body shortened if need be. */
function withMarker(body: string, marker?: string): string | undefined {
	const tail = marker ? `\n\n${marker}` : '';
	const room = NOTES_MAX - tail.length;
	const cut = body.length > room ? body.slice(0, Math.max(0, room - 1)) + '…' : body;
	const notes = (cut + tail).trim();
	return notes === '' ? undefined : notes;
}

/** The phone record's notes: the chosen parts that are present, then the marker line. */
export function composeNotes(call: CallEvent, parts: NotePart[], marker?: string): string | undefined {
	return withMarker(noteParts(call, parts).join('\n\n'), marker);
}

/**
 * The notes of a record logged before, completed with what this event adds (a note or recording link that
 * came later); undefined when it adds nothing. The record's marker line stays last.
 */
export function completeNotes(existing: unknown, call: CallEvent, parts: NotePart[], marker?: string): string | undefined {
	const before = typeof existing === 'string' ? existing : '';
	const body = marker ? before.replace(marker, '').trim() : before.trim();
	// Only whole parts that fit: notes at the cap are left as they are (and a repeat then writes nothing).
	let room = NOTES_MAX - body.length - (marker ? marker.length + 2 : 0);
	const added: string[] = [];
	for (const part of noteParts(call, parts.filter((p) => p !== 'callDetails'))) {
		if (before.includes(part) || part.length + 2 > room) continue;
		added.push(part);
		room -= part.length + 2;
	}
	if (!added.length) return undefined;
	return withMarker([body, ...added].filter(Boolean).join('\n\n'), marker);
}
