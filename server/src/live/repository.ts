import type { AppContext } from '../platform/context';
import type { SessionRecord } from '../platform/db/records';

/**
 * What the live stream reads itself: a session's times (to end the stream when the session ends,
 * read without renewing it) and whether a
 * request exists (presence on its page). All plain reads, outside any transaction.
 */

/** When the session was made, last seen and expires; or null when it is gone (signed out). */
export async function findSessionTimes(ctx: AppContext, sessionId: string): Promise<Pick<SessionRecord, 'lastSeenAt' | 'expiresAt' | 'createdAt'> | null> {
  const [row] = await ctx.db.select<Pick<SessionRecord, 'lastSeenAt' | 'expiresAt' | 'createdAt'>>(
    `SELECT last_seen_at AS "lastSeenAt", expires_at AS "expiresAt", created_at AS "createdAt" FROM sessions WHERE id = ${ctx.db.placeholder(1)}`, [sessionId]);
  return row ?? null;
}

export async function closureRequestExists(ctx: AppContext, id: number): Promise<boolean> {
  return (await ctx.models.ClosureRequest.count({ where: { id } })) > 0;
}
