import type { Transaction } from 'sequelize';
import { resumedDueAt } from '@closure-desk/shared';
import type { AppContext } from '../platform/context';
import type { RequestContext } from '../platform/auth/actor';
import { AppError } from '../platform/errors';
import { appendAuditEvent } from '../audit';
import { lockClosureRequestByReference, readClosureRequest, updateClosureRequest } from './repository';
import { recordClosureChange } from './record-change';

/**
 * The customer answers the request for information in the app (intake): the request goes back to
 * in_review and, as on `resume`, dueAt moves later by the time waited (the fair clock). The answer
 * is the audit event's reason, for the agent to read in the timeline.
 */
export async function answerByCustomer(ctx: AppContext, tx: Transaction, rc: RequestContext, reference: string, text: string) {
  const { models, db } = ctx;
  const request = await lockClosureRequestByReference(ctx, tx, reference);
  if (request.status !== 'awaiting_customer') {
    throw new AppError('invalid_transition', `Nothing is asked of the customer: ${reference} is ${request.status}`);
  }
  const now = new Date();
  const since = request.waitingSince ? new Date(request.waitingSince) : now;
  const moved = resumedDueAt(new Date(request.dueAt), since, now);
  const after = await updateClosureRequest(ctx, tx, request, { status: 'in_review', dueAt: moved.dueAt, waitingSince: null, infoRemindedAt: null });
  if (!after) throw new AppError('version_conflict', 'The request changed at the same time; try again');
  await appendAuditEvent(db, models, tx, {
    actor: rc.actor, ip: rc.ip, action: 'closure.customer-answer', entityType: 'closure_request', entityId: request.id,
    reason: text,
    before: { status: request.status, version: request.version, dueAt: request.dueAt, waitingSince: request.waitingSince },
    after: { status: 'in_review', version: after.version, dueAt: moved.dueAt, waitedMs: moved.waitedMs },
  });
  await recordClosureChange(db, tx, request, after);
  return readClosureRequest(ctx, request.id, tx);
}
