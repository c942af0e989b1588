/**
 * Phone records (notes §9, the OpenAPI, the phone-records tutorial). Rules: direction in/out, callTimestamp
 * and outcome required; one of fromParticipant/fromParticipantOther and of toParticipant/toParticipantOther
 * (tutorial; toggle `enforceParticipantPairs`); no delete while a time entry links to it (tutorial; toggle
 * `blockDeleteWhenLinked`). PUT is partial and the merged record must still satisfy the rules.
 */
import { ApiError } from '../http';
import type { NewRecord } from '../types';
import type { ResourceDef, RuleContext } from './types';
import { blankRecord, isBlank, merge, requireAttributes, round2, Violations } from './write';

function validate(rec: NewRecord, ctx: RuleContext): void {
	const v = new Violations();
	requireAttributes(rec, ['direction', 'callTimestamp', 'outcome'], 'phonerecords', v);
	if (typeof rec.actualHours === 'number' && rec.actualHours < 0) v.add('actualHours cannot be negative.', '/phonerecords/actualHours');
	if (ctx.rules.enforceParticipantPairs) {
		for (const side of ['from', 'to'] as const) {
			const hasLink = rec.links[`${side}Participant`] !== null && rec.links[`${side}Participant`] !== undefined;
			const hasOther = !isBlank(rec[`${side}ParticipantOther`]);
			if (hasLink === hasOther) {
				v.add(
					hasLink
						? `Specify only one of links.${side}Participant and ${side}ParticipantOther, not both.`
						: `You need to specify one of either links.${side}Participant or ${side}ParticipantOther.`,
					`/phonerecords/${side}ParticipantOther`,
				);
			}
		}
	}
	v.throwIfAny();
}

/** Hours are stored to the hundredth, as Actionstep's hour fields are (notes §6 "0.01 steps") [I]. */
function tidy<T extends NewRecord>(rec: T): T {
	const hours = rec['actualHours'];
	if (typeof hours === 'number') (rec as NewRecord).actualHours = round2(hours);
	return rec;
}

export const phoneRecords: ResourceDef = {
	name: 'phonerecords',
	scope: 'phonerecords',
	operations: ['list', 'get', 'create', 'update', 'delete'],
	fields: [
		{ name: 'direction', type: 'string', enum: ['in', 'out'] },
		{ name: 'callTimestamp', type: 'timestamp' },
		{ name: 'outcome', type: 'string' },
		{ name: 'fromParticipantOther', type: 'string' },
		{ name: 'toParticipantOther', type: 'string' },
		{ name: 'phoneNumber', type: 'string' },
		{ name: 'phoneNumberType', type: 'string' },
		{ name: 'actualHours', type: 'number' },
		{ name: 'notes', type: 'string' },
	],
	links: [
		{ name: 'action', resource: 'actions' },
		{ name: 'fromParticipant', resource: 'participants' },
		{ name: 'toParticipant', resource: 'participants' },
	],
	create(input, ctx) {
		const rec = tidy(merge(blankRecord(this), input));
		validate(rec, ctx);
		return rec;
	},
	update(existing, input, ctx) {
		const rec = tidy(merge(existing, input));
		validate(rec, ctx);
		return rec;
	},
	beforeDelete(rec, ctx) {
		if (!ctx.rules.blockDeleteWhenLinked) return;
		const linked = ctx.store.all('timeentries').filter((t) => t.links.phoneRecord === rec.id);
		if (!linked.length) return;
		const ids = linked.map((t) => t.id);
		const which = ids.length === 1 ? `time entry ${ids[0]}` : `time entries ${ids.join(', ')}`;
		throw ApiError.of(
			400,
			'Phone record is linked to a time entry',
			`Phone record ${rec.id} is linked to ${which}. Remove it from the time entry first ` +
				`(PUT timeentries/${ids[0]} with links.phoneRecord set to null), then delete the phone record.`,
			{ source: { pointer: '/phonerecords/id' } },
		);
	},
};
