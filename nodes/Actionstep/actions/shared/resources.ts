/** Actionstep collection names (also the envelope keys of their bodies). */
export const PHONE_RECORDS = 'phonerecords';
export const TIME_ENTRIES = 'timeentries';
