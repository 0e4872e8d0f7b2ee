import { AppError, notFound } from '../platform/errors';
import type { RequestContext } from '../platform/auth/actor';
import type { AppContext } from '../platform/context';
import type { CustomerNotification } from './resources';
import { appendAuditEvent } from '../audit';
import { findNotification, requeueFailedNotification } from './repository';

/**
 * Puts a `failed` message back in the outbox with a fresh set of attempts; the dispatcher picks
 * it up on its next poll. Only a failed one: a pending one is already queued, a sent one must
 * never go out twice.
 */
export async function retryNotification(ctx: AppContext, who: RequestContext, id: number): Promise<CustomerNotification> {
  return ctx.db.transaction(async (tx) => {
    const before = await findNotification(ctx, tx, id);
    // A message to staff (an enrolment link) is not one of the API's notifications: the list and show do not see it either.
    if (!before || before.customerId === null) throw notFound('Notification');
    const notRetryable = () =>
      new AppError('invalid_transition', `Only a failed notification can be retried; this one is ${before.status}`);
    if (before.status !== 'failed') throw notRetryable();
    // Guarded: of two staff retrying at once, one wins and the other gets the 409.
    if (!(await requeueFailedNotification(ctx, tx, id))) throw notRetryable();
    await appendAuditEvent(ctx.db, ctx.models, tx, {
      actor: who.actor,
      ip: who.ip,
      action: 'notification.retry',
      entityType: 'notification',
      entityId: id,
      before: { status: 'failed', attempts: before.attempts, lastError: before.lastError },
      after: { status: 'pending', attempts: 0 },
    });
    // Updated just now in this transaction, so the row is there.
    return { ...(await findNotification(ctx, tx, id))!, customerId: before.customerId };
  });
}
