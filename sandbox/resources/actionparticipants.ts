/**
 * Action participants: who plays which role on a matter (OAS actionparticipants, notes §7). GET, POST and
 * DELETE, no PUT. The id is composite, `<action>--<participantType>--<participant>`; the only attribute is
 * `participantNumber`, the order participants were added to the matter. A participant may hold several
 * roles on one matter, but not the same role twice [I].
 */
import { ApiError } from '../http';
import type { ResourceDef } from './types';
import { blankRecord, merge, Violations } from './write';

const PARTS = ['action', 'participantType', 'participant'] as const;

export const actionParticipants: ResourceDef = {
	name: 'actionparticipants',
	scope: 'actionparticipants',
	operations: ['list', 'get', 'create', 'delete'],
	fields: [{ name: 'participantNumber', type: 'number', readOnly: true }],
	links: [
		{ name: 'action', resource: 'actions' },
		{ name: 'participantType', resource: 'participanttypes' },
		{ name: 'participant', resource: 'participants' },
	],
	compositeId: PARTS,
	create(input, ctx) {
		const rec = merge(blankRecord(this), input);
		const v = new Violations();
		for (const name of PARTS) {
			if (rec.links[name] === null || rec.links[name] === undefined) v.add(`links.${name} is required.`, `/actionparticipants/links/${name}`);
		}
		v.throwIfAny();
		const onMatter = ctx.store.all('actionparticipants').filter((r) => r.links.action === rec.links.action);
		if (onMatter.some((r) => PARTS.every((name) => r.links[name] === rec.links[name]))) {
			const id = PARTS.map((name) => rec.links[name]).join('--');
			throw ApiError.of(400, 'Validation error', `Participant ${String(rec.links.participant)} already has participant type ${String(rec.links.participantType)} on action ${String(rec.links.action)} (${id}).`);
		}
		rec.participantNumber = Math.max(0, ...onMatter.map((r) => Number(r.participantNumber) || 0)) + 1;
		return rec;
	},
};
