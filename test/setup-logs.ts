// n8n's logger is captured, not printed: `npm test` shows jest's lines and real failures only. Tests read
// what was logged through the harness (RunResult.logs, loggedSince), and the secret scan reads it too.
import { captureN8nLogs, clearLogs } from '../scripts/devkit';

captureN8nLogs();
beforeEach(() => clearLogs());
