import type { INodeListSearchItems } from 'n8n-workflow';

import type { ActionstepRecord, Query } from './interfaces';

/** Queries and result rows for the matter and participant pickers (pure). */

/** `*` is Actionstep's wildcard; a user's own `*` would widen the search, so it is dropped. */
export function wildcardContains(text: string): string {
	return `*${text.replace(/\*/g, '').trim()}*`;
}

export function matterSearchQuery(filter?: string): Query {
	const query: Query = { sort: '-id' };
	const text = filter?.trim();
	if (text) {
		if (/^\d+$/.test(text)) query.id = text;
		else query.name_ilike = wildcardContains(text);
	}
	return query;
}

export function participantSearchQuery(filter?: string): Query {
	const query: Query = { sort: 'displayName' };
	const text = filter?.trim();
	if (text) {
		if (/^\d+$/.test(text)) query.id = text;
		else query.displayName_ilike = wildcardContains(text);
	}
	return query;
}

export function toMatterResult(record: ActionstepRecord): INodeListSearchItems {
	const name = typeof record.name === 'string' && record.name ? record.name : `Matter ${record.id}`;
	const reference = typeof record.reference === 'string' && record.reference ? ` (${record.reference})` : '';
	return { name: `${name}${reference}`, value: String(record.id) };
}

export function toParticipantResult(record: ActionstepRecord): INodeListSearchItems {
	const company = typeof record.companyName === 'string' ? record.companyName : '';
	const person = [record.firstName, record.lastName].filter((p) => typeof p === 'string' && p).join(' ');
	const display = typeof record.displayName === 'string' && record.displayName ? record.displayName : person || company;
	return { name: display || `Participant ${record.id}`, value: String(record.id) };
}

/** A staff member for the assignee picker: a user, whose value is their participant id; `filter` keeps matching names. */
export function toStaffResults(users: ActionstepRecord[], filter?: string): INodeListSearchItems[] {
	const wanted = (filter ?? '').slice(0, 100).trim().toLowerCase();
	return users
		.map((user) => {
			const name = [user.firstName, user.lastName].filter((p) => typeof p === 'string' && p).join(' ');
			const participant = (user.links ?? {}).participant;
			return { name: name || `User ${user.id}`, value: String(participant ?? '') };
		})
		.filter((item) => item.value !== '' && (!wanted || item.name.toLowerCase().includes(wanted) || item.value === wanted));
}
