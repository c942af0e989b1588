/**
 * Smoke test in real n8n 2.41.1: the runtime installs, this package packs and installs like a
 * community package, n8n loads its node and credential types, and the CLI helpers import a credential,
 * import a workflow, execute it and read node outputs from the IRun JSON.
 *
 * A throwaway probe package (test/e2e/helpers.ts) is installed next to this one so the helper chain is
 * proven even while this package's node is missing or its build fails; the assertions on
 * n8n-nodes-actionstep stay and fail until the node builds.
 *
 * Set ACTIONSTEP_E2E_SCREENSHOT=1 to also save an editor screenshot to test-results/e2e/.
 */
import * as fs from 'fs';
import * as path from 'path';
import {
	cleanupTemp,
	RESULTS_DIR,
	actionstepCredential,
	actionstepNode,
	executeWorkflow,
	importCredentials,
	importWorkflow,
	makeProbePackage,
	manualTrigger,
	node,
	nodeJson,
	preparePackage,
	progress,
	rt,
	runError,
	setNode,
	workflow,
	type N8nProcess,
	type PreparedPackage,
} from './helpers';

const PROBE_TYPE = 'n8n-nodes-e2e-probe.e2eProbe';
const WF_ID = 'wfE2eRuntime0001';
const WF_ERR_ID = 'wfE2eRuntime0002';
const WF_AS_ID = 'wfE2eRuntime0003';

describe('real n8n runtime', () => {
	let pkg: PreparedPackage;
	let userFolder: string;
	let n8n: N8nProcess | undefined;
	let cookie: string;

	beforeAll(async () => {
		await rt.ensureRuntime({ onProgress: progress });
		pkg = await preparePackage();
		if (pkg.buildError) progress(`this package did not build; continuing with the probe only:\n${pkg.buildError}`);
		const probe = await makeProbePackage();
		const tarballs = [probe, ...(pkg.tarball ? [pkg.tarball] : [])];
		({ userFolder } = await rt.createUserFolder({ tarballs, onProgress: progress }));
		progress(`user folder ${userFolder}`);
	});

	afterAll(async () => {
		if (n8n) await n8n.stop();
		await rt.stopAll();
		cleanupTemp(userFolder);
	});

	test('the package is installed under .n8n/nodes as users install it', () => {
		const probeDir = path.join(userFolder, '.n8n', 'nodes', 'node_modules', 'n8n-nodes-e2e-probe');
		expect(fs.existsSync(path.join(probeDir, 'package.json'))).toBe(true);
		expect(pkg.buildError).toBeUndefined();
		const installed = path.join(userFolder, '.n8n', 'nodes', 'node_modules', rt.PACKAGE_NAME, 'package.json');
		expect(fs.existsSync(installed)).toBe(true);
		// --omit=peer: n8n-workflow comes from n8n itself, never from the package.
		expect(fs.existsSync(path.join(userFolder, '.n8n', 'nodes', 'node_modules', 'n8n-workflow'))).toBe(false);
	});

	describe('CLI: import:credentials, import:workflow, execute --rawOutput', () => {
		test('a Manual Trigger → Set → custom node workflow runs and its outputs are read from the IRun', async () => {
			await importCredentials(userFolder, [{ id: 'probeCred0000001', name: 'Probe cred', type: 'e2eProbeApi', data: { secret: 'sk-e2e-123' } }]);
			await importWorkflow(
				userFolder,
				workflow({
					id: WF_ID,
					name: 'E2E runtime smoke',
					nodes: [
						manualTrigger(),
						setNode('Set', { greeting: 'hello', count: 3 }),
						node({
							name: 'Probe',
							type: PROBE_TYPE,
							parameters: { word: '={{ $json.greeting }}-world', useCred: true },
							credentials: { e2eProbeApi: { id: 'probeCred0000001', name: 'Probe cred' } },
						}),
					],
				}),
			);
			const r = await executeWorkflow(userFolder, WF_ID);
			expect(r.run).toBeDefined();
			expect({ code: r.code, status: r.run!.status }).toEqual({ code: 0, status: 'success' });
			expect(nodeJson(r.run!, 'Set')).toEqual([{ greeting: 'hello', count: 3 }]);
			const [probe] = nodeJson(r.run!, 'Probe');
			expect(probe).toMatchObject({ greeting: 'hello', count: 3, word: 'hello-world', index: 0, secretPrefix: 'sk-e' });
			expect(String(probe.nodeVersion)).toMatch(/^v24\./);
		});

		test('a node error exits 1 and the IRun carries the error', async () => {
			await importWorkflow(
				userFolder,
				workflow({
					id: WF_ERR_ID,
					nodes: [manualTrigger(), node({ name: 'Probe', type: PROBE_TYPE, parameters: { useCred: true } })],
				}),
			);
			const r = await executeWorkflow(userFolder, WF_ERR_ID);
			expect(r.code).toBe(1);
			expect(r.run?.status).toBe('error');
			expect(runError(r.run!, 'Probe')?.message).toBeTruthy();
		});

		test('an actionstepOAuth2Api credential (custom environment, token data) and a workflow using it import', async () => {
			await importCredentials(userFolder, [
				actionstepCredential({
					id: 'asCredE2e0000001',
					name: 'Actionstep e2e',
					baseUrl: 'http://127.0.0.1:9',
					clientId: 'e2e-client',
					clientSecret: 'e2e-secret',
					oauthTokenData: {
						access_token: 'at-e2e',
						refresh_token: 'rt-e2e',
						token_type: 'bearer',
						expires_in: 3600,
						api_endpoint: 'http://127.0.0.1:9/api/',
						orgkey: 'e2eorg',
					},
				}),
			]);
			await importWorkflow(
				userFolder,
				workflow({
					id: WF_AS_ID,
					name: 'E2E: Actionstep node on the canvas',
					nodes: [
						manualTrigger(),
						actionstepNode('Get phone record', { resource: 'phoneRecord', operation: 'get', phoneRecordId: '5001' }, { id: 'asCredE2e0000001', name: 'Actionstep e2e' }),
					],
				}),
			);
		});
	});

	describe('n8n start', () => {
		beforeAll(async () => {
			n8n = await rt.startN8n(userFolder, { onProgress: progress });
			await rt.setupOwner(n8n.url);
			cookie = await rt.login(n8n.url);
		});

		test('answers readiness and logs the owner in', async () => {
			expect(cookie).toMatch(/^n8n-auth=/);
			const me = await rt.rest(n8n!.url, cookie, 'GET', '/rest/login');
			expect(me.email).toBe(rt.DEFAULT_OWNER.email);
		});

		test('the node types list holds the probe and n8n-nodes-actionstep.actionstep', async () => {
			const r = await rt.restRequest(n8n!.url, cookie, 'GET', '/types/nodes.json');
			expect(r.status).toBe(200);
			const names = new Set((r.body as Array<{ name: string }>).map((t) => t.name));
			expect(names.has('n8n-nodes-base.manualTrigger')).toBe(true);
			expect(names.has(PROBE_TYPE)).toBe(true);
			expect(names.has(rt.NODE_TYPE)).toBe(true);
		});

		test('the credential type actionstepOAuth2Api is known, and the imported credential is listed', async () => {
			const r = await rt.restRequest(n8n!.url, cookie, 'GET', '/types/credentials.json');
			expect(r.status).toBe(200);
			const names = new Set((r.body as Array<{ name: string }>).map((t) => t.name));
			expect(names.has('e2eProbeApi')).toBe(true);
			expect(names.has(rt.CREDENTIAL_TYPE)).toBe(true);
			const creds = (await rt.rest(n8n!.url, cookie, 'GET', '/rest/credentials')) as Array<{ id: string; type: string }>;
			expect(creds.find((c) => c.id === 'asCredE2e0000001')?.type).toBe(rt.CREDENTIAL_TYPE);
		});

		test('the imported workflow is served by the REST API', async () => {
			const wf = await rt.rest(n8n!.url, cookie, 'GET', `/rest/workflows/${WF_ID}`);
			expect(wf.nodes.map((n: { type: string }) => n.type)).toEqual(['n8n-nodes-base.manualTrigger', 'n8n-nodes-base.set', PROBE_TYPE]);
		});

		(process.env.ACTIONSTEP_E2E_SCREENSHOT ? test : test.skip)('the editor renders the workflows (screenshots)', async () => {
			for (const [id, file, nodes] of [
				[WF_ID, 'runtime-smoke.png', 3],
				[WF_AS_ID, 'actionstep-node.png', 2],
			] as const) {
				const out = path.join(RESULTS_DIR, file);
				const shot = await rt.screenshotWorkflow(n8n!.url, cookie, id, out, { onProgress: progress });
				expect(shot.nodeCount).toBeGreaterThanOrEqual(nodes);
				expect(fs.statSync(out).size).toBeGreaterThan(10000);
			}
		});
	});
});
