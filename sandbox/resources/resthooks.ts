/**
 * REST hooks (notes §8, OAS resthooks): CRUD, eventName checked against Actionstep's documented event list,
 * targetUrl an absolute http(s) URL. Delivery is not implemented yet, so triggeredCount stays 0.
 * DELETE accepts several ids (`resthooks/1,2,3`, DEMO DeleteMultipleResthooksAsync); the REST layer does that.
 */
import type { NewRecord } from '../types';
import type { ResourceDef } from './types';
import { blankRecord, merge, requireAttributes, Violations } from './write';

/** DOC-HOOK's list, plus DOC-DEMOHOOK's older ActionParticipantCreated. There is no phone-record event. */
export const RESTHOOK_EVENTS = [
	'ActionCreated',
	'ActionUpdated',
	'ActionDocumentCreated',
	'ActionDocumentUpdated',
	'ActionDocumentDeleted',
	'ActionParticipantAdded',
	'ActionParticipantCreated',
	'ActionParticipantDeleted',
	'DataCollectionRecordUpdated',
	'DataCollectionRecordDeleted',
	'DataCollectionRecordValueUpdated',
	'DisbursementCreated',
	'DisbursementUpdated',
	'FileNoteCreated',
	'FileNoteUpdated',
	'ParticipantCreated',
	'ParticipantUpdated',
	'StepChanged',
	'TaskCreated',
	'TaskUpdated',
	'TimeEntryCreated',
	'TimeEntryUpdated',
] as const;

function validate(rec: NewRecord): void {
	const v = new Violations();
	requireAttributes(rec, ['eventName', 'targetUrl'], 'resthooks', v);
	if (typeof rec.targetUrl === 'string' && rec.targetUrl) {
		let ok = false;
		try {
			const u = new URL(rec.targetUrl);
			ok = u.protocol === 'http:' || u.protocol === 'https:';
		} catch {
			ok = false;
		}
		if (!ok) v.add(`targetUrl must be an absolute http(s) URL; got '${rec.targetUrl}'.`, '/resthooks/targetUrl');
	}
	v.throwIfAny();
}

export const restHooks: ResourceDef = {
	name: 'resthooks',
	scope: 'resthooks',
	operations: ['list', 'get', 'create', 'update', 'delete'],
	fields: [
		{ name: 'eventName', type: 'string', enum: RESTHOOK_EVENTS },
		{ name: 'targetUrl', type: 'string' },
		{ name: 'status', type: 'string', enum: ['Active', 'Disabled', 'Deleted'] },
		{ name: 'triggeredCount', type: 'number', readOnly: true },
		{ name: 'triggeredLastTimestamp', type: 'timestamp', readOnly: true },
	],
	links: [],
	create(input) {
		const rec = merge(blankRecord(this), input);
		if (rec.status === null) rec.status = 'Active';
		rec.triggeredCount = 0;
		validate(rec);
		return rec;
	},
	update(existing, input) {
		const rec = merge(existing, input);
		validate(rec);
		return rec;
	},
};
