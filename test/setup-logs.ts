// n8n's logger is captured, not printed: `npm test` shows jest's lines and real failures only. Tests read
// what was logged through the harness (RunResult.logs, loggedSince), and the secret scan reads it too.
// The capture is installed when something first loads @n8n/backend-common (n8n-core does), so suites that
// never load n8n (the sandbox's) do not pay for loading it. Imported past the kit's index on purpose: the
// index loads the nodes, and with them n8n.
import { captureN8nLogs, clearLogs } from '../scripts/devkit/n8nLogs';
import type { N8nLogging } from '../scripts/devkit/n8nLogs';

jest.doMock('@n8n/backend-common', () => {
	const backendCommon = jest.requireActual<{ Logger: unknown }>('@n8n/backend-common');
	captureN8nLogs({
		Container: jest.requireActual<{ Container: N8nLogging['Container'] }>('@n8n/di').Container,
		Logger: backendCommon.Logger,
		LoggerProxy: jest.requireActual<{ LoggerProxy: N8nLogging['LoggerProxy'] }>('n8n-workflow').LoggerProxy,
	});
	return backendCommon;
});
beforeEach(() => clearLogs());
