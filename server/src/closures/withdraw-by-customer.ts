import type { Transaction } from 'sequelize';
import { customerMayWithdraw, type ClosureStatus } from '@closure-desk/shared';
import type { AppContext } from '../platform/context';
import type { RequestContext } from '../platform/auth/actor';
import { AppError, notFound } from '../platform/errors';
import { appendAuditEvent } from '../audit';
import { enqueueCustomerNotification } from '../notifications';
import { readClosureRequest } from './repository';
import { recordClosureChange } from './record-change';


/** The customer withdraws in the app (intake): allowed while the request is still being decided. */
export async function withdrawByCustomer(ctx: AppContext, tx: Transaction, rc: RequestContext, reference: string, note: string | null) {
  const { models, db } = ctx;
  const request = await models.ClosureRequest.findOne({ where: { reference }, lock: true, raw: true, transaction: tx });
  if (!request) throw notFound('Closure request');
  if (!customerMayWithdraw(request.status as ClosureStatus)) {
    throw new AppError('invalid_transition', `Cannot withdraw a request that is ${request.status}`);
  }
  const now = new Date();
  const changes = { status: 'withdrawn', resolvedAt: now, version: (request.version as number) + 1, updatedAt: now };
  const [count] = await models.ClosureRequest.update(changes, { where: { id: request.id as number, version: request.version as number }, transaction: tx });
  if (count !== 1) throw new AppError('version_conflict', 'The request changed at the same time; try again');
  await appendAuditEvent(db, models, tx, {
    actor: rc.actor, actorName: rc.actor ? null : rc.intakeName ?? null, ip: rc.ip, action: 'closure.withdraw', entityType: 'closure_request', entityId: request.id as number,
    reason: note ?? 'Withdrawn by the customer in the app',
    before: { status: request.status, version: request.version }, after: { status: 'withdrawn', version: changes.version },
  });
  await recordClosureChange(db, tx, request, { ...request, ...changes });
  await enqueueCustomerNotification(ctx, tx, {
    customerId: request.customerId as number, closureRequestId: request.id as number, template: 'closure_withdrawn', params: { reference },
  });
  return readClosureRequest(ctx, request.id as number, tx);
}
