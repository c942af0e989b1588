import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

/** Records → n8n items: one item per record, the record's fields at the top level. */
export function toItems(records: IDataObject[]): INodeExecutionData[] {
	return records.map((json) => ({ json }));
}
