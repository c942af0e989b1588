import { parseCallTime } from '../rules/callTime';
import { isGiven } from '../../../../helpers/validation';
import { missing, noteText, pick, secondsOf, text } from './read';
import type { CallSourceModule } from './types';

/**
 * HostedSuite, a call-centre answering service: its CallRecordInfo (the v2 call-record service). Calls are
 * taken for the firm, so inbound unless Type says out; only finished calls have records.
 */

export const hostedSuite: CallSourceModule = {
	id: 'hostedsuite',
	name: 'HostedSuite',
	description: 'A HostedSuite call record (CallRecordInfo: StartTime, CallerNumber, TalkTimeInSeconds, ...)',
	recognises: (obj) => pick(obj, 'StartTime') !== undefined && pick(obj, 'CallerNumber', 'CallerName', 'TalkTimeInSeconds', 'DurationInSeconds') !== undefined,
	read(r, context) {
		const start = pick(r, 'StartTime');
		if (!isGiven(start)) throw missing('StartTime', 'HostedSuite', 'A CallRecordInfo has StartTime.');
		const talk = secondsOf(pick(r, 'TalkTimeInSeconds'), 'callData', 'TalkTimeInSeconds');
		const total = secondsOf(pick(r, 'DurationInSeconds'), 'callData', 'DurationInSeconds');
		const type = text(pick(r, 'Type'));
		return {
			call: {
				source: 'hostedsuite',
				kind: 'HostedSuite call record',
				callId: text(pick(r, 'Id')),
				direction: type && /out/i.test(type) ? 'out' : 'in',
				phase: 'finished',
				start: parseCallTime(start, context.timeZone),
				durationSeconds: context.durationBasis === 'talk' ? (talk ?? total) : (total ?? talk),
				otherNumber: text(pick(r, 'CallerNumber')),
				otherName: text(pick(r, 'CallerName')),
				firmName: text(pick(r, 'ClientName')),
				result: text(pick(r, 'Result', 'Outcome')),
				agentNote: noteText(pick(r, 'Notes')),
				recordingLink: text(pick(r, 'RecordingUrl', 'RecordingLink')),
				answeredBy: text(pick(r, 'AnsweredBy')),
			},
		};
	},
};
