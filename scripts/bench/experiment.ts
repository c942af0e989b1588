/**
 * `--experiment a,b`: prototypes of the changes docs/PERFORMANCE.md weighs for the node's 429 handling, run
 * through the transport's seam for them (overrideRequestControls) by a bench-only variant of the node, so the
 * same scenarios can be measured with and without them; nothing the node ships is changed or overwritten.
 *   time-budget      a 429 is retried until the 120 s wait budget is spent, not given up after 12 attempts
 *   halve-in-flight  a 429 halves what was really in flight, not the nominal budget of 16
 * (The third prototype, 'pause' — nobody starts a request until the Retry-After has passed — is what the
 * node does since 2a316f6.)
 */
import type { IExecuteFunctions, INodeExecutionData, INodeType } from 'n8n-workflow';

import { Actionstep } from '../../nodes/Actionstep/Actionstep.node';
import { AdaptiveLimiter, DEFAULT_RETRY_POLICY, MAX_IN_FLIGHT, overrideRequestControls } from '../../nodes/Actionstep/transport';
import type { RetryPolicy } from '../../nodes/Actionstep/transport';

export const EXPERIMENTS = ['time-budget', 'halve-in-flight'] as const;
export type Experiment = (typeof EXPERIMENTS)[number];

/** halve-in-flight: on a 429 the budget becomes half of what was really in flight. */
class InFlightHalvingLimiter extends AdaptiveLimiter {
	protected override reducedLimit(): number {
		// release() ran before rateLimited(): the refused request is no longer counted in inFlight.
		return Math.max(1, Math.floor(Math.min(this.limit, this.inFlight + 1) / 2));
	}
}

/** time-budget: the 429 attempt limit out of the way, so only the total wait ends the retries. */
const TIME_BUDGET_POLICY: RetryPolicy = { ...DEFAULT_RETRY_POLICY, maxRateLimitedAttempts: Number.MAX_SAFE_INTEGER };

/** The Actionstep node with `experiments` applied to each of its executions' requests. */
export function actionstepWithExperiments(experiments: readonly Experiment[]): () => INodeType {
	const controls = () => ({
		...(experiments.includes('halve-in-flight') ? { limiter: new InFlightHalvingLimiter(MAX_IN_FLIGHT, MAX_IN_FLIGHT) } : {}),
		...(experiments.includes('time-budget') ? { retryPolicy: TIME_BUDGET_POLICY } : {}),
	});
	class ActionstepWithExperiments extends Actionstep {
		// n8n calls execute with the execution's context as `this`: the seam's key, one set of controls each.
		override async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
			overrideRequestControls(this, controls());
			return await Actionstep.prototype.execute.call(this);
		}
	}
	return () => new ActionstepWithExperiments();
}
