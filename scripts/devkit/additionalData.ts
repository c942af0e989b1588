/** The `additionalData` n8n-core needs around a node run: loopback URLs, no-op hooks, the given fields on top. */
import type { IWorkflowExecuteAdditionalData } from 'n8n-workflow';

const BASE = 'http://127.0.0.1';

export function engineAdditionalData(fields: Record<string, unknown>): IWorkflowExecuteAdditionalData {
	return {
		variables: {},
		restApiUrl: `${BASE}/rest`,
		instanceBaseUrl: `${BASE}/`,
		webhookBaseUrl: `${BASE}/webhook`,
		webhookWaitingBaseUrl: `${BASE}/webhook-waiting`,
		webhookTestBaseUrl: `${BASE}/webhook-test`,
		formBaseUrl: `${BASE}/form`,
		formWaitingBaseUrl: `${BASE}/form-waiting`,
		formTestBaseUrl: `${BASE}/form-test`,
		mcpBaseUrl: `${BASE}/mcp`,
		mcpTestBaseUrl: `${BASE}/mcp-test`,
		currentNodeExecutionIndex: 0,
		logAiEvent: () => {},
		getRunExecutionData: () => Promise.resolve(undefined),
		...fields,
	} as unknown as IWorkflowExecuteAdditionalData;
}
