import { APPROVAL_THRESHOLD, OPEN_STATUSES, todayUtc } from './accounts';
import type { Json, StaffApi } from './api';

/**
 * Each test finds its own data in the demo data, by what it needs, and leaves it in a state no
 * other test looks for; so the tests run in any order, and again on the same server.
 */

/** An active customer with no open closure request, matching the filter. */
export async function freeCustomer(api: StaffApi, filter: Json): Promise<Json> {
  const customers = await api.list('customers', { status: 'active', ...filter });
  const open = await api.list('closure-requests', { status: OPEN_STATUSES });
  const busy = new Set(open.map((r) => r.customerId));
  const free = customers.find((c) => !busy.has(c.id));
  if (!free) throw new Error(`No free customer left for ${JSON.stringify(filter)}: reset the e2e database`);
  return free;
}

/** A phone request logged for the customer, as an agent on the call would (identity to verify later). */
export function logPhoneRequest(api: StaffApi, customerId: number, identityVerified = true): Promise<Json> {
  return api.mustPost('/closure-requests', {
    customerId,
    channel: 'phone',
    reasonCode: 'moving_abroad',
    reasonText: 'e2e: moving abroad',
    verificationMethod: 'security_questions',
    identityVerified,
  });
}

/**
 * A submitted request still in the queue whose customer has some cash, no more than the approval
 * threshold, and no unpaid bill. When the demo data has none left, one is logged by phone.
 */
export async function smallRefundRequest(api: StaffApi): Promise<Json> {
  const submitted = await api.list('closure-requests', { status: 'submitted' }, ['id', 'DESC']);
  const customers = await api.list('customers', { status: 'active', cashBalance_gte: 1, cashBalance_lte: APPROVAL_THRESHOLD, outstandingAmount_lte: 0 });
  const fits = new Set(customers.map((c) => c.id));
  const found = submitted.find((r) => r.assigneeId === null && fits.has(r.customerId));
  if (found) return found;
  const customer = await freeCustomer(api, { cashBalance_gte: 1, cashBalance_lte: APPROVAL_THRESHOLD, outstandingAmount_lte: 0 });
  return logPhoneRequest(api, customer.id, false);
}

/**
 * A refund above the approval threshold, recorded by `maker` on a request of its own: a free
 * customer with more cash than the threshold and no unpaid bill, its request approved with the
 * decision `refund`, and the whole cash balance refunded (so it waits as `pending_approval`).
 */
export async function pendingLargeRefund(maker: StaffApi, tag: string): Promise<{ refund: Json; request: Json; customer: Json }> {
  const customer = await freeCustomer(maker, { cashBalance_gte: APPROVAL_THRESHOLD + 1, outstandingAmount_lte: 0 });
  let request = await logPhoneRequest(maker, customer.id);
  request = await maker.act(request, 'claim');
  request = await maker.act(request, 'approve', { balanceDecision: 'refund', effectiveDate: todayUtc() });
  const payoutReference = `E2E-${tag}-${Date.now()}`;
  const refund = await maker.mustPost(
    '/refunds',
    { closureRequestId: request.id, amount: customer.cashBalance, method: 'bank_transfer', payoutReference, note: `e2e ${tag}` },
    { 'Idempotency-Key': `e2e-${tag}-${Date.now()}` },
  );
  if (refund.status !== 'pending_approval') throw new Error(`expected a refund waiting for approval, got ${refund.status}`);
  return { refund, request, customer };
}
