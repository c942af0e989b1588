import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { actionstepRequest, unwrapRecords } from '../../transport';

/**
 * The participant id of the connected user (the default owner and the creator of time entries).
 * Asked once per execution: every item of a run shares the answer.
 */
const perExecution = new WeakMap<object, Promise<number>>();

export async function currentUserParticipant(this: IExecuteFunctions, itemIndex: number): Promise<number> {
	let pending = perExecution.get(this);
	if (!pending) {
		pending = lookUp.call(this, itemIndex);
		perExecution.set(this, pending);
		pending.catch(() => perExecution.delete(this));
	}
	return await pending;
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
