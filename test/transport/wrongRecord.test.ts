/**
 * A server that answers a read or an update by id with another record (a proxy in front of the sandbox sends
 * `phonerecords/5001` on as `phonerecords/5002`): the item fails naming both ids, instead of passing the
 * other record off as the one asked for. Real engine, real HTTP.
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

test.each([
	['Get', { resource: 'phoneRecord', operation: 'get', phoneRecordId: '5001' }],
	['Update', { resource: 'phoneRecord', operation: 'update', phoneRecordId: '5001', updateFields: { notes: 'checked' } }],
])('%s of record 5001 answered with record 5002 fails naming both, and outputs no record', async (_what, parameters) => {
	const token = await fx.sandbox.issueToken({ scope: 'all' });
	const credential = sandboxCredential(proxyUrl, { ...token, api_endpoint: `${proxyUrl}/api/` }, fx.sandbox);
	const result = await runNode({ parameters, credential });
	expect(result.success).toHaveLength(0);
	expect(result.error?.message).toContain('Actionstep answered phonerecords/5001 with phonerecords 5002, not 5001');
});
