// One ESLint run over the repository (`npm run lint`):
// - the shipped sources (nodes/, credentials/, package.json) get the rules n8n applies to community packages
//   (as `n8n-node lint` and @n8n/scan-community-package do): @n8n/eslint-plugin-community-nodes
//   (recommended, Cloud-eligible) and eslint-plugin-n8n-nodes-base's community, credentials and nodes
//   rulesets, plus typescript-eslint;
// - the tooling and tests (test/, sandbox/, scripts/) get typescript-eslint with a few type-aware rules
//   (typed against tsconfig.dev.json: promises awaited and not misused, no needless assertions);
// - plain JavaScript (.js, .cjs, .mjs) gets ESLint's recommended rules with Node's globals.
import js from '@eslint/js';
import { n8nCommunityNodesPlugin } from '@n8n/eslint-plugin-community-nodes';
import n8nNodesBase from 'eslint-plugin-n8n-nodes-base';
import tseslint from 'typescript-eslint';

/** Node's globals, read from Node itself (no extra dependency), plus CommonJS's module-scope names. */
const nodeGlobals = Object.fromEntries(Object.getOwnPropertyNames(globalThis).map((name) => [name, 'readonly']));
const commonJsGlobals = { require: 'readonly', module: 'writable', exports: 'writable', __dirname: 'readonly', __filename: 'readonly' };

/**
 * What scripts/ may not import (issue #18): anything under test/, and a file behind a module's index (the
 * folders below each have one: import the folder, e.g. `../devkit`, `../../sandbox`, `../lib/n8n-runtime.cjs`).
 */
const SCRIPTS_MAY_NOT_IMPORT = [
	{ regex: '(^|/)test(/|$)', message: 'scripts/ never imports from test/: move what both need to scripts/devkit.' },
	{
		regex: '(^|/)(transport|methods|sources|sandbox|resources|ringcentral|devkit|n8n-runtime)/[^/]|(^|/)actions/[^/]+/',
		message: "Import the module's index (the folder), not a file behind it; export what is needed there.",
	},
];
/** The same for require('...') in .cjs/.mjs scripts. */
const SCRIPTS_MAY_NOT_REQUIRE = SCRIPTS_MAY_NOT_IMPORT.map(({ regex, message }) => ({
	selector: `CallExpression[callee.name='require'] > Literal[value=/${regex.replace(/\//g, '\\/')}/]`,
	message,
}));

export default tseslint.config(
	{ ignores: ['dist/**', 'node_modules/**', 'coverage/**', '.cache/**', '.sandbox-data/**'] },
	{
		files: ['nodes/**/*.ts', 'credentials/**/*.ts'],
		extends: [js.configs.recommended, ...tseslint.configs.recommended],
		rules: { 'no-console': 'error' },
	},
	{
		files: ['test/**/*.ts', 'sandbox/**/*.ts', 'scripts/**/*.ts'],
		extends: [js.configs.recommended, ...tseslint.configs.recommendedTypeChecked],
		languageOptions: { parserOptions: { project: './tsconfig.dev.json', tsconfigRootDir: import.meta.dirname } },
		rules: {
			'@typescript-eslint/no-floating-promises': 'error',
			'@typescript-eslint/no-misused-promises': 'error',
			'@typescript-eslint/await-thenable': 'error',
			'@typescript-eslint/no-unnecessary-type-assertion': 'error',
			// `const { omitted: _omitted, ...rest } = x` is how a test drops a field.
			'@typescript-eslint/no-unused-vars': ['error', { varsIgnorePattern: '^_', argsIgnorePattern: '^_', ignoreRestSiblings: true }],
		},
	},
	{
		files: ['test/**/*.ts'],
		rules: {
			// Tests read the wire's untyped JSON bodies (Actionstep envelopes, n8n's REST answers) as `any`.
			'@typescript-eslint/no-explicit-any': 'off',
			'@typescript-eslint/no-unsafe-assignment': 'off',
			'@typescript-eslint/no-unsafe-member-access': 'off',
			'@typescript-eslint/no-unsafe-call': 'off',
			'@typescript-eslint/no-unsafe-return': 'off',
			'@typescript-eslint/no-unsafe-argument': 'off',
			// Tests print n8n's IDataObject values (typed as any JSON value) that they know to be strings or numbers.
			'@typescript-eslint/no-base-to-string': 'off',
			'@typescript-eslint/restrict-template-expressions': 'off',
			// expect(mock.method) and saved stream.write references read a method without calling it.
			'@typescript-eslint/unbound-method': 'off',
		},
	},
	{
		files: ['**/*.js', '**/*.cjs'],
		extends: [js.configs.recommended],
		languageOptions: { sourceType: 'commonjs', globals: { ...nodeGlobals, ...commonJsGlobals } },
	},
	{
		files: ['**/*.mjs'],
		extends: [js.configs.recommended],
		languageOptions: { sourceType: 'module', globals: nodeGlobals },
	},
	{
		// The plain-JavaScript scripts are typed from their JSDoc (tsconfig.scripts.json, which `npm run lint` also
		// runs tsc over): the promise rules that need types apply to them as to the .ts tooling.
		files: ['scripts/**/*.{cjs,mjs}'],
		languageOptions: { parser: tseslint.parser, parserOptions: { project: './tsconfig.scripts.json', tsconfigRootDir: import.meta.dirname } },
		plugins: { '@typescript-eslint': tseslint.plugin },
		rules: {
			'@typescript-eslint/no-floating-promises': 'error',
			'@typescript-eslint/no-misused-promises': 'error',
			'@typescript-eslint/await-thenable': 'error',
			'@typescript-eslint/require-await': 'error',
			// typescript-eslint's parser reads .cjs as a script; tsc already refuses real redeclarations.
			'no-redeclare': 'off',
		},
	},
	{
		files: ['scripts/**/*.{ts,cjs,mjs}'],
		ignores: ['scripts/lib/**'],
		rules: {
			'no-restricted-imports': ['error', { patterns: SCRIPTS_MAY_NOT_IMPORT }],
			'no-restricted-syntax': ['error', ...SCRIPTS_MAY_NOT_REQUIRE],
		},
	},
	{
		...n8nCommunityNodesPlugin.configs.recommended,
		files: ['package.json', 'nodes/**/*.ts', 'credentials/**/*.ts', 'nodes/**/*.json'],
	},
	{ plugins: { 'n8n-nodes-base': n8nNodesBase } },
	{
		files: ['package.json'],
		languageOptions: { parser: tseslint.parser },
		rules: { ...n8nNodesBase.configs.community.rules },
	},
	{
		files: ['nodes/**/*.json'],
		languageOptions: { parser: tseslint.parser },
	},
	{
		files: ['credentials/**/*.ts'],
		rules: {
			...n8nNodesBase.configs.credentials.rules,
			'n8n-nodes-base/cred-class-field-documentation-url-miscased': 'off',
			'n8n-nodes-base/cred-class-field-type-options-password-missing': 'off',
		},
	},
	{
		files: ['nodes/**/*.ts'],
		rules: {
			...n8nNodesBase.configs.nodes.rules,
			'n8n-nodes-base/node-class-description-inputs-wrong-regular-node': 'off',
			'n8n-nodes-base/node-class-description-outputs-wrong': 'off',
			'n8n-nodes-base/node-param-type-options-max-value-present': 'off',
		},
	},
);
