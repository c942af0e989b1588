import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { participantLocator } from '../../descriptions/rlc';
import type { ActionstepRecord, Query } from '../../helpers/interfaces';
import { FieldError } from '../../helpers/interfaces';
import type { PhoneNumber } from '../../helpers/phoneNumbers';
import { lastDigitsWildcard, parsePhoneNumber, phoneParts } from '../../helpers/phoneNumbers';
import { wildcardContains } from '../../helpers/search';
import { optionalBoolean, optionalText } from '../../helpers/validation';
import type { ResourceSpec } from '../spec';

/** Participants (people and companies; `participants.yml`): fields, body and query rules, defined once here. */

export const participantSpec: ResourceSpec = {
	resource: 'participant',
	displayName: 'Participant',
	collection: 'participants',
	idParameter: 'participantId',
	// A person by first and last name, a company by its name; every other sent field is compared too.
	createdRecordQuery: (body) =>
		body.isCompany === 'T'
			? { isCompany: 'T', companyName: body.companyName as string }
			: { isCompany: 'F', firstName: body.firstName as string, lastName: body.lastName as string },
};

export const participantIdField: INodeProperties = participantLocator('participantId', 'Participant', {
	required: true,
	description: 'The person or company',
});

const text = (name: string, displayName: string, extra: Partial<INodeProperties> = {}): INodeProperties => ({
	displayName,
	name,
	type: 'string',
	default: '',
	...extra,
});

/** Every writable participant field, named as Actionstep names it (phoneNumber/phoneLabel fill phone1). */
const FIELDS: Record<string, INodeProperties> = {
	isCompany: {
		displayName: 'Is Company',
		name: 'isCompany',
		type: 'boolean',
		default: false,
		description: 'Whether the participant is a company (then Company Name is required) rather than a person (then First and Last Name are)',
	},
	firstName: text('firstName', 'First Name', { displayOptions: { show: { isCompany: [false] } } }),
	lastName: text('lastName', 'Last Name', { displayOptions: { show: { isCompany: [false] } } }),
	companyName: text('companyName', 'Company Name', { displayOptions: { show: { isCompany: [true] } } }),
	email: text('email', 'Email', { placeholder: 'name@email.com' }),
	importExternalReference: text('importExternalReference', 'External Reference', {
		description: "Your own system's ID for this participant",
	}),
	middleName: text('middleName', 'Middle Name'),
	phoneLabel: text('phoneLabel', 'Phone Label', { placeholder: 'e.g. Mobile', description: 'Label of the first phone, e.g. Mobile or Work' }),
	phoneNumber: text('phoneNumber', 'Phone Number', {
		placeholder: 'e.g. +61 2 9876 5432',
		description: 'Stored as the first phone; with a + country code it is split into country, area and number as Actionstep stores it',
	}),
	sms: text('sms', 'SMS Number', { placeholder: 'e.g. +61 491 570 110' }),
};

/** The fields `names` as options of a collection (names only show in the order n8n wants: alphabetical). */
export function participantFieldOptions(names: string[]): INodeProperties[] {
	return names
		.map((name) => {
			// Inside a collection every field is offered, whatever Is Company says.
			const field = { ...FIELDS[name] };
			delete field.displayOptions;
			return field;
		})
		.sort((a, b) => a.displayName.localeCompare(b.displayName));
}

export function participantField(name: 'isCompany' | 'firstName' | 'lastName' | 'companyName'): INodeProperties {
	return FIELDS[name];
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Node input → participant body; only given fields appear (pure). */
export function participantFields(input: IDataObject): IDataObject {
	const body: IDataObject = {};
	const isCompany = optionalBoolean(input.isCompany, 'isCompany');
	if (isCompany !== undefined) body.isCompany = isCompany ? 'T' : 'F';
	for (const name of ['firstName', 'middleName', 'lastName', 'companyName', 'importExternalReference']) {
		const value = optionalText(input[name], name, { max: 255 });
		if (value !== undefined) body[name] = value;
	}
	const email = optionalText(input.email, 'email', { max: 254 });
	if (email !== undefined) {
		if (!EMAIL.test(email)) throw new FieldError('email', `must be an email address, got "${email.slice(0, 40)}"`);
		body.email = email;
	}
	const sms = optionalText(input.sms, 'sms', { max: 50 });
	if (sms !== undefined) body.sms = sms;
	const phone = optionalText(input.phoneNumber, 'phoneNumber', { max: 50 });
	if (phone !== undefined) {
		const parsed = parsePhoneNumber(phone);
		if (!parsed || parsed.nsn.length < 6) throw new FieldError('phoneNumber', `needs at least 6 digits, got "${phone}"`);
		Object.assign(body, parsed.callingCode ? phone1Fields(parsed) : { phone1Number: phone });
	}
	const label = optionalText(input.phoneLabel, 'phoneLabel', { max: 50 });
	if (label !== undefined) body.phone1Label = label;
	return body;
}

/** A number in phone 1 as Actionstep stores phones: calling code and area as integers (participants.yml), the rest spaced. */
export function phone1Fields(phone: PhoneNumber): IDataObject {
	const parts = phoneParts(phone);
	const fields: IDataObject = {};
	if (parts.country) fields.phone1Country = Number(parts.country);
	if (parts.area) fields.phone1Area = Number(parts.area);
	fields.phone1Number = parts.number;
	return fields;
}

/** A create body: a person needs first and last name, a company its name. */
export function participantCreateBody(input: IDataObject): IDataObject {
	const body = participantFields({ ...input, isCompany: input.isCompany ?? false });
	const required = body.isCompany === 'T' ? ['companyName'] : ['firstName', 'lastName'];
	for (const name of required) {
		if (body[name] === undefined) {
			throw new FieldError(name, `is required for ${body.isCompany === 'T' ? 'a company' : 'a person'}`);
		}
	}
	if (body.isCompany === 'T') for (const name of ['firstName', 'middleName', 'lastName']) delete body[name];
	else delete body.companyName;
	return body;
}

/** The phone 1 parts Actionstep keeps beside the number: integers the API cannot clear (participants.yml). */
export const PHONE1_PARTS = ['phone1Country', 'phone1Area'] as const;

/**
 * An update that sets phone 1's number but not all of its parts needs to know the stored parts: a country or
 * area left from the old number would be read with the new one as a different number.
 */
export function phone1PartsUnset(body: IDataObject): boolean {
	return body.phone1Number !== undefined && PHONE1_PARTS.some((part) => body[part] === undefined);
}

/** Refuses a new phone 1 that would be read with a stale country or area (pure). */
export function checkPhone1Parts(body: IDataObject, stored: IDataObject): void {
	const stale = PHONE1_PARTS.filter((part) => body[part] === undefined && stored[part] !== undefined && stored[part] !== null && stored[part] !== '' && stored[part] !== 0);
	if (!stale.length) return;
	const kept = stale.map((part) => `${part === 'phone1Country' ? 'country code' : 'area'} ${String(stored[part])}`).join(' and ');
	throw new FieldError(
		'phoneNumber',
		`"${String(body.phone1Number)}" would be stored beside phone 1's old ${kept}, which Actionstep cannot clear`,
		'Give the number with its + country code and area (e.g. +61 2 5550 4444) so every part is replaced. Nothing was written.',
	);
}

// ---- Get Many ----

const NAME_FIELDS = ['displayName', 'firstName', 'lastName', 'companyName'] as const;

export interface ParticipantQueryPlan {
	/** Filters every query shares. */
	base: Query;
	/** A name is looked for in each name field: one query per field, results merged. */
	variants: Query[];
	name?: string;
	email?: string;
	/** Set: the participants with this number are found the way Log Call finds a caller. */
	phone?: PhoneNumber;
}

export function planParticipantQuery(filters: IDataObject): ParticipantQueryPlan {
	const base: Query = {};
	const isCompany = optionalBoolean(filters.isCompany, 'isCompany');
	if (isCompany !== undefined) base.isCompany = isCompany ? 'T' : 'F';
	const email = optionalText(filters.email, 'email', { max: 254 });
	if (email !== undefined) base.email_ilike = email.replace(/\*/g, '');
	const name = optionalText(filters.name, 'name', { max: 100 });
	const variants: Query[] = [];
	if (name !== undefined) {
		const pattern = wildcardContains(name);
		if (pattern === '**') throw new FieldError('name', 'needs at least one character besides *');
		for (const field of NAME_FIELDS) variants.push({ [`${field}_ilike`]: pattern });
	}
	const phoneText = optionalText(filters.phoneNumber, 'phoneNumber', { max: 50 });
	let phone: PhoneNumber | undefined;
	if (phoneText !== undefined) {
		phone = parsePhoneNumber(phoneText);
		if (!phone || !lastDigitsWildcard(phone.nsn)) throw new FieldError('phoneNumber', 'needs at least 6 digits to search by');
	}
	return { base, variants, name: name?.replace(/\*/g, '').trim().toLowerCase(), email: email?.toLowerCase(), phone };
}

/** The plan's other filters, checked on a participant found by phone number (pure). */
export function participantMatchesPlan(record: ActionstepRecord, plan: ParticipantQueryPlan): boolean {
	if (plan.base.isCompany !== undefined && record.isCompany !== plan.base.isCompany) return false;
	if (plan.email !== undefined && String(record.email ?? '').toLowerCase() !== plan.email.replace(/\*/g, '')) return false;
	const name = plan.name;
	if (name !== undefined && !NAME_FIELDS.some((field) => String(record[field] ?? '').toLowerCase().includes(name))) return false;
	return true;
}
