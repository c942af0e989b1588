/** The `additionalData` n8n-core needs around a node run, as the tests give it: loopback URLs, no-op hooks. */
import type { IWorkflowExecuteAdditionalData } from 'n8n-workflow';

export function testAdditionalData(fields: Record<string, unknown>): IWorkflowExecuteAdditionalData {
	return {
		variables: {},
		restApiUrl: 'http://127.0.0.1/rest',
		instanceBaseUrl: 'http://127.0.0.1/',
		webhookBaseUrl: 'http://127.0.0.1/webhook',
		webhookWaitingBaseUrl: 'http://127.0.0.1/webhook-waiting',
		webhookTestBaseUrl: 'http://127.0.0.1/webhook-test',
		formBaseUrl: 'http://127.0.0.1/form',
		formWaitingBaseUrl: 'http://127.0.0.1/form-waiting',
		formTestBaseUrl: 'http://127.0.0.1/form-test',
		mcpBaseUrl: 'http://127.0.0.1/mcp',
		mcpTestBaseUrl: 'http://127.0.0.1/mcp-test',
		currentNodeExecutionIndex: 0,
		logAiEvent: () => {},
		getRunExecutionData: async () => undefined,
		...fields,
	} as unknown as IWorkflowExecuteAdditionalData;
}
