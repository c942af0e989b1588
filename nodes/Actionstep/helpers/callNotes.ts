import type { CallEvent } from './callEvents';

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

/**
 * The phone record's notes: the chosen parts that are present, then the call-id line that later runs find
 * the record by (always kept whole, even when the rest has to be shortened).
 */
export function composeNotes(call: CallEvent, parts: NotePart[], callIdLine?: string): string | undefined {
	const lines: string[] = [];
	if (parts.includes('agentNote') && call.agentNote) lines.push(clean(call.agentNote));
	if (parts.includes('aiNote') && call.aiNote) lines.push(`AI notes:\n${clean(call.aiNote)}`);
	if (parts.includes('recordingLink') && call.recordingLink && /^https?:\/\//i.test(call.recordingLink)) {
		lines.push(`Recording: ${clean(call.recordingLink)}`);
	}
	if (parts.includes('callDetails')) {
		const details = [
			call.result ? `Result: ${clean(call.result)}` : '',
			call.durationSeconds !== undefined ? `Duration: ${describeSeconds(call.durationSeconds)}` : '',
			call.answeredBy ? `Answered by: ${clean(call.answeredBy)}` : '',
		].filter(Boolean);
		if (details.length) lines.push(details.join(' · '));
	}
	const tail = callIdLine ? `\n\n${callIdLine}` : '';
	let body = lines.join('\n\n');
	const room = NOTES_MAX - tail.length;
	if (body.length > room) body = body.slice(0, Math.max(0, room - 1)) + '…';
	const notes = (body + tail).trim();
	return notes === '' ? undefined : notes;
}
