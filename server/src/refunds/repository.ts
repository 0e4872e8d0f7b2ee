import type { Transaction } from 'sequelize';
import type { AppContext } from '../platform/context';
import { notFound } from '../platform/errors';
import type { RefundRecord } from '../platform/db/records';

/** What a refund is created with: the rest (approvedById, decisionNote) is written when it is decided. */
export type NewRefund = Omit<RefundRecord, 'id' | 'approvedById' | 'decisionNote'>;

/** What deciding a refund writes. */
export type RefundDecision = Pick<RefundRecord, 'status' | 'approvedById' | 'decidedAt' | 'decisionNote'>;

/** The refund, locked for the rest of the transaction. */
export async function lockRefund(ctx: AppContext, tx: Transaction, id: number): Promise<RefundRecord> {
  const refund = await ctx.models.Refund.findByPk(id, { lock: true, raw: true, transaction: tx });
  if (!refund) throw notFound('Refund');
  return refund;
}

/**
 * What a request's refunds add up to, recorded and waiting for approval, read in the caller's
 * transaction (after its locks, so a refund another transaction committed on the request is counted).
 */
export async function sumRefundsOf(ctx: AppContext, tx: Transaction, closureRequestId: number): Promise<{ recorded: number; pending: number }> {
  const [sums] = await ctx.db.query<{ recorded: number | string | null; pending: number | string | null }>(tx,
    `SELECT SUM(CASE WHEN status = 'recorded' THEN amount ELSE 0 END) AS recorded,
       SUM(CASE WHEN status = 'pending_approval' THEN amount ELSE 0 END) AS pending
     FROM refunds WHERE closure_request_id = $1`, [closureRequestId]);
  return { recorded: Number(sums?.recorded ?? 0), pending: Number(sums?.pending ?? 0) };
}

/** Writes a new refund: the refund as created (its nullable columns not given are absent, read with `?? null`). */
export async function insertRefund(ctx: AppContext, tx: Transaction, refund: NewRefund): Promise<RefundRecord> {
  const created = await ctx.models.Refund.create(refund, { transaction: tx });
  return created.get({ plain: true });
}

/**
 * Writes the decision on a refund only if it is still waiting for approval: false when someone
 * decided it first.
 */
export async function decidePendingRefund(ctx: AppContext, tx: Transaction, id: number, decision: RefundDecision): Promise<boolean> {
  const [count] = await ctx.models.Refund.update(decision, { where: { id, status: 'pending_approval' }, transaction: tx });
  return count === 1;
}
