/**
 * Answers worth asking Actionstep once per execution (the connected user, a number's participants, a
 * participant's matters): every item of one run shares the pending answer, and a failed one is asked
 * again by the next item. Keyed on the execution's context object, so nothing outlives the run.
 */
const buckets = new WeakMap<object, Map<string, Promise<unknown>>>();

export async function oncePerExecution<T>(ctx: object, key: string, load: () => Promise<T>): Promise<T> {
	let answers = buckets.get(ctx);
	if (!answers) {
		answers = new Map();
		buckets.set(ctx, answers);
	}
	let pending = answers.get(key) as Promise<T> | undefined;
	if (!pending) {
		pending = load();
		answers.set(key, pending);
		pending.catch(() => answers.delete(key));
	}
	return await pending;
}
