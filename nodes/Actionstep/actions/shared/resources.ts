import { phoneRecordSpec } from '../phoneRecord/spec';
import { timeEntrySpec } from '../timeEntry/spec';

/** Actionstep collection names (also the envelope keys of their bodies), from the resources' specs. */
export const PHONE_RECORDS = phoneRecordSpec.collection;
export const TIME_ENTRIES = timeEntrySpec.collection;
