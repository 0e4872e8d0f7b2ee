/** Free-text fields shared by the request bodies. */
import { z } from 'zod';

export const NOTE_MAX_LENGTH = 2000;

/** Free text for a person to read: blank is refused, surrounding spaces are dropped. */
export const NoteText = z.string().trim().min(1, 'Must not be empty').max(NOTE_MAX_LENGTH);

/**
 * Optional free text: missing, `null` or blank all mean "none given" (React-Admin sends `null`
 * for an emptied input), and come out as `undefined`.
 */
export const OptionalNoteText = z
  .string()
  .trim()
  .max(NOTE_MAX_LENGTH)
  .nullish()
  .transform((text) => (text ? text : undefined));

/** What an e-mail column holds (RFC 5321's limit on a path). */
export const EMAIL_MAX_LENGTH = 254;

/**
 * An e-mail address as it is compared, stored and counted: trimmed and lower-cased. Lower-casing
 * can lengthen it ('İ' becomes 'i̇', two code units), so a column's limit is checked on this form,
 * never on what was typed.
 */
export const normaliseEmail = (email: string): string => email.trim().toLowerCase();
