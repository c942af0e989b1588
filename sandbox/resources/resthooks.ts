/**
 * REST hooks (notes §8, OAS resthooks): CRUD, eventName checked against Actionstep's documented event list,
 * targetUrl an absolute http(s) URL. Delivery lives in sandbox/delivery.ts, which also counts triggeredCount
 * and disables a hook whose target answers anything but 200.
 * DELETE accepts several ids (`resthooks/1,2,3`, DEMO DeleteMultipleResthooksAsync); the REST layer does that.
 *
 * The sandbox must never send events off the machine: unless `allowRemoteHookTargets` is set, a targetUrl
 * whose host is not loopback (127.0.0.0/8, ::1, localhost) is refused at registration.
 */
import type { NewRecord } from '../types';
import type { ResourceDef, RuleContext } from './types';
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

/** Whether a URL's host is this machine: 127.0.0.0/8, ::1 or localhost (names are not resolved). */
export function isLoopbackUrl(url: URL): boolean {
	const host = url.hostname.toLowerCase().replace(/^\[|\]$/g, '');
	return host === 'localhost' || host === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

function validate(rec: NewRecord, ctx: RuleContext): void {
	const v = new Violations();
	requireAttributes(rec, ['eventName', 'targetUrl'], 'resthooks', v);
	if (typeof rec.targetUrl === 'string' && rec.targetUrl) {
		let url: URL | undefined;
		try {
			url = new URL(rec.targetUrl);
		} catch {
			url = undefined;
		}
		if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
			v.add(`targetUrl must be an absolute http(s) URL; got '${rec.targetUrl}'.`, '/resthooks/targetUrl');
		} else if (!ctx.allowRemoteHookTargets && !isLoopbackUrl(url)) {
			v.add(
				`targetUrl must be on this machine (127.0.0.1, ::1 or localhost): the sandbox delivers events only to loopback targets; got host '${url.host}'. Start the sandbox with allowRemoteHookTargets (CLI --allow-remote-hooks) to register other hosts.`,
				'/resthooks/targetUrl',
			);
		}
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
	create(input, ctx) {
		const rec = merge(blankRecord(this), input);
		if (rec.status === null) rec.status = 'Active';
		rec.triggeredCount = 0;
		validate(rec, ctx);
		return rec;
	},
	update(existing, input, ctx) {
		const rec = merge(existing, input);
		validate(rec, ctx);
		return rec;
	},
};
