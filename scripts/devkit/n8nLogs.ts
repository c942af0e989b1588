/**
 * n8n's logger, captured instead of printed. n8n-core's node contexts log through `Container.get(Logger)`
 * (@n8n/backend-common, winston to the console) and the engine through n8n-workflow's LoggerProxy; both are
 * pointed here, so what n8n logs (an item's error, a trigger's warning) is kept in memory where a test can
 * assert it and the secret scan can read it, and nothing reaches the console. No n8n module is loaded here:
 * the caller hands them over when n8n is loaded (test/setup-logs.ts does it lazily).
 */
import type { Logger as N8nLogger, LogMetadata } from 'n8n-workflow';

export type LogLevel = 'error' | 'warn' | 'info' | 'debug';

export interface LogEntry {
	level: LogLevel;
	message: string;
	metadata?: LogMetadata;
}

/** Everything n8n logged since the capture was installed (or last cleared), oldest first. */
const entries: LogEntry[] = [];

class CapturingLogger {
	error(message: string, metadata?: LogMetadata): void {
		entries.push({ level: 'error', message, metadata });
	}
	warn(message: string, metadata?: LogMetadata): void {
		entries.push({ level: 'warn', message, metadata });
	}
	info(message: string, metadata?: LogMetadata): void {
		entries.push({ level: 'info', message, metadata });
	}
	debug(message: string, metadata?: LogMetadata): void {
		entries.push({ level: 'debug', message, metadata });
	}
	scoped(): CapturingLogger {
		return this;
	}
}

/** The n8n modules whose logger is replaced: @n8n/di's Container, @n8n/backend-common's Logger, n8n-workflow's LoggerProxy. */
export interface N8nLogging {
	Container: { set(type: never, instance: unknown): void };
	Logger: unknown;
	LoggerProxy: { init(logger: N8nLogger): void };
}

/** Routes n8n's logger and LoggerProxy to the in-memory capture (idempotent). */
export function captureN8nLogs(n8n: N8nLogging): void {
	const logger = new CapturingLogger();
	n8n.Container.set(n8n.Logger as never, logger);
	n8n.LoggerProxy.init(logger);
}

/** A position in the log, to read what was logged after it. */
export function logMark(): number {
	return entries.length;
}

/** The entries logged since `mark` (0: all). */
export function loggedSince(mark = 0): LogEntry[] {
	return entries.slice(mark);
}

/** One line per entry, message and metadata, as a console transport would print them (for scans and asserts). */
export function logText(logged: LogEntry[]): string {
	return logged
		.map((e) => `${e.level}: ${e.message}${e.metadata && Object.keys(e.metadata).length ? ` ${safeJson(e.metadata)}` : ''}`)
		.join('\n');
}

function safeJson(value: unknown): string {
	try {
		return JSON.stringify(value);
	} catch {
		return String(value);
	}
}

/** Forgets what was logged so far (between tests, so a long suite does not hold every line). */
export function clearLogs(): void {
	entries.length = 0;
}
