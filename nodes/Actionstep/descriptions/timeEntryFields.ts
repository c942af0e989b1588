import type { INodeProperties } from 'n8n-workflow';

/**
 * Time-entry fields offered by more than one operation (Time Entry create/update, Link to Time Entry,
 * Log Call). What a field defaults to depends on the operation, so the operation words that part.
 */

export const isBillableField: INodeProperties = {
	displayName: 'Is Billable',
	name: 'isBillable',
	type: 'boolean',
	default: true,
	description: 'Whether the time is billable to the client',
};

/** `defaultsTo`: e.g. "defaults to the connected Actionstep user". */
export function ownerField(defaultsTo: string, placeholder: string): INodeProperties {
	return {
		displayName: 'Owner (Participant ID)',
		name: 'owner',
		type: 'string',
		default: '',
		placeholder,
		description: `Participant ID of the fee earner; ${defaultsTo}`,
	};
}

/** `description`: what the time entry's description is when left empty. */
export function descriptionField(description: string): INodeProperties {
	return {
		displayName: 'Description',
		name: 'description',
		type: 'string',
		typeOptions: { rows: 3 },
		default: '',
		description,
	};
}
