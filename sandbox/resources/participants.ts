/**
 * Participants (notes §7, WIKI-PART / OAS participants). Phone numbers are split into Label/Country/Area/
 * Number; phone1 is in the default fieldset, phone2..4 are "additional" and only come back when named in
 * `fields` (e.g. `fields=:default,phone2Number`). Create: isCompany required, first and last name for an
 * individual, companyName for a company (WIKI-PART). displayName is read-only, "Last, First" or the company.
 * No DELETE (current OAS).
 */
import { sydneyTimestamp } from '../time';
import type { NewRecord, StoredRecord } from '../types';
import type { FieldDef, ResourceDef, RuleContext } from './types';
import { blankRecord, isBlank, merge, requireAttributes, Violations } from './write';

/** Country (calling code) and Area are integers in the OpenAPI, so an area loses its trunk 0 (02 → 2). */
function phoneFields(n: number): FieldDef[] {
	const additional = n > 1;
	return ['Label', 'Country', 'Area', 'Number', 'Notes'].map((part) => ({
		name: `phone${n}${part}`,
		type: part === 'Country' || part === 'Area' ? ('number' as const) : ('string' as const),
		additional,
	}));
}

export function displayNameOf(rec: Record<string, unknown>): string {
	if (rec.isCompany === 'T') return typeof rec.companyName === 'string' ? rec.companyName : '';
	return [rec.lastName, rec.firstName].filter((s) => !isBlank(s)).join(', ');
}

function finish(rec: NewRecord, ctx: RuleContext): NewRecord {
	const v = new Violations();
	requireAttributes(rec, ['isCompany'], 'participants', v);
	if (rec.isCompany === 'F') requireAttributes(rec, ['firstName', 'lastName'], 'participants', v);
	if (rec.isCompany === 'T') requireAttributes(rec, ['companyName'], 'participants', v);
	v.throwIfAny();
	rec.displayName = displayNameOf(rec);
	rec.modifiedTimestamp = sydneyTimestamp(ctx.now);
	return rec;
}

export const participants: ResourceDef = {
	name: 'participants',
	scope: 'participants',
	operations: ['list', 'get', 'create', 'update'],
	fields: [
		{ name: 'displayName', type: 'string', readOnly: true },
		{ name: 'firstName', type: 'string' },
		{ name: 'middleName', type: 'string' },
		{ name: 'lastName', type: 'string' },
		{ name: 'companyName', type: 'string' },
		{ name: 'isCompany', type: 'tf' },
		{ name: 'email', type: 'string' },
		{ name: 'sms', type: 'string' },
		{ name: 'fax', type: 'string' },
		{ name: 'importExternalReference', type: 'string' },
		...phoneFields(1),
		...phoneFields(2),
		...phoneFields(3),
		...phoneFields(4),
		{ name: 'createdTimestamp', type: 'timestamp', readOnly: true },
		{ name: 'modifiedTimestamp', type: 'timestamp', readOnly: true },
	],
	links: [],
	create(input, ctx) {
		const rec = merge(blankRecord(this), input);
		rec.createdTimestamp = sydneyTimestamp(ctx.now);
		return finish(rec, ctx);
	},
	update(existing, input, ctx) {
		return finish(merge(existing, input), ctx) as StoredRecord;
	},
};
