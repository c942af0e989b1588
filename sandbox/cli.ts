/**
 * Command-line parsing for `npm run sandbox` (scripts/sandbox.mjs). Kept apart from the script so the
 * flag grammar can be unit-tested.
 */
import { parseArgs } from 'node:util';
import { validateFaultConfig } from './faults';
import type { FaultConfig, SandboxOptions } from './types';

export const CLI_DEFAULT_PORT = 8787;

export const USAGE = `npm run sandbox -- [flags]

  --port N               port (default 8787, or ACTIONSTEP_SANDBOX_PORT; 0 = ephemeral)
  --host H               interface (default 127.0.0.1)
  --public-url URL       base URL to advertise in api_endpoint/paging links (default http://host:port)
  --data FILE            persist records and tokens to FILE (loaded if it exists, else seeded and written)
  --seed N               add N deterministic phone records to the seed
  --client-id ID         (default sandbox-client-id)
  --client-secret S      (default sandbox-client-secret)
  --access-ttl S         access token lifetime in seconds (default 3600)
  --refresh-ttl S        refresh token lifetime in seconds (default 1814400 = 21 days)
  --auto-approve         authorize redirects at once as user 1 (no consent page)
  --redirect-uri URI     register a redirect URI for the client (repeatable; n8n's loopback callbacks
                         http://localhost|127.0.0.1|[::1]:PORT/rest/oauth2-credential/callback always are)
  --latency MS           add MS to every REST request
  --rate-limit K/W[:R]   429 after K requests per W ms (W may end in "ms" or "s"); R = Retry-After seconds
  --error-every N[:S][:M]    every Nth request answers status S (default 500); M = methods, e.g. POST,PUT
  --reset-every N[:P][:M]    every Nth request has its connection reset; P = before (default) or after the write
  --malformed-every N[:M]    every Nth response body is cut-off JSON
  --slow-every N:D[:M]       every Nth request is held D ms
  --fault-token          apply the faults to POST /api/oauth/token too
  --no-pair-rule         do not require one of fromParticipant/fromParticipantOther (and to...)
  --no-delete-guard      allow deleting a phone record that a time entry links to
  --no-owner-rule        allow any participant as time-entry owner/createdBy
  --single-object page|total   when a one-record collection is a bare object (default page)
  --allow-remote-hooks   accept and deliver to REST-hook targets off this machine (default: loopback only)
  --hook-timeout MS      how long a REST-hook delivery waits for an answer (default 10000)
  --quiet                no banner, no request lines
  --help`;

export class CliError extends Error {}

function int(flag: string, value: string, min = 0): number {
	if (!/^\d+$/.test(value) || Number(value) < min) throw new CliError(`${flag} needs an integer >= ${min}; got "${value}"`);
	return Number(value);
}

function methodList(flag: string, value: string | undefined): string[] | undefined {
	if (value === undefined || value === '') return undefined;
	const list = value.split(',').map((m) => m.trim().toUpperCase());
	if (!list.every((m) => /^[A-Z]+$/.test(m))) throw new CliError(`${flag}: "${value}" is not a list of HTTP methods`);
	return list;
}

/** `5/1000ms:2`, `5/1s`, `5/1000` → { requests: 5, windowMs: 1000, retryAfterSeconds: 2 } */
export function parseRateLimit(value: string): NonNullable<FaultConfig['rateLimit']> {
	const m = /^(\d+)\/(\d+)(ms|s)?(?::(\d+))?$/.exec(value.trim());
	if (!m) throw new CliError(`--rate-limit needs K/WINDOW[ms|s][:retryAfter], e.g. 5/1000ms:2; got "${value}"`);
	const windowMs = Number(m[2]) * (m[3] === 's' ? 1000 : 1);
	const out: NonNullable<FaultConfig['rateLimit']> = { requests: Number(m[1]), windowMs };
	if (m[4] !== undefined) out.retryAfterSeconds = Number(m[4]);
	return out;
}

export interface CliResult {
	help: boolean;
	options: SandboxOptions;
}

export function parseCli(argv: string[], env: Record<string, string | undefined> = {}): CliResult {
	let parsed;
	try {
		parsed = parseArgs({
			args: argv,
			strict: true,
			allowPositionals: false,
			options: {
				port: { type: 'string' },
				host: { type: 'string' },
				'public-url': { type: 'string' },
				data: { type: 'string' },
				seed: { type: 'string' },
				'client-id': { type: 'string' },
				'client-secret': { type: 'string' },
				'access-ttl': { type: 'string' },
				'refresh-ttl': { type: 'string' },
				'auto-approve': { type: 'boolean' },
				'redirect-uri': { type: 'string', multiple: true },
				latency: { type: 'string' },
				'rate-limit': { type: 'string' },
				'error-every': { type: 'string' },
				'reset-every': { type: 'string' },
				'malformed-every': { type: 'string' },
				'slow-every': { type: 'string' },
				'fault-token': { type: 'boolean' },
				'no-pair-rule': { type: 'boolean' },
				'no-delete-guard': { type: 'boolean' },
				'no-owner-rule': { type: 'boolean' },
				'single-object': { type: 'string' },
				'allow-remote-hooks': { type: 'boolean' },
				'hook-timeout': { type: 'string' },
				quiet: { type: 'boolean' },
				help: { type: 'boolean', short: 'h' },
			},
		});
	} catch (e) {
		throw new CliError((e as Error).message);
	}
	const v = parsed.values;
	const portText = v.port ?? env.ACTIONSTEP_SANDBOX_PORT;
	const options: SandboxOptions = { port: portText !== undefined ? int('--port', portText) : CLI_DEFAULT_PORT };
	if (options.port !== undefined && options.port > 65535) throw new CliError('--port must be at most 65535');
	if (v.host) options.host = v.host;
	if (v['public-url']) options.publicUrl = v['public-url'];
	if (v.data) options.dataFile = v.data;
	if (v.seed !== undefined) options.seedPhoneRecords = int('--seed', v.seed);
	if (v['client-id']) options.clientId = v['client-id'];
	if (v['client-secret']) options.clientSecret = v['client-secret'];
	if (v['access-ttl'] !== undefined) options.accessTokenTtl = int('--access-ttl', v['access-ttl'], 1);
	if (v['refresh-ttl'] !== undefined) options.refreshTokenTtl = int('--refresh-ttl', v['refresh-ttl'], 1);
	if (v['auto-approve']) options.autoApprove = true;
	if (v['redirect-uri']?.length) {
		for (const uri of v['redirect-uri']) {
			if (!/^https?:\/\/[^\s]+$/i.test(uri) || !URL.canParse(uri)) throw new CliError(`--redirect-uri needs an absolute http(s) URL; got "${uri}"`);
		}
		options.redirectUris = [...v['redirect-uri']];
	}
	if (v['allow-remote-hooks']) options.allowRemoteHookTargets = true;
	if (v['hook-timeout'] !== undefined) options.hookDeliveryTimeoutMs = int('--hook-timeout', v['hook-timeout'], 1);
	if (v.quiet) options.quiet = true;

	const faults: FaultConfig = {};
	if (v.latency !== undefined) faults.latencyMs = int('--latency', v.latency);
	if (v['rate-limit'] !== undefined) faults.rateLimit = parseRateLimit(v['rate-limit']);
	if (v['error-every'] !== undefined) {
		const [n, status, methods] = v['error-every'].split(':');
		faults.serverError = { every: int('--error-every', n, 1) };
		if (status) faults.serverError.status = int('--error-every status', status, 400);
		const m = methodList('--error-every', methods);
		if (m) faults.serverError.methods = m;
	}
	if (v['reset-every'] !== undefined) {
		const [n, phase = 'before', methods] = v['reset-every'].split(':');
		if (phase !== 'before' && phase !== 'after') throw new CliError(`--reset-every phase must be before or after; got "${phase}"`);
		faults.connectionReset = { every: int('--reset-every', n, 1), phase };
		const m = methodList('--reset-every', methods);
		if (m) faults.connectionReset.methods = m;
	}
	if (v['malformed-every'] !== undefined) {
		const [n, methods] = v['malformed-every'].split(':');
		faults.malformedJson = { every: int('--malformed-every', n, 1) };
		const m = methodList('--malformed-every', methods);
		if (m) faults.malformedJson.methods = m;
	}
	if (v['slow-every'] !== undefined) {
		const [n, delay, methods] = v['slow-every'].split(':');
		if (delay === undefined) throw new CliError('--slow-every needs N:DELAY_MS');
		faults.slowResponse = { every: int('--slow-every', n, 1), delayMs: int('--slow-every delay', delay) };
		const m = methodList('--slow-every', methods);
		if (m) faults.slowResponse.methods = m;
	}
	if (v['fault-token']) faults.includeOAuthToken = true;
	if (Object.keys(faults).length) {
		try {
			options.faults = validateFaultConfig(faults);
		} catch (e) {
			throw new CliError((e as Error).message);
		}
	}

	const rules: NonNullable<SandboxOptions['rules']> = {};
	if (v['no-pair-rule']) rules.enforceParticipantPairs = false;
	if (v['no-delete-guard']) rules.blockDeleteWhenLinked = false;
	if (v['no-owner-rule']) rules.ownerMustBeUser = false;
	if (v['single-object'] !== undefined) {
		if (v['single-object'] !== 'page' && v['single-object'] !== 'total') throw new CliError('--single-object must be page or total');
		rules.singleObject = v['single-object'];
	}
	if (Object.keys(rules).length) options.rules = rules;
	return { help: !!v.help, options };
}
