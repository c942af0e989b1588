import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { actionstepRequest, unwrapRecords } from '../../transport';
import { oncePerExecution } from './perExecution';

/**
 * The participant id of the connected user (the default owner and the creator of time entries).
 * Asked once per execution: every item of a run shares the answer.
 */
export async function currentUserParticipant(this: IExecuteFunctions, itemIndex: number): Promise<number> {
	return await oncePerExecution(this, 'users/current', async () => await lookUp.call(this, itemIndex));
}

async function lookUp(this: IExecuteFunctions, itemIndex: number): Promise<number> {
	const response = await actionstepRequest.call(this, { method: 'GET', path: 'users/current', itemIndex });
	const [user] = unwrapRecords(response.body, 'users');
	const participant = Number((user?.links as { participant?: unknown } | undefined)?.participant);
	if (!Number.isInteger(participant) || participant < 1) {
		throw new NodeOperationError(this.getNode(), 'The connected Actionstep user has no participant record', {
			itemIndex,
			description: 'Time entries need an owner. Set Owner explicitly, or link the Actionstep user to a participant.',
		});
	}
	return participant;
}
