import type { INodeProperties } from 'n8n-workflow';

import { planTimeEntryQuery } from '../../helpers/timeEntryQuery';
import { getManyOperation, queryList } from '../recordOperations';
import { timeEntrySpec } from './spec';

const filters: INodeProperties[] = [
	{ displayName: 'Date From', name: 'timestampDateFrom', type: 'dateTime', default: '' },
	{ displayName: 'Date To', name: 'timestampDateTo', type: 'dateTime', default: '' },
	{ displayName: 'Matter ID', name: 'matterId', type: 'string', default: '', placeholder: 'e.g. 321845' },
	{
		displayName: 'Owner ID',
		name: 'ownerId',
		type: 'string',
		default: '',
		placeholder: 'e.g. 12',
		description: 'Participant ID of the fee earner',
	},
	{
		displayName: 'Phone Record ID',
		name: 'phoneRecordId',
		type: 'string',
		default: '',
		placeholder: 'e.g. 1176',
		description: 'Time entries that bill this phone call',
	},
];

export const { description, execute } = getManyOperation(timeEntrySpec, { filters, list: queryList(timeEntrySpec, planTimeEntryQuery) });
