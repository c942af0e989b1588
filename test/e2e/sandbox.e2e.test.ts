/**
 * The Actionstep node in real n8n 2.41.1 against the local sandbox, through the CLI:
 * import:credentials (an actionstepOAuth2Api credential holding a sandbox token), import:workflow,
 * execute --id --rawOutput, node outputs read from the IRun JSON, requests checked in the sandbox log.
 */
import {
	cleanupTemp,
	actionstepNode,
	executeWorkflow,
	exportCredential,
	importCredentials,
	importWorkflow,
	manualTrigger,
	nodeJson,
	userFolderWithThisPackage,
	rt,
	sandboxCredential,
	setNode,
	startActionstepSandbox,
	workflow,
	type SandboxHandle,
} from './helpers';

const CRED = { id: 'asCredSandbox001', name: 'Actionstep sandbox' };
const WF_GET = 'wfE2eSandboxGet1';

describe('Actionstep node in real n8n against the sandbox', () => {
	let sandbox: SandboxHandle;
	let userFolder: string;
	let issuedAccessToken: string;

	beforeAll(async () => {
		userFolder = await userFolderWithThisPackage();
		sandbox = await startActionstepSandbox();
		const credential = await sandboxCredential(sandbox, CRED);
		issuedAccessToken = (credential.data.oauthTokenData as { access_token: string }).access_token;
		await importCredentials(userFolder, [credential]);
		await importWorkflow(
			userFolder,
			workflow({
				id: WF_GET,
				name: 'E2E: get a phone record',
				nodes: [
					manualTrigger(),
					setNode('Input', { id: '5001' }),
					actionstepNode('Actionstep', { resource: 'phoneRecord', operation: 'get', phoneRecordId: '={{ $json.id }}' }, CRED),
				],
			}),
		);
	});

	afterAll(async () => {
		await rt.stopAll();
		if (sandbox) await sandbox.close();
		cleanupTemp(userFolder);
	});

	test('get: the record comes back as one item, fetched with the bearer token from {api_endpoint}rest/', async () => {
		sandbox.clearLog();
		const r = await executeWorkflow(userFolder, WF_GET);
		expect(r.run).toBeDefined();
		expect({ code: r.code, status: r.run!.status, error: r.run!.data.resultData.error?.message }).toEqual({
			code: 0,
			status: 'success',
			error: undefined,
		});
		const items = nodeJson(r.run!, 'Actionstep');
		expect(items).toHaveLength(1);
		expect(items[0].id).toBe(5001);
		const gets = sandbox.requests().filter((q) => q.method === 'GET' && q.path.startsWith('/api/rest/phonerecords'));
		expect(gets.map((q) => q.path)).toEqual(['/api/rest/phonerecords/5001']);
		expect(gets[0].headers.authorization).toBe(true);
	});

	test("an expired access token is refreshed by real n8n's OAuth2 code and the run succeeds", async () => {
		sandbox.expireAccessTokens();
		sandbox.clearLog();
		const r = await executeWorkflow(userFolder, WF_GET);
		expect({ code: r.code, status: r.run?.status }).toEqual({ code: 0, status: 'success' });
		expect(nodeJson(r.run!, 'Actionstep')[0].id).toBe(5001);
		// The sandbox logs REST requests only: the refresh shows as a 401 followed by a retried 200.
		const paths = sandbox.requests().map((q) => `${q.method} ${q.path} ${q.status}`);
		expect(paths).toEqual(['GET /api/rest/phonerecords/5001 401', 'GET /api/rest/phonerecords/5001 200']);
		// n8n saved the refreshed token in its database, and api_endpoint survived the refresh.
		const stored = await exportCredential(userFolder, CRED.id);
		const token = stored.data.oauthTokenData as { access_token: string; api_endpoint: string };
		expect(token.access_token).not.toBe(issuedAccessToken);
		expect(token.api_endpoint).toBe(sandbox.apiEndpoint);
	});
});
