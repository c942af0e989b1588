/** `npm run sandbox` flags (sandbox/cli.ts) and the script itself: banner, a live API, clean stop on SIGTERM. */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { CLI_DEFAULT_PORT, CliError, parseCli, parseRateLimit } from '../../sandbox/cli';
import { http } from './helpers';

describe('parseCli', () => {
	test('defaults: port 8787, no faults, no rules', () => {
		expect(parseCli([])).toEqual({ help: false, options: { port: CLI_DEFAULT_PORT } });
		expect(CLI_DEFAULT_PORT).toBe(8787);
	});

	test('--port wins over ACTIONSTEP_SANDBOX_PORT, which wins over the default', () => {
		expect(parseCli([], { ACTIONSTEP_SANDBOX_PORT: '9100' }).options.port).toBe(9100);
		expect(parseCli(['--port', '0'], { ACTIONSTEP_SANDBOX_PORT: '9100' }).options.port).toBe(0);
	});

	test('data, seed, credentials, lifetimes and switches', () => {
		const { options } = parseCli([
			'--data', '.sandbox-data/demo.json', '--seed', '300', '--client-id', 'cid', '--client-secret', 'sec',
			'--access-ttl', '60', '--refresh-ttl', '120', '--auto-approve', '--quiet', '--host', '0.0.0.0', '--public-url', 'http://host.docker.internal:8787',
		]);
		expect(options).toEqual({
			port: 8787, dataFile: '.sandbox-data/demo.json', seedPhoneRecords: 300, clientId: 'cid', clientSecret: 'sec',
			accessTokenTtl: 60, refreshTokenTtl: 120, autoApprove: true, quiet: true, host: '0.0.0.0', publicUrl: 'http://host.docker.internal:8787',
		});
	});

	test('fault flags', () => {
		const { options } = parseCli([
			'--latency', '25', '--rate-limit', '5/1000ms:2', '--error-every', '4:503:post,put', '--reset-every', '3:after:POST',
			'--malformed-every', '7', '--slow-every', '5:1500:GET', '--fault-token',
		]);
		expect(options.faults).toEqual({
			latencyMs: 25,
			rateLimit: { requests: 5, windowMs: 1000, retryAfterSeconds: 2 },
			serverError: { every: 4, status: 503, methods: ['POST', 'PUT'] },
			connectionReset: { every: 3, phase: 'after', methods: ['POST'] },
			malformedJson: { every: 7 },
			slowResponse: { every: 5, delayMs: 1500, methods: ['GET'] },
			includeOAuthToken: true,
		});
		expect(parseCli(['--error-every', '2']).options.faults).toEqual({ serverError: { every: 2 } });
		expect(parseCli(['--reset-every', '2']).options.faults).toEqual({ connectionReset: { every: 2, phase: 'before' } });
	});

	test('rate-limit windows in ms or s, Retry-After optional', () => {
		expect(parseRateLimit('10/2s')).toEqual({ requests: 10, windowMs: 2000 });
		expect(parseRateLimit('3/500')).toEqual({ requests: 3, windowMs: 500 });
		expect(() => parseRateLimit('fast')).toThrow(CliError);
	});

	test('rule switches', () => {
		expect(parseCli(['--no-pair-rule', '--no-delete-guard', '--no-owner-rule', '--single-object', 'total']).options.rules).toEqual({
			enforceParticipantPairs: false, blockDeleteWhenLinked: false, ownerMustBeUser: false, singleObject: 'total',
		});
	});

	test('REST-hook switches: remote targets and the delivery timeout', () => {
		expect(parseCli(['--allow-remote-hooks', '--hook-timeout', '2500']).options).toEqual({ port: 8787, allowRemoteHookTargets: true, hookDeliveryTimeoutMs: 2500 });
		expect(() => parseCli(['--hook-timeout', '0'])).toThrow(CliError);
	});

	test('bad input is a CliError', () => {
		for (const argv of [['--port', 'abc'], ['--port', '70000'], ['--seed', '-1'], ['--reset-every', '2:during'], ['--slow-every', '3'], ['--error-every', '0'], ['--bogus'], ['--single-object', 'never'], ['--error-every', '2:200']]) {
			expect(() => parseCli(argv)).toThrow(CliError);
		}
	});

	test('--help', () => {
		expect(parseCli(['--help']).help).toBe(true);
	});
});

describe('scripts/sandbox.mjs', () => {
	test('prints the banner, serves the API, and stops on SIGTERM', async () => {
		const child = spawn(process.execPath, [join(__dirname, '..', '..', 'scripts', 'sandbox.mjs'), '--port', '0', '--seed', '2'], { stdio: ['ignore', 'pipe', 'pipe'] });
		let out = '';
		child.stderr.on('data', (d) => (out += d));
		const banner = await new Promise<string>((resolve, reject) => {
			const timer = setTimeout(() => reject(new Error(`no banner: ${out}`)), 15_000);
			child.stdout.on('data', (d) => {
				out += d;
				if (out.includes('scripted token:')) {
					clearTimeout(timer);
					resolve(out);
				}
			});
		});
		const lines = banner.split('\n');
		const url = lines.find((l) => l.startsWith('base url: '))?.slice('base url: '.length) as string;
		expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
		expect(lines).toContain('client id: sandbox-client-id');
		expect(lines).toContain('client secret: sandbox-client-secret');
		expect(lines).toContain(`api endpoint: ${url}/api/`);
		expect(banner).toContain(`${url}/_sandbox/token`);

		const token = await http({ method: 'POST', url: `${url}/_sandbox/token` });
		const list = await http({ url: `${url}/api/rest/phonerecords`, headers: { Authorization: `Bearer ${token.body.access_token}` } });
		expect(list.body.meta.paging.phonerecords.recordCount).toBe(12);

		const code = await new Promise<number | null>((resolve) => {
			child.on('exit', (c) => resolve(c));
			child.kill('SIGTERM');
		});
		expect(code).toBe(0);
	});
});
