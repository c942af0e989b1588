import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { ActionstepRecord } from '../../../../helpers/interfaces';
import { spacedNumber } from '../../../../helpers/phoneNumbers';
import { createRecord, fetchPage } from '../../../../transport';
import { participantCreateBody, participantSpec, phone1Fields } from '../../../participant/spec';
import { oncePerExecution } from '../../../shared/perExecution';
import { participantsWithNumber } from '../../../shared/phoneMatch';
import { PHONE_RECORDS } from '../../../shared/resources';
import { markersIn } from '../rules/identity';
import type { PersonName } from '../rules/newParticipant';
import { nameOf } from './participant';
import type { Plan } from './plan';

/**
 * A participant for a caller no participant has the number of ("Unknown Caller: Create a Participant"),
 * never two for one number:
 * - in one execution, every call from the number shares one creation (oncePerExecution);
 * - across executions, Actionstep offers no conditional create and (in its current API) no participant
 *   delete, so a copy could not be taken back. The phone records are the queue instead: each run has just
 *   created its call's record, still naming the caller; the run whose record is the oldest such record of
 *   the number, logged in the last few minutes, creates the participant, and a run that sees an older one
 *   leaves its record with the name. Right before creating, the number is looked up again, and after
 *   creating once more (a participant someone else created meanwhile is the one linked).
 */

/** A record of the number logged this recently, still without its participant, is another run's turn. */
const CLAIM_WINDOW_MS = 5 * 60_000;
/** Records of the number read to find that turn (newest first). */
const CLAIMS_READ = 50;

export interface NewParticipant {
	participant?: ActionstepRecord;
	how: string;
	/** The item that created it (another item of the run shares it). */
	createdBy?: number;
}

function otherSideLinked(record: ActionstepRecord): boolean {
	const links = (record.links ?? {}) as IDataObject;
	const link = record.direction === 'out' ? links.toParticipant : links.fromParticipant;
	return link !== null && link !== undefined && link !== '';
}

/**
 * The oldest phone record (older than `mine`) of another call from the number, logged by a run in the last
 * minutes and still naming the caller: that run creates the participant. Calls of this execution don't count.
 */
async function earlierTurn(
	this: IExecuteFunctions,
	p: Plan,
	mine: ActionstepRecord,
	ownKeys: Set<string>,
	secret: string,
	i: number,
): Promise<ActionstepRecord | undefined> {
	const number = p.party.phoneText!;
	const read = async (query: IDataObject) =>
		(await fetchPage.call(this, { path: PHONE_RECORDS, query: { ...query, sort: '-id' } as Record<string, string>, itemIndex: i }, 1, CLAIMS_READ)).records;
	// The number filter is inferred: a tenant that refuses it is read without it (the newest records), and
	// every record is checked here either way.
	const records = await read({ phoneNumber: number }).catch(async (error: unknown) =>
		(error as { httpCode?: string }).httpCode === '400' ? await read({}) : await Promise.reject(error),
	);
	const since = Date.now() - CLAIM_WINDOW_MS;
	return records
		.filter((r) => r.id < mine.id && r.phoneNumber === number && !otherSideLinked(r))
		.filter((r) => markersIn(r.notes, secret).some((m) => m.loggedAtMs >= since && !ownKeys.has(m.key)))
		.sort((a, b) => a.id - b.id)[0];
}

/** The participant body: a person, the number in phone 1 split as Actionstep stores phones. */
export function newParticipantBody(name: PersonName, p: Plan): IDataObject {
	return { ...participantCreateBody({ isCompany: false, firstName: name.firstName, lastName: name.lastName }), ...phone1Fields(p.party.phone!) };
}

async function findOrCreate(
	this: IExecuteFunctions,
	p: Plan,
	name: PersonName,
	mine: ActionstepRecord,
	ownKeys: Set<string>,
	secret: string,
	i: number,
): Promise<NewParticipant> {
	const number = spacedNumber(p.party.phone!);
	const earlier = await earlierTurn.call(this, p, mine, ownKeys, secret, i);
	if (earlier) {
		return { how: `not created here: phone record ${earlier.id} of another call from ${number}, logged moments ago, is the one whose run creates it; this record keeps the name` };
	}
	const lookUp = async () => await participantsWithNumber.call(this, p.party.phone!, i, p.country);
	const [before] = await lookUp();
	if (before) return { participant: before.participant, how: `not created: ${nameOf(before.participant)} has ${number} now (created meanwhile)` };
	const created = await createRecord.call(this, participantSpec.collection, newParticipantBody(name, p), i);
	const [oldest] = await lookUp();
	if (oldest && oldest.participant.id < created.id) {
		return {
			participant: oldest.participant,
			createdBy: i,
			how:
				`created participant ${created.id}, but ${nameOf(oldest.participant)} got ${number} at the same time and is older: linked that one. ` +
				`Actionstep cannot delete participants through its API, so ${created.id} stays: merge it into ${oldest.participant.id}`,
		};
	}
	return { participant: created, createdBy: i, how: `created ${nameOf(created)} with ${number}` };
}

/** The participant for the unknown caller of `mine` (the call's record, just created), or why there is none. */
export async function participantForUnknownCaller(
	this: IExecuteFunctions,
	p: Plan,
	name: PersonName,
	mine: ActionstepRecord,
	ownKeys: () => Set<string>,
	secret: string,
	i: number,
): Promise<NewParticipant> {
	const phone = p.party.phone!;
	const shared = await oncePerExecution(this, `new participant ${phone.callingCode ?? ''}|${phone.nsn}`, async () =>
		await findOrCreate.call(this, p, name, mine, ownKeys(), secret, i),
	);
	if (shared.createdBy === undefined || shared.createdBy === i) return shared;
	return { ...shared, how: `created by item ${shared.createdBy} of this run for the same number: ${nameOf(shared.participant!)}` };
}
