/**
 * Bench-only node type, never shipped: the baseline a user gets from n8n's HTTP Request node with
 * pagination on the same credential. It asks for page 1, 2, 3, ... one after another with Actionstep's
 * default page size (50), signed by n8n's OAuth2 helper, until `meta.paging.phonerecords.nextPage` is
 * null, and outputs one item per record.
 */
import { NodeConnectionTypes } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';

export const PAGE_WALKER_TYPE = 'n8n-nodes-actionstep-bench.pageWalker';

interface Envelope {
	phonerecords?: IDataObject[] | IDataObject;
	meta?: { paging?: { phonerecords?: { nextPage?: string | null } } };
}

export class PageWalker implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Bench Page Walker',
		name: 'pageWalker',
		group: ['input'],
		version: 1,
		description: 'Sequential page-by-page GET, as the HTTP Request node paginates',
		defaults: { name: 'Bench Page Walker' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'actionstepOAuth2Api', required: true }],
		properties: [
			{ displayName: 'Page Size', name: 'pageSize', type: 'number', default: 50 },
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const pageSize = this.getNodeParameter('pageSize', 0) as number;
		const credentials = await this.getCredentials('actionstepOAuth2Api');
		const apiEndpoint = (credentials.oauthTokenData as IDataObject).api_endpoint as string;
		const out: INodeExecutionData[] = [];
		for (let page = 1; ; page++) {
			const response = (await this.helpers.httpRequestWithAuthentication.call(this, 'actionstepOAuth2Api', {
				method: 'GET',
				url: `${apiEndpoint}rest/phonerecords?page=${page}&pageSize=${pageSize}`,
				headers: { Accept: 'application/vnd.api+json' },
				json: true,
			})) as Envelope | '' | undefined;
			if (!response || typeof response !== 'object') break; // 204: nothing (more) to read
			const records = response.phonerecords;
			for (const record of Array.isArray(records) ? records : records ? [records] : []) {
				out.push({ json: record, pairedItem: { item: 0 } });
			}
			if (!response.meta?.paging?.phonerecords?.nextPage) break;
		}
		return [out];
	}
}
