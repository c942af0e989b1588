/** actionparticipants (composite ids), participanttypes and filenotes, as the OpenAPI files describe them. */
import { openSuite, rows, type Suite } from './helpers';

let s: Suite;
beforeAll(async () => (s = await openSuite()));
afterAll(async () => s.sb.close());
beforeEach(() => s.sb.reset());

describe('actionparticipants', () => {
	test('every matter has its primary participants as Client (6) and its assignedTo as Responsible Lawyer (5), numbered in order', async () => {
		const all = rows((await s.rest('GET', 'actionparticipants?pageSize=200')).body, 'actionparticipants');
		for (const matter of s.sb.store.list('actions')) {
			const onMatter = all.filter((r) => r.links.action === String(matter.id));
			const clients = onMatter.filter((r) => r.links.participantType === '6').map((r) => Number(r.links.participant));
			const lawyers = onMatter.filter((r) => r.links.participantType === '5').map((r) => Number(r.links.participant));
			expect(clients).toEqual(matter.links.primaryParticipants);
			expect(lawyers).toEqual([matter.links.assignedTo]);
			expect(onMatter.map((r) => r.participantNumber)).toEqual(onMatter.map((_r, i) => i + 1));
		}
	});

	test('records are {id: "<action>--<type>--<participant>", participantNumber, links} with string link ids; GET by composite id', async () => {
		const one = await s.rest('GET', 'actionparticipants/2001--5--101');
		expect(one.status).toBe(200);
		expect(one.body.actionparticipants).toEqual({ id: '2001--5--101', participantNumber: 2, links: { action: '2001', participantType: '5', participant: '101' } });
		expect(one.body.links['actionparticipants.participantType']).toEqual({ href: `${s.sb.apiEndpoint}rest/participanttypes/{actionparticipants.participantType}`, type: 'participanttypes' });
		const two = rows((await s.rest('GET', 'actionparticipants/2011--6--105,2011--6--124')).body, 'actionparticipants');
		expect(two.map((r) => r.id)).toEqual(['2011--6--105', '2011--6--124']);
		expect((await s.rest('GET', 'actionparticipants/2001--5--102')).status).toBe(404);
		expect((await s.rest('GET', 'actionparticipants/1')).status).toBe(404);
	});

	test('filters on action and participant, include names the role', async () => {
		const michael = rows((await s.rest('GET', 'actionparticipants?participant=105&include=action,participantType')).body, 'actionparticipants');
		expect(michael.map((r) => r.id)).toEqual(['2001--6--105', '2011--6--105']);
		const body = (await s.rest('GET', 'actionparticipants?action=2002&include=participantType,participant')).body;
		expect(rows(body, 'actionparticipants').map((r) => r.id)).toEqual(['2002--6--106', '2002--5--102', '2002--7--113', '2002--8--119']);
		expect(body.linked.participanttypes.map((t: any) => t.name)).toEqual(['Responsible Lawyer', 'Client', 'Other Side', "Other Side's Lawyer"]);
		expect(body.linked.participants.map((p: any) => p.id)).toEqual([102, 106, 113, 119]);
	});

	test('POST adds a role (next participantNumber), refuses a duplicate and missing links; DELETE by composite id; no PUT', async () => {
		const created = await s.rest('POST', 'actionparticipants', { actionparticipants: { links: { action: 2001, participantType: 7, participant: 119 } } });
		expect(created.status).toBe(200);
		expect(created.body.actionparticipants).toEqual({ id: '2001--7--119', participantNumber: 3, links: { action: '2001', participantType: '7', participant: '119' } });
		expect((await s.rest('POST', 'actionparticipants', { actionparticipants: { links: { action: 2001, participantType: 7, participant: 119 } } })).status).toBe(400);
		const missing = await s.rest('POST', 'actionparticipants', { actionparticipants: { links: { action: 2001 } } });
		expect(missing.body.errors.map((e: any) => e.detail)).toEqual(['links.participantType is required.', 'links.participant is required.']);
		expect((await s.rest('PUT', 'actionparticipants/2001--7--119', { actionparticipants: { links: { participant: 118 } } })).status).toBe(405);
		expect((await s.rest('DELETE', 'actionparticipants/2001--7--119')).status).toBe(204);
		expect((await s.rest('GET', 'actionparticipants/2001--7--119')).status).toBe(404);
		expect((await s.rest('DELETE', 'actionparticipants/2001--7--119')).status).toBe(404);
	});
});

describe('filenotes', () => {
	test('the seed has notes on matters; filters on action and noteTimestamp', async () => {
		const all = rows((await s.rest('GET', 'filenotes')).body, 'filenotes');
		expect(all.map((n) => n.id)).toEqual([9001, 9002, 9003, 9004]);
		expect(all[0]).toMatchObject({ text: expect.any(String), source: 'User', enteredBy: 'Emma Smith', links: { action: '2001', participant: '101' } });
		const onMatter = rows((await s.rest('GET', 'filenotes?action=2002&noteTimestamp_gteq=2024-03-07T00:00:00')).body, 'filenotes');
		expect(onMatter.map((n) => n.id)).toEqual([9003]);
	});

	test('POST needs text and links.action; noteTimestamp defaults to now; enteredBy and links.participant are the user', async () => {
		const bad = await s.rest('POST', 'filenotes', { filenotes: { source: 'User' } });
		expect(bad.body.errors.map((e: any) => e.detail)).toEqual(['text is required.', 'links.action is required.']);
		const created = await s.rest('POST', 'filenotes', { filenotes: { text: 'Transcript of the call', links: { action: 2003 } } });
		expect(created.status).toBe(200);
		const note = created.body.filenotes;
		expect(note).toMatchObject({ id: 9005, text: 'Transcript of the call', source: 'User', enteredBy: 'Emma Smith', links: { action: '2003', participant: '101' } });
		expect(note.noteTimestamp).toBe(note.enteredTimestamp);
		const dated = await s.rest('POST', 'filenotes', { filenotes: { text: 'x', noteTimestamp: '2026-01-02T03:04:05+11:00', links: { action: 2003 } } });
		expect(dated.body.filenotes.noteTimestamp).toBe('2026-01-02T03:04:05+11:00');
	});
});
