import type { ClosureRequestAnswer } from '@closure-desk/shared';
import type { AppContext } from '../platform/context';
import type { RequestContext } from '../platform/auth/actor';
import { anySubmitted, lockClosureRequest, pickNextSubmitted, readClosureRequest } from './repository';
import { applyClosureAction } from './perform-action';

/**
 * POST /api/closure-requests/actions/claim-next: claims the most urgent request of the queue
 * (`submitted`, earliest dueAt, then oldest) for the caller, as `claim` would, and answers it; null
 * when the queue is empty. Atomic: callers at once (on any instance) each take a different one
 * (pickNextSubmitted says how).
 */
export async function claimNext(ctx: AppContext, rc: RequestContext): Promise<ClosureRequestAnswer | null> {
  return ctx.db.transaction(async (tx) => {
    let next = await pickNextSubmitted(ctx, tx);
    // PostgreSQL re-checks a row another caller changed meanwhile and may then answer no row with
    // LIMIT 1 although others wait: each statement sees the newest commits, so ask again.
    for (let tries = 0; next === null && tries < 5; tries++) {
      if (!(await anySubmitted(ctx, tx))) break;
      next = await pickNextSubmitted(ctx, tx);
    }
    if (next === null) return null;
    const request = await lockClosureRequest(ctx, tx, next);
    await applyClosureAction(ctx, tx, rc, request, 'claim', { version: request.version });
    return readClosureRequest(ctx, next, tx);
  });
}
