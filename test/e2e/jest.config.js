/**
 * End-to-end tests in real n8n 2.41.1 (Node 24 from the runtime cache; see docs/RUNTIME.md).
 * Run with `npm run test:e2e` (jest -c test/e2e/jest.config.js --runInBand). The first run installs
 * the runtime (about 6 minutes, 3 GB, once), hence the long timeout.
 */
const path = require('path');

module.exports = {
	rootDir: path.resolve(__dirname, '..', '..'),
	testEnvironment: 'node',
	roots: ['<rootDir>/test/e2e'],
	testMatch: ['**/*.e2e.test.ts'],
	transform: {
		'^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.dev.json', isolatedModules: true }],
	},
	testTimeout: 20 * 60 * 1000,
	maxWorkers: 1,
	verbose: true,
};
