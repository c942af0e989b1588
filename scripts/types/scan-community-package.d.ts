// @n8n/scan-community-package ships no type declarations: the two exports scripts/scan-lint.mjs uses.
declare module '@n8n/scan-community-package/scanner/scanner.mjs' {
	/** The files the real scan lints in a package's source. */
	export const SOURCE_FILE_PATTERNS: string[];
	/** Runs the scan's ESLint gate over the files matching `patterns` under `dir`. */
	export function analyzePackage(dir: string, patterns: string[]): Promise<{ passed: boolean; message?: string; details?: string }>;
}
