/**
 * Helpers for end-to-end tests in real n8n (2.41.1 on Node 24, from `scripts/lib/n8n-runtime.cjs`).
 *
 * Typical test:
 *   const pkg = await preparePackage();                  // npm run build + npm pack (once per file)
 *   const { userFolder } = await rt.createUserFolder({ tarball: pkg.tarball });
 *   const sandbox = await startActionstepSandbox();      // sandbox/index.ts, through ts-jest
 *   await importCredentials(userFolder, [await sandboxCredential(sandbox, { id: 'asCred0000000001' })]);
 *   …
 *   await sandbox.close();
 *   await importWorkflow(userFolder, workflow({ id: 'wfE2e000000001', nodes: [manualTrigger(), …] }));
 *   const result = await executeWorkflow(userFolder, 'wfE2e000000001');
 *   expect(nodeJson(result.run, 'Actionstep')).toEqual([...]);
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { IConnections, IDataObject, INode, IRun } from 'n8n-workflow';
import { startSandbox } from '../../sandbox';
import type { SandboxHandle, SandboxOptions } from '../../sandbox/types';
import type { RcCallSpec, RcPlayResult } from '../../sandbox/ringcentral/types';

export type { SandboxHandle, SandboxOptions };

// ------------------------------------------------------------------------------------------------
// the runtime helper (CommonJS, typed here)

export interface RunResult {
	code: number | null;
	signal: string | null;
	timedOut: boolean;
	stdout: string;
	stderr: string;
	ms: number;
}

export interface Runtime {
	dir: string;
	nodeBin: string;
	npmCli: string;
	n8nBin: string;
	n8nVersion: string;
	env: Record<string, string>;
}

export interface N8nProcess {
	url: string;
	port: number;
	pid: number;
	command: string;
	userFolder: string;
	logFile: string;
	readyMs?: number;
	stop(): Promise<unknown>;
}

export interface RestResponse {
	status: number;
	ok: boolean;
	headers: Headers;
	body: any;
	text: string;
	cookie?: string;
}

type Progress = (msg: string) => void;

export interface RuntimeApi {
	N8N_VERSION: string;
	NODE_TYPE: string;
	CREDENTIAL_TYPE: string;
	PACKAGE_NAME: string;
	REPO_ROOT: string;
	DEFAULT_OWNER: { email: string; password: string; firstName: string; lastName: string };
	runtimeDir(): string;
	ensureRuntime(opts?: { onProgress?: Progress }): Promise<Runtime>;
	run(cmd: string, args: string[], opts?: { cwd?: string; env?: Record<string, string>; logFile?: string; timeoutMs?: number }): Promise<RunResult>;
	cleanEnv(): Record<string, string>;
	packPackage(opts?: { repoRoot?: string; build?: boolean; outDir?: string; onProgress?: Progress }): Promise<string>;
	createUserFolder(opts?: {
		tarball?: string;
		tarballs?: string[];
		encryptionKey?: string;
		parentDir?: string;
		onProgress?: Progress;
	}): Promise<{ userFolder: string; encryptionKey: string; nodesDir: string }>;
	n8nCommand(userFolder: string, args: string[], opts?: { env?: Record<string, string>; timeoutMs?: number }): Promise<RunResult>;
	n8nCommandOk(userFolder: string, args: string[], opts?: { env?: Record<string, string>; timeoutMs?: number }): Promise<RunResult>;
	parseRawOutput(stdout: string): any;
	freePort(): Promise<number>;
	startN8n(
		userFolder: string,
		opts?: {
			port?: number;
			command?: 'start' | 'worker';
			env?: Record<string, string>;
			readyTimeoutMs?: number;
			stopTimeoutMs?: number;
			onProgress?: Progress;
		},
	): Promise<N8nProcess>;
	stopAll(): Promise<void>;
	waitForWebhook(url: string, webhookPath: string, opts?: { method?: string; timeoutMs?: number }): Promise<number>;
	setupOwner(url: string, owner?: Partial<RuntimeApi['DEFAULT_OWNER']>): Promise<{ user: any; cookie?: string }>;
	login(url: string, creds?: { email?: string; password?: string }): Promise<string>;
	restRequest(url: string, cookie: string | undefined, method: string, apiPath: string, body?: unknown): Promise<RestResponse>;
	rest(url: string, cookie: string | undefined, method: string, apiPath: string, body?: unknown): Promise<any>;
	screenshotWorkflow(
		url: string,
		cookie: string,
		workflowId: string,
		outPng: string,
		opts?: { width?: number; height?: number; onProgress?: Progress },
	): Promise<{ outPng: string; nodeCount: number; title: string }>;
}

// eslint-disable-next-line @typescript-eslint/no-require-imports
export const rt: RuntimeApi = require('../../scripts/lib/n8n-runtime.cjs');

export const progress: Progress = (msg) => process.stderr.write(`[e2e] ${msg}\n`);

const tempDirs: string[] = [];

/** Removes the temp dirs this file made (pack and probe dirs) and, unless ACTIONSTEP_E2E_KEEP is set, the given user folders. */
export function cleanupTemp(...userFolders: Array<string | undefined>): void {
	const keep = Boolean(process.env.ACTIONSTEP_E2E_KEEP);
	for (const d of [...tempDirs.splice(0), ...(keep ? [] : userFolders)]) if (d) fs.rmSync(d, { recursive: true, force: true });
}

/** Files a test leaves for a person to look at (gitignored). */
export const RESULTS_DIR = path.join(rt.REPO_ROOT, 'test-results', 'e2e');

// ------------------------------------------------------------------------------------------------
// the package under test

export interface PreparedPackage {
	/** The tarball of this repo, or undefined when `npm run build` failed (see buildError). */
	tarball?: string;
	buildError?: string;
	/** Whether dist/ holds the node and the credential package.json declares. */
	hasNode: boolean;
}

/**
 * Builds and packs this repo (or takes $ACTIONSTEP_E2E_TARBALL, a tarball packed beforehand).
 * A failed build is reported, not thrown, so a test can still prove the runtime.
 */
export async function preparePackage(): Promise<PreparedPackage> {
	try {
		const given = process.env.ACTIONSTEP_E2E_TARBALL;
		const tarball = given ? path.resolve(given) : await rt.packPackage({ onProgress: progress });
		if (!given) tempDirs.push(path.dirname(tarball));
		const pkg = JSON.parse(fs.readFileSync(path.join(rt.REPO_ROOT, 'package.json'), 'utf8'));
		const files: string[] = [...(pkg.n8n?.nodes ?? []), ...(pkg.n8n?.credentials ?? [])];
		const hasNode = files.length > 0 && files.every((f) => fs.existsSync(path.join(rt.REPO_ROOT, f)));
		return { tarball, hasNode };
	} catch (e) {
		return { buildError: (e as Error).message, hasNode: false };
	}
}

/**
 * A throwaway community package, written and packed in a temp dir: node type `n8n-nodes-e2e-probe.e2eProbe`
 * and credential type `e2eProbeApi`. It proves the runtime helper (install, load, credentials, execute)
 * independently of the real package, and can be installed next to it.
 */
export async function makeProbePackage(): Promise<string> {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-nodes-e2e-probe-'));
	tempDirs.push(dir);
	const src = path.join(dir, 'pkg');
	fs.mkdirSync(path.join(src, 'dist'), { recursive: true });
	fs.writeFileSync(
		path.join(src, 'package.json'),
		JSON.stringify(
			{
				name: 'n8n-nodes-e2e-probe',
				version: '0.0.1',
				description: 'e2e probe (throwaway)',
				license: 'MIT',
				keywords: ['n8n-community-node-package'],
				files: ['dist'],
				n8n: { n8nNodesApiVersion: 1, nodes: ['dist/E2eProbe.node.js'], credentials: ['dist/E2eProbeApi.credentials.js'] },
				peerDependencies: { 'n8n-workflow': '*' },
			},
			null,
			2,
		),
	);
	fs.writeFileSync(
		path.join(src, 'dist', 'E2eProbeApi.credentials.js'),
		`'use strict';
class E2eProbeApi {
	constructor() {
		this.name = 'e2eProbeApi';
		this.displayName = 'E2E Probe API';
		this.properties = [{ displayName: 'Secret', name: 'secret', type: 'string', typeOptions: { password: true }, default: '' }];
	}
}
exports.E2eProbeApi = E2eProbeApi;
`,
	);
	fs.writeFileSync(
		path.join(src, 'dist', 'E2eProbe.node.js'),
		`'use strict';
class E2eProbe {
	constructor() {
		this.description = {
			displayName: 'E2E Probe',
			name: 'e2eProbe',
			group: ['transform'],
			version: 1,
			description: 'Echoes items, a parameter and a credential fingerprint',
			defaults: { name: 'E2E Probe' },
			inputs: ['main'],
			outputs: ['main'],
			credentials: [{ name: 'e2eProbeApi', required: false }],
			properties: [
				{ displayName: 'Word', name: 'word', type: 'string', default: 'probe' },
				{ displayName: 'Use Credential', name: 'useCred', type: 'boolean', default: false },
			],
		};
	}
	async execute() {
		const items = this.getInputData();
		const out = [];
		for (let i = 0; i < items.length; i++) {
			const json = Object.assign({}, items[i].json, { word: this.getNodeParameter('word', i), index: i, nodeVersion: process.version });
			if (this.getNodeParameter('useCred', i)) {
				const c = await this.getCredentials('e2eProbeApi');
				json.secretPrefix = String(c.secret).slice(0, 4);
			}
			out.push({ json, pairedItem: { item: i } });
		}
		return [out];
	}
}
exports.E2eProbe = E2eProbe;
`,
	);
	const env = rt.cleanEnv();
	const r = await rt.run('npm', ['pack', '--json', '--pack-destination', dir], { cwd: src, env });
	if (r.code !== 0) throw new Error(`npm pack of the probe failed: ${r.stderr}`);
	return path.join(dir, 'n8n-nodes-e2e-probe-0.0.1.tgz');
}

// ------------------------------------------------------------------------------------------------
// credentials and workflows

export interface CredentialExport {
	id: string;
	name: string;
	type: string;
	data: IDataObject;
}

/**
 * Imports credentials with plaintext `data`; n8n encrypts them with the user folder's key.
 * Ids are free strings (n8n's column holds 36 characters); workflows reference them by id and name.
 */
export async function importCredentials(userFolder: string, credentials: CredentialExport[]): Promise<void> {
	const file = path.join(userFolder, `credentials-${Date.now()}-${Math.random().toString(36).slice(2)}.json`);
	fs.writeFileSync(file, JSON.stringify(credentials, null, 2));
	await rt.n8nCommandOk(userFolder, ['import:credentials', `--input=${file}`]);
}

/** `n8n export:credentials --id --decrypted`: the stored credential with its plaintext data (e.g. refreshed tokens). */
export async function exportCredential(userFolder: string, id: string): Promise<CredentialExport> {
	const file = path.join(userFolder, `credential-export-${Date.now()}.json`);
	await rt.n8nCommandOk(userFolder, ['export:credentials', `--id=${id}`, '--decrypted', `--output=${file}`]);
	const list = JSON.parse(fs.readFileSync(file, 'utf8')) as CredentialExport[];
	fs.rmSync(file, { force: true });
	const found = (Array.isArray(list) ? list : [list]).find((c) => c.id === id);
	if (!found) throw new Error(`credential ${id} not exported`);
	return found;
}

export interface ActionstepCredentialOptions {
	id: string;
	name?: string;
	baseUrl: string;
	clientId: string;
	clientSecret: string;
	/** The token response as the OAuth2 flow stores it: access_token, refresh_token, api_endpoint, … */
	oauthTokenData: IDataObject;
}

/** An `actionstepOAuth2Api` credential for the custom environment (the sandbox). */
export function actionstepCredential(o: ActionstepCredentialOptions): CredentialExport {
	return {
		id: o.id,
		name: o.name ?? 'Actionstep sandbox',
		type: rt.CREDENTIAL_TYPE,
		data: {
			environment: 'custom',
			baseUrl: o.baseUrl,
			clientId: o.clientId,
			clientSecret: o.clientSecret,
			oauthTokenData: o.oauthTokenData,
		},
	};
}

export interface WorkflowSpec {
	id: string;
	name?: string;
	nodes: INode[];
	/** Defaults to a straight chain of `nodes` in order. */
	connections?: IConnections;
	active?: boolean;
}

/** A workflow export for `import:workflow` (it must carry its id). */
export function workflow(spec: WorkflowSpec): IDataObject {
	const connections: IConnections = spec.connections ?? {};
	if (!spec.connections) {
		for (let i = 0; i + 1 < spec.nodes.length; i++) {
			connections[spec.nodes[i].name] = { main: [[{ node: spec.nodes[i + 1].name, type: 'main', index: 0 }]] };
		}
	}
	return {
		id: spec.id,
		name: spec.name ?? `e2e ${spec.id}`,
		active: spec.active ?? false,
		nodes: spec.nodes as unknown as IDataObject[],
		connections: connections as unknown as IDataObject,
		settings: { executionOrder: 'v1' },
		pinData: {},
	};
}

let nodeCounter = 0;
function nodeId(): string {
	nodeCounter += 1;
	return `00000000-0000-4000-8000-${String(nodeCounter).padStart(12, '0')}`;
}

/** Places nodes left to right when no position is given. */
export function node(partial: Omit<INode, 'id' | 'position' | 'typeVersion' | 'parameters'> & Partial<INode>): INode {
	const index = nodeCounter;
	return {
		id: partial.id ?? nodeId(),
		position: partial.position ?? [index * 220, 300],
		typeVersion: partial.typeVersion ?? 1,
		parameters: partial.parameters ?? {},
		...partial,
	} as INode;
}

export function manualTrigger(name = 'Manual Trigger'): INode {
	return node({ name, type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, parameters: {} });
}

/** n8n's Set node (v3.4) assigning string/number/boolean fields. */
export function setNode(name: string, fields: Record<string, string | number | boolean>): INode {
	return node({
		name,
		type: 'n8n-nodes-base.set',
		typeVersion: 3.4,
		parameters: {
			assignments: {
				assignments: Object.entries(fields).map(([k, v], i) => ({
					id: `a${i}`,
					name: k,
					value: v,
					type: typeof v === 'number' ? 'number' : typeof v === 'boolean' ? 'boolean' : 'string',
				})),
			},
			options: {},
		},
	});
}

/** The Actionstep node with its credential reference. */
export function actionstepNode(name: string, parameters: IDataObject, credential: { id: string; name: string }, typeVersion = 1): INode {
	return node({
		name,
		type: rt.NODE_TYPE,
		typeVersion,
		parameters: parameters as INode['parameters'],
		credentials: { [rt.CREDENTIAL_TYPE]: credential },
	});
}

export async function importWorkflow(userFolder: string, wf: IDataObject): Promise<void> {
	const file = path.join(userFolder, `workflow-${String(wf.id)}.json`);
	fs.writeFileSync(file, JSON.stringify(wf, null, 2));
	await rt.n8nCommandOk(userFolder, ['import:workflow', `--input=${file}`]);
}

/** Makes a workflow's triggers (webhooks) live for the next `n8n start`. */
export async function publishWorkflow(userFolder: string, workflowId: string): Promise<void> {
	await rt.n8nCommandOk(userFolder, ['publish:workflow', `--id=${workflowId}`]);
}

export interface ExecuteResult extends RunResult {
	/** The IRun JSON; undefined when none was printed (see stdout/stderr). */
	run?: IRun;
}

/** `n8n execute --id=<id> --rawOutput`. Exit code 1 with a run means a node error: read run.data.resultData.error. */
export async function executeWorkflow(userFolder: string, workflowId: string, opts: { env?: Record<string, string>; timeoutMs?: number } = {}): Promise<ExecuteResult> {
	const r = await rt.n8nCommand(userFolder, ['execute', `--id=${workflowId}`, '--rawOutput'], opts);
	let run: IRun | undefined;
	try {
		run = rt.parseRawOutput(r.stdout) as IRun;
	} catch {
		run = undefined;
	}
	return { ...r, run };
}

// ------------------------------------------------------------------------------------------------
// reading an IRun

/** The task data of one node run (throws naming the nodes that did run when it is missing). */
export function nodeRun(run: IRun, nodeName: string, runIndex = 0) {
	const runData = run.data.resultData.runData ?? {};
	const runs = runData[nodeName];
	if (!runs || !runs[runIndex]) {
		throw new Error(`node "${nodeName}" has no run ${runIndex}; nodes that ran: ${Object.keys(runData).join(', ') || 'none'}`);
	}
	return runs[runIndex];
}

/** The `json` of every item a node put on one output. */
export function nodeJson(run: IRun, nodeName: string, { runIndex = 0, output = 0 } = {}): IDataObject[] {
	const task = nodeRun(run, nodeName, runIndex);
	const items = task.data?.main?.[output] ?? [];
	return items.map((it) => it.json);
}

/** The error a node ended with, if any (message and description), or the run's own error. */
export function runError(run: IRun, nodeName?: string): { message?: string; description?: string | null } | undefined {
	if (nodeName) {
		const task = nodeRun(run, nodeName);
		return task.error as unknown as { message?: string; description?: string | null } | undefined;
	}
	return run.data.resultData.error as unknown as { message?: string; description?: string | null } | undefined;
}

// ------------------------------------------------------------------------------------------------
// the sandbox (sandbox/index.ts, through ts-jest)

/** Starts the Actionstep-compatible sandbox on an ephemeral 127.0.0.1 port, quiet. Close it with `sb.close()`. */
export async function startActionstepSandbox(options: SandboxOptions = {}): Promise<SandboxHandle> {
	return startSandbox({ quiet: true, ...options });
}

/** The actionstepOAuth2Api credential for a running sandbox, with a freshly issued token. */
export async function sandboxCredential(
	sb: SandboxHandle,
	o: { id: string; name?: string; userId?: number; scope?: string },
): Promise<CredentialExport> {
	const token = await sb.issueToken({ userId: o.userId, scope: o.scope });
	return actionstepCredential({
		id: o.id,
		name: o.name,
		baseUrl: sb.url,
		clientId: sb.clientId,
		clientSecret: sb.clientSecret,
		oauthTokenData: token as unknown as IDataObject,
	});
}

// ------------------------------------------------------------------------------------------------
// the demo's shared pieces (scripts/demo/lib.cjs): examples and their credentials, the demo's RingCentral calls, executions of a started n8n

export interface ExampleFile {
	file: string;
	workflow: IDataObject & { id?: string; name: string; nodes: INode[]; connections: IConnections };
}

export interface ExecutionRecord {
	id: string;
	status: string;
	data: IRun['data'];
}

export interface DemoLib {
	EXAMPLES_DIR: string;
	SCREENSHOTS_DIR: string;
	CREDENTIAL_REF: { id: string; name: string };
	RINGCENTRAL_CREDENTIAL_REF: { id: string; name: string };
	EXAMPLES: Record<
		'logCall' | 'rcSubscribe' | 'rcSync' | 'twilio' | 'aircall' | 'zoom' | 'teams' | 'threecx' | 'hostedsuite' | 'todaysCalls' | 'billUnbilled' | 'cleanUp',
		{ file: string; id: string; webhookPath?: string }
	>;
	FIRM_TIME_ZONE: string;
	readExample(file: string): ExampleFile['workflow'];
	loadExamples(): ExampleFile[];
	sandboxCredentialFor(sandbox: SandboxHandle, token: unknown, ref?: { id: string; name: string }): CredentialExport;
	importIntoUserFolder(userFolder: string, what: { credentials?: CredentialExport[]; workflows?: IDataObject[] }): Promise<void>;
	ringCentralCredentialFor(sandbox: SandboxHandle, ref?: { id: string; name: string }): CredentialExport;
	withSettings(workflow: IDataObject, values: Record<string, string | number>, opts?: { id?: string }): IDataObject;
	executeWorkflowCli(userFolder: string, workflowId: string, opts?: { env?: Record<string, string> }): Promise<{ code: number | null; run?: IRun; output: string }>;
	DEMO_CALLS: Record<'live' | 'missed' | 'offline', RcCallSpec>;
	playCallThroughN8n(
		sandbox: SandboxHandle,
		n8nUrl: string,
		cookie: string,
		workflowId: string,
		spec: RcCallSpec,
		opts?: { afterId?: number; nodeName?: string },
	): Promise<RcPlayResult & { runs: Array<ExecutionRecord & { label: string; out?: Record<string, any> }>; lastId: number }>;
	postWebhook(
		url: string,
		webhookPath: string,
		body: unknown,
		opts?: { headers?: Record<string, string>; timeoutMs?: number },
	): Promise<{ status: number; headers: Headers; text: string; body: any }>;
	listExecutions(url: string, cookie: string, workflowId: string): Promise<Array<{ id: string; status: string }>>;
	waitForExecutions(url: string, cookie: string, workflowId: string, opts?: { afterId?: number | string; count?: number; timeoutMs?: number }): Promise<ExecutionRecord[]>;
	lastExecutionId(url: string, cookie: string, workflowId: string): Promise<number>;
	executionNodeJson(data: IRun['data'], nodeName: string, opts?: { output?: number; runIndex?: number }): IDataObject[] | undefined;
	executionError(data: IRun['data']): string | undefined;
	screenshotEditor(
		url: string,
		cookie: string,
		opts: {
			workflowId: string;
			nodeName?: string;
			executionId?: string;
			outDir?: string;
			prefix?: string;
			width?: number;
			height?: number;
			onProgress?: Progress;
		},
	): Promise<{ files: string[]; details: { canvasNodes?: string[]; panelText?: string; executionPanelText?: string; title?: string } }>;
}

// eslint-disable-next-line @typescript-eslint/no-require-imports
export const demoLib: DemoLib = require('../../scripts/demo/lib.cjs');
