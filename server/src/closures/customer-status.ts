import { appealableUntil, CLOSURE_STATUSES, type ClosureStatus, type CustomerStatusAnswer } from '@closure-desk/shared';
import type { AppContext } from '../platform/context';
import { getSetting } from '../platform/settings-store';
import { epochMs, iso } from '../platform/http/list-resource';
import { findCustomerViewOfRequest, requestEventsForCustomer } from './repository';

const isStatus = (v: unknown): v is ClosureStatus => (CLOSURE_STATUSES as readonly unknown[]).includes(v);

/**
 * GET /api/intake/closure-requests/<reference>: what the customer's app shows. Built from the
 * request and the status changes its audit events record; it names no staff member, carries no
 * internal note and nothing masked. The message of `waitingFor` is the one the customer was sent.
 */
export async function customerStatus(ctx: AppContext, reference: string): Promise<CustomerStatusAnswer> {
  const r = await findCustomerViewOfRequest(ctx, reference);
  const events = await requestEventsForCustomer(ctx, r.id);
  const steps: { status: ClosureStatus; at: string }[] = [];
  let lastInfo: string | null = null;
  for (const e of events) {
    const status: unknown = e.after ? (JSON.parse(e.after) as { status?: unknown }).status : undefined;
    if (e.action === 'closure.request-info') lastInfo = e.reason;
    if (isStatus(status) && steps.at(-1)?.status !== status) steps.push({ status, at: iso(e.at) });
  }
  const out: CustomerStatusAnswer = {
    reference: r.reference, status: r.status, submittedAt: iso(r.submittedAt), dueAt: iso(r.dueAt),
    effectiveDate: r.effectiveDate ?? null, steps,
  };
  if (r.status === 'awaiting_customer' && lastInfo !== null) {
    out.waitingFor = { message: lastInfo, since: iso(r.waitingSince) ?? steps.at(-1)?.at ?? iso(r.submittedAt) };
  }
  if (r.status === 'rejected' && r.resolvedAt) {
    const until = appealableUntil(new Date(epochMs(r.resolvedAt)), await getSetting(ctx.models, 'appealDays'));
    if (until.getTime() > Date.now()) out.appealableUntil = until.toISOString();
  }
  if (r.appealOf) out.appealOf = r.appealOf;
  return out;
}
