import { z } from 'zod';
import { NoteText, OptionalNoteText, decideRefundChecker, formatMinor, type RefundAnswer, type RefundStatus } from '@closure-desk/shared';
import type { AppContext } from '../platform/context';
import type { RequestContext } from '../platform/auth/actor';
import { AppError } from '../platform/errors';
import { appendAuditEvent } from '../audit';
import { postLedgerEntry } from '../billing';
import { lockClosureRequest, lockCustomer } from '../closures';
import { enqueueCustomerNotification } from '../notifications';
import { decidePendingRefund, lockRefund, type RefundDecision } from './repository';
import { refundToApi } from './resources';

export const ApproveRefundBody = z.strictObject({ note: OptionalNoteText });
export const RejectRefundBody = z.strictObject({ note: NoteText });

/** Maker-checker: a supervisor who did not create the refund approves (cash debited) or rejects it. */
export async function decideRefund(ctx: AppContext, rc: RequestContext, id: number, decision: 'approve' | 'reject', raw: unknown): Promise<RefundAnswer> {
  const { note } = (decision === 'approve' ? ApproveRefundBody : RejectRefundBody).parse(raw ?? {});
  const actor = rc.actor!;
  const { models, db } = ctx;
  return db.transaction(async (tx) => {
    const refund = await lockRefund(ctx, tx, id);
    const checker = decideRefundChecker(refund.createdById, actor.id);
    if (!checker.ok) throw new AppError(checker.code, checker.message);
    if (refund.status !== 'pending_approval') throw new AppError('invalid_transition', `This refund is already ${refund.status}`);
    const request = await lockClosureRequest(ctx, tx, refund.closureRequestId);
    const customer = await lockCustomer(ctx, tx, refund.customerId);
    const cash = customer.cashBalance;
    const amount = refund.amount;
    const now = new Date();
    let cashAfter = cash;
    if (decision === 'approve') {
      if (request.status !== 'approved') throw new AppError('invalid_transition', `The request is ${request.status}; refunds are paid on approved requests`);
      if (amount > cash) throw new AppError('exceeds_refundable', `The cash balance (${formatMinor(cash, refund.currency)}) no longer covers this refund`, [{ refundable: cash }]);
      cashAfter = await postLedgerEntry(ctx, tx, {
        customerId: customer.id, kind: 'refund', bucket: 'cash', amount: -amount, currency: refund.currency,
        reference: refund.payoutReference, closureRequestId: request.id,
      }, cash);
    }
    const status: RefundStatus = decision === 'approve' ? 'recorded' : 'rejected';
    const changes: RefundDecision = { status, approvedById: actor.id, decidedAt: now, decisionNote: note ?? null };
    if (!(await decidePendingRefund(ctx, tx, id, changes))) throw new AppError('version_conflict', 'Someone decided this refund at the same time');
    await appendAuditEvent(db, models, tx, {
      actor, ip: rc.ip, action: `refund.${decision}`, entityType: 'refund', entityId: id, reason: note ?? null,
      before: { status: refund.status, cashBalance: cash }, after: { status, cashBalance: cashAfter, amount, makerId: refund.createdById, checkerId: actor.id },
    });
    if (decision === 'approve') {
      await enqueueCustomerNotification(ctx, tx, {
        customerId: customer.id, closureRequestId: request.id, template: 'refund_recorded',
        params: { reference: request.reference, amount: formatMinor(amount, refund.currency) },
      });
    }
    return refundToApi({ ...refund, ...changes });
  });
}
