import type { Transaction } from 'sequelize';
import type { Bucket, Currency, LedgerKind } from '@closure-desk/shared';
import type { AppContext } from '../platform/context';
import { AppError } from '../platform/errors';
import { insertBalanceEntry, setCustomerBalance } from './repository';

export interface LedgerPosting {
  customerId: number;
  kind: LedgerKind;
  bucket: Bucket;
  amount: number; // signed minor units
  currency: Currency;
  reference?: string | null;
  closureRequestId?: number | null;
}

/**
 * Writes one ledger entry and moves the customer's cached balance by the same amount in the same
 * transaction, so lists can filter on balances and `ledger:check` finds no drift. A bucket never
 * goes below zero. The caller holds the customer's row lock.
 */
export async function postLedgerEntry(ctx: AppContext, tx: Transaction, p: LedgerPosting, current: number): Promise<number> {
  if (!Number.isSafeInteger(p.amount) || p.amount === 0) throw new Error(`ledger amount must be a non-zero integer, got ${p.amount}`);
  const after = current + p.amount;
  if (after < 0) throw new AppError('exceeds_refundable', `The ${p.bucket} balance cannot go below zero`);
  await insertBalanceEntry(ctx, tx, { ...p, reference: p.reference ?? null, closureRequestId: p.closureRequestId ?? null, occurredAt: new Date() });
  await setCustomerBalance(ctx, tx, p.customerId, p.bucket, after);
  return after;
}
