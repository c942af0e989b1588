/**
 * One budget of requests in flight per node execution, shared by paging and by items processed in
 * parallel. Actionstep rate-limits per user: on a 429 the budget halves (down to one request at a
 * time), and it grows back by one after each run of successes, so speed never comes from ignoring 429s.
 */
export class AdaptiveLimiter {
	private inFlight = 0;
	private successes = 0;
	private readonly waiting: Array<() => void> = [];

	constructor(
		private limit: number,
		private readonly max: number,
	) {}

	get currentLimit(): number {
		return this.limit;
	}

	async acquire(): Promise<void> {
		if (this.inFlight < this.limit) {
			this.inFlight++;
			return;
		}
		await new Promise<void>((resolve) => this.waiting.push(resolve));
	}

	release(): void {
		const next = this.inFlight <= this.limit ? this.waiting.shift() : undefined;
		if (next) next();
		else this.inFlight--;
	}

	rateLimited(): void {
		this.limit = Math.max(1, Math.floor(this.limit / 2));
		this.successes = 0;
	}

	succeeded(): void {
		if (this.limit >= this.max) return;
		if (++this.successes >= this.limit * 4) {
			this.limit++;
			this.successes = 0;
		}
	}
}
