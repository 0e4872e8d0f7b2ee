import type { Transaction } from 'sequelize';
import { customerMayWithdraw } from '@closure-desk/shared';
import type { AppContext } from '../platform/context';
import type { RequestContext } from '../platform/auth/actor';
import { AppError } from '../platform/errors';
import { appendAuditEvent } from '../audit';
import { enqueueCustomerNotification } from '../notifications';
import { lockClosureRequestByReference, readClosureRequest, updateClosureRequest } from './repository';
import { recordClosureChange } from './record-change';


/** The customer withdraws in the app (intake): allowed while the request is still being decided. */
export async function withdrawByCustomer(ctx: AppContext, tx: Transaction, rc: RequestContext, reference: string, note: string | null) {
  const { models, db } = ctx;
  const request = await lockClosureRequestByReference(ctx, tx, reference);
  if (!customerMayWithdraw(request.status)) {
    throw new AppError('invalid_transition', `Cannot withdraw a request that is ${request.status}`);
  }
  const now = new Date();
  const after = await updateClosureRequest(ctx, tx, request, { status: 'withdrawn', resolvedAt: now });
  if (!after) throw new AppError('version_conflict', 'The request changed at the same time; try again');
  await appendAuditEvent(db, models, tx, {
    actor: rc.actor, actorName: rc.actor ? null : rc.intakeName ?? null, ip: rc.ip, action: 'closure.withdraw', entityType: 'closure_request', entityId: request.id,
    reason: note ?? 'Withdrawn by the customer in the app',
    before: { status: request.status, version: request.version }, after: { status: 'withdrawn', version: after.version },
  });
  await recordClosureChange(db, tx, request, after);
  await enqueueCustomerNotification(ctx, tx, {
    customerId: request.customerId, closureRequestId: request.id, template: 'closure_withdrawn', params: { reference },
  });
  return readClosureRequest(ctx, request.id, tx);
}
