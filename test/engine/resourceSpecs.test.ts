/** One spec per resource: the node, the router and the transport read the same list, and no generic layer names a resource. */
import { readFileSync } from 'node:fs';
import path from 'node:path';

import { RESOURCE_MODULES } from '../../nodes/Actionstep/actions/registry';
import { RESOURCE_SPECS } from '../../nodes/Actionstep/actions/specs';
import { Actionstep } from '../../nodes/Actionstep/Actionstep.node';
import { describeFailure } from '../../nodes/Actionstep/transport/errors';

test('every resource of the node has a spec and operations, and nothing else is offered', () => {
	const offered = new Actionstep().description.properties.find((p) => p.name === 'resource')?.options?.map((o) => (o as { value: string }).value);
	expect([...(offered ?? [])].sort()).toEqual(RESOURCE_SPECS.map((s) => s.resource).sort());
	expect(Object.keys(RESOURCE_MODULES).sort()).toEqual(RESOURCE_SPECS.map((s) => s.resource).sort());
});

test.each(['actions/router.ts', 'helpers/createdRecord.ts', 'transport/errors.ts', 'transport/records.ts', 'Actionstep.node.ts'])(
	'%s names no resource or collection',
	(file) => {
		const source = readFileSync(path.resolve(__dirname, '../../nodes/Actionstep', file), 'utf8');
		for (const spec of RESOURCE_SPECS) {
			expect(source).not.toContain(`'${spec.collection}'`);
			expect(source).not.toContain(`'${spec.idParameter}'`);
		}
	},
);

test("a collection's error hint comes from its spec", () => {
	const refused = describeFailure({ status: 400 }, { method: 'POST', path: 'phonerecords' });
	expect(refused.description).toContain('enable "Phone Calls"');
	expect(describeFailure({ status: 400 }, { method: 'POST', path: 'tasks' }).description).toBe('Check the values named in the message.');
});
