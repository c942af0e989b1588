// The lint stage of @n8n/scan-community-package, run on this checkout: the scanner itself only
// accepts a published, provenance-attested version, but its ESLint gate is exported. Inline
// eslint-disable comments are ignored here, exactly as in the real scan.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { analyzePackage, SOURCE_FILE_PATTERNS } from '@n8n/scan-community-package/scanner/scanner.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
let failed = false;

const source = await analyzePackage(root, SOURCE_FILE_PATTERNS);
report('source (package.json, nodes/, credentials/)', source);

// The scanner also lints the published tarball's JavaScript; dist/ is that content once built.
if (fs.existsSync(path.join(root, 'dist'))) {
	const shipped = await analyzePackage(root, ['dist/**/*.js', 'package.json']);
	report('built package (dist/**/*.js, package.json)', shipped);
} else {
	console.log('scan-lint: dist/ not built, skipped the published-files stage (run npm run build first)');
}

/**
 * Prints one stage's outcome; a failed stage fails the run.
 * @param {string} what
 * @param {{ passed: boolean, message?: string, details?: string }} result what analyzePackage resolves
 */
function report(what, result) {
	if (result.passed) {
		console.log(`scan-lint: ${what}: passed`);
		return;
	}
	failed = true;
	console.log(`scan-lint: ${what}: ${result.message}`);
	if (result.details) console.log(result.details);
}

process.exit(failed ? 1 : 0);
