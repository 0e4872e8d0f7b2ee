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
