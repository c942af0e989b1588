/**
 * Every collection the sandbox serves, in its default fieldset and with every field asked for, with every
 * link included (`linked`), and one record by id (the bare-object form), validates against Actionstep's
 * official OpenAPI schemas. A collection the sandbox serves must be in CONTRACTS or UNDESCRIBED.
 */
import { RESOURCES } from '../../sandbox/resources';
import type { ResourceDef } from '../../sandbox/resources/types';
import { openSandbox, type SandboxFixture } from '../harness/sandbox';
import { sandboxRest } from '../harness/workflow';
import { checkCollectionBody } from './envelope';
import { CONTRACTS, UNDESCRIBED } from './openapi';
import { formatViolations } from './schemaCheck';

let fx: SandboxFixture;
beforeAll(async () => {
	// Some extra phone records so that every optional field the seed leaves out also shows up.
	fx = await openSandbox({ seedPhoneRecords: 40 });
	// REST hooks exist only once a client registers them: one active, one disabled.
	for (const eventName of ['TaskCreated', 'TimeEntryCreated']) {
		const res = await sandboxRest(fx.sandbox, fx.credential, 'POST', 'resthooks', { resthooks: { eventName, targetUrl: 'http://127.0.0.1:9/hook' } });
		expect(res.status).toBe(200);
	}
	const disabled = await sandboxRest(fx.sandbox, fx.credential, 'PUT', 'resthooks/2', { resthooks: { status: 'Disabled' } });
	expect(disabled.status).toBe(200);
});
afterAll(async () => fx.sandbox.close());

const served = Object.values(RESOURCES).filter((def) => def.operations.includes('list'));
const checked = served.filter((def) => !UNDESCRIBED[def.name]);

function everyField(def: ResourceDef): string {
	return ['id', ...def.fields.map((f) => f.name), ...def.links.map((l) => l.name)].join(',');
}

async function get(path: string): Promise<unknown> {
	const res = await sandboxRest(fx.sandbox, fx.credential, 'GET', path);
	expect(`${path} → ${res.status}`).toBe(`${path} → 200`);
	return res.json;
}

test('every collection the sandbox serves has an OpenAPI contract (or a stated reason why not)', () => {
	const missing = served.map((d) => d.name).filter((name) => !CONTRACTS[name] && !UNDESCRIBED[name]);
	expect(missing).toEqual([]);
	expect(checked.length).toBeGreaterThanOrEqual(6);
});

describe.each(checked.map((def) => [def.name, def] as const))('%s', (name, def) => {
	const include = def.links.map((l) => l.name).join(',');
	const includeQuery = include ? `include=${include}` : '';

	test('the default fieldset, with every link included, matches the schema; records and linked records were served', async () => {
		const { violations, records } = checkCollectionBody(name, await get(`${name}?pageSize=200&${includeQuery}`));
		expect(formatViolations(violations)).toBe('');
		expect(records[name]).toBeGreaterThan(0);
		for (const link of def.links) {
			if (link.resource === name || UNDESCRIBED[link.resource]) continue;
			expect(`linked ${link.resource}: ${(records[`linked ${link.resource}`] ?? 0) > 0 ? 'served' : 'none'}`).toBe(`linked ${link.resource}: served`);
		}
	});

	test('every field asked for by name matches the schema', async () => {
		const { violations, records } = checkCollectionBody(name, await get(`${name}?pageSize=200&fields=${everyField(def)}`));
		expect(formatViolations(violations)).toBe('');
		expect(records[name]).toBeGreaterThan(0);
	});

	test('one record by id (a bare object) matches the schema', async () => {
		// The id as the API shows it (a composite id such as 2001--6--105 for actionparticipants).
		const page = (await get(`${name}?pageSize=1`)) as Record<string, Array<{ id: unknown }> | { id: unknown }>;
		const listed = page[name];
		const id = String((Array.isArray(listed) ? listed[0] : listed).id);
		const { violations, records } = checkCollectionBody(name, await get(`${name}/${id}?${includeQuery}`));
		expect(formatViolations(violations)).toBe('');
		expect(records[name]).toBe(1);
	});
});
