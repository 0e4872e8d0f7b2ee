import { createHash } from 'node:crypto';
import type { Request } from 'express';
import type { AppContext } from '../platform/context';
import { AppError } from '../platform/errors';
import { getCachedSetting } from '../platform/settings-store';
import { bumpCallCount, dropCallCountsBefore, findCallCount } from './repository';

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
    await bumpCallCount(ctx, tx, bucket, windowStart);
    const hits = (await findCallCount(ctx, tx, bucket, windowStart)) ?? 1;
    if (hits === 1) await dropCallCountsBefore(ctx, tx, windowStart - 1);
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
