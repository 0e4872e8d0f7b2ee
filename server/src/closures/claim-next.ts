import type { ClosureRequestAnswer } from '@closure-desk/shared';
import type { AppContext } from '../platform/context';
import type { RequestContext } from '../platform/auth/actor';
import { lockClosureRequest, readClosureRequest } from './repository';
import { applyClosureAction } from './perform-action';

/**
 * POST /api/closure-requests/actions/claim-next: claims the most urgent request of the queue
 * (`submitted`, earliest dueAt, then oldest) for the caller, as `claim` would, and answers it; null
 * when the queue is empty. Atomic: on PostgreSQL the candidate row is locked with SKIP LOCKED, so
 * callers at once (on any instance) each take a different one; on SQLite the write transaction
 * already admits one caller at a time.
 */
export async function claimNext(ctx: AppContext, rc: RequestContext): Promise<ClosureRequestAnswer | null> {
  const { db } = ctx;
  const lock = db.dialect === 'postgres' ? ' FOR UPDATE SKIP LOCKED' : '';
  return db.transaction(async (tx) => {
    const pick = () => db.query<{ id: number }>(tx,
      `SELECT id FROM closure_requests WHERE status = 'submitted' ORDER BY due_at ASC, submitted_at ASC, id ASC LIMIT 1${lock}`);
    let [next] = await pick();
    // PostgreSQL re-checks a row another caller changed meanwhile and may then answer no row with
    // LIMIT 1 although others wait: each statement sees the newest commits, so ask again.
    for (let tries = 0; !next && tries < 5; tries++) {
      const [any] = await db.query(tx, `SELECT id FROM closure_requests WHERE status = 'submitted' LIMIT 1`);
      if (!any) break;
      [next] = await pick();
    }
    if (!next) return null;
    const request = await lockClosureRequest(ctx, tx, Number(next.id));
    await applyClosureAction(ctx, tx, rc, request, 'claim', { version: request.version });
    return readClosureRequest(ctx, Number(next.id), tx);
  });
}
