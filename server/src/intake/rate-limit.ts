import { createHash } from 'node:crypto';
import type { Request } from 'express';
import type { AppContext } from '../platform/context';
import { AppError } from '../platform/errors';
import { getCachedSetting } from '../platform/settings-store';

const MINUTE = 60_000;

/** The calling system, by a hash of its bearer key: the key itself is never stored. */
export const intakeCaller = (req: Request) =>
  createHash('sha256').update(req.get('authorization') ?? '').digest('hex').slice(0, 16);

/**
 * Counts one call of this caller in the current minute and answers how many it has made.
 * The count lives in the database (one row per caller per minute, bumped by an upsert),
 * so every instance behind the load balancer counts against the same limit. Rows of past
 * minutes are dropped when a caller opens a new minute.
 */
export async function countCall(ctx: AppContext, bucket: string, at = Date.now()): Promise<number> {
  const windowStart = Math.floor(at / MINUTE);
  return ctx.db.transaction(async (tx) => {
    // Two statements rather than RETURNING, which Sequelize's SQLite dialect does not hand back;
    // the upsert holds the row (PostgreSQL) or the write lock (SQLite) until the commit.
    await ctx.db.sequelize.query(
      `INSERT INTO rate_limit_hits (bucket, window_start, hits) VALUES (:bucket, :windowStart, 1)
       ON CONFLICT (bucket, window_start) DO UPDATE SET hits = rate_limit_hits.hits + 1`,
      { replacements: { bucket, windowStart }, transaction: tx },
    );
    const rows = (await ctx.db.sequelize.query('SELECT hits FROM rate_limit_hits WHERE bucket = :bucket AND window_start = :windowStart', {
      replacements: { bucket, windowStart }, type: 'SELECT', transaction: tx,
    })) as { hits: number | string }[];
    const hits = Number(rows[0]?.hits ?? 1);
    if (hits === 1) {
      await ctx.db.sequelize.query('DELETE FROM rate_limit_hits WHERE window_start < :old', {
        replacements: { old: windowStart - 1 },
        transaction: tx,
      });
    }
    return hits;
  });
}

/**
 * The intake API's limit: `intakeRateLimitPerMinute` calls per API key per calendar minute
 * (admin setting), then 429 `rate_limited` with Retry-After until the minute ends.
 */
export async function enforceIntakeRateLimit(ctx: AppContext, req: Request): Promise<void> {
  const limit = await getCachedSetting(ctx.models, 'intakeRateLimitPerMinute');
  const now = Date.now();
  const hits = await countCall(ctx, `intake:${intakeCaller(req)}`, now);
  if (hits > limit) {
    const retryAfter = Math.max(1, Math.ceil((MINUTE - (now % MINUTE)) / 1000));
    throw new AppError('rate_limited', `Too many intake calls: at most ${limit} a minute for each API key`, undefined, {
      'Retry-After': String(retryAfter),
    });
  }
}
