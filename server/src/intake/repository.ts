import { QueryTypes, type Transaction } from 'sequelize';
import type { AppContext } from '../platform/context';
import type { RateLimitHitRecord } from '../platform/db/records';

/**
 * What the intake API reads and writes itself: the rate limit's counters (rate_limit_hits, one
 * row per caller per minute). The customer a request names and the changes an intake call makes
 * belong to the other components, which do their own data access.
 */

/** Counts one more call of `bucket` in the minute `windowStart` (an upsert: the row is made at 1). */
export async function bumpCallCount(ctx: AppContext, tx: Transaction, bucket: string, windowStart: number): Promise<void> {
  await ctx.db.sequelize.query(
    `INSERT INTO rate_limit_hits (bucket, window_start, hits) VALUES (:bucket, :windowStart, 1)
     ON CONFLICT (bucket, window_start) DO UPDATE SET hits = rate_limit_hits.hits + 1`,
    { replacements: { bucket, windowStart }, transaction: tx },
  );
}

/** The calls of `bucket` counted in the minute `windowStart`, or null when there is no row. */
export async function findCallCount(ctx: AppContext, tx: Transaction, bucket: string, windowStart: number): Promise<number | null> {
  const rows = await ctx.db.sequelize.query<Pick<RateLimitHitRecord, 'hits'>>('SELECT hits FROM rate_limit_hits WHERE bucket = :bucket AND window_start = :windowStart', {
    replacements: { bucket, windowStart }, type: QueryTypes.SELECT, transaction: tx,
  });
  return rows[0] ? Number(rows[0].hits) : null;
}

/** Drops every caller's counts of the minutes before `windowStart`. */
export async function dropCallCountsBefore(ctx: AppContext, tx: Transaction, windowStart: number): Promise<void> {
  await ctx.db.sequelize.query('DELETE FROM rate_limit_hits WHERE window_start < :old', {
    replacements: { old: windowStart },
    transaction: tx,
  });
}
