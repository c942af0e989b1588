/**
 * The host allowlist holds at every hop: when the Actionstep host answers with a redirect to another
 * host, the node does not follow it, so the other host receives nothing (above all no bearer token), and
 * the item fails with an error that names the redirect. Proven in the real engine against the sandbox's
 * redirect fault, with a second loopback server standing for the foreign host.
 */
import { createServer } from 'node:http';
import type { IncomingHttpHeaders, Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import { runNode, secretsOf } from '../harness/engine';
import { openSandbox, restRequests } from '../harness/sandbox';
import type { SandboxFixture } from '../harness/sandbox';

let fx: SandboxFixture;
let foreign: Server;
let foreignUrl: string;
const received: Array<{ method?: string; url?: string; headers: IncomingHttpHeaders }> = [];

beforeAll(async () => {
	fx = await openSandbox();
	foreign = createServer((req, res) => {
		received.push({ method: req.method, url: req.url, headers: req.headers });
		// Answers like Actionstep would, so a followed redirect would look like success.
		res.writeHead(200, { 'Content-Type': 'application/vnd.api+json' });
		res.end(JSON.stringify({ phonerecords: { id: '5001', direction: 'in', notes: 'from the foreign host' } }));
	});
	await new Promise<void>((resolve) => foreign.listen(0, '127.0.0.1', resolve));
	foreignUrl = `http://127.0.0.1:${(foreign.address() as AddressInfo).port}`;
});
afterAll(async () => {
	await fx.sandbox.close();
	foreign.closeAllConnections();
	await new Promise((resolve) => foreign.close(resolve));
});
beforeEach(() => {
	fx.sandbox.reset();
	received.length = 0;
});

const createCall = {
	resource: 'phoneRecord',
	operation: 'create',
	direction: 'in',
	callTimestamp: '2026-03-02T09:30:00+11:00',
	outcome: 'Call completed',
	fromType: 'other',
	fromParticipantOther: 'Redirected caller',
	toType: 'other',
	toParticipantOther: 'Reception',
};

test.each([
	['302', 'a read', 302, { resource: 'phoneRecord', operation: 'get', phoneRecordId: '5001' }],
	['307', 'a read', 307, { resource: 'phoneRecord', operation: 'get', phoneRecordId: '5001' }],
	['307', 'a create', 307, createCall],
	['302', 'a create', 302, createCall],
])('a %s to another host on %s is not followed: that host receives nothing', async (_code, _what, status, parameters) => {
	const credential = await fx.connect();
	const secrets = secretsOf(credential);
	fx.sandbox.setFaults({ redirect: { every: 1, status, location: `${foreignUrl}/api/rest/phonerecords/5001` } });

	const result = await runNode({ parameters, credential, onError: 'continueErrorOutput' });

	expect(received).toEqual([]);
	expect(result.success).toEqual([]);
	expect(result.errors).toHaveLength(1);
	const error = result.errors[0].json as { error: string; details?: unknown };
	expect(error.error).toMatch(new RegExp(`redirect \\(${status}\\)`));
	expect(error.error).toContain(foreignUrl.replace('http://', ''));
	const text = JSON.stringify(result.errors);
	for (const secret of secrets) expect(text).not.toContain(secret);
	// Exactly one request reached the sandbox: a redirect is not retried either.
	expect(restRequests(fx.sandbox, 'phonerecords')).toHaveLength(1);
});
