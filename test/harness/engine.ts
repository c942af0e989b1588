/**
 * Runs the Actionstep node inside n8n-core's real WorkflowExecute, with a credentials helper that takes
 * n8n's real OAuth2 path (getParentTypes → oAuth2Api): a 401 makes n8n refresh the token against the
 * sandbox and retry, and the refreshed token data is kept as n8n would persist it.
 */
import type { IDataObject, INode, INodeExecutionData, INodeParameters, IRun } from 'n8n-workflow';

import { actionstepNodeTypes, assertNoSecrets, CREDENTIAL_REF, loggedSince, logMark, logText, NODE_TYPE, runInEngine, secretsOf } from '../../scripts/devkit';
import type { CredentialStore, LogEntry } from '../../scripts/devkit';

export { assertNoSecrets, secretsOf } from '../../scripts/devkit';
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

/** What is printed while a run runs (still passed through), for the secret scan. */
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
			streams.forEach((stream, index) => (stream.write = originals[index]));
			methods.forEach((m, index) => (console[m] = consoleOriginals[index]));
		},
	};
}

function asItems(items: RunOptions['items']): INodeExecutionData[] {
	return (items ?? [{}]).map((item) =>
		'json' in item && typeof item.json === 'object' ? (item as INodeExecutionData) : { json: item as IDataObject },
	);
}

/**
 * Runs one Actionstep node with the given parameters over the given items, as n8n would. Every run is
 * checked: no token or client secret may appear in its output items, error items, execution error,
 * anything printed, or anything n8n logged while it ran.
 */
export async function runNode(options: RunOptions): Promise<RunResult> {
	const node: INode = {
		id: 'actionstep-node',
		name: NODE_NAME,
		type: NODE_TYPE,
		typeVersion: 1,
		position: [0, 0],
		parameters: options.parameters,
		credentials: CREDENTIAL_REF,
		...(options.onError ? { onError: options.onError } : {}),
	};
	const secretsBefore = secretsOf(options.credential);
	const logMarkBefore = logMark();
	const printed = capturePrinted();
	let run: IRun;
	try {
		run = await runInEngine({
			nodes: [node],
			start: { node: NODE_NAME, items: asItems(options.items) },
			nodeTypes: actionstepNodeTypes,
			credential: options.credential,
			timezone: options.timezone,
			workflowId: 'wf-test',
		});
	} finally {
		printed.stop();
	}
	const logs = loggedSince(logMarkBefore);
	assertNoSecrets([...secretsBefore, ...secretsOf(options.credential)], `${JSON.stringify(run)}${printed.text()}\n${logText(logs)}`);

	const taskData = run.data.resultData.runData[NODE_NAME]?.[0];
	const outputs = taskData?.data?.main ?? [];
	const error = run.data.resultData.error as RunResult['error'];
	return {
		success: (outputs[0] ?? []),
		errors: (outputs[1] ?? []),
		error: error ? { message: error.message, description: error.description, context: error.context as IDataObject, httpCode: (error as { httpCode?: string }).httpCode } : undefined,
		run,
		logs,
	};
}
