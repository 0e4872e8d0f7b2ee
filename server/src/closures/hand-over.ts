import type { Transaction } from 'sequelize';
import { OPEN_STATUSES } from '@closure-desk/shared';
import type { AppContext } from '../platform/context';
import type { RequestContext } from '../platform/auth/actor';
import { AppError } from '../platform/errors';
import { appendAuditEvent } from '../audit';
import { recordClosureChange } from './record-change';
import { lockClosureRequest, openRequestIdsOf, writeLockedClosureRequest, type ClosureRequestRecord } from './repository';
import { isAssignable } from './assignable';

export interface HandOver {
  /** the member who stops working requests */
  fromId: number;
  /** an active agent or supervisor, or null: back to the queue */
  toId: number | null;
}

/**
 * Hands every open request of a member who stops working requests (disabled, or no longer an agent or
 * supervisor) to a colleague, or back to the queue, inside the caller's transaction: each request is
 * locked, moved, versioned and audited like any change of it, so no open request is left with
 * someone who can no longer act on it. To a colleague it is `closure.assign` (the state stays); back
 * to the queue it is `closure.release`: unassigned, and a request in review becomes submitted again so
 * any agent can claim it (one waiting for the customer or approved keeps its state, for a supervisor
 * to assign). Returns how many requests moved.
 */
export async function handOverOpenRequests(ctx: AppContext, tx: Transaction, rc: RequestContext, h: HandOver): Promise<number> {
  if (h.toId !== null) {
    // FOR UPDATE on PostgreSQL: a concurrent disabling of the colleague waits, and then this sees it.
    if (h.toId === h.fromId || !(await isAssignable(ctx, tx, h.toId, 'FOR UPDATE'))) {
      throw new AppError('validation_failed', {
        en: 'handOverTo must be another active agent or supervisor, or null to send the requests back to the queue',
        'zh-CN': 'handOverTo 须为另一位在职的客服或主管，或为 null（退回待办队列）',
      }, [{ path: 'handOverTo', message: 'not another active agent or supervisor' }]);
    }
  }
  let moved = 0;
  for (const id of await openRequestIdsOf(ctx, tx, h.fromId)) {
    const request = await lockClosureRequest(ctx, tx, id);
    if (Number(request.assigneeId) !== h.fromId || !OPEN_STATUSES.includes(request.status)) continue;
    const status = h.toId === null && request.status === 'in_review' ? 'submitted' : (request.status);
    const changes: Pick<ClosureRequestRecord, 'assigneeId' | 'status' | 'version' | 'updatedAt'> = {
      assigneeId: h.toId, status, version: request.version + 1, updatedAt: new Date(),
    };
    await writeLockedClosureRequest(ctx, tx, id, changes);
    await appendAuditEvent(ctx.db, ctx.models, tx, {
      actor: rc.actor, ip: rc.ip, action: h.toId === null ? 'closure.release' : 'closure.assign',
      entityType: 'closure_request', entityId: id,
      before: { assigneeId: request.assigneeId, status: request.status, version: request.version },
      after: { assigneeId: h.toId, status, version: changes.version, handedOverFrom: h.fromId },
    });
    await recordClosureChange(ctx.db, tx, request, { ...request, ...changes });
    moved++;
  }
  return moved;
}
