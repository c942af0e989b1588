/**
 * The sandbox's resources come from one list (RecordMap in sandbox/types.ts, the registry in
 * sandbox/resources/index.ts): everything that walks the collections — the store, the data file, the
 * REST router — follows the registry, and each definition is filed under its own name.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { startSandbox } from '../../sandbox';
import { RESOURCE_NAMES, RESOURCES } from '../../sandbox/resources';

const dir = mkdtempSync(join(tmpdir(), 'actionstep-sandbox-resources-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

test('each definition is filed under its own name, and the names are the registry’s keys', () => {
	expect(RESOURCE_NAMES).toEqual(Object.keys(RESOURCES));
	for (const name of RESOURCE_NAMES) expect(RESOURCES[name].name).toBe(name);
});

test('the store holds, and the data file saves, exactly the registry’s collections', async () => {
	const file = join(dir, 'sandbox.json');
	const sb = await startSandbox({ port: 0, quiet: true, dataFile: file });
	try {
		for (const name of RESOURCE_NAMES) expect(() => sb.store.count(name)).not.toThrow();
		const saved = JSON.parse(readFileSync(file, 'utf8')) as { store: { records: Record<string, unknown[]>; nextIds: Record<string, number> } };
		expect(Object.keys(saved.store.records).sort()).toEqual([...RESOURCE_NAMES].sort());
		expect(Object.keys(saved.store.nextIds).sort()).toEqual([...RESOURCE_NAMES].sort());
	} finally {
		await sb.close();
	}
});
