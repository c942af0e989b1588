/**
 * Calls in RingCentral's own shapes, as pure functions: the telephony-session notifications a webhook
 * subscription receives while a call happens, the voicemail message-store notification, and the finished
 * call-log record (Detailed view, with legs). Shapes follow RingCentral's published payloads (the fixtures in
 * ../shared/realworld; test/sandbox/ringcentral.test.ts compares them field by field).
 */
import { createHash } from 'node:crypto';
import type { RcCall, RcCallSpec, RcExtension, RcNotification } from './types';

export const ACCOUNT_ID = '62264425016';

/** Emma Smith (user 1, participant 101 in the Actionstep seed) on extension 101. */
export const DEFAULT_EXTENSION: RcExtension = Object.freeze({
	id: '62264426016',
	extensionNumber: '101',
	name: 'Emma Smith',
	phoneNumber: '+61255500101',
});

const hex = (seed: string, length: number) => createHash('sha256').update(seed).digest('hex').slice(0, length);
const B62 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const base62 = (seed: string, length: number) =>
	[...createHash('sha256').update(seed).digest()].slice(0, length).map((b) => B62[b % 62]).join('');
const iso = (ms: number) => new Date(ms).toISOString();

/** Fills in the defaults and gives the call its ids and the moment of each status change. */
export function buildCall(spec: RcCallSpec, n: number, nowMs: number): RcCall {
	const direction = spec.scenario === 'voicemail' ? 'Inbound' : (spec.direction ?? 'Inbound');
	const ringSeconds = spec.ringSeconds ?? 6;
	const talkSeconds = spec.talkSeconds ?? (spec.scenario === 'voicemail' ? 32 : spec.scenario === 'answered' ? 421 : 0);
	const ringing = ringSeconds + (spec.scenario === 'missed' ? 0 : talkSeconds);
	const start = spec.startTime ? Date.parse(spec.startTime) : Math.floor((nowMs - (ringing + 5) * 1000) / 1000) * 1000;
	if (!Number.isFinite(start)) throw new Error(`startTime ${JSON.stringify(spec.startTime)} is not an ISO 8601 time`);
	const seed = `${n}:${start}:${spec.other.phoneNumber}`;
	const times: RcCall['times'] = { setup: iso(start), proceeding: iso(start + 312), disconnected: iso(start + ringing * 1000 + 87) };
	if (spec.scenario === 'answered') times.answered = iso(start + ringSeconds * 1000 + 41);
	if (spec.scenario === 'voicemail') times.voicemail = iso(start + ringSeconds * 1000 + 41);
	const call: RcCall = {
		id: base62(`log:${seed}`, 14),
		sessionId: String(44807117000 + n),
		telephonySessionId: `s-${hex(`tsid:${seed}`, 32)}`,
		spec: {
			scenario: spec.scenario,
			direction,
			other: { ...spec.other },
			extension: { ...(spec.extension ?? DEFAULT_EXTENSION) },
			startTime: iso(start),
			ringSeconds,
			talkSeconds,
		},
		times,
	};
	if (spec.scenario === 'voicemail') call.messageId = String(82063400000 + n);
	return call;
}

function external(p: RcCall['spec']['other']): Record<string, unknown> {
	const out: Record<string, unknown> = { phoneNumber: p.phoneNumber };
	if (p.name) out.name = p.name;
	return out;
}

/** The extension's side of a party: inbound it is `to`, outbound `from` (with the device that dialled). */
function firmSide(call: RcCall): Record<string, unknown> {
	const ext = call.spec.extension;
	return call.spec.direction === 'Inbound'
		? { phoneNumber: ext.phoneNumber, name: ext.name, extensionId: ext.id }
		: { phoneNumber: ext.phoneNumber, extensionId: ext.id, deviceId: `${ext.id.slice(0, 6)}004` };
}

/** The party statuses RingCentral reports for each scenario, in order. */
export function statusSequence(call: RcCall): Array<{ code: string; at: string }> {
	const t = call.times;
	const seq = [
		{ code: 'Setup', at: t.setup },
		{ code: 'Proceeding', at: t.proceeding },
	];
	if (t.answered) seq.push({ code: 'Answered', at: t.answered });
	if (t.voicemail) seq.push({ code: 'VoiceMail', at: t.voicemail });
	seq.push({ code: 'Disconnected', at: t.disconnected });
	return seq;
}

export function telephonyEventPath(ext: RcExtension, accountLevel: boolean): string {
	return accountLevel ? `/restapi/v1.0/account/${ACCOUNT_ID}/telephony/sessions` : `/restapi/v1.0/account/${ACCOUNT_ID}/extension/${ext.id}/telephony/sessions`;
}

export function voicemailEventPath(ext: RcExtension): string {
	return `/restapi/v1.0/account/~/extension/${ext.id}/voicemail`;
}

/**
 * The notifications of one call, in the order RingCentral pushes them. Each has its `uuid`, `event`,
 * `timestamp` and `ownerId`; `subscriptionId` is set per subscription when delivered.
 */
export function callNotifications(call: RcCall, { accountLevel = false } = {}): RcNotification[] {
	const ext = call.spec.extension;
	const inbound = call.spec.direction === 'Inbound';
	const suffix = call.telephonySessionId.slice(2);
	const out: RcNotification[] = statusSequence(call).map(({ code, at }, i) => {
		const party: Record<string, unknown> = {
			accountId: ACCOUNT_ID,
			extensionId: ext.id,
			id: `p-${suffix}-${inbound ? 2 : 1}`,
			direction: call.spec.direction,
			to: inbound ? firmSide(call) : external(call.spec.other),
			from: inbound ? external(call.spec.other) : firmSide(call),
			status: { code, rcc: false },
			park: {},
			// RingCentral marks the party missed once the call ends unanswered (a voicemail is a missed call too).
			missedCall: code === 'Disconnected' && call.spec.scenario !== 'answered',
			standAlone: false,
			muted: false,
		};
		return {
			kind: 'telephony',
			label: code,
			body: {
				uuid: String(BigInt(`0x${hex(`uuid:${call.telephonySessionId}:${i}`, 15)}`)),
				event: telephonyEventPath(ext, accountLevel),
				timestamp: iso(Date.parse(at) + 48),
				subscriptionId: '',
				ownerId: accountLevel ? ACCOUNT_ID : ext.id,
				body: {
					sequence: i + 1,
					sessionId: call.sessionId,
					telephonySessionId: call.telephonySessionId,
					serverId: '10.13.22.28.TAM',
					eventTime: at,
					parties: [party],
					origin: { type: 'Call' },
				},
			},
		};
	});
	if (call.messageId) out.push({ kind: 'voicemail', label: 'Message', body: voicemailNotification(call) });
	return out;
}

function messageUri(call: RcCall): string {
	return `https://platform.ringcentral.com/restapi/v1.0/account/${ACCOUNT_ID}/extension/${call.spec.extension.id}/message-store/${call.messageId}`;
}

function voicemailNotification(call: RcCall): Record<string, unknown> {
	const created = Date.parse(call.times.disconnected) + 2000;
	const from: Record<string, unknown> = { phoneNumber: call.spec.other.phoneNumber };
	if (call.spec.other.name) from.name = call.spec.other.name;
	return {
		uuid: `${hex(`vm:${call.messageId}`, 8)}-${hex(`vm1:${call.messageId}`, 4)}-4${hex(`vm2:${call.messageId}`, 3)}-a${hex(`vm3:${call.messageId}`, 3)}-${hex(`vm4:${call.messageId}`, 12)}`,
		event: voicemailEventPath(call.spec.extension),
		subscriptionId: '',
		ownerId: call.spec.extension.id,
		timestamp: iso(created + 20000),
		body: {
			id: call.messageId,
			to: [{ name: call.spec.extension.name }],
			from,
			type: 'VoiceMail',
			creationTime: iso(created),
			readStatus: 'Unread',
			priority: 'Normal',
			attachments: [
				{
					id: call.messageId,
					uri: `${messageUri(call)}/content/${call.messageId}`,
					type: 'AudioRecording',
					contentType: 'audio/x-wav',
					vmDuration: call.spec.talkSeconds,
				},
			],
			direction: 'Inbound',
			availability: 'Alive',
			messageStatus: 'Received',
			lastModifiedTime: iso(created + 10000),
			vmTranscriptionStatus: 'NotAvailable',
		},
	};
}

const RESULTS = { answered: { Inbound: 'Accepted', Outbound: 'Call connected' }, missed: { Inbound: 'Missed', Outbound: 'No Answer' }, voicemail: { Inbound: 'Voicemail', Outbound: 'Voicemail' } };

/** The finished call's call-log record; `baseUrl` stands for https://platform.ringcentral.com. */
export function callLogRecord(call: RcCall, baseUrl: string, view: 'Simple' | 'Detailed'): Record<string, unknown> {
	const s = call.spec;
	const ext = s.extension;
	const inbound = s.direction === 'Inbound';
	const result = RESULTS[s.scenario][s.direction];
	// As RingCentral reports them: a missed call lasts 0, a voicemail as long as its message, an answered call from
	// the first ring to the hang-up.
	const durationMs =
		s.scenario === 'missed' ? 0 : s.scenario === 'voicemail' ? s.talkSeconds * 1000 : Date.parse(call.times.disconnected) - Date.parse(call.times.setup);
	const duration = Math.round(durationMs / 1000);
	const other: Record<string, unknown> = { ...external(s.other) };
	if (s.other.location) other.location = s.other.location;
	const firm = { phoneNumber: ext.phoneNumber, name: ext.name };
	const extension = { uri: `${baseUrl}/restapi/v1.0/account/${ACCOUNT_ID}/extension/${ext.id}`, id: Number(ext.id) };
	const common = {
		startTime: call.times.setup,
		duration,
		durationMs,
		type: 'Voice',
		direction: s.direction,
		action: inbound ? 'Phone Call' : 'VoIP Call',
		result,
		to: inbound ? firm : other,
		from: inbound ? other : firm,
		extension,
		transport: inbound ? 'PSTN' : 'VoIP',
	};
	const record: Record<string, unknown> = {
		uri: `${baseUrl}/restapi/v1.0/account/${ACCOUNT_ID}/extension/${ext.id}/call-log/${call.id}?view=${view}`,
		id: call.id,
		sessionId: call.sessionId,
		telephonySessionId: call.telephonySessionId,
		...common,
		lastModifiedTime: new Date(Date.parse(call.times.disconnected) + 3003).toISOString(),
		billing: { costIncluded: 0.0, costPurchased: 0.0 },
	};
	if (call.messageId) record.message = { id: call.messageId, type: 'VoiceMail', uri: messageUri(call) };
	if (view === 'Detailed') record.legs = [{ ...common, legType: inbound ? 'Accept' : 'SipToPstnMetered', master: true }];
	return record;
}
