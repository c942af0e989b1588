/**
 * A phone system is one file and one registry line: the source modules are imported by the registry alone,
 * the Source option lists exactly the registry, and a module added to the registry is read by Detect
 * Automatically in the engine with nothing else changed.
 */
import { readdirSync, readFileSync } from 'fs';
import { join, relative } from 'path';
import type { IDataObject } from 'n8n-workflow';

import { properties } from '../../../nodes/Actionstep/actions/phoneRecord/logCall/description';
import { parseCallTime } from '../../../nodes/Actionstep/actions/phoneRecord/logCall/rules/callTime';
import { AUTO_SOURCE, CALL_SOURCES } from '../../../nodes/Actionstep/actions/phoneRecord/logCall/sources';
import { pick, secondsOf, text } from '../../../nodes/Actionstep/actions/phoneRecord/logCall/sources/read';
import type { CallSourceModule } from '../../../nodes/Actionstep/actions/phoneRecord/logCall/sources/types';
import { runNode } from '../../harness/engine';
import { openSandbox } from '../../harness/sandbox';
import type { SandboxFixture } from '../../harness/sandbox';
import { logCallParams, markedKeys } from './fixtures';

const NODE = join(__dirname, '../../../nodes');
const SOURCES = join(NODE, 'Actionstep/actions/phoneRecord/logCall/sources');
const SHARED = new Set(['index.ts', 'types.ts', 'read.ts']);

function tsFiles(dir: string): string[] {
	return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? tsFiles(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []));
}

test('each phone system is one module file, imported by the registry alone, and listed in it once', () => {
	const modules = readdirSync(SOURCES).filter((f) => f.endsWith('.ts') && !SHARED.has(f));
	expect(modules.length).toBe(CALL_SOURCES.length);
	for (const file of modules) {
		const name = file.replace(/\.ts$/, '');
		const importers = tsFiles(NODE).filter((f) => new RegExp(`from '(\\./|[^']*/sources/)${name}'`).test(readFileSync(f, 'utf8')));
		// The registry, and (for Generic) the plan that names its mapped parameters.
		expect(importers.map((f) => relative(SOURCES, f)).filter((f) => f !== 'index.ts' && !(name === 'generic' && /steps\/plan\.ts|description\.ts/.test(f)))).toEqual([]);
	}
	expect(new Set(CALL_SOURCES.map((s) => s.id)).size).toBe(CALL_SOURCES.length);
});

test('the Source option is the registry: Detect Automatically (the default), then every module', () => {
	const source = properties.find((p) => p.name === 'source')!;
	expect(source.default).toBe(AUTO_SOURCE);
	expect((source.options as Array<{ value: string }>).map((o) => o.value).sort()).toEqual([AUTO_SOURCE, ...CALL_SOURCES.map((s) => s.id)].sort());
});

test('docs/LOG-CALL.md has a section for every phone system in the registry (a new one fails here until documented)', () => {
	const doc = readFileSync(join(__dirname, '../../../docs/LOG-CALL.md'), 'utf8');
	const headings = [...doc.matchAll(/^#{1,3} (.+)$/gm)].map((m) => m[1]);
	for (const source of CALL_SOURCES) {
		const name = source.name.replace(/ \(.*\)$/, '');
		expect(`${source.id}: ${headings.some((h) => h.includes(name)) ? 'documented' : 'missing'}`).toBe(`${source.id}: documented`);
	}
});

describe('adding a phone system', () => {
	/** A made-up system, written as a new source file would be. */
	const acme: CallSourceModule = {
		id: 'acme',
		name: 'Acme PBX',
		description: 'Acme PBX call-detail records',
		recognises: (obj) => obj.acmeCallRef !== undefined,
		read(r, context) {
			return {
				call: {
					source: 'acme',
					kind: 'Acme call-detail record',
					callId: text(pick(r, 'acmeCallRef')),
					direction: pick(r, 'leg') === 'OUT' ? 'out' : 'in',
					phase: 'finished',
					start: parseCallTime(pick(r, 'began'), context.timeZone),
					durationSeconds: secondsOf(pick(r, 'secs'), 'callData'),
					otherNumber: text(pick(r, 'cli')),
					result: text(pick(r, 'disposition')),
				},
			};
		},
	};

	let fx: SandboxFixture;
	beforeAll(async () => {
		fx = await openSandbox();
		CALL_SOURCES.splice(CALL_SOURCES.length - 1, 0, acme);
	});
	afterAll(async () => {
		CALL_SOURCES.splice(CALL_SOURCES.indexOf(acme), 1);
		await fx.sandbox.close();
	});

	test('one registry line and Detect Automatically logs its calls, with matching, marker and outcome as for any other', async () => {
		const event = { acmeCallRef: 'AC-99', leg: 'IN', began: '2026-03-02T22:30:05Z', secs: '361', cli: '0491 570 111', disposition: 'ANSWERED' };
		const result = await runNode({ parameters: logCallParams({ source: 'auto' }), items: [{ body: event }], credential: fx.credential });
		expect(result.error).toBeUndefined();
		const json = result.success[0].json;
		expect(json).toMatchObject({
			status: 'created',
			participant: { id: 106 },
			call: { source: 'acme', kind: 'Acme call-detail record', durationSeconds: 361 },
			phoneRecord: { outcome: 'Call completed', actualHours: 0.1 },
			decisions: { source: 'detected: Acme PBX' },
		});
		expect(markedKeys((json.phoneRecord as IDataObject).notes, fx.credential)).toEqual(['acme:AC-99']);
	});
});
