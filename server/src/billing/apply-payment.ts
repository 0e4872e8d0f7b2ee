import type { Transaction } from 'sequelize';
import { z } from 'zod';
import { Instant } from '@closure-desk/shared';
import type { AppContext } from '../platform/context';
import type { RequestContext } from '../platform/auth/actor';
import { AppError } from '../platform/errors';
import { appendAuditEvent } from '../audit';
import { adjustOutstanding, lockBillByNumber, recordBillPaid } from './repository';
import { billToApi } from './resources';

export const BillPaymentBody = z.strictObject({
  billNo: z.string().min(1).max(32),
  amount: z.number().int().positive(),
  paidAt: Instant,
  reference: z.string().min(1).max(64),
});
export type BillPaymentBody = z.infer<typeof BillPaymentBody>;

/** A payment reported by the billing system: never more than is owed on the bill. */
export async function applyBillPayment(ctx: AppContext, tx: Transaction, rc: RequestContext, body: BillPaymentBody) {
  const { models, db } = ctx;
  const bill = await lockBillByNumber(ctx, tx, body.billNo);
  if (bill.status === 'paid' || bill.status === 'waived') {
    throw new AppError('invalid_transition', `Bill ${bill.billNo} is already ${bill.status}`);
  }
  const owed = Number(bill.amountDue) - Number(bill.amountPaid);
  if (body.amount > owed) {
    throw new AppError('precondition_failed', `The payment (${body.amount}) is larger than what is owed (${owed})`, ['amount_exceeds_outstanding']);
  }
  const amountPaid = Number(bill.amountPaid) + body.amount;
  const status = amountPaid === Number(bill.amountDue) ? 'paid' : bill.status;
  await recordBillPaid(ctx, tx, bill.id, amountPaid, status);
  await adjustOutstanding(ctx, tx, bill.customerId, -body.amount);
  await appendAuditEvent(db, models, tx, {
    actor: rc.actor, actorName: rc.actor ? null : rc.intakeName ?? null, ip: rc.ip, action: 'bill.payment', entityType: 'bill', entityId: bill.id,
    reason: `payment ${body.reference} at ${body.paidAt}`,
    before: { amountPaid: Number(bill.amountPaid), status: bill.status },
    after: { amountPaid, status, amount: body.amount, reference: body.reference },
  });
  return billToApi({ ...bill, amountPaid, status });
}
