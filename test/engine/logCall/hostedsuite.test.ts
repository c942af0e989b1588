/**
 * examples/log-hostedsuite-calls.json's Log Call step in n8n's engine, fed the sandbox HostedSuite corner's real
 * answer to ListCallRecordsRequest (POST /api/calls over HTTP, the window the example sends): each call record is
 * logged once, on the right participant and matter, at the right instant, with the talk time; read again, each is a
 * duplicate. The same answer with camelCase keys (as a client that camelizes v2 answers hands them on) logs the same.
 * test/e2e/hostedsuite.e2e.test.ts runs the whole example in real n8n.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { IDataObject, INode, INodeParameters } from 'n8n-workflow';

import { runNode } from '../../harness/engine';
import { openSandbox } from '../../harness/sandbox';
import type { SandboxFixture } from '../../harness/sandbox';

const example = JSON.parse(readFileSync(join(__dirname, '../../../examples/log-hostedsuite-calls.json'), 'utf8')) as { nodes: INode[] };
const node = (name: string) => example.nodes.find((n) => n.name === name)!;
const settings = Object.fromEntries(
	(node('Settings').parameters.assignments as { assignments: Array<{ name: string; value: unknown }> }).assignments.map((a) => [a.name, a.value]),
);

/** The example's Log Call parameters, its time-zone expression (Settings' hostedSuiteTimeZone) resolved as n8n would. */
function logCallParameters(): INodeParameters {
	const p = JSON.parse(JSON.stringify(node('Log the call').parameters)) as INodeParameters & { options: IDataObject };
	expect(p.options.timeZone).toBe("={{ $('Settings').first().json.hostedSuiteTimeZone }}");
	p.options.timeZone = settings.hostedSuiteTimeZone as string;
	return p;
}

let fx: SandboxFixture;
let seededAt: number;
beforeAll(async () => (fx = await openSandbox()));
afterAll(async () => fx.sandbox.close());
beforeEach(() => {
	fx.sandbox.reset();
	fx.sandbox.hostedsuite.reset();
	seededAt = Date.now();
});

/** What the example's HTTP Request sends (login from the Custom Auth credential, the last lookBackMinutes), answered by the corner. */
async function listCalls(): Promise<IDataObject[]> {
	const hs = fx.sandbox.hostedsuite;
	const wallClock = (ms: number) => new Date(ms).toLocaleString('sv-SE', { timeZone: hs.timeZone });
	const res = await fetch(`${hs.baseUrl}/api/calls?format=json`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', accept: 'application/json' },
		body: JSON.stringify({
			CustomerName: hs.customerName,
			UserName: hs.userName,
			Password: hs.password,
			StartDate: wallClock(Date.now() - (settings.lookBackMinutes as number) * 60_000),
			EndDate: wallClock(Date.now()),
			ItemsPerPage: settings.itemsPerPage,
			SortDir: 'Asc',
		}),
	});
	expect(res.status).toBe(200);
	return (await res.json()) as IDataObject[];
}

/** PascalCase → camelCase at every level (Id → id, Interactions[].StartTime → startTime). */
function camelized(v: unknown): unknown {
	if (Array.isArray(v)) return v.map(camelized);
	if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k[0].toLowerCase() + k.slice(1), camelized(x)]));
	return v;
}

async function logAll(items: IDataObject[]) {
	// The workflow's zone is not the account's: the example's Time Zone option is what reads StartTime.
	const result = await runNode({ parameters: logCallParameters(), items, credential: fx.credential, timezone: 'UTC' });
	expect(result.error).toBeUndefined();
	return result.success.map((i) => i.json as Record<string, any>);
}

describe('examples/log-hostedsuite-calls.json: Log Call over the HostedSuite corner’s answer', () => {
	test('the window’s three calls: the known client on his open matter and billed, the unknown caller by name, the call back outbound; again: duplicates', async () => {
		const records = await listCalls();
		expect(records.map((r) => r.CallerName)).toEqual(['WEI CHEN', 'ALEX MORGAN', 'Aroha Ngata']);
		const before = { phone: fx.sandbox.store.count('phonerecords'), time: fx.sandbox.store.count('timeentries') };
		const outputs = await logAll(records);
		expect(fx.sandbox.hostedsuite.loggedInActionstep(outputs)).toEqual(fx.sandbox.hostedsuite.seededWindowLogged);
		// StartTime is Sydney's wall clock; the record keeps it with Sydney's offset: the call's real instant.
		const record = fx.sandbox.store.get('phonerecords', outputs[0].phoneRecord.id)!;
		expect(String(record.callTimestamp).slice(0, 19)).toBe(String(records[0].StartTime).replace(' ', 'T'));
		expect(Math.abs(Date.parse(String(record.callTimestamp)) - (seededAt - (12 * 60 + 457) * 1000))).toBeLessThan(3000);
		expect(fx.sandbox.store.count('phonerecords')).toBe(before.phone + 3);
		expect(fx.sandbox.store.count('timeentries')).toBe(before.time + 2);

		// The next poll's window overlaps this one: the same records come back.
		const again = await logAll(await listCalls());
		expect(again.map((o) => [o.status, o.phoneRecord?.id])).toEqual(outputs.map((o) => ['duplicate', o.phoneRecord.id]));
		expect(fx.sandbox.store.count('phonerecords')).toBe(before.phone + 3);
		expect(fx.sandbox.store.count('timeentries')).toBe(before.time + 2);
	});

	test('the same answer with camelCase keys logs the same records', async () => {
		const records = await listCalls();
		const pascal = await logAll(records);
		const calls = pascal.map((o) => o.call);
		fx.sandbox.reset();
		const camel = await logAll(camelized(records) as IDataObject[]);
		expect(fx.sandbox.hostedsuite.loggedInActionstep(camel)).toEqual(fx.sandbox.hostedsuite.seededWindowLogged);
		expect(camel.map((o) => o.call)).toEqual(calls);
	});
});
