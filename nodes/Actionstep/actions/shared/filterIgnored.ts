/** An inferred filter the tenant did not honour (a row came back that does not satisfy it): the lookup cannot be trusted. */
export class FilterIgnoredError extends Error {
	constructor(
		readonly filter: string,
		detail: string,
	) {
		super(`Actionstep ignored the ${filter} filter (${detail})`);
	}
}
