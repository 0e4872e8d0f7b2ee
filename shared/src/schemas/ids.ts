import { z } from 'zod';

/**
 * Ids, references and versions are 32-bit INTEGER columns on PostgreSQL: a larger value in a body
 * cannot name a row, and compared with such a column it makes PostgreSQL fail the statement. The
 * bound is checked where the body is read, as for every other column's size.
 */
export const INT32_MAX = 2 ** 31 - 1;

/** The id of a row another body field refers to. */
export const RecordId = z.number().int().positive().max(INT32_MAX);
