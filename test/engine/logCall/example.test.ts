/** The worked example in docs/LOG-CALL.md, run as written: its event in, its record and time entry out. */
import { readFileSync } from 'fs';
import { join } from 'path';
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { runNode } from '../../harness/engine';
import { openSandbox } from '../../harness/sandbox';
import type { SandboxFixture } from '../../harness/sandbox';
import { logOf } from '../../harness/workflow';
import { markedKeys, withMarkerShown } from './fixtures';

const doc = readFileSync(join(__dirname, '../../../docs/LOG-CALL.md'), 'utf8');

/** The JSON code blocks of the page, in order. */
const blocks = [...doc.matchAll(/```json\n([\s\S]*?)```/g)].map((m) => JSON.parse(m[1]) as IDataObject);
const [parameters, event, phoneRecord, timeEntry, output, repeat] = blocks;

let fx: SandboxFixture;
beforeAll(async () => (fx = await openSandbox()));
afterAll(async () => fx.sandbox.close());

test('the page has its six JSON blocks', () => {
	expect(blocks).toHaveLength(6);
	expect(parameters.operation).toBe('logCall');
});

test('the example event gives the record, time entry, output and requests the page shows; sent again, a duplicate', async () => {
	const result = await runNode({ parameters: parameters as INodeParameters, items: [event], credential: fx.credential });
	expect(result.error).toBeUndefined();
	const json = result.success[0].json;
	// The marker's time and tag differ on every run: compared as <marker KEY>, and its tag checked for real.
	const shownRecord = (r: IDataObject) => ({ ...r, notes: withMarkerShown(r.notes) });
	expect(shownRecord(json.phoneRecord as IDataObject)).toEqual(shownRecord(phoneRecord));
	expect(markedKeys((json.phoneRecord as IDataObject).notes, fx.credential)).toEqual([(output.call as IDataObject).identity]);
	expect(json.timeEntry).toMatchObject(timeEntry);
	const { phoneRecord: _p, participant, matter, timeEntry: _t, ...rest } = output;
	expect(json).toMatchObject(rest);
	expect(json.participant).toMatchObject({ id: (participant as IDataObject).id, displayName: (participant as IDataObject).displayName });
	expect(json.matter).toMatchObject({ id: (matter as IDataObject).id, name: (matter as IDataObject).name });

	const shown = [...doc.matchAll(/^(GET|POST) +(.+?)(?= {2,}|$)/gm)].map((m) => `${m[1]} ${m[2].replace(/&fields=.*$/, '')}`);
	const sent = logOf(fx.sandbox).map((r) => {
		const query = decodeURIComponent(r.rawQuery).replace(/&?(sort=id|page=\d+|pageSize=\d+)/g, '').replace(/&fields=.*$/, '');
		const path = r.path.replace('/api/rest/', '');
		return `${r.method} ${path}${query ? `?${query.replace(/^&/, '')}` : ''}`;
	});
	expect(sent).toEqual(shown);

	const again = await runNode({ parameters: parameters as INodeParameters, items: [event], credential: fx.credential });
	expect(again.success[0].json).toMatchObject(repeat);
});
