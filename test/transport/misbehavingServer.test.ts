/**
 * A server that misbehaves, played by a proxy in front of the sandbox. Real engine, real HTTP.
 * - It answers a read or an update by id with another record (`phonerecords/5001` goes on as
 *   `phonerecords/5002`): the item fails naming both ids, instead of passing the other record off as the one asked for.
 * - It echoes the bare bearer token in an error's detail (`phonerecords/5003`): no trace of the token in the error.
 * - It echoes the token after a refresh n8n made mid-request (`phonerecords/5004`, a 401 passed on first): the
 *   refreshed token is wiped too, not only the one read before the request.
 * - It echoes the token where the message's cut at 1000 characters falls inside it (`phonerecords/5005`): no
 *   part of the token is left.
 */
import { createServer, request as httpRequest } from 'node:http';
import type { Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

import { runNode, sandboxCredential } from '../harness/engine';
import { openSandbox } from '../harness/sandbox';
import type { SandboxFixture } from '../harness/sandbox';

let fx: SandboxFixture;
let proxy: Server;
let proxyUrl: string;

beforeAll(async () => {
	fx = await openSandbox();
	const target = new URL(fx.sandbox.url);
	const echo = (res: ServerResponse, bare: string, detail: string) => {
		res.writeHead(400, { 'Content-Type': 'application/vnd.api+json' });
		res.end(JSON.stringify({ errors: [{ status: '400', title: `Key ${bare} refused`, detail }] }));
	};
	proxy = createServer((req, res) => {
		const bare = String(req.headers.authorization ?? '').replace(/^Bearer\s+/i, '');
		if ((req.url ?? '').startsWith('/api/rest/phonerecords/5003')) return echo(res, bare, `The key ${bare} may not read this record`);
		if ((req.url ?? '').startsWith('/api/rest/phonerecords/5005')) return echo(res, bare, `${'x'.repeat(980)}${bare}`);
		if ((req.url ?? '').startsWith('/api/rest/phonerecords/5004')) {
			// The sandbox decides whether the token is still valid; an accepted one is echoed.
			const check = httpRequest({ host: target.hostname, port: target.port, path: '/api/rest/phonerecords/5002', headers: { ...req.headers, host: target.host } }, (answer) => {
				answer.resume();
				if (answer.statusCode === 401) {
					res.writeHead(401, answer.headers);
					res.end(JSON.stringify({ errors: [{ status: '401', title: 'expired' }] }));
				} else echo(res, bare, `The key ${bare} may not read this record`);
			});
			check.end();
			return;
		}
		const path = (req.url ?? '').replace(/^\/api\/rest\/phonerecords\/5001\b/, '/api/rest/phonerecords/5002');
		const upstream = httpRequest({ host: target.hostname, port: target.port, method: req.method, path, headers: { ...req.headers, host: target.host } }, (answer) => {
			res.writeHead(answer.statusCode ?? 502, answer.headers);
			answer.pipe(res);
		});
		req.pipe(upstream);
	});
	await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
	proxyUrl = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
});
afterAll(async () => {
	await fx.sandbox.close();
	proxy.closeAllConnections();
	await new Promise((resolve) => proxy.close(resolve));
});

const throughProxy = async () => {
	const token = await fx.sandbox.issueToken({ scope: 'all' });
	return sandboxCredential(proxyUrl, { ...token, api_endpoint: `${proxyUrl}/api/` }, fx.sandbox);
};

test('an error that echoes the bare token carries no trace of it (the run is scanned for every secret)', async () => {
	const credential = await throughProxy();
	const result = await runNode({ parameters: { resource: 'phoneRecord', operation: 'get', phoneRecordId: '5003' }, credential });
	expect(result.error?.message).toBeDefined();
	expect(JSON.stringify(result.error)).toContain('[redacted]');
});

test('a token n8n refreshed during the request is wiped from the error too', async () => {
	const credential = await throughProxy();
	fx.sandbox.expireAccessTokens();
	// runNode scans the run for the credential's secrets as they are after the run (the refreshed ones).
	const result = await runNode({ parameters: { resource: 'phoneRecord', operation: 'get', phoneRecordId: '5004' }, credential });
	expect(credential.refreshes).toBe(1);
	expect(result.error?.message).toContain('[redacted]');
});

test('a token echoed where the message is cut leaves no part of itself', async () => {
	const credential = await throughProxy();
	const token = (credential.data.oauthTokenData as { access_token: string }).access_token;
	const result = await runNode({ parameters: { resource: 'phoneRecord', operation: 'get', phoneRecordId: '5005' }, credential });
	expect(result.error?.message).toContain('[redacted]');
	expect(JSON.stringify(result.error)).not.toContain(token.slice(0, 20));
});

test.each([
	['Get', { resource: 'phoneRecord', operation: 'get', phoneRecordId: '5001' }],
	['Update', { resource: 'phoneRecord', operation: 'update', phoneRecordId: '5001', updateFields: { notes: 'checked' } }],
])('%s of record 5001 answered with record 5002 fails naming both, and outputs no record', async (_what, parameters) => {
	const result = await runNode({ parameters, credential: await throughProxy() });
	expect(result.success).toHaveLength(0);
	expect(result.error?.message).toContain('Actionstep answered phonerecords/5001 with phonerecords 5002, not 5001');
});
