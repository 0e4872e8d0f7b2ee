import type { AppContext } from '../platform/context';
import { ledgerTotalsByCustomer } from './repository';

export interface LedgerDrift {
  customerId: number;
  field: 'cashBalance' | 'promoBalance' | 'outstandingAmount';
  stored: number;
  recomputed: number;
}

/**
 * Recomputes every customer's balances from the ledger and outstanding amount from the bills, in
 * one aggregate query each, and lists every difference from the cached columns. Also flags a
 * bucket below zero.
 */
export async function checkLedger(ctx: AppContext): Promise<{ customers: number; drifts: LedgerDrift[] }> {
  const rows = await ledgerTotalsByCustomer(ctx);
  const drifts: LedgerDrift[] = [];
  for (const r of rows) {
    const checks: [LedgerDrift['field'], number, number][] = [
      ['cashBalance', r.cashBalance, r.cash ?? 0],
      ['promoBalance', r.promoBalance, r.promo ?? 0],
      ['outstandingAmount', r.outstandingAmount, r.owed ?? 0],
    ];
    for (const [field, stored, recomputed] of checks) {
      if (stored !== recomputed || recomputed < 0) drifts.push({ customerId: r.id, field, stored, recomputed });
    }
  }
  return { customers: rows.length, drifts };
}
