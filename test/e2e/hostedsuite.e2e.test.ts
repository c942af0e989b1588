/**
 * examples/log-hostedsuite-calls.json in real n8n 2.41.1: HostedSuite has no webhook, so the example polls its v2
 * call-record service (POST /api/calls, ListCallRecordsRequest) with the login injected into the JSON body by n8n's
 * Custom Auth credential, pages with Page/ItemsPerPage, and logs each CallRecordInfo with Log Call. Here its
 * HostedSuite is the sandbox's HostedSuite corner (only Settings changes, as a user edits it) and its Actionstep the
 * sandbox. n8n runs in UTC: the account's zone comes from the example's own setting, not the workflow's.
 *
 * `n8n execute --id` starts the workflow from its "Sync now" Manual Trigger (the Schedule Trigger runs the same
 * nodes). No `n8n start` needed.
 */
import type { IDataObject } from 'n8n-workflow';
import {
	cleanupTemp,
	demoLib as demo,
	executeWorkflow,
	nodeJson,
	runError,
	startActionstepSandbox,
	type ExampleFile,
	type SandboxHandle,
	userFolderWithThisPackage,
} from './helpers';

const ENV = { GENERIC_TIMEZONE: 'UTC' };
const X = demo.EXAMPLES.hostedsuite;
const HERE = 'asExHsCallsE2e01';
const WRONG_LOGIN = 'asExHsWrongLogin';
const CREDENTIAL = { id: 'hostedsuite-credential', name: 'HostedSuite login' };

/** n8n's Custom Auth credential as the example's sticky note says to fill it: the login goes into every JSON body. */
const customAuth = (id: string, name: string, login: Record<string, string>) => ({ id, name, type: 'httpCustomAuth', data: { json: JSON.stringify({ body: login }) } });

describe('the HostedSuite example in real n8n against the sandbox', () => {
	let sandbox: SandboxHandle;
	let userFolder: string;

	const execute = async (id: string) => {
		const r = await executeWorkflow(userFolder, id, { env: ENV });
		if (!r.run) throw new Error(`execute --id=${id} printed no run (exit ${r.code}):\n${(r.stdout + r.stderr).slice(-3000)}`);
		return { ...r, run: r.run };
	};
	beforeAll(async () => {
		userFolder = await userFolderWithThisPackage();
		sandbox = await startActionstepSandbox();
		const hs = sandbox.hostedsuite;
		const example = demo.loadExamples().find((e: ExampleFile) => e.file === X.file)!.workflow as IDataObject;
		const wrong = demo.withSettings(example, { hostedSuiteServer: hs.baseUrl }, { id: WRONG_LOGIN }) as { nodes: IDataObject[] };
		wrong.nodes.find((n) => n.name === 'Read the call records')!.credentials = { httpCustomAuth: { id: 'hostedsuite-wrong', name: 'HostedSuite wrong login' } };
		await demo.importIntoUserFolder(userFolder, {
			credentials: [
				demo.sandboxCredentialFor(sandbox, await sandbox.issueToken({})),
				customAuth(CREDENTIAL.id, CREDENTIAL.name, { CustomerName: hs.customerName, UserName: hs.userName, Password: hs.password }),
				customAuth('hostedsuite-wrong', 'HostedSuite wrong login', { CustomerName: hs.customerName, UserName: hs.userName, Password: 'not-the-password' }),
			],
			// As shipped, and pointed at the corner with 2 records a page so that the third call is on page 2.
			workflows: [example, demo.withSettings(example, { hostedSuiteServer: hs.baseUrl, itemsPerPage: 2 }, { id: HERE }), wrong],
		});
	});

	afterAll(async () => {
		if (sandbox) await sandbox.close();
		cleanupTemp(userFolder);
	});

	test('as shipped it reads HostedSuite through the Custom Auth credential', () => {
		const example = demo.loadExamples().find((e: ExampleFile) => e.file === X.file)!.workflow;
		expect(example.id).toBe(X.id);
		const read = example.nodes.find((n: { name: string }) => n.name === 'Read the call records')!;
		expect(read.credentials).toEqual({ httpCustomAuth: CREDENTIAL });
	});

	test('one poll: two pages of call records, each logged on its participant and matter with the talk time; the next, overlapping poll logs nothing twice', async () => {
		const hs = sandbox.hostedsuite;
		hs.reset();
		const seededAt = Date.now();
		const before = { phone: sandbox.store.count('phonerecords'), time: sandbox.store.count('timeentries') };

		const r = await execute(HERE);
		expect({ code: r.code, status: r.run.status, error: runError(r.run)?.message }).toEqual({ code: 0, status: 'success', error: undefined });
		// Page 1 (2 records), page 2 (1 record, short: the last), each a POST with the login and the window in the body.
		expect(hs.requests().map((q) => ({ method: q.method, path: q.path, status: q.status, page: q.body?.Page, perPage: q.body?.ItemsPerPage }))).toEqual([
			{ method: 'POST', path: '/api/calls', status: 200, page: 1, perPage: 2 },
			{ method: 'POST', path: '/api/calls', status: 200, page: 2, perPage: 2 },
		]);
		const sent = hs.requests()[0].body!;
		expect(sent).toMatchObject({ CustomerName: hs.customerName, UserName: hs.userName, SortDir: 'Asc' });
		expect(sent.StartDate).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
		const read = nodeJson(r.run, 'Read the call records');
		expect(read.map((c) => c.CallerName)).toEqual(['WEI CHEN', 'ALEX MORGAN', 'Aroha Ngata']);

		const outputs = nodeJson(r.run, 'Log the call') as Array<Record<string, any>>;
		expect(outputs.map((o) => o.call?.source)).toEqual(['hostedsuite', 'hostedsuite', 'hostedsuite']);
		expect(sandbox.hostedsuite.loggedInActionstep(outputs)).toEqual(sandbox.hostedsuite.seededWindowLogged);
		// StartTime is the account's (Sydney) wall clock; n8n runs in UTC: the record is the call's real instant.
		const callTimestamp = String(sandbox.store.get('phonerecords', outputs[0].phoneRecord.id)!.callTimestamp);
		expect(callTimestamp.slice(0, 19)).toBe(String(read[0].StartTime).replace(' ', 'T'));
		expect(Math.abs(Date.parse(callTimestamp) - (seededAt - (12 * 60 + 457) * 1000))).toBeLessThan(3000);
		// Michael Smith's call three hours ago is outside the window.
		expect(sandbox.store.count('phonerecords')).toBe(before.phone + 3);
		expect(sandbox.store.count('timeentries')).toBe(before.time + 2);

		const again = await execute(HERE);
		expect(again.run.status).toBe('success');
		expect((nodeJson(again.run, 'Log the call') as Array<Record<string, any>>).map((o) => [o.status, o.phoneRecord?.id])).toEqual(
			outputs.map((o) => ['duplicate', o.phoneRecord.id]),
		);
		expect(sandbox.store.count('phonerecords')).toBe(before.phone + 3);
		expect(sandbox.store.count('timeentries')).toBe(before.time + 2);
	});

	test('a wrong login: HostedSuite’s 401 stops the run before Log Call, nothing is written, the password is not printed', async () => {
		const hs = sandbox.hostedsuite;
		hs.reset();
		const records = sandbox.store.count('phonerecords');
		const r = await execute(WRONG_LOGIN);
		expect(r.run.status).toBe('error');
		expect(runError(r.run, 'Read the call records')?.message).toMatch(/401|authori[sz]/i);
		expect(() => nodeJson(r.run, 'Log the call')).toThrow();
		expect(hs.requests().map((q) => q.status)).toEqual([401]);
		expect(sandbox.store.count('phonerecords')).toBe(records);
		expect(r.stdout + r.stderr).not.toContain('not-the-password');
	});
});
