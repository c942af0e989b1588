/**
 * The demo's pieces the e2e suites share (scripts/demo/*.cjs), typed: the examples and their credentials
 * (examples.cjs), the demo's RingCentral calls and webhook POSTs (calls.cjs), the editor screenshots
 * (screenshots.cjs). Reading executions back is the runtime's (`rt.waitForExecutions`, …).
 */
import type { IConnections, IDataObject, INode } from 'n8n-workflow';
import type { SandboxHandle } from '../../../sandbox/types';
import type { RcCallSpec, RcPlayResult } from '../../../sandbox/ringcentral/types';
import type { CredentialExport, ExecutionRecord, Progress } from './runtime';

export interface ExampleFile {
	file: string;
	workflow: IDataObject & { id?: string; name: string; nodes: INode[]; connections: IConnections };
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

/* eslint-disable @typescript-eslint/no-require-imports */
export const demoLib: DemoLib = {
	...require('../../../scripts/demo/examples.cjs'),
	...require('../../../scripts/demo/calls.cjs'),
	...require('../../../scripts/demo/screenshots.cjs'),
};
/* eslint-enable @typescript-eslint/no-require-imports */
