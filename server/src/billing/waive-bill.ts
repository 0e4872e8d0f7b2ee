import { z } from 'zod';
import { NoteText } from '@closure-desk/shared';
import type { AppContext } from '../platform/context';
import type { RequestContext } from '../platform/auth/actor';
import { AppError } from '../platform/errors';
import { appendAuditEvent } from '../audit';
import { adjustOutstanding, lockBill, markBillWaived } from './repository';
import { billToApi } from './resources';

export const WaiveBody = z.strictObject({ reason: NoteText });

/** A supervisor waives an unpaid bill with a reason; what was owed stops counting as outstanding. */
export async function waiveBill(ctx: AppContext, rc: RequestContext, id: number, raw: unknown) {
  const { reason } = WaiveBody.parse(raw ?? {});
  return ctx.db.transaction(async (tx) => {
    const bill = await lockBill(ctx, tx, id);
    if (bill.status === 'paid' || bill.status === 'waived') throw new AppError('invalid_transition', `Bill ${bill.billNo} is already ${bill.status}`);
    const owed = Number(bill.amountDue) - Number(bill.amountPaid);
    await markBillWaived(ctx, tx, id, reason);
    await adjustOutstanding(ctx, tx, bill.customerId, -owed);
    await appendAuditEvent(ctx.db, ctx.models, tx, {
      actor: rc.actor, ip: rc.ip, action: 'bill.waive', entityType: 'bill', entityId: id, reason,
      before: { status: bill.status, outstanding: owed }, after: { status: 'waived', outstanding: 0 },
    });
    return billToApi({ ...bill, status: 'waived', waivedReason: reason });
  });
}
