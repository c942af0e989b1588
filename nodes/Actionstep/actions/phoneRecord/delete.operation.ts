import type { IExecuteFunctions, INodeExecutionData, INodeProperties, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { optionsCollection, recordIdField } from '../../descriptions/common';
import { timeEntryLinksTo } from '../../helpers/timeEntryLinks';
import { requireId } from '../../helpers/validation';
import { deleteRecord, fetchAll, updateRecord } from '../../transport';
import { TIME_ENTRIES } from '../shared/resources';
import { PHONE_RECORDS } from './fields';

const properties: INodeProperties[] = [
	recordIdField('phoneRecordId', 'Phone Record ID', 'ID of the phone record to delete'),
	optionsCollection([

			{
				displayName: 'Unlink Time Entries',
				name: 'unlinkTimeEntries',
				type: 'boolean',
				default: false,
				description:
					'Whether to first remove the phone record from every time entry that links to it (Actionstep refuses to delete a linked phone record). The time entries themselves are kept.',
			},
	]),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['phoneRecord'], operation: ['delete'] } },
	properties,
);

/** The time entries linking to the phone record: the filter asks, each record's own link decides. */
async function linkedTimeEntries(this: IExecuteFunctions, id: number, i: number) {
	const listed = await fetchAll.call(this, { path: TIME_ENTRIES, query: { phoneRecord: id }, itemIndex: i });
	return listed.filter((entry) => timeEntryLinksTo(entry, id));
}

export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const id = requireId(this.getNodeParameter('phoneRecordId', i), 'phoneRecordId');
	const unlink = this.getNodeParameter('options.unlinkTimeEntries', i, false) as boolean;
	if (unlink) {
		for (const entry of await linkedTimeEntries.call(this, id, i)) {
			await updateRecord.call(this, TIME_ENTRIES, entry.id, { links: { phoneRecord: null } }, i);
		}
	}
	try {
		await deleteRecord.call(this, PHONE_RECORDS, id, i);
	} catch (error) {
		if (!unlink && error instanceof NodeApiError && error.httpCode === '400') {
			const linked = await linkedTimeEntries.call(this, id, i);
			if (linked.length) {
				throw new NodeOperationError(
					this.getNode(),
					`Phone record ${id} is linked to time entr${linked.length > 1 ? 'ies' : 'y'} ${linked.map((e) => e.id).join(', ')}, so Actionstep will not delete it`,
					{
						itemIndex: i,
						description:
							'Turn on Options → Unlink Time Entries to remove the link first (the time entries are kept), or use Unlink From Time Entry.',
					},
				);
			}
		}
		throw new NodeApiError(this.getNode(), error as JsonObject);
	}
	return [{ json: { deleted: true, id } }];
}
