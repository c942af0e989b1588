/**
 * The person a participant is created for, from the name a phone system gives the caller (pure). Only a
 * name `party.ts` took for a person's (not a carrier's label, a place or a number) comes here; it still
 * needs a first and a last name, as Actionstep requires of an individual.
 */

export interface PersonName {
	firstName: string;
	lastName: string;
}

/** "SARAH THOMPSON" → "Sarah Thompson"; names written in mixed case are kept as written. */
function caseOf(word: string, shout: boolean): string {
	if (!shout) return word;
	return word.toLowerCase().replace(/(^|[\s'’-])(\p{L})/gu, (_m, before: string, letter: string) => before + letter.toUpperCase());
}

/**
 * "Sarah Thompson" → Sarah / Thompson; "Thompson, Sarah" → the same; "Mary Anne van der Berg" → the last
 * word is the last name. Undefined for a single word, or text with digits or an @ (not a person's name).
 */
export function personName(name: string | undefined): PersonName | undefined {
	const text = (name ?? '').slice(0, 255).replace(/\s+/g, ' ').trim();
	if (!text || /[\d@<>{}[\]\\/|_=+*#]/.test(text)) return undefined;
	const shout = text === text.toUpperCase() && text !== text.toLowerCase();
	const comma = text.split(',').map((s) => s.trim());
	let first: string;
	let last: string;
	if (comma.length === 2 && comma[0] && comma[1]) {
		[last, first] = comma;
	} else if (comma.length === 1) {
		const words = text.split(' ');
		if (words.length < 2) return undefined;
		last = words[words.length - 1];
		first = words.slice(0, -1).join(' ');
	} else {
		return undefined;
	}
	return { firstName: caseOf(first, shout).slice(0, 100), lastName: caseOf(last, shout).slice(0, 100) };
}
