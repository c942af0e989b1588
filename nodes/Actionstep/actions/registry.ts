import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import * as fileNote from './fileNote';
import * as matter from './matter';
import type { ActionstepType } from './node.type';
import * as participant from './participant';
import * as phoneRecord from './phoneRecord';
import * as task from './task';
import * as timeEntry from './timeEntry';

export type OperationModule = { execute: (this: IExecuteFunctions, itemIndex: number) => Promise<INodeExecutionData[]> };

/** Every resource's operations and description, by its `resource` value (its spec is listed in specs.ts). */
export const RESOURCE_MODULES: {
	[R in keyof ActionstepType]: Record<ActionstepType[R], OperationModule> & { description: INodeProperties[] };
} = {
	fileNote,
	matter,
	participant,
	phoneRecord,
	task,
	timeEntry,
};
