/** The transport's public surface: everything that knows Actionstep's URLs, envelope, paging, retries and errors. */
export { actionstepRequest, encodeQuery, pathOf, CREDENTIAL_TYPE } from './request';
export type { ActionstepContext, ActionstepRequest, ActionstepResponse } from './request';
export { fetchAll, fetchPage, mapWithConcurrency, MAX_PAGE_SIZE, DEFAULT_PAGE_CONCURRENCY } from './paging';
export type { ListRequest, Page, FetchAllOptions } from './paging';
export { unwrapRecords, wrapBody, normaliseRecord } from './envelope';
export { toNodeApiError } from './errors';
export { resolveRestBaseUrl } from './baseUrl';
export { getRecord, createRecord, updateRecord, deleteRecord } from './records';
export { configureRequests, MAX_IN_FLIGHT, overrideRequestControls, startExecution } from './execution';
export { AdaptiveLimiter } from './limiter';
export { DEFAULT_RETRY_POLICY } from './retry';
export type { RetryPolicy } from './retry';
