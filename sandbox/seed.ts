/**
 * The seeded firm: Harbourside Legal, a small Sydney practice. Deterministic (the same data on every start)
 * so tests and demos can name records by id. Id ranges differ per resource (users 1–4, participants 101+,
 * action types 11+, actions 2001+, phone records 5001+, time entries 7001+) so that a client that mixes up a
 * user id and a participant id fails visibly; participant types 5+, file notes 9001+; action participants are
 * named by their composite id (`2001--6--105`) and their stored number is never shown. Phone numbers use ranges set aside for fiction where they exist
 * (AU 02 5550/0491 570, UK 020 7946/0113 496/07700 900, US 555-01xx).
 */
import { RESOURCE_NAMES } from './resources';
import { phoneRecords } from './resources/phonerecords';
import { buildTask } from './resources/tasks';
import { participants } from './resources/participants';
import { timeEntries } from './resources/timeentries';
import type { RuleContext, WriteInput } from './resources/types';
import { ACTIONS, ACTION_TYPES, CALLS, CLIENT_TYPE, FILE_NOTES, LAWYER_TYPE, OTHER_ROLES, PARTICIPANT_TYPES, PEOPLE, TASKS, TIME, USERS } from './seedFirm';
import type { CallSeed } from './seedFirm';
import { Store, type StoreSnapshot } from './store';
import { formatInstant, parseInstant, sydneyOffsetMinutes, sydneyTimestamp } from './time';
import type { NewRecord, StoredRecord } from './types';

/** mulberry32: a tiny deterministic PRNG, so `--seed N` gives the same N records every time. */
function prng(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

function ms(ts: string): number {
	const p = parseInstant(ts);
	if (!p) throw new Error(`bad seed timestamp ${ts}`);
	return p.ms;
}

function callInput(c: Omit<CallSeed, 'id'>): WriteInput {
	const side = (v: number | string) => (typeof v === 'number' ? { link: v, other: null } : { link: null, other: v });
	const from = side(c.from);
	const to = side(c.to);
	return {
		attributes: {
			direction: c.direction,
			callTimestamp: c.at,
			outcome: c.outcome,
			fromParticipantOther: from.other,
			toParticipantOther: to.other,
			phoneNumber: c.phone?.[0] ?? null,
			phoneNumberType: c.phone?.[1] ?? null,
			actualHours: c.hours,
			notes: c.notes ?? null,
		},
		links: { action: c.action, fromParticipant: from.link, toParticipant: to.link },
	};
}

const OTHER_NAMES = ['Westpac Home Loans', 'NSW Land Registry Services', 'Dr Helen Park', 'Sydney Valuers', 'Court registry', 'Opposing counsel chambers'];
const OUTCOMES = ['Call completed', 'Call completed', 'Call completed', 'Left message', 'No answer', 'Busy'];
const NOTES = ['Discussed next steps.', 'Client to send documents.', 'Agreed to meet next week.', 'Update on progress.', 'Confirmed instructions.'];

/** `count` more phone records, spread over matters, their participants and working days from 8 Jan 2024. */
function extraCalls(count: number, store: Store): Array<Omit<CallSeed, 'id'>> {
	const rand = prng(20240108);
	const pick = <T>(list: T[]): T => list[Math.floor(rand() * list.length)];
	const open = store.all('actions').filter((a) => a.status === 'Active');
	const staff = USERS.map((u) => u.participant);
	const out: Array<Omit<CallSeed, 'id'>> = [];
	let day = Date.UTC(2024, 0, 8);
	for (let i = 0; i < count; i++) {
		if (i > 0 && i % 4 === 0) {
			day += 86_400_000;
			while ([0, 6].includes(new Date(day).getUTCDay())) day += 86_400_000;
		}
		const action = pick(open);
		const primary = action.links.primaryParticipants;
		const client = pick(primary);
		const lawyer = rand() < 0.7 ? (action.links.assignedTo as number) : pick(staff);
		const external: number | string = rand() < 0.15 ? pick(OTHER_NAMES) : client;
		const direction = rand() < 0.5 ? 'in' : 'out';
		const minutes = 8 * 60 + 30 + Math.floor(rand() * 9 * 60);
		const offset = sydneyOffsetMinutes(day);
		const at = formatInstant(day + (minutes - offset) * 60_000, offset);
		const outcome = pick(OUTCOMES);
		const completed = outcome === 'Call completed';
		const p = typeof external === 'number' ? store.find('participants', external) : undefined;
		const slot = p ? [1, 2, 3, 4].find((n) => p[`phone${n}Number`]) : undefined;
		const phone: [string, string] | undefined =
			p && slot ? [`+${String(p[`phone${slot}Country`])} ${String(p[`phone${slot}Area`])} ${String(p[`phone${slot}Number`])}`, String(p[`phone${slot}Label`])] : undefined;
		out.push({
			direction,
			at,
			outcome,
			from: direction === 'in' ? external : lawyer,
			to: direction === 'in' ? lawyer : external,
			action: action.id,
			phone,
			hours: completed ? Math.round((0.02 + rand() * 0.73) * 100) / 100 : 0,
			notes: completed ? pick(NOTES) : undefined,
		});
	}
	return out;
}

/** The initial state: the firm above plus `extraPhoneRecords` generated calls. */
export function seedSnapshot(extraPhoneRecords = 0): StoreSnapshot {
	const empty = { records: Object.fromEntries(RESOURCE_NAMES.map((n) => [n, []])) } as unknown as StoreSnapshot;
	const store = new Store(RESOURCE_NAMES, empty);
	const ctx = (now: number): RuleContext => ({
		store,
		rules: { enforceParticipantPairs: true, blockDeleteWhenLinked: true, ownerMustBeUser: true, singleObject: 'page' },
		now,
		userId: 1,
	});
	const put = (resource: Parameters<Store['replace']>[0], id: number, rec: NewRecord) => store.replace(resource, { ...rec, id } as StoredRecord);

	for (const [id, name, description] of ACTION_TYPES) put('actiontypes', id, { name, description, links: {} });
	for (const p of PEOPLE) {
		const attributes: Record<string, unknown> = {
			isCompany: p.company ? 'T' : 'F',
			firstName: p.first ?? null,
			lastName: p.last ?? null,
			companyName: p.company ?? null,
			email: p.email ?? null,
			sms: p.sms ?? null,
		};
		(p.phones ?? []).forEach((ph, i) => {
			if (!ph) return;
			const n = i + 1;
			const [label, country, area, number] = ph;
			// Country and area are integers on the wire (OAS participants); the table keeps them as written.
			Object.assign(attributes, { [`phone${n}Label`]: label, [`phone${n}Country`]: Number(country), [`phone${n}Area`]: Number(area), [`phone${n}Number`]: number });
		});
		const created = ms(p.created);
		const rec = participants.create?.({ attributes, links: {} }, ctx(created)) as NewRecord;
		put('participants', p.id, rec);
	}
	for (const u of USERS) {
		put('users', u.id, {
			email: `${u.first.toLowerCase()}.${u.last.toLowerCase()}@harbourside.example`,
			firstName: u.first,
			lastName: u.last,
			userName: `${u.first[0].toLowerCase()}${u.last.toLowerCase()}`,
			isActive: 'T',
			timezone: 'Australia/Sydney',
			hourlyRate: u.rate,
			links: { participant: u.participant },
		});
	}
	for (const [id, reference, name, type, assignedTo, primary, status, created] of ACTIONS) {
		const modified = sydneyTimestamp(ms(`${created}T17:30:00+10:00`) + (id % 7) * 86_400_000);
		put('actions', id, {
			name,
			reference,
			priority: 0,
			status,
			statusTimestamp: modified,
			isBillableOverride: 'T',
			createdTimestamp: created,
			modifiedTimestamp: modified,
			isDeleted: 'F',
			isFavorite: id === 2001 ? 'T' : 'F',
			links: { assignedTo, actionType: type, primaryParticipants: primary },
		});
	}
	for (const [id, name, description] of PARTICIPANT_TYPES) put('participanttypes', id, { name, description, links: {} });
	// Every matter's clients (its primary participants) and its lawyer, then the other roles, numbered in that order.
	const roles: Array<[number, number, number]> = ACTIONS.flatMap(([action, , , , assignedTo, primary]) => [
		...primary.map((participant): [number, number, number] => [action, CLIENT_TYPE, participant]),
		[action, LAWYER_TYPE, assignedTo] as [number, number, number],
	]);
	roles.push(...OTHER_ROLES);
	roles.forEach(([action, participantType, participant], i) => {
		const participantNumber = roles.slice(0, i).filter((r) => r[0] === action).length + 1;
		put('actionparticipants', i + 1, { participantNumber, links: { action, participantType, participant } });
	});
	const calls: CallSeed[] = [...CALLS];
	const extra = extraCalls(extraPhoneRecords, store);
	extra.forEach((c, i) => calls.push({ ...c, id: 5011 + i }));
	for (const c of calls) put('phonerecords', c.id, phoneRecords.create?.(callInput(c), ctx(ms(c.at))) as NewRecord);
	for (const [id, date, action, owner, hours, description, isBillable, phoneRecord] of TIME) {
		const input: WriteInput = {
			attributes: { timestampDate: date, actualHours: hours, description, isBillable },
			links: { action, owner, createdBy: owner, phoneRecord },
		};
		put('timeentries', id, timeEntries.create?.(input, ctx(ms(date) + 17 * 3_600_000)) as NewRecord);
	}
	for (const [id, name, action, assignee, status, due, hours, description] of TASKS) {
		const created = ms(due) - 7 * 86_400_000;
		const done = status === 'Complete' ? ms(due) - 3_600_000 : null;
		const values: Record<string, unknown> = {
			name,
			status,
			priority: 'Normal',
			dueTimestamp: due,
			startedTimestamp: done === null ? null : sydneyTimestamp(done - 1_800_000),
			completedTimestamp: done === null ? null : sydneyTimestamp(done),
			lastModifiedTimestamp: sydneyTimestamp(done ?? created),
			actualHours: hours,
			billableHours: hours,
			description,
			assignedBy: 'Emma Smith',
		};
		put('tasks', id, buildTask(values, { action, assignee }, ctx(created)));
	}
	for (const [id, action, at, by, text] of FILE_NOTES) {
		const user = USERS.find((u) => u.participant === by);
		put('filenotes', id, {
			enteredTimestamp: sydneyTimestamp(ms(at)),
			text,
			enteredBy: user ? `${user.first} ${user.last}` : 'API',
			source: 'User',
			noteTimestamp: at,
			links: { action, participant: by },
		});
	}
	return store.snapshot();
}
