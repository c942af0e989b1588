import { fileNoteSpec } from './fileNote/spec';
import { matterSpec } from './matter/spec';
import { participantSpec } from './participant/spec';
import { phoneRecordSpec } from './phoneRecord/spec';
import type { ResourceSpec } from './spec';
import { taskSpec } from './task/spec';
import { timeEntrySpec } from './timeEntry/spec';

/** Every resource's spec, in the order the Resource picker shows them (see spec.ts). */
export const RESOURCE_SPECS: readonly ResourceSpec[] = [
	fileNoteSpec,
	matterSpec,
	participantSpec,
	phoneRecordSpec,
	taskSpec,
	timeEntrySpec,
];

export function specForResource(resource: string): ResourceSpec | undefined {
	return RESOURCE_SPECS.find((spec) => spec.resource === resource);
}

/** The spec of an Actionstep collection (`phonerecords`), or of a path below it (`phonerecords/12`). */
export function specForCollection(path: string): ResourceSpec | undefined {
	const collection = path.split('/')[0];
	return RESOURCE_SPECS.find((spec) => spec.collection === collection);
}
