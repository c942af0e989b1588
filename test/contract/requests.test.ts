/**
 * Every request body the node sends validates against Actionstep's official OpenAPI: each operation that
 * writes is run in n8n's engine (and the REST-hook trigger's lifecycle in n8n's hook context) against the
 * sandbox, and the bodies are read from the sandbox's request log, so a body change anywhere is caught.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import type { LoggedRequest } from '../../sandbox';
import { runNode } from '../harness/engine';
import { openSandbox, type SandboxFixture } from '../harness/sandbox';
import { logOf, rl } from '../harness/workflow';
import { hostedSuiteRecord, logCallParams, ringCentralInbound } from '../engine/logCall/fixtures';
import { TRIGGER_TYPE, TriggerWorkflow } from '../triggers/harness';
import { checkRequestBody } from './envelope';
import { formatViolations } from './schemaCheck';

let fx: SandboxFixture;
beforeAll(async () => (fx = await openSandbox()));
afterAll(async () => fx.sandbox.close());
beforeEach(() => fx.sandbox.reset());

async function node(parameters: INodeParameters, items?: IDataObject[]): Promise<void> {
	const result = await runNode({ parameters, items, credential: fx.credential });
	expect(result.error).toBeUndefined();
	expect(result.success.length).toBeGreaterThan(0);
}

/** Log Call with a policy on: the policy's write (one POST to `resource`) must have happened to be checked. */
async function logCallWrites(resource: string, parameters: INodeParameters, items: IDataObject[]): Promise<void> {
	await node(parameters, items);
	expect(logOf(fx.sandbox, resource, 'POST')).toHaveLength(1);
}

const phoneRecord = (operation: string, more: INodeParameters): INodeParameters => ({ resource: 'phoneRecord', operation, ...more });
const timeEntry = (operation: string, more: INodeParameters): INodeParameters => ({ resource: 'timeEntry', operation, ...more });
const participant = (operation: string, more: INodeParameters): INodeParameters => ({ resource: 'participant', operation, ...more });
const task = (operation: string, more: INodeParameters): INodeParameters => ({ resource: 'task', operation, ...more });


/** Each operation that writes, with the parameters that make it send every field it can. */
const SCENARIOS: Array<[string, () => Promise<void>]> = [
	[
		'phone record create: participants on both sides, every additional field',
		() =>
			node(
				phoneRecord('create', {
					direction: 'out',
					callTimestamp: '2026-03-02T09:30:00',
					outcome: 'Call completed',
					fromType: 'participant',
					fromParticipant: rl('101'),
					toType: 'participant',
					toParticipant: rl('105'),
					matter: rl('2001'),
					additionalFields: { phoneNumber: '+61 2 9876 5432', phoneNumberType: 'Home', durationSeconds: 301, notes: 'Settlement date' },
				}),
			),
	],
	[
		'phone record create: names of people not in Actionstep, hours given',
		() =>
			node(
				phoneRecord('create', {
					direction: 'in',
					callTimestamp: '2026-03-02T09:30:00+11:00',
					outcome: 'Left message',
					fromType: 'other',
					fromParticipantOther: 'Westpac Home Loans',
					toType: 'other',
					toParticipantOther: 'Reception',
					additionalFields: { actualHours: 0.123 },
				}),
			),
	],
	[
		'phone record update: every plain field and the matter',
		() =>
			node(
				phoneRecord('update', {
					phoneRecordId: '5001',
					updateFields: {
						direction: 'in',
						callTimestamp: '2026-06-15 08:00',
						outcome: 'Left message',
						phoneNumber: '+61 2 5550 0101',
						phoneNumberType: 'Business',
						actualHours: 0.4,
						notes: 'Call back on Tuesday',
						matter: rl('2011'),
					},
				}),
			),
	],
	['phone record update: a participant replaces a name', () => node(phoneRecord('update', { phoneRecordId: '5003', updateFields: { fromParticipant: rl('106') } }))],
	['phone record update: a name replaces a participant', () => node(phoneRecord('update', { phoneRecordId: '5001', updateFields: { toParticipantOther: 'Reception, Westpac' } }))],
	[
		'link time entry: a new time entry billed from the call',
		() =>
			node(
				phoneRecord('linkTimeEntry', {
					phoneRecordId: '5002',
					timeEntryMode: 'create',
					timeEntryFields: { roundToSixMinutes: true, isBillable: true, description: 'Telephone attendance', owner: '102' },
				}),
			),
	],
	['link time entry: an existing time entry', () => node(phoneRecord('linkTimeEntry', { phoneRecordId: '5004', timeEntryMode: 'existing', timeEntryId: '7004' }))],
	['unlink time entry', () => node(phoneRecord('unlinkTimeEntry', { timeEntryId: '7001' }))],
	['phone record delete, unlinking its time entries first', () => node(phoneRecord('delete', { phoneRecordId: '5003', options: { unlinkTimeEntries: true } }))],
	[
		'time entry create: every field',
		() =>
			node(
				timeEntry('create', {
					timestampDate: '2026-03-02',
					actualHours: 1.234,
					additionalFields: { matter: rl('2002'), description: 'Drafting the defence', billableHours: 1, isBillable: false, phoneRecord: '5002', owner: '102' },
				}),
			),
	],
	[
		'time entry update: every field',
		() =>
			node(
				timeEntry('update', {
					timeEntryId: '7003',
					updateFields: {
						timestampDate: '2024-03-08',
						actualHours: 1.6,
						billableHours: 1.5,
						description: 'Drafting amended statement of claim',
						isBillable: true,
						owner: '103',
						matter: rl('2014'),
						phoneRecord: '5004',
					},
				}),
			),
	],
	[
		'log call (RingCentral): phone record and time entry',
		() => node(logCallParams({ matterMode: 'given', matter: rl('2002'), createTimeEntry: true }), [ringCentralInbound({ sessionId: 'contract-1', duration: 361 })]),
	],
	['log call (HostedSuite): a caller matched by phone number', () => node(logCallParams({ source: 'hostedsuite', createTimeEntry: true }), [hostedSuiteRecord()])],
	[
		'participant create: a person with phone, label, SMS and email',
		() =>
			node(
				participant('create', {
					isCompany: false,
					firstName: 'Jordan',
					lastName: 'Blake',
					additionalFields: {
						middleName: 'Lee',
						email: 'jordan.blake@example.org',
						phoneNumber: '+61 491 570 999',
						phoneLabel: 'Mobile',
						sms: '+61 491 570 999',
						importExternalReference: 'CRM-4471',
					},
				}),
			),
	],
	[
		'participant create: a company with a landline and email',
		() =>
			node(participant('create', { isCompany: true, companyName: 'Westpac Home Loans', additionalFields: { email: 'broker@westpac.example', phoneNumber: '+61 2 9876 5432', phoneLabel: 'Work' } })),
	],
	[
		'participant update: every field',
		() =>
			node(
				participant('update', {
					participantId: rl('126'),
					updateFields: {
						isCompany: false,
						firstName: 'Olivia',
						middleName: 'Jane',
						lastName: 'Nguyen',
						email: 'olivia@example.org',
						phoneNumber: '(02) 9876 5432',
						phoneLabel: 'Home',
						sms: '+61 491 570 200',
						importExternalReference: 'CRM-126',
					},
				}),
			),
	],
	['participant update: a person becomes a company', () => node(participant('update', { participantId: rl('126'), updateFields: { isCompany: true, companyName: 'Nguyen Holdings' } }))],
	[
		'task create: every field',
		() =>
			node(
				task('create', {
					matter: rl('2001'),
					name: 'Call back Michael Smith',
					assignee: rl('101', 'list'),
					dueTimestamp: '2026-03-10T10:00:00',
					additionalFields: { description: 'Missed call at 9:58', priority: 'High', status: 'Incomplete' },
				}),
			),
	],
	[
		'task update: every field',
		() =>
			node(
				task('update', {
					taskId: '8002',
					updateFields: {
						name: 'Call back about the settlement',
						description: 'Offer by Friday',
						priority: 'Low',
						status: 'Incomplete',
						assignee: rl('103'),
						matter: rl('2002'),
						dueTimestamp: '2024-03-25T17:00:00+11:00',
					},
				}),
			),
	],
	['task complete', () => node(task('complete', { taskId: '8003' }))],
	['file note create: text on a matter, dated', () => node({ resource: 'fileNote', operation: 'create', matter: rl('2003'), text: 'Transcript:\nClient: hello', noteTimestamp: '2026-03-02T09:30:00' })],
	['file note create: dated now', () => node({ resource: 'fileNote', operation: 'create', matter: rl('2003'), text: 'Summary of the call' })],
	[
		'log call policy: a participant created for an unknown caller',
		() => logCallWrites('participants', logCallParams({ options: { unknownCaller: 'createParticipant' } }), [ringCentralInbound({ from: { phoneNumber: '+61491570999', name: 'Jordan Blake' } })]),
	],
	[
		'log call policy: a call-back task after a missed call',
		() =>
			logCallWrites(
				'tasks',
				logCallParams({ matterMode: 'mostRecent', createCallBackTask: true, callBackTaskOptions: { assignee: '102', dueIn: 2, dueUnit: 'businessHours' } }),
				[ringCentralInbound({ result: 'Missed', duration: 0, recording: undefined })],
			),
	],
	[
		'log call policy: a file note with the AI summary, and the time entry',
		() =>
			logCallWrites('filenotes', logCallParams({ matterMode: 'mostRecent', createTimeEntry: true, options: { fileNoteForAiNote: true } }), [
				{ callLog: ringCentralInbound({ sessionId: 'contract-ai' }), aiNote: 'Sarah wants to settle before the hearing.\nAction: send the offer by Friday.' },
			]),
	],
	[
		'REST-hook trigger: registering its hooks on activation',
		async () => {
			const trigger = new TriggerWorkflow({ type: TRIGGER_TYPE, parameters: { events: ['TaskCreated', 'TimeEntryCreated'] }, credential: fx.credential });
			expect(await trigger.lifecycle('create')).toBe(true);
		},
	],
];

function bodiesSent(): LoggedRequest[] {
	return logOf(fx.sandbox).filter((r) => r.method === 'POST' || r.method === 'PUT');
}

const covered = new Set<string>();

test.each(SCENARIOS)('%s', async (_name, run) => {
	await run();
	const sent = bodiesSent();
	expect(sent.length).toBeGreaterThan(0);
	const report: string[] = [];
	for (const request of sent) {
		const resource = request.path.replace(/^\/api\/rest\//, '').split('/')[0];
		covered.add(`${request.method} ${resource}`);
		const violations = checkRequestBody(resource, request.method as 'POST' | 'PUT', request.body);
		if (violations.length) report.push(`${request.method} ${request.path} ${JSON.stringify(request.body)}\n${formatViolations(violations)}`);
	}
	expect(report.join('\n\n')).toBe('');
});

test('every kind of body the node writes was checked', () => {
	expect([...covered].sort()).toEqual(
		expect.arrayContaining([
			'POST filenotes',
			'POST participants',
			'POST phonerecords',
			'POST resthooks',
			'POST tasks',
			'POST timeentries',
			'PUT participants',
			'PUT phonerecords',
			'PUT tasks',
			'PUT timeentries',
		]),
	);
});
