import { z } from 'zod';
import { MASKED_CUSTOMER_FIELDS } from '@closure-desk/shared';
import type { AppContext } from '../platform/context';
import type { RequestContext } from '../platform/auth/actor';
import { notFound } from '../platform/errors';
import { appendAuditEvent } from '../audit';
import { findCustomerField } from './repository';

export const REVEAL_REASON_MAX = 500;

export const RevealBody = z.object({
  field: z.enum(MASKED_CUSTOMER_FIELDS),
  reason: z.string().trim().min(1, 'Give the reason for seeing this').max(REVEAL_REASON_MAX),
}).strict();
export type RevealBody = z.infer<typeof RevealBody>;

/**
 * Shows one masked field of a customer in clear. The read and its audit event (who, why, which
 * field; never the value) share one transaction: no value leaves without being on record.
 * An anonymised customer has nothing left to reveal.
 */
export async function revealCustomerField(ctx: AppContext, rc: RequestContext, customerId: number, body: RevealBody): Promise<{ value: string | null }> {
  const { db, models } = ctx;
  return db.transaction(async (tx) => {
    const customer = await findCustomerField(ctx, tx, customerId, body.field);
    if (!customer) throw notFound('Customer');
    await appendAuditEvent(db, models, tx, {
      actor: rc.actor, ip: rc.ip, action: 'customer.reveal', entityType: 'customer', entityId: customerId,
      reason: body.reason, after: { field: body.field },
    });
    const value = customer.anonymisedAt ? null : customer[body.field];
    return { value: value == null ? null : String(value) };
  });
}
