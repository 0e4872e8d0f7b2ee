import type { Transaction } from 'sequelize';
import { z } from 'zod';
import { OptionalNoteText, RecordId, REFUND_METHODS, formatMinor, refundStatusFor, refundableAmount } from '@closure-desk/shared';
import type { AppContext } from '../platform/context';
import type { RequestContext } from '../platform/auth/actor';
import { AppError } from '../platform/errors';
import { getRefundThreshold } from '../platform/settings-store';
import { appendAuditEvent } from '../audit';
import { postLedgerEntry } from '../billing';
import { lockClosureRequest, lockCustomer } from '../closures';
import { enqueueCustomerNotification } from '../notifications';
import { insertRefund, sumRefundsOf } from './repository';
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
 * Records a refund of an approved request whose decision is `refund`. The request's row (FOR UPDATE
 * on PostgreSQL, SQLite's write lock) and the customer's are locked first, so refunds on one request
 * are decided one after another, across every instance: their sum never passes the refundable amount
 * (cash balance − this request's refunds waiting for approval), and the approval threshold is judged
 * on the request's recorded + pending refunds + this one (refund-workflow.ts), so splitting a refund
 * into small ones, at once or one by one, still needs a supervisor past the threshold.
 */
export async function recordRefund(ctx: AppContext, tx: Transaction, rc: RequestContext, body: RecordRefundBody) {
  const { models, db } = ctx;
  const actor = rc.actor!;
  const request = await lockClosureRequest(ctx, tx, body.closureRequestId);
  if (actor.role === 'agent' && request.assigneeId !== actor.id) throw new AppError('forbidden', 'Not your request: only its assignee or a supervisor may record refunds');
  if (request.status !== 'approved') throw new AppError('invalid_transition', `Refunds are recorded on approved requests; this one is ${request.status}`);
  if (request.balanceDecision !== 'refund') throw new AppError('invalid_transition', `The balance decision is ${request.balanceDecision}, not refund`);
  const customer = await lockCustomer(ctx, tx, request.customerId);
  const cash = Number(customer.cashBalance);
  // Read after the locks: a refund committed by another transaction on this request is counted.
  const { recorded, pending } = await sumRefundsOf(ctx, tx, request.id);
  const refundable = refundableAmount(cash, pending);
  const currency = customer.currency;
  if (body.amount > refundable) {
    throw new AppError('exceeds_refundable', `At most ${formatMinor(refundable, currency)} can be refunded`, [{ refundable, currency }]);
  }
  const threshold = await getRefundThreshold(models, currency, tx);
  const status = refundStatusFor(body.amount, threshold, { recorded, pending });
  const now = new Date();
  const refund = await insertRefund(ctx, tx, {
    closureRequestId: request.id, customerId: customer.id, amount: body.amount, currency, method: body.method,
    payoutReference: body.payoutReference, note: body.note ?? null, status, createdById: actor.id, createdAt: now,
    decidedAt: status === 'recorded' ? now : null,
  });
  const cashAfter = status === 'recorded'
    ? await postLedgerEntry(ctx, tx, {
      customerId: customer.id, kind: 'refund', bucket: 'cash', amount: -body.amount, currency,
      reference: body.payoutReference, closureRequestId: request.id,
    }, cash)
    : cash;
  await appendAuditEvent(db, models, tx, {
    actor, ip: rc.ip, action: status === 'recorded' ? 'refund.record' : 'refund.request_approval', entityType: 'refund', entityId: refund.id,
    reason: body.note ?? null,
    before: { cashBalance: cash, pendingRefunds: pending, recordedRefunds: recorded },
    after: { closureRequestId: request.id, amount: body.amount, currency, method: body.method, status, threshold, cashBalance: cashAfter, pendingRefunds: pending + (status === 'pending_approval' ? body.amount : 0) },
  });
  if (status === 'recorded') {
    await enqueueCustomerNotification(ctx, tx, {
      customerId: customer.id, closureRequestId: request.id, template: 'refund_recorded',
      params: { reference: request.reference, amount: formatMinor(body.amount, currency) },
    });
  }
  return refundToApi(refund);
}
