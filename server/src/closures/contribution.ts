import { decideContribution } from '@closure-desk/shared';
import type { ClosureRequestRecord } from '../platform/db/records';
import type { RequestContext } from '../platform/auth/actor';
import { AppError } from '../platform/errors';

/**
 * Notes and attachments follow the actions' ownership (shared closure workflow): the assignee or a
 * supervisor; on a final request a supervisor only, and what is added is marked afterDecision.
 * Throws 403 `forbidden` otherwise.
 */
export function assertMayContribute(rc: RequestContext, request: Pick<ClosureRequestRecord, 'status' | 'assigneeId'>): { afterDecision: boolean } {
  const actor = rc.actor!;
  const decision = decideContribution(
    { id: actor.id, role: actor.role },
    { status: request.status, assigneeId: request.assigneeId },
  );
  if (!decision.ok) throw new AppError(decision.code, decision.message);
  return { afterDecision: decision.afterDecision };
}
