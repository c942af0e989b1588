/**
 * A server that misbehaves, played by a proxy in front of the sandbox. Real engine, real HTTP.
 * - It answers a read or an update by id with another record (`phonerecords/5001` goes on as
 *   `phonerecords/5002`): the item fails naming both ids, instead of passing the other record off as the one asked for.
 * - It echoes the bare bearer token in an error's detail (`phonerecords/5003`): no trace of the token in the error.
 */
import { createServer, request as httpRequest } from 'node:http';
import type { Server } from 'node:http';
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
	proxy = createServer((req, res) => {
		if ((req.url ?? '').startsWith('/api/rest/phonerecords/5003')) {
			const bare = String(req.headers.authorization ?? '').replace(/^Bearer\s+/i, '');
			res.writeHead(400, { 'Content-Type': 'application/vnd.api+json' });
			res.end(JSON.stringify({ errors: [{ status: '400', title: `Key ${bare} refused`, detail: `The key ${bare} may not read this record` }] }));
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

test.each([
	['Get', { resource: 'phoneRecord', operation: 'get', phoneRecordId: '5001' }],
	['Update', { resource: 'phoneRecord', operation: 'update', phoneRecordId: '5001', updateFields: { notes: 'checked' } }],
])('%s of record 5001 answered with record 5002 fails naming both, and outputs no record', async (_what, parameters) => {
	const result = await runNode({ parameters, credential: await throughProxy() });
	expect(result.success).toHaveLength(0);
	expect(result.error?.message).toContain('Actionstep answered phonerecords/5001 with phonerecords 5002, not 5001');
});
