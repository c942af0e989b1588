/**
 * Time entries (notes §6, WIKI-TE / OAS timeentries). Required: timestampDate, actualHours, links.owner,
 * links.createdBy. links.phoneRecord must exist and may be cleared with null tutorial. Read-only fields
 * (createdTimestamp, billingBehavior, timerStatus, rate and amount) are computed here.
 */
import { sydneyTimestamp } from '../time';
import type { NewRecord, StoredRecord } from '../types';
import type { ResourceDef, RuleContext } from './types';
import { blankRecord, isBlank, merge, requireAttributes, round2, Violations } from './write';

/** Hourly rate of the user whose participant owns the entry; 0 for anyone else. */
function rateFor(ownerParticipant: unknown, ctx: RuleContext): number {
	const user = ctx.store.all('users').find((u) => u.links.participant === ownerParticipant);
	return typeof user?.hourlyRate === 'number' ? user.hourlyRate : 0;
}

function finish(rec: NewRecord, ctx: RuleContext): NewRecord {
	const v = new Violations();
	requireAttributes(rec, ['timestampDate', 'actualHours'], 'timeentries', v);
	for (const link of ['owner', 'createdBy']) {
		const id = rec.links[link];
		if (id === null || id === undefined) v.add(`links.${link} is required.`, `/timeentries/links/${link}`);
		else if (ctx.rules.ownerMustBeUser && !ctx.store.all('users').some((u) => u.links.participant === id)) {
			// owner/createdBy are "participant IDs of users" (notes §6): a client's participant id here is a bug.
			v.add(`links.${link} must be the participant id of an Actionstep user; participant ${String(id)} is not a user.`, `/timeentries/links/${link}`);
		}
	}
	for (const f of ['actualHours', 'billableHours']) {
		if (typeof rec[f] === 'number' && (rec[f]) < 0) v.add(`${f} cannot be negative.`, `/timeentries/${f}`);
	}
	v.throwIfAny();

	rec.actualHours = round2(rec.actualHours as number);
	rec.billableHours = isBlank(rec.billableHours) ? rec.actualHours : round2(rec.billableHours as number);
	if (isBlank(rec.isBillable)) rec.isBillable = 'T';
	rec.billingBehavior = rec.isBillable === 'T' ? 'Bill' : 'No charge';
	rec.timerStatus = 'Stopped';
	rec.rateSource = 'Timekeeper';
	rec.billableAmountType = 'Calculated';
	rec.rateUnitPrice = rateFor(rec.links.owner, ctx);
	rec.billableAmount = rec.isBillable === 'T' ? round2((rec.billableHours as number) * (rec.rateUnitPrice as number)) : 0;
	return rec;
}

export const timeEntries: ResourceDef = {
	name: 'timeentries',
	scope: 'timeentries',
	operations: ['list', 'get', 'create', 'update', 'delete'],
	fields: [
		{ name: 'timestampDate', type: 'timestamp' },
		{ name: 'description', type: 'string' },
		{ name: 'actualHours', type: 'number' },
		{ name: 'billableHours', type: 'number' },
		{ name: 'isBillable', type: 'tf' },
		{ name: 'createdTimestamp', type: 'timestamp', readOnly: true },
		{ name: 'billingBehavior', type: 'string', readOnly: true },
		{ name: 'timerStatus', type: 'string', readOnly: true },
		{ name: 'rateSource', type: 'string', readOnly: true },
		{ name: 'rateUnitPrice', type: 'number', readOnly: true },
		{ name: 'billableAmountType', type: 'string', readOnly: true },
		{ name: 'billableAmount', type: 'number', readOnly: true },
	],
	links: [
		{ name: 'action', resource: 'actions' },
		{ name: 'owner', resource: 'participants' },
		{ name: 'createdBy', resource: 'participants' },
		{ name: 'phoneRecord', resource: 'phonerecords' },
	],
	create(input, ctx) {
		const rec = merge(blankRecord(this), input);
		rec.createdTimestamp = sydneyTimestamp(ctx.now);
		return finish(rec, ctx);
	},
	update(existing, input, ctx) {
		return finish(merge(existing, input), ctx) as StoredRecord;
	},
};
