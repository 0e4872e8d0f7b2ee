import type { Transaction } from 'sequelize';
import type { Bucket } from '@closure-desk/shared';
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
