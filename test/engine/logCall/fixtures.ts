/** Call events and parameters shared by the Log Call engine tests. */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import type { SandboxHandle } from '../../../sandbox';
import type { CredentialStore } from '../../harness/engine';
import { markersIn } from '../../../nodes/Actionstep/actions/phoneRecord/logCall/rules/identity';
import { logOf } from '../../harness/workflow';

export function logCallParams(overrides: INodeParameters = {}): INodeParameters {
	return { resource: 'phoneRecord', operation: 'logCall', source: 'ringcentral', ...overrides };
}

/** A RingCentral call-log record (the Call Log API's shape), Sarah Thompson (106) calling Emma Smith (101). */
export function ringCentralInbound(overrides: IDataObject = {}): IDataObject {
	const sessionId = (overrides.sessionId as string | undefined) ?? '4503991004';
	return {
		uri: 'https://platform.ringcentral.com/restapi/v1.0/account/1477535004/extension/1477535004/call-log/X2AvJPtwNQbNQA?view=Detailed',
		id: 'X2AvJPtwNQbNQA',
		sessionId,
		telephonySessionId: `s-${sessionId}`,
		startTime: '2026-03-02T22:30:05.000Z',
		duration: 361,
		type: 'Voice',
		direction: 'Inbound',
		action: 'Phone Call',
		result: 'Accepted',
		to: { phoneNumber: '+61255500101', name: 'Emma Smith' },
		from: { phoneNumber: '+61491570111', name: 'Sarah T', location: 'Sydney, NSW' },
		extension: { id: 1477535004 },
		transport: 'PSTN',
		recording: { id: '401', type: 'Automatic', contentUri: 'https://media.ringcentral.com/restapi/v1.0/account/1/recording/401/content' },
		...overrides,
	};
}

/** Emma Smith (101) calling Liam O'Connor (109) in London. */
export function ringCentralOutbound(overrides: IDataObject = {}): IDataObject {
	return {
		id: 'Y7bQkLm2',
		sessionId: '4503992200',
		startTime: '2026-07-15T08:00:00.000Z',
		duration: 95,
		type: 'Voice',
		direction: 'Outbound',
		action: 'VoIP Call',
		result: 'Call connected',
		from: { phoneNumber: '+61255500101', name: 'Emma Smith', extensionNumber: '101' },
		to: { phoneNumber: '+442079460321', name: "O'CONNOR L" },
		...overrides,
	};
}

/** The telephony session `telephonySession` builds, and the call key its records are marked with. */
export const TELEPHONY_SESSION_ID = 's-live-1';
export const TELEPHONY_SESSION_KEY = `ringcentral:${TELEPHONY_SESSION_ID}`;

/**
 * A RingCentral telephony-session notification `{uuid, event, ownerId, body}` with the owner's party only:
 * Sarah Thompson (106, "WIRELESS CALLER") calling Emma Smith (101). `party` overrides fields of that party.
 */
export function telephonySession(code: string, eventTime: string, party: IDataObject = {}): IDataObject {
	return {
		uuid: `u-${code}-${eventTime}`,
		event: '/restapi/v1.0/account/37439510/extension/1477535004/telephony/sessions',
		timestamp: eventTime,
		subscriptionId: 'sub-1',
		ownerId: '1477535004',
		body: {
			sequence: code === 'Disconnected' ? 9 : 5,
			sessionId: '4503991777',
			telephonySessionId: TELEPHONY_SESSION_ID,
			serverId: '10.13.22.28.TAM',
			eventTime,
			parties: [
				{
					accountId: '37439510',
					extensionId: '1477535004',
					id: 'p-live-1-2',
					direction: 'Inbound',
					from: { phoneNumber: '+61491570111', name: 'WIRELESS CALLER' },
					to: { phoneNumber: '+61255500101', name: 'Emma Smith', extensionId: '1477535004' },
					status: { code, rcc: false },
					missedCall: false,
					standAlone: false,
					muted: false,
					...party,
				},
			],
			origin: { type: 'Call' },
		},
	};
}

/** A notification as n8n's Webhook node outputs RingCentral's POST of it: `{headers, params, query, body}`. */
export function asWebhookItem(notification: IDataObject): IDataObject {
	return {
		headers: { 'content-type': 'application/json; charset=UTF-8', 'user-agent': 'RingCentral-Webhook/8.3' },
		params: {},
		query: {},
		body: notification,
	};
}

/** A HostedSuite CallRecordInfo: an answering-service call taken for the firm from Wei Chen (107). */
export function hostedSuiteRecord(overrides: IDataObject = {}): IDataObject {
	return {
		Id: 'HS-88213',
		ClientId: '552',
		ClientName: 'Harbourside Legal',
		CenterId: '3',
		StartTime: '2026-03-02 14:05:00',
		CallerName: 'WEI CHEN',
		CallerNumber: '(03) 7010 4421',
		TransferToName: '',
		TransferToNumber: '',
		Notes: 'Wants to update the will after the sale of the Carlton unit. Call back after 3pm.',
		DurationInSeconds: 452,
		RingTimeInSeconds: 12,
		HoldTimeInSeconds: 79,
		HoldCount: 1,
		AnsweredBy: 'Jess (HostedSuite agent)',
		TalkTimeInSeconds: 361,
		TransferTimeInSeconds: 0,
		Flagged: false,
		Type: 'Incoming',
		WorkTimeInSeconds: 30,
		...overrides,
	};
}

export async function rest(
	sandbox: SandboxHandle,
	credential: CredentialStore,
	method: string,
	path: string,
	body?: IDataObject,
): Promise<{ status: number; json: unknown }> {
	const token = (credential.data.oauthTokenData as IDataObject).access_token as string;
	const response = await fetch(`${sandbox.apiEndpoint}rest/${path}`, {
		method,
		headers: {
			Authorization: `Bearer ${token}`,
			Accept: 'application/vnd.api+json',
			...(body ? { 'Content-Type': 'application/vnd.api+json' } : {}),
		},
		body: body ? JSON.stringify(body) : undefined,
	});
	const text = await response.text();
	return { status: response.status, json: text ? JSON.parse(text) : undefined };
}

/** Writes (POST/PUT/DELETE) the sandbox saw under /api/rest/. */
export function writes(sandbox: SandboxHandle) {
	return logOf(sandbox).filter((r) => r.method !== 'GET');
}

export function posted(sandbox: SandboxHandle, collection: string, index = 0): IDataObject {
	const posts = logOf(sandbox, collection, 'POST');
	return (posts[index].body as Record<string, IDataObject>)[collection];
}

/** The call keys of the genuine markers in a record's notes (tags checked with the credential's secret). */
export function markedKeys(notes: unknown, credential: CredentialStore): string[] {
	return markersIn(notes, String(credential.data.clientSecret)).map((m) => m.key);
}

/** Notes with the marker line (whose time and tag change every run) shown as `<marker KEY>`. */
export function withMarkerShown(notes: unknown): string {
	return String(notes ?? '').replace(/Call ID: (\S[^\n[\]]*) \[n8n [^\]]+\]/g, '<marker $1>');
}

/** What was POSTed to a collection, with the marker line shown as `<marker KEY>`. */
export function postedShown(sandbox: SandboxHandle, collection: string, index = 0): IDataObject {
	const body = posted(sandbox, collection, index);
	return body.notes === undefined ? body : { ...body, notes: withMarkerShown(body.notes) };
}
