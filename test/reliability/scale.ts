/** `npm test` runs the reliability suites small; `npm run test:reliability` sets RELIABILITY_FULL=1 for the sizes the report quotes. */
export const FULL = process.env.RELIABILITY_FULL === '1';
export const CREATE_ITEMS = FULL ? 300 : 40;
export const GET_MANY_PAGES = FULL ? 10 : 3;
export const LOG_CALL_EVENTS = FULL ? 100 : 8;
