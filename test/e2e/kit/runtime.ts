/**
 * The n8n runtime helper (scripts/lib/n8n-runtime.cjs, CommonJS) for the e2e suites, typed. Changes when the
 * runtime's API does.
 */
import * as path from 'path';
import type { IDataObject, IRun } from 'n8n-workflow';
import type { SandboxHandle } from '../../../sandbox/types';

/** A credential export for `import:credentials` / from `export:credentials --decrypted`: plaintext data. */
export interface CredentialExport {
	id: string;
	name: string;
	type: string;
	data: IDataObject;
}

export interface ActionstepCredentialOptions {
	id: string;
	name?: string;
	baseUrl: string;
	clientId: string;
	clientSecret: string;
	/** The token response as the OAuth2 flow stores it: access_token, refresh_token, api_endpoint, … */
	oauthTokenData?: IDataObject;
}

/** One execution read back from a started n8n, its data parsed. */
export interface ExecutionRecord {
	id: string;
	status: string;
	data: IRun['data'];
}

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

export type Progress = (msg: string) => void;

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
	actionstepCredential(o: ActionstepCredentialOptions): CredentialExport;
	sandboxCredential(sandbox: SandboxHandle, token: unknown, ref?: { id?: string; name?: string }): CredentialExport;
	importCredentials(userFolder: string, credentials: CredentialExport[], opts?: { env?: Record<string, string> }): Promise<void>;
	exportCredential(userFolder: string, id: string, opts?: { env?: Record<string, string> }): Promise<CredentialExport>;
	importWorkflows(userFolder: string, workflows: IDataObject[], opts?: { env?: Record<string, string> }): Promise<void>;
	publishWorkflow(userFolder: string, workflowId: string, opts?: { env?: Record<string, string> }): Promise<void>;
	executeWorkflow(userFolder: string, workflowId: string, opts?: { env?: Record<string, string>; timeoutMs?: number }): Promise<RunResult & { run?: IRun }>;
	FINAL_STATUSES: Set<string>;
	parseExecutionData(data: unknown): IRun['data'];
	listExecutions(url: string, cookie: string, workflowId: string, opts?: { limit?: number }): Promise<Array<{ id: string; status: string }>>;
	lastExecutionId(url: string, cookie: string, workflowId: string): Promise<number>;
	waitForExecutions(url: string, cookie: string, workflowId: string, opts?: { afterId?: number | string; count?: number; timeoutMs?: number }): Promise<ExecutionRecord[]>;
	executionNodeJson(data: IRun['data'], nodeName: string, opts?: { output?: number; runIndex?: number }): IDataObject[] | undefined;
	executionError(data: IRun['data']): string | undefined;
	CHROMIUM_INSTALL_HINT: string;
	assertChromium(): string;
	screenshotWorkflow(
		url: string,
		cookie: string,
		workflowId: string,
		outPng: string,
		opts?: { width?: number; height?: number; onProgress?: Progress },
	): Promise<{ outPng: string; nodeCount: number; title: string }>;
}

// eslint-disable-next-line @typescript-eslint/no-require-imports
export const rt: RuntimeApi = require('../../../scripts/lib/n8n-runtime.cjs');

export const progress: Progress = (msg) => process.stderr.write(`[e2e] ${msg}\n`);

/** Files a test leaves for a person to look at (gitignored). */
export const RESULTS_DIR = path.join(rt.REPO_ROOT, 'test-results', 'e2e');
