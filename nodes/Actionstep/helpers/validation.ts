import type { IDataObject } from 'n8n-workflow';

import { FieldError } from './interfaces';

/**
 * Pure checks of parameter values. Each returns the clean value or throws FieldError naming the
 * field, so nothing invalid ever reaches a request.
 */

/** C0 control characters and DEL; tab is fine, line breaks only where `multiline`. */
function hasControlChars(text: string, multiline: boolean): boolean {
	for (let i = 0; i < text.length; i++) {
		const code = text.charCodeAt(i);
		if (code === 9) continue;
		if ((code === 10 || code === 13) && multiline) continue;
		if (code < 32 || code === 127) return true;
	}
	return false;
}

function isBlank(value: unknown): boolean {
	return value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
}

export function isGiven(value: unknown): boolean {
	return !isBlank(value);
}

/** A positive whole-number Actionstep id, from a number or a digits-only text. */
export function requireId(value: unknown, field: string): number {
	if (isBlank(value)) throw new FieldError(field, 'is required');
	const text = typeof value === 'number' ? String(value) : typeof value === 'string' ? value.trim() : undefined;
	if (text === undefined || !/^\d{1,15}$/.test(text) || Number(text) < 1) {
		throw new FieldError(field, `must be a numeric Actionstep ID, got ${preview(value)}`);
	}
	return Number(text);
}

export function optionalId(value: unknown, field: string): number | undefined {
	return isBlank(value) ? undefined : requireId(value, field);
}

export interface TextRules {
	max?: number;
	/** Line breaks are fine in notes, not in one-line fields. */
	multiline?: boolean;
}

export function requireText(value: unknown, field: string, rules: TextRules = {}): string {
	if (isBlank(value)) throw new FieldError(field, 'is required');
	return checkText(value, field, rules);
}

export function optionalText(value: unknown, field: string, rules: TextRules = {}): string | undefined {
	return isBlank(value) ? undefined : checkText(value, field, rules);
}

function checkText(value: unknown, field: string, rules: TextRules): string {
	if (typeof value !== 'string' && typeof value !== 'number') {
		throw new FieldError(field, `must be text, got ${describeType(value)}`);
	}
	const text = String(value).trim();
	const max = rules.max ?? 255;
	if (text.length > max) throw new FieldError(field, `is ${text.length} characters long; the most allowed is ${max}`);
	if (hasControlChars(text, rules.multiline ?? false)) {
		throw new FieldError(field, rules.multiline ? 'contains control characters' : 'must be one line without control characters');
	}
	return text;
}

/** Longest text read as a number. */
const MAX_NUMBER_TEXT = 40;

/** A finite number ≥ 0, from a number or a numeric text. */
export function optionalNonNegative(value: unknown, field: string, max = Number.MAX_SAFE_INTEGER): number | undefined {
	if (isBlank(value)) return undefined;
	// Numbers are short: a longer text is refused before the pattern reads it (no slow match on hostile input).
	const numeric = typeof value === 'string' && value.length <= MAX_NUMBER_TEXT && /^[-+]?\d*\.?\d+$/.test(value.trim());
	const num = typeof value === 'number' ? value : numeric ? Number(value) : NaN;
	if (!Number.isFinite(num)) throw new FieldError(field, `must be a number, got ${preview(value)}`);
	if (num < 0) throw new FieldError(field, `must not be negative, got ${num}`);
	if (num > max) throw new FieldError(field, `must be at most ${max}, got ${num}`);
	return num;
}

export function requireNonNegative(value: unknown, field: string, max?: number): number {
	const num = optionalNonNegative(value, field, max);
	if (num === undefined) throw new FieldError(field, 'is required');
	return num;
}

/** Get Many's Limit: a whole number of records, at least 1 (the editor's minimum does not bind an expression). */
export function requireLimit(value: unknown, field = 'limit'): number {
	const num = requireNonNegative(value, field);
	if (!Number.isInteger(num) || num < 1) throw new FieldError(field, `must be a whole number of at least 1, got ${preview(value)}`);
	return num;
}

const DIRECTIONS: Record<string, 'in' | 'out'> = {
	in: 'in',
	inbound: 'in',
	incoming: 'in',
	out: 'out',
	outbound: 'out',
	outgoing: 'out',
};

/** `in` or `out`; the words phone systems use (Inbound, Outgoing, ...) are accepted too. */
export function requireDirection(value: unknown, field = 'direction'): 'in' | 'out' {
	if (isBlank(value)) throw new FieldError(field, 'is required');
	const direction = typeof value === 'string' ? DIRECTIONS[value.trim().toLowerCase()] : undefined;
	if (!direction) throw new FieldError(field, `must be "in" or "out", got ${preview(value)}`);
	return direction;
}

export function optionalBoolean(value: unknown, field: string): boolean | undefined {
	if (isBlank(value)) return undefined;
	if (typeof value === 'boolean') return value;
	if (typeof value === 'string' && /^(true|t|yes)$/i.test(value.trim())) return true;
	if (typeof value === 'string' && /^(false|f|no)$/i.test(value.trim())) return false;
	throw new FieldError(field, `must be true or false, got ${preview(value)}`);
}

function describeType(value: unknown): string {
	if (value === null) return 'null';
	if (Array.isArray(value)) return 'a list';
	return typeof value === 'object' ? 'an object' : typeof value;
}

/** A short, safe rendering of a bad value for a message. */
export function preview(value: unknown): string {
	if (typeof value === 'string') {
		const clean = Array.from(value, (ch) => (ch.charCodeAt(0) < 32 || ch.charCodeAt(0) === 127 ? '?' : ch)).join('');
		return JSON.stringify(clean.length > 40 ? clean.slice(0, 40) + '…' : clean);
	}
	if (typeof value === 'number') return String(value);
	return describeType(value);
}

/** Update Fields with nothing in it is a mistake, not a no-op: say so before sending anything. */
export function nonEmptyUpdate(body: IDataObject): IDataObject {
	if (Object.keys(body).length === 0) throw new FieldError('updateFields', 'is empty: add at least one field to update');
	return body;
}
