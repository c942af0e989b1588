/**
 * The seeded firm's fixed records: Harbourside Legal's people, users, matters and their roles, file notes,
 * calls, time entries and tasks (seed.ts builds the store from them and adds generated calls). Changes when
 * the story the tests and demos tell changes; the id ranges and fictional phone numbers are explained in seed.ts.
 */
export type Phone = [label: string, country: string, area: string, number: string];

export interface PersonSeed {
	id: number;
	first?: string;
	last?: string;
	company?: string;
	email?: string;
	sms?: string;
	/** Index 0..3 = phone1..phone4; null leaves that slot empty. */
	phones?: Array<Phone | null>;
	created: string;
}

export const PEOPLE: PersonSeed[] = [
	// Staff (each is also a user below).
	{ id: 101, first: 'Emma', last: 'Smith', email: 'emma.smith@harbourside.example', phones: [['Work', '61', '2', '5550 0101'], ['Mobile', '61', '491', '570 006']], created: '2019-02-01T09:00:00+11:00' },
	{ id: 102, first: 'James', last: 'Nguyen', email: 'james.nguyen@harbourside.example', phones: [['Work', '61', '2', '5550 0102']], created: '2020-07-13T09:00:00+10:00' },
	{ id: 103, first: 'Priya', last: 'Patel', email: 'priya.patel@harbourside.example', phones: [['Work', '61', '2', '5550 0103']], created: '2022-01-17T09:00:00+11:00' },
	{ id: 104, first: 'Oliver', last: 'Brown', email: 'oliver.brown@harbourside.example', phones: [['Work', '61', '2', '5550 0104']], created: '2023-03-06T09:00:00+11:00' },
	// Clients and other parties.
	{ id: 105, first: 'Michael', last: 'Smith', email: 'michael.smith@example.com', phones: [['Home', '61', '2', '9876 5432'], ['Mobile', '61', '491', '570 110']], created: '2024-01-15T10:12:00+11:00' },
	{ id: 106, first: 'Sarah', last: 'Thompson', email: 'sarah.t@example.com', phones: [['Mobile', '61', '491', '570 111']], created: '2024-01-22T11:40:00+11:00' },
	{ id: 107, first: 'Wei', last: 'Chen', email: 'wei.chen@example.com', phones: [['Home', '61', '3', '7010 4421']], created: '2024-02-02T15:05:00+11:00' },
	{ id: 108, first: 'Aroha', last: 'Ngata', email: 'aroha.ngata@example.co.nz', phones: [['Work', '64', '9', '555 0142'], ['Mobile', '64', '21', '555 0190']], created: '2024-02-05T09:30:00+11:00' },
	{ id: 109, first: 'Liam', last: "O'Connor", email: 'liam.oconnor@example.co.uk', phones: [['Work', '44', '20', '7946 0321']], created: '2024-02-09T18:20:00+11:00' },
	{ id: 110, first: 'Grace', last: 'Williams', email: 'grace.williams@example.com', phones: [['Mobile', '1', '212', '555 0187']], created: '2024-02-12T08:00:00+11:00' },
	{ id: 111, first: 'Daniel', last: 'Kowalski', sms: '+61 491 570 133', created: '2024-02-19T13:45:00+11:00' },
	{ id: 112, first: 'Fatima', last: 'Rahman', email: 'fatima.rahman@example.com', phones: [null, null, ['Work', '61', '7', '5550 8812']], created: '2024-02-26T10:00:00+11:00' },
	{ id: 113, company: 'Coastal Builders Pty Ltd', email: 'accounts@coastalbuilders.example', phones: [['Office', '61', '2', '5550 7788'], null, null, ['Accounts', '61', '2', '5550 7789']], created: '2024-01-22T11:55:00+11:00' },
	{ id: 114, company: 'Kiwi Freight Ltd', email: 'legal@kiwifreight.example.nz', phones: [['Office', '64', '4', '555 0199']], created: '2024-03-01T09:10:00+11:00' },
	{ id: 115, company: 'Thames Valley Holdings plc', phones: [['Switchboard', '44', '113', '496 0555'], ['Direct', '44', '20', '7946 0888']], created: '2024-03-04T19:00:00+11:00' },
	{ id: 116, first: 'José', last: 'García', email: 'jose.garcia@example.com', phones: [null, null, null, ['Mobile', '1', '415', '555 0134']], created: '2024-03-08T07:30:00+11:00' },
	{ id: 117, first: 'Ethan', last: 'Walker', phones: [['Mobile', '61', '491', '570 159'], ['UK mobile', '44', '7700', '900 123']], created: '2023-06-14T12:00:00+10:00' },
	{ id: 118, first: 'Mia', last: 'Robinson', email: 'mia.robinson@example.com', phones: [['Home', '61', '8', '5550 3321']], created: '2024-03-11T09:00:00+11:00' },
	{ id: 119, first: 'Noah', last: 'Clarke', email: 'nclarke@clarkelaw.example', phones: [['Work', '61', '2', '5550 1234']], created: '2024-01-23T16:00:00+11:00' },
	{ id: 120, first: 'Isabella', last: 'Rossi', sms: '+61 491 570 147', phones: [['Home', '61', '3', '7010 9988']], created: '2024-03-14T10:20:00+11:00' },
	{ id: 121, first: 'Jack', last: 'Taylor', phones: [['Mobile', '64', '27', '555 0177']], created: '2024-03-18T14:00:00+11:00' },
	{ id: 122, first: 'Chloe', last: 'Davies', email: 'chloe.davies@example.co.uk', phones: [['Home', '44', '161', '496 0742']], created: '2024-03-20T21:00:00+11:00' },
	{ id: 123, first: 'Lucas', last: 'Martin', phones: [['Work', '1', '646', '555 0199'], ['Mobile', '1', '646', '555 0100']], created: '2024-03-25T02:00:00+11:00' },
	// Shares Michael Smith's home number: phone matching must cope with two hits.
	{ id: 124, first: 'Anna', last: 'Smith', email: 'anna.smith@example.com', phones: [['Home', '61', '2', '9876 5432']], created: '2024-04-02T10:00:00+10:00' },
	{ id: 125, first: 'Samuel', last: 'Lee', phones: [['Mobile', '61', '491', '570 042']], created: '2024-04-08T11:00:00+10:00' },
	{ id: 126, first: 'Olivia', last: 'Harris', email: 'olivia.harris@example.com', created: '2024-04-15T09:45:00+10:00' },
];

export const USERS = [
	{ id: 1, participant: 101, first: 'Emma', last: 'Smith', rate: 550 },
	{ id: 2, participant: 102, first: 'James', last: 'Nguyen', rate: 420 },
	{ id: 3, participant: 103, first: 'Priya', last: 'Patel', rate: 180 },
	{ id: 4, participant: 104, first: 'Oliver', last: 'Brown', rate: 320 },
];

export const ACTION_TYPES: Array<[number, string, string]> = [
	[11, 'Conveyancing', 'Residential and commercial property transactions'],
	[12, 'Litigation', 'Court and tribunal proceedings'],
	[13, 'Wills & Estates', 'Wills, powers of attorney and estate administration'],
	[14, 'Family Law', 'Separation, parenting and property settlements'],
	[15, 'Commercial', 'Contracts, leases and business advice'],
];

// id, reference, name, type, assignedTo, primary participants, status, created (a plain date, as in the real API)
export const ACTIONS: Array<[number, string, string, number, number, number[], string, string]> = [
	[2001, 'SMI-2024-001', 'Smith – Purchase of 12 Harbour Street, Balmain', 11, 101, [105], 'Active', '2024-01-15'],
	[2002, 'THO-2024-002', 'Thompson v Coastal Builders Pty Ltd', 12, 102, [106], 'Active', '2024-01-22'],
	[2003, 'CHE-2024-003', 'Chen – Will and enduring power of attorney', 13, 103, [107], 'Active', '2024-02-02'],
	[2004, 'NGA-2024-004', 'Ngata Family Trust – restructure', 15, 101, [108], 'Active', '2024-02-05'],
	[2005, 'OCO-2024-005', "O'Connor – employment dispute", 12, 104, [109], 'Closed', '2024-02-09'],
	[2006, 'WIL-2024-006', 'Williams – retail lease review', 15, 102, [110], 'Active', '2024-02-12'],
	[2007, 'KOW-2024-007', 'Kowalski – property settlement', 14, 104, [111], 'Active', '2024-02-19'],
	[2008, 'RAH-2024-008', 'Rahman – AAT visa review', 12, 102, [112], 'Inactive', '2024-02-26'],
	[2009, 'COA-2024-009', 'Coastal Builders – debt recovery', 12, 101, [113], 'Active', '2024-03-01'],
	[2010, 'KIW-2024-010', 'Kiwi Freight – supply contract dispute', 15, 104, [114], 'Active', '2024-03-01'],
	[2011, 'SMI-2024-011', 'Estate of the late Robert Smith', 13, 101, [105, 124], 'Active', '2024-03-12'],
	[2012, 'WAL-2023-012', 'Walker – sale of 4/18 Ocean Parade, Bondi', 11, 103, [117], 'Closed', '2023-06-14'],
	[2013, 'GAR-2024-013', 'García – partnership visa', 12, 102, [116], 'Active', '2024-03-08'],
	[2014, 'THA-2024-014', 'Thames Valley Holdings – Australian subsidiary', 15, 101, [115], 'Active', '2024-03-04'],
];

/** Roles on a matter (participanttypes). 5 and 6 are what every matter has: its lawyer and its client(s). */
export const PARTICIPANT_TYPES: Array<[number, string, string]> = [
	[5, 'Responsible Lawyer', 'The fee earner who runs the matter'],
	[6, 'Client', 'The client the matter is for'],
	[7, 'Other Side', 'The opposing party'],
	[8, "Other Side's Lawyer", "The opposing party's solicitor"],
];
export const LAWYER_TYPE = 5;
export const CLIENT_TYPE = 6;

/** Roles beyond each matter's clients (primaryParticipants, type 6) and lawyer (assignedTo, type 5): action, type, participant. */
export const OTHER_ROLES: Array<[number, number, number]> = [
	[2002, 7, 113],
	[2002, 8, 119],
	[2009, 8, 119],
];

// id, matter, note time, entered by (participant), text
export const FILE_NOTES: Array<[number, number, string, number, string]> = [
	[9001, 2001, '2024-03-04T09:40:00+11:00', 101, 'Client asked about the cooling-off period; explained it ends on 11 March.'],
	[9002, 2002, '2024-03-06T10:45:00+11:00', 102, "Call from Mark Jones, Coastal Builders' insurer: open to settlement, wants our position in writing."],
	[9003, 2002, '2024-03-07T16:10:00+11:00', 102, 'Letter setting out our position sent to the insurer.'],
	[9004, 2005, '2024-03-11T20:00:00+11:00', 104, 'Client accepts the settlement offer; matter to be closed once the deed is signed.'],
];

export interface CallSeed {
	id: number;
	direction: 'in' | 'out';
	at: string;
	outcome: string;
	from: number | string;
	to: number | string;
	action: number | null;
	phone?: [string, string];
	hours: number;
	notes?: string;
}

export const CALLS: CallSeed[] = [
	{ id: 5001, direction: 'out', at: '2024-03-04T09:15:00+11:00', outcome: 'Call completed', from: 101, to: 105, action: 2001, phone: ['+61 2 9876 5432', 'Home'], hours: 0.25, notes: 'Explained the cooling-off period and the contract of sale.' },
	{ id: 5002, direction: 'in', at: '2024-03-05T14:02:00+11:00', outcome: 'Left message', from: 106, to: 102, action: 2002, phone: ['+61 491 570 111', 'Mobile'], hours: 0.02 },
	{ id: 5003, direction: 'in', at: '2024-03-06T10:30:00+11:00', outcome: 'Call completed', from: "Mark Jones (Coastal Builders' insurer)", to: 102, action: 2002, phone: ['+61 2 5550 9001', 'Business'], hours: 0.5, notes: 'Insurer wants to discuss settlement; asked for our client’s position in writing.' },
	{ id: 5004, direction: 'out', at: '2024-03-07T08:05:00+11:00', outcome: 'Call completed', from: 101, to: 108, action: 2004, phone: ['+64 9 555 0142', 'Business'], hours: 0.33, notes: 'Went through the trustee resolution.' },
	{ id: 5005, direction: 'out', at: '2024-03-08T11:20:00+11:00', outcome: 'Call completed', from: 104, to: 'Registry, Fair Work Commission', action: 2005, hours: 0.1 },
	{ id: 5006, direction: 'in', at: '2024-03-11T19:45:00+11:00', outcome: 'Call completed', from: 109, to: 104, action: 2005, phone: ['+44 20 7946 0321', 'Business'], hours: 0.4, notes: 'Client accepts the settlement offer.' },
	{ id: 5007, direction: 'out', at: '2024-03-12T15:00:00+11:00', outcome: 'No answer', from: 103, to: 113, action: 2009, phone: ['+61 2 5550 7788', 'Business'], hours: 0 },
	{ id: 5008, direction: 'in', at: '2024-03-13T07:10:00+11:00', outcome: 'Call completed', from: 110, to: 101, action: 2006, phone: ['+1 212 555 0187', 'Mobile'], hours: 0.2, notes: 'Questions on the make-good clause.' },
	{ id: 5009, direction: 'out', at: '2024-03-14T10:00:00+11:00', outcome: 'Call completed', from: 102, to: 105, action: 2011, phone: ['+61 491 570 110', 'Mobile'], hours: 0.3, notes: 'Probate timeline.' },
	{ id: 5010, direction: 'in', at: '2024-03-15T16:40:00+11:00', outcome: 'Call completed', from: 'Unknown caller', to: 103, action: null, hours: 0.05, notes: 'Wrong number.' },
];

// id, date, action, owner participant, hours, description, billable, phone record
export const TIME: Array<[number, string, number, number, number, string, 'T' | 'F', number | null]> = [
	[7001, '2024-03-04T00:00:00+11:00', 2001, 101, 0.25, 'Telephone attendance on client re contract of sale', 'T', 5001],
	[7002, '2024-03-06T00:00:00+11:00', 2002, 102, 0.5, "Telephone attendance on defendant's insurer", 'T', 5003],
	[7003, '2024-03-06T00:00:00+11:00', 2002, 102, 1.5, 'Drafting statement of claim', 'T', null],
	[7004, '2024-03-07T00:00:00+11:00', 2004, 101, 0.8, 'Review of trust deed', 'T', null],
	[7005, '2024-03-12T00:00:00+11:00', 2009, 103, 0.3, 'Preparing letter of demand', 'F', null],
	[7006, '2024-03-14T00:00:00+11:00', 2011, 102, 1.2, 'Preparing probate application', 'T', null],
];

// id, name, matter, assignee participant, status, due, hours (when complete), description
export const TASKS: Array<[number, string, number, number, 'Incomplete' | 'Complete', string, number | null, string]> = [
	[8001, 'Send contract of sale for signature', 2001, 101, 'Complete', '2024-03-05T17:00:00+11:00', 0.3, 'Client to sign and return both copies.'],
	[8002, 'File statement of claim', 2002, 102, 'Incomplete', '2024-03-20T17:00:00+11:00', null, 'NCAT registry; fee payable on filing.'],
	[8003, 'Will signing appointment', 2003, 103, 'Incomplete', '2024-03-22T10:00:00+11:00', null, 'Two witnesses needed.'],
	[8004, 'Review make-good clause', 2006, 102, 'Incomplete', '2024-03-19T12:00:00+11:00', null, 'Compare with the 2019 lease.'],
];
