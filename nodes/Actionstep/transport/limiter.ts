import { sleep } from 'n8n-workflow';

/**
 * One budget of requests in flight per node execution, shared by paging and by items processed in
 * parallel. Actionstep rate-limits per user: on a 429 the budget halves (down to one request at a
 * time) and nothing is sent until the wait Actionstep asked for has passed — otherwise the other
 * requests spend the window while one sleeps, and it can lose every race. The budget grows back by one
 * after each run of successes, so speed never comes from ignoring 429s.
 */
export class AdaptiveLimiter {
	protected inFlight = 0;
	private successes = 0;
	private pausedUntil = 0;
	private readonly waiting: Array<() => void> = [];

	constructor(
		protected limit: number,
		private readonly max: number,
	) {}

	get currentLimit(): number {
		return this.limit;
	}

	async acquire(): Promise<void> {
		await this.waitOutPause();
		if (this.inFlight < this.limit) this.inFlight++;
		else await new Promise<void>((resolve) => this.waiting.push(resolve));
		// A pause that began while this request queued still applies to it.
		await this.waitOutPause();
	}

	private async waitOutPause(): Promise<void> {
		for (let wait = this.pausedUntil - Date.now(); wait > 0; wait = this.pausedUntil - Date.now()) {
			await sleep(wait);
		}
	}

	release(): void {
		const next = this.inFlight <= this.limit ? this.waiting.shift() : undefined;
		if (next) next();
		else this.inFlight--;
	}

	/** @param waitMs how long Actionstep asked everyone to wait (Retry-After, or our backoff). */
	rateLimited(waitMs: number): void {
		this.limit = this.reducedLimit();
		this.successes = 0;
		this.pausedUntil = Math.max(this.pausedUntil, Date.now() + waitMs);
	}

	/** The budget after a 429: half of it, at least one. A subclass may weigh it otherwise (the benchmark's prototypes do). */
	protected reducedLimit(): number {
		return Math.max(1, Math.floor(this.limit / 2));
	}

	succeeded(): void {
		if (this.limit >= this.max) return;
		if (++this.successes >= this.limit * 4) {
			this.limit++;
			this.successes = 0;
		}
	}
}
