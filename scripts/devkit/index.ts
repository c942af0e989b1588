/** The development kit `test/` and `scripts/` share; import from here, not from the files behind it. */
export { captureN8nLogs, clearLogs, loggedSince, logMark, logText } from './n8nLogs';
export type { LogEntry, LogLevel } from './n8nLogs';
