/**
 * Get Many → Return All against a server that lies about paging: a loopback proxy in front of the sandbox
 * rewrites `meta.paging` (pageCount, recordCount) on the way back. The node asks only for the pages the
 * record count justifies, stops at the first empty or short page, and refuses an absurd page count with
 * a clear error instead of looping. Real engine, real HTTP.
 */
import { createServer, request as httpRequest } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import { lastPageToFetch, MAX_PAGES_PER_REQUEST } from '../../nodes/Actionstep/transport/paging';
import { runNode, sandboxCredential } from '../harness/engine';
import type { CredentialStore } from '../harness/engine';
import { openSandbox, restRequests } from '../harness/sandbox';
import type { SandboxFixture } from '../harness/sandbox';

const REAL_RECORDS_EXTRA = 430;
/** Page requests the proxy answers before it refuses (so a runaway walk fails fast instead of hanging). */
const PROXY_PAGE_BUDGET = 40;

let fx: SandboxFixture;
let proxy: Server;
let proxyUrl: string;
let lie: { pageCount?: number; recordCount?: number } = {};
let pageRequests = 0;

beforeAll(async () => {
	fx = await openSandbox({ seedPhoneRecords: REAL_RECORDS_EXTRA });
	const target = new URL(fx.sandbox.url);
	proxy = createServer((req, res) => {
		const isList = /^\/api\/rest\/phonerecords\?/.test(req.url ?? '');
		if (isList && ++pageRequests > PROXY_PAGE_BUDGET) {
			res.writeHead(400, { 'Content-Type': 'application/vnd.api+json' });
			res.end(JSON.stringify({ errors: [{ status: '400', title: 'Bad Request', detail: 'proxy page budget spent: the client kept paging' }] }));
			return;
		}
		const upstream = httpRequest(
			{ host: target.hostname, port: target.port, method: req.method, path: req.url, headers: { ...req.headers, host: target.host } },
			(answer) => {
				const chunks: Buffer[] = [];
				answer.on('data', (c: Buffer) => chunks.push(c));
				answer.on('end', () => {
					let body = Buffer.concat(chunks).toString('utf8');
					if (isList && body) {
						const json = JSON.parse(body);
						const paging = json.meta?.paging?.phonerecords;
						if (paging) Object.assign(paging, lie);
						body = JSON.stringify(json);
					}
					const headers = { ...answer.headers };
					delete headers['content-length'];
					res.writeHead(answer.statusCode ?? 502, headers);
					res.end(body);
				});
			},
		);
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
beforeEach(() => {
	fx.sandbox.clearLog();
	pageRequests = 0;
	lie = {};
});

async function throughProxy(): Promise<CredentialStore> {
	const token = await fx.sandbox.issueToken({ scope: 'all' });
	return sandboxCredential(proxyUrl, { ...token, api_endpoint: `${proxyUrl}/api/` }, fx.sandbox);
}

const returnAll = (credential: CredentialStore) =>
	runNode({ parameters: { resource: 'phoneRecord', operation: 'getMany', returnAll: true }, credential });

const total = () => fx.sandbox.store.count('phonerecords');
const pageReads = () => restRequests(fx.sandbox, 'phonerecords').filter((r) => r.method === 'GET');

test('the truthful case through the proxy reads every record once', async () => {
	const result = await returnAll(await throughProxy());
	expect(result.error).toBeUndefined();
	expect(result.success).toHaveLength(total());
	expect(pageReads()).toHaveLength(Math.ceil(total() / 200));
});

test('pageCount 1e9 with a true recordCount: only the pages the count justifies are asked for', async () => {
	lie = { pageCount: 1e9 };
	const result = await returnAll(await throughProxy());
	expect(result.error).toBeUndefined();
	expect(result.success).toHaveLength(total());
	expect(new Set(result.success.map((i) => i.json.id)).size).toBe(total());
	expect(pageReads()).toHaveLength(Math.ceil(total() / 200));
});

test('a consistent lie (more records than exist): the walk stops at the first empty or short page', async () => {
	lie = { recordCount: 200 * 30, pageCount: 30 };
	const result = await returnAll(await throughProxy());
	expect(result.error).toBeUndefined();
	expect(result.success).toHaveLength(total());
	const realPages = Math.ceil(total() / 200);
	// Pages already in flight when the short page came back may still be read; nothing after them.
	expect(pageReads().length).toBeLessThanOrEqual(realPages + 4);
	const asked = pageReads().map((r) => Number(r.query.page));
	expect(Math.max(...asked)).toBeLessThanOrEqual(realPages + 4);
});

test('an absurd page count fails the item with a clear error after one request', async () => {
	lie = { recordCount: 1e9 * 200, pageCount: 1e9 };
	const result = await returnAll(await throughProxy());
	expect(result.success).toHaveLength(0);
	expect(result.error?.message).toMatch(new RegExp(`1000000000 pages\\); one request reads at most ${MAX_PAGES_PER_REQUEST} pages`));
	expect(result.error?.description).toMatch(/Narrow the filters/);
	expect(pageReads()).toHaveLength(1);
});

test('lastPageToFetch trusts pageCount only as far as recordCount and the limit justify', () => {
	expect(lastPageToFetch({ pageCount: 1e9, recordCount: 450, page: 1, pageSize: 200 }, 200)).toBe(3);
	expect(lastPageToFetch({ pageCount: 2, recordCount: 1e9, page: 1, pageSize: 200 }, 200)).toBe(2);
	expect(lastPageToFetch({ pageCount: 10, recordCount: 2000, page: 1, pageSize: 200 }, 200, 250)).toBe(2);
	expect(lastPageToFetch({ pageCount: -5, recordCount: -1, page: 1, pageSize: 200 }, 200)).toBe(0);
});
