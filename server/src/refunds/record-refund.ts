import type { Transaction } from 'sequelize';
import { z } from 'zod';
import { OptionalNoteText, RecordId, REFUND_METHODS, formatMinor } from '@closure-desk/shared';
import type { AppContext } from '../platform/context';
import type { RequestContext } from '../platform/auth/actor';
import { AppError } from '../platform/errors';
import { getSetting } from '../platform/settings-store';
import { appendAuditEvent } from '../audit/append-audit-event';
import { postLedgerEntry } from '../billing/ledger';
import { lockClosureRequest, lockCustomer } from '../closures/repository';
import { enqueueCustomerNotification } from '../notifications/enqueue';
import { refundToApi } from './resources';

export const RecordRefundBody = z.strictObject({
  closureRequestId: RecordId,
  amount: z.number().int().positive(),
  method: z.enum(REFUND_METHODS),
  payoutReference: z.string().trim().min(1).max(64), // it is also the ledger entry's reference (64 characters)
  note: OptionalNoteText,
});
export type RecordRefundBody = z.infer<typeof RecordRefundBody>;

/**
 * Records a refund of an approved request whose decision is `refund`. The customer's row is locked
 * for the transaction, so however many refunds arrive at once their sum can never pass the
 * refundable amount: cash balance − this request's refunds waiting for approval.
 */
export async function recordRefund(ctx: AppContext, tx: Transaction, rc: RequestContext, body: RecordRefundBody) {
  const { models, db } = ctx;
  const actor = rc.actor!;
  const request = await lockClosureRequest(ctx, tx, body.closureRequestId);
  if (actor.role === 'agent' && request.assigneeId !== actor.id) throw new AppError('forbidden', 'Not your request: only its assignee or a supervisor may record refunds');
  if (request.status !== 'approved') throw new AppError('invalid_transition', `Refunds are recorded on approved requests; this one is ${request.status}`);
  if (request.balanceDecision !== 'refund') throw new AppError('invalid_transition', `The balance decision is ${request.balanceDecision}, not refund`);
  const customer = await lockCustomer(ctx, tx, request.customerId as number);
  const cash = Number(customer.cashBalance);
  const pending = Number((await models.Refund.sum('amount', { where: { closureRequestId: request.id as number, status: 'pending_approval' }, transaction: tx })) ?? 0);
  const refundable = cash - pending;
  const currency = customer.currency as string;
  if (body.amount > refundable) {
    throw new AppError('exceeds_refundable', `At most ${formatMinor(Math.max(refundable, 0), currency)} can be refunded`, [{ refundable: Math.max(refundable, 0), currency }]);
  }
  const threshold = await getSetting(models, 'refundApprovalThreshold', tx);
  const status = body.amount > threshold ? 'pending_approval' : 'recorded';
  const now = new Date();
  const refund = await models.Refund.create({
    closureRequestId: request.id, customerId: customer.id, amount: body.amount, currency, method: body.method,
    payoutReference: body.payoutReference, note: body.note ?? null, status, createdById: actor.id, createdAt: now,
    decidedAt: status === 'recorded' ? now : null,
  }, { transaction: tx });
  const refundId = refund.get('id') as number;
  const cashAfter = status === 'recorded'
    ? await postLedgerEntry(ctx, tx, {
      customerId: customer.id as number, kind: 'refund', bucket: 'cash', amount: -body.amount, currency,
      reference: body.payoutReference, closureRequestId: request.id as number,
    }, cash)
    : cash;
  await appendAuditEvent(db, models, tx, {
    actor, ip: rc.ip, action: status === 'recorded' ? 'refund.record' : 'refund.request_approval', entityType: 'refund', entityId: refundId,
    reason: body.note ?? null,
    before: { cashBalance: cash, pendingRefunds: pending },
    after: { closureRequestId: request.id, amount: body.amount, currency, method: body.method, status, cashBalance: cashAfter, pendingRefunds: pending + (status === 'pending_approval' ? body.amount : 0) },
  });
  if (status === 'recorded') {
    await enqueueCustomerNotification(ctx, tx, {
      customerId: customer.id as number, closureRequestId: request.id as number, template: 'refund_recorded',
      params: { reference: request.reference as string, amount: formatMinor(body.amount, currency) },
    });
  }
  return refundToApi(refund.get({ plain: true }));
}
