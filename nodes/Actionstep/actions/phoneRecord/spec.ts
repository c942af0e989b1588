import { atInstantFilter } from '../../helpers/time';
import type { ResourceSpec } from '../spec';

export const phoneRecordSpec: ResourceSpec = {
	resource: 'phoneRecord',
	displayName: 'Phone Record',
	collection: 'phonerecords',
	idParameter: 'phoneRecordId',
	// A call is told apart by its time to the second and its direction.
	createdRecordQuery: (body) => {
		const when = atInstantFilter('callTimestamp', body.callTimestamp);
		return when && { ...when, direction: body.direction as string };
	},
	errorHint:
		'If phone records are refused, enable "Phone Calls" in Actionstep under Admin → General Settings (it then appears under the Comms menu of a matter participant).',
};
