/**
 * File notes on a matter (OAS filenotes, notes §2 body example). Create needs `text` and `links.action`;
 * `noteTimestamp` defaults to now; `enteredTimestamp`, `enteredBy` and `links.participant` (the user who
 * entered it) are set by the server, `source` defaults to User. The OAS links `document` and `tags` are not
 * served: the sandbox has no documents or tags.
 */
import { sydneyTimestamp } from '../time';
import type { NewRecord } from '../types';
import type { ResourceDef, RuleContext } from './types';
import { blankRecord, isBlank, merge, requireAttributes, Violations } from './write';

function validate(rec: NewRecord): void {
	const v = new Violations();
	requireAttributes(rec, ['text'], 'filenotes', v);
	if (rec.links.action === null || rec.links.action === undefined) v.add('links.action is required.', '/filenotes/links/action');
	v.throwIfAny();
}

function enteredBy(ctx: RuleContext): { name: string; participant: number | null } {
	const user = ctx.store.find('users', ctx.userId);
	return { name: user ? `${String(user.firstName)} ${String(user.lastName)}` : 'API', participant: (user?.links.participant as number) ?? null };
}

export const fileNotes: ResourceDef = {
	name: 'filenotes',
	scope: 'filenotes',
	operations: ['list', 'get', 'create', 'update', 'delete'],
	fields: [
		{ name: 'enteredTimestamp', type: 'timestamp', readOnly: true },
		{ name: 'text', type: 'string' },
		{ name: 'enteredBy', type: 'string', readOnly: true },
		{ name: 'source', type: 'string', enum: ['System', 'User'] },
		{ name: 'noteTimestamp', type: 'timestamp' },
	],
	links: [
		{ name: 'action', resource: 'actions' },
		{ name: 'participant', resource: 'participants', readOnly: true },
	],
	create(input, ctx) {
		const rec = merge(blankRecord(this), input);
		validate(rec);
		const who = enteredBy(ctx);
		rec.enteredTimestamp = sydneyTimestamp(ctx.now);
		rec.enteredBy = who.name;
		rec.links.participant = who.participant;
		if (isBlank(rec.noteTimestamp)) rec.noteTimestamp = rec.enteredTimestamp;
		if (isBlank(rec.source)) rec.source = 'User';
		return rec;
	},
	update(existing, input) {
		const rec = merge(existing, input);
		validate(rec);
		return rec;
	},
};
