import { runNode } from '../harness/engine';
import { openSandbox } from '../harness/sandbox';
import type { SandboxFixture } from '../harness/sandbox';

let fx: SandboxFixture;
beforeAll(async () => (fx = await openSandbox()));
afterAll(async () => fx.sandbox.close());

test('get a phone record through the real engine', async () => {
	const result = await runNode({
		parameters: { resource: 'phoneRecord', operation: 'get', phoneRecordId: '5001' },
		credential: fx.credential,
	});
	expect(result.success[0].json.id).toBe(5001);
});
