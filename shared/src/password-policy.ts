/**
 * The one password policy (ASVS V2.1): length, not composition rules. The server enforces it on
 * every path that sets a password (enrolment, change); the console shows the same bounds.
 */
export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 200;

/** An enrolment link's lifetime: it works once, within this time. */
export const ENROLMENT_LINK_HOURS = 24;
