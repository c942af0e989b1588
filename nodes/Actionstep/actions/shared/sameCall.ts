import type { IExecuteFunctions } from 'n8n-workflow';

import type { CallIdentity } from '../../helpers/callIdentity';
import { identityQuery, pickExisting } from '../../helpers/callIdentity';
import type { ActionstepRecord } from '../../helpers/interfaces';
import type { CountryRule } from '../../helpers/phoneNumbers';
import { fetchAll } from '../../transport';
import type { ActionstepContext } from '../../transport';
import { PHONE_RECORDS } from './resources';

/**
 * Finding a phone record of the same call before creating one (see helpers/callIdentity.ts for the rule),
 * and making items of one execution that carry the same call wait for each other, so that two copies of an
 * event in one run create one record even if items ever run in parallel.
 */

/** The oldest phone record that is this call, or undefined. */
export async function findSameCall(
	this: ActionstepContext,
	identity: CallIdentity,
	itemIndex?: number,
	defaultCountry?: CountryRule,
): Promise<ActionstepRecord | undefined> {
	const candidates = await fetchAll.call(
		this,
		{ path: PHONE_RECORDS, query: { ...identityQuery(identity), sort: 'id' }, itemIndex },
		{ limit: 200 },
	);
	return pickExisting(candidates, identity, defaultCountry);
}

const running = new WeakMap<object, Map<string, Promise<unknown>>>();

/** Runs `task` after any earlier task of this execution with the same call key has settled. */
export async function oneCallAtATime<T>(this: IExecuteFunctions, key: string, task: () => Promise<T>): Promise<T> {
	let perExecution = running.get(this);
	if (!perExecution) {
		perExecution = new Map();
		running.set(this, perExecution);
	}
	const before = perExecution.get(key) ?? Promise.resolve();
	const mine = before.catch(() => undefined).then(task);
	perExecution.set(key, mine);
	try {
		return await mine;
	} finally {
		if (perExecution.get(key) === mine) perExecution.delete(key);
	}
}
