/** Medians and plain-text tables. */

export function median(values: number[]): number {
	if (!values.length) return NaN;
	const sorted = [...values].sort((a, b) => a - b);
	const mid = sorted.length >> 1;
	return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

export const ms = (value: number): string => (Number.isFinite(value) ? `${Math.round(value).toLocaleString('en-US')}` : '–');
export const ms1 = (value: number): string => (Number.isFinite(value) ? value.toFixed(1) : '–');
export const ratio = (value: number): string => (Number.isFinite(value) ? `${value.toFixed(value >= 10 ? 1 : 2)}×` : '–');
export const mb = (bytes: number): string => `${(bytes / 1048576).toFixed(1)} MB`;

/** Columns padded to their widest cell; numbers (anything starting with a digit or –) right-aligned. */
export function table(title: string, header: string[], rows: string[][], notes: string[] = []): string {
	const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
	const numeric = (cell: string) => /^[\d–.,]/.test(cell);
	const line = (cells: string[]) =>
		cells.map((cell, i) => (i > 0 && numeric(cell) ? cell.padStart(widths[i]) : cell.padEnd(widths[i]))).join('  ').trimEnd();
	return [
		title,
		line(header),
		widths.map((w) => '-'.repeat(w)).join('  '),
		...rows.map(line),
		...notes.map((n) => `  ${n}`),
		'',
	].join('\n');
}
