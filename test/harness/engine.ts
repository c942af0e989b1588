/**
 * Runs the Actionstep node inside n8n-core's real WorkflowExecute, with a credentials helper that takes
 * n8n's real OAuth2 path (getParentTypes → oAuth2Api): a 401 makes n8n refresh the token against the
 * sandbox and retry, and the refreshed token data is kept as n8n would persist it.
 */
import { ExecutionLifecycleHooks, WorkflowExecute } from 'n8n-core';
import { createRunExecutionData, Workflow } from 'n8n-workflow';
import type {
	IDataObject,
	INode,
	INodeExecutionData,
	INodeParameters,
	IRun,
} from 'n8n-workflow';

import { loggedSince, logMark, logText } from '../../scripts/devkit';
import type { LogEntry } from '../../scripts/devkit';
import { testAdditionalData } from './additionalData';
import { nodeTypes, NODE_TYPE, CREDENTIAL_TYPE, TestCredentialsHelper } from './credentials';
import type { CredentialStore } from './credentials';

export { CREDENTIAL_TYPE, NODE_TYPE, sandboxCredential, TestCredentialsHelper, nodeTypes } from './credentials';
export type { CredentialStore } from './credentials';

export interface RunOptions {
	parameters: INodeParameters;
	/** Input items (json only, or full items). Defaults to one empty item. */
	items?: Array<IDataObject | INodeExecutionData>;
	credential: CredentialStore;
	onError?: INode['onError'];
	timezone?: string;
}

export interface RunResult {
	/** Items on the main (success) output. */
	success: INodeExecutionData[];
	/** Items on the error output (only with onError: 'continueErrorOutput'). */
	errors: INodeExecutionData[];
	/** The execution's error when the node stopped the workflow. */
	error?: { message: string; description?: string | null; context?: IDataObject; httpCode?: string | null };
	run: IRun;
	/** What n8n logged while the node ran (captured, not printed; see test/setup-logs.ts). */
	logs: LogEntry[];
}

const NODE_NAME = 'Actionstep';

/** The access and refresh tokens and the client secret of a stored credential. */
export function secretsOf(credential: CredentialStore): string[] {
	const token = (credential.data.oauthTokenData ?? {}) as Record<string, unknown>;
	return [token.access_token, token.refresh_token, credential.data.clientSecret].filter(
		(s): s is string => typeof s === 'string' && s.length >= 8,
	);
}

/**
 * Every run of the node in these tests is checked: no token or client secret may appear in its output
 * items, error items, execution error, anything printed, or anything n8n logged while it ran.
 */
export function assertNoSecrets(secrets: string[], text: string): void {
	for (const secret of secrets) {
		if (text.includes(secret)) throw new Error(`A credential secret leaked into the run data or logs (…${secret.slice(-4)})`);
	}
}

function capturePrinted(): { text: () => string; stop: () => void } {
	const chunks: string[] = [];
	const streams = [process.stdout, process.stderr];
	const originals = streams.map((stream) => stream.write.bind(stream));
	const methods = ['log', 'info', 'warn', 'error', 'debug'] as const;
	const consoleOriginals = methods.map((m) => console[m]);
	streams.forEach((stream, index) => {
		stream.write = ((chunk: unknown, ...rest: unknown[]) => {
			chunks.push(String(chunk));
			return (originals[index] as (...a: unknown[]) => boolean)(chunk, ...rest);
		}) as typeof stream.write;
	});
	methods.forEach((m, index) => {
		console[m] = (...args: unknown[]) => {
			chunks.push(args.map((a) => (typeof a === 'string' ? a : JSON.stringify(a))).join(' '));
			(consoleOriginals[index] as (...a: unknown[]) => void)(...args);
		};
	});
	return {
		text: () => chunks.join('\n'),
		stop: () => {
			streams.forEach((stream, index) => (stream.write = originals[index] as typeof stream.write));
			methods.forEach((m, index) => (console[m] = consoleOriginals[index]));
		},
	};
}

function asItems(items: RunOptions['items']): INodeExecutionData[] {
	return (items ?? [{}]).map((item) =>
		'json' in item && typeof item.json === 'object' ? (item as INodeExecutionData) : { json: item as IDataObject },
	);
}

/** Runs one Actionstep node with the given parameters over the given items, as n8n would. */
export async function runNode(options: RunOptions): Promise<RunResult> {
	const node: INode = {
		id: 'actionstep-node',
		name: NODE_NAME,
		type: NODE_TYPE,
		typeVersion: 1,
		position: [0, 0],
		parameters: options.parameters,
		credentials: { [CREDENTIAL_TYPE]: { id: 'cred-1', name: 'Actionstep sandbox' } },
		...(options.onError ? { onError: options.onError } : {}),
	};
	const workflowRef: { current?: Workflow } = {};
	const workflow = new Workflow({
		id: 'wf-test',
		name: 'actionstep test',
		nodes: [node],
		connections: {},
		active: false,
		nodeTypes,
		settings: { timezone: options.timezone ?? 'Australia/Sydney' },
	});
	workflowRef.current = workflow;

	let resolveRun!: (run: IRun) => void;
	const finished = new Promise<IRun>((resolve) => (resolveRun = resolve));
	const hooks = new ExecutionLifecycleHooks('manual', 'exec-1', {
		id: 'wf-test',
		name: 'actionstep test',
		nodes: [node],
		connections: {},
		active: false,
		activeVersionId: null,
		isArchived: false,
		createdAt: new Date(),
		updatedAt: new Date(),
	} as never);
	hooks.addHandler('workflowExecuteAfter', (run: IRun) => resolveRun(run));

	const additionalData = testAdditionalData({
		credentialsHelper: new TestCredentialsHelper(options.credential, workflowRef),
		hooks,
		executionId: 'exec-1',
	});

	const runExecutionData = createRunExecutionData({
		executionData: {
			nodeExecutionStack: [{ node, data: { main: [asItems(options.items)] }, source: null }],
		},
	});
	const secretsBefore = secretsOf(options.credential);
	const logMarkBefore = logMark();
	const printed = capturePrinted();
	const execution = new WorkflowExecute(additionalData, 'manual', runExecutionData);
	void execution.processRunExecutionData(workflow);
	let run: IRun;
	try {
		run = await finished;
	} finally {
		printed.stop();
	}
	const logs = loggedSince(logMarkBefore);
	assertNoSecrets([...secretsBefore, ...secretsOf(options.credential)], `${JSON.stringify(run)}${printed.text()}\n${logText(logs)}`);

	const taskData = run.data.resultData.runData[NODE_NAME]?.[0];
	const outputs = taskData?.data?.main ?? [];
	const error = run.data.resultData.error as RunResult['error'];
	return {
		success: (outputs[0] ?? []) as INodeExecutionData[],
		errors: (outputs[1] ?? []) as INodeExecutionData[],
		error: error ? { message: error.message, description: error.description, context: error.context as IDataObject, httpCode: (error as { httpCode?: string }).httpCode } : undefined,
		run,
		logs,
	};
}
