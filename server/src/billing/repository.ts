import type { Transaction } from 'sequelize';
import { SETTLED_BILL_STATUSES, type Bucket } from '@closure-desk/shared';
import type { AppContext } from '../platform/context';
import { notFound } from '../platform/errors';
import type { BalanceEntryRecord, BillRecord } from '../platform/db/records';

/** The bill with this number, locked for the rest of the transaction. */
export async function lockBillByNumber(ctx: AppContext, tx: Transaction, billNo: string): Promise<BillRecord> {
  const bill = await ctx.models.Bill.findOne({ where: { billNo }, lock: true, raw: true, transaction: tx });
  if (!bill) throw notFound('Bill');
  return bill;
}

/** The bill, locked for the rest of the transaction. */
export async function lockBill(ctx: AppContext, tx: Transaction, id: number): Promise<BillRecord> {
  const bill = await ctx.models.Bill.findByPk(id, { lock: true, raw: true, transaction: tx });
  if (!bill) throw notFound('Bill');
  return bill;
}

/** Writes what has now been paid on a bill and the status that follows from it. */
export async function recordBillPaid(ctx: AppContext, tx: Transaction, id: number, amountPaid: number, status: BillRecord['status']): Promise<void> {
  await ctx.models.Bill.update({ amountPaid, status, updatedAt: new Date() }, { where: { id }, transaction: tx });
}

/** Marks a bill waived, with the reason given. */
export async function markBillWaived(ctx: AppContext, tx: Transaction, id: number, reason: string): Promise<void> {
  await ctx.models.Bill.update({ status: 'waived', waivedReason: reason, updatedAt: new Date() }, { where: { id }, transaction: tx });
}

/** Keeps customers.outstanding_amount equal to what the bills say, in the same transaction. */
export async function adjustOutstanding(ctx: AppContext, tx: Transaction, customerId: number, delta: number): Promise<void> {
  await ctx.models.Customer.increment({ outstandingAmount: delta }, { where: { id: customerId }, transaction: tx });
}

/** Writes one ledger entry (postLedgerEntry keeps the cached balance in step). */
export async function insertBalanceEntry(ctx: AppContext, tx: Transaction, entry: Omit<BalanceEntryRecord, 'id'>): Promise<void> {
  await ctx.models.BalanceEntry.create(entry, { transaction: tx });
}

/** Sets a customer's cached cash or promo balance to what its ledger now adds up to. */
export async function setCustomerBalance(ctx: AppContext, tx: Transaction, customerId: number, bucket: Bucket, balance: number): Promise<void> {
  const updatedAt = new Date();
  const changes = bucket === 'cash' ? { cashBalance: balance, updatedAt } : { promoBalance: balance, updatedAt };
  await ctx.models.Customer.update(changes, { where: { id: customerId }, transaction: tx });
}

/** A customer's cached balances beside what the ledger and the bills add up to (null: no entries, no unsettled bill). */
export interface LedgerTotals {
  id: number;
  cashBalance: number;
  promoBalance: number;
  outstandingAmount: number;
  cash: number | null;
  promo: number | null;
  owed: number | null;
}

/**
 * Every customer's cached balances and the ledger's and bills' sums, in one aggregate query (the
 * ledger check's read). The sums are cast back to BIGINT: PostgreSQL's SUM of a BIGINT is NUMERIC,
 * which its driver hands over as text.
 */
export async function ledgerTotalsByCustomer(ctx: AppContext): Promise<LedgerTotals[]> {
  const settled = SETTLED_BILL_STATUSES.map((s) => `'${s}'`).join(', ');
  return ctx.db.select<LedgerTotals>(`
    SELECT c.id, c.cash_balance AS "cashBalance", c.promo_balance AS "promoBalance", c.outstanding_amount AS "outstandingAmount",
           l.cash, l.promo, b.owed
    FROM customers c
    LEFT JOIN (SELECT customer_id,
                      CAST(SUM(CASE WHEN bucket = 'cash' THEN amount ELSE 0 END) AS BIGINT) AS cash,
                      CAST(SUM(CASE WHEN bucket = 'promo' THEN amount ELSE 0 END) AS BIGINT) AS promo
               FROM balance_entries GROUP BY customer_id) l ON l.customer_id = c.id
    LEFT JOIN (SELECT customer_id, CAST(SUM(amount_due - amount_paid) AS BIGINT) AS owed
               FROM bills WHERE status NOT IN (${settled}) GROUP BY customer_id) b ON b.customer_id = c.id`);
}
