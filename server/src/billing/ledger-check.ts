import type { AppContext } from '../platform/context';

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
  const q = <T>(sql: string) => ctx.db.sequelize.query(sql, { type: 'SELECT' }) as Promise<T[]>;
  const rows = await q<{ id: number; cash_balance: number; promo_balance: number; outstanding_amount: number; cash: number | null; promo: number | null; owed: number | null }>(`
    SELECT c.id, c.cash_balance, c.promo_balance, c.outstanding_amount, l.cash, l.promo, b.owed
    FROM customers c
    LEFT JOIN (SELECT customer_id,
                      SUM(CASE WHEN bucket = 'cash' THEN amount ELSE 0 END) AS cash,
                      SUM(CASE WHEN bucket = 'promo' THEN amount ELSE 0 END) AS promo
               FROM balance_entries GROUP BY customer_id) l ON l.customer_id = c.id
    LEFT JOIN (SELECT customer_id, SUM(amount_due - amount_paid) AS owed
               FROM bills WHERE status NOT IN ('paid', 'waived') GROUP BY customer_id) b ON b.customer_id = c.id`);
  const drifts: LedgerDrift[] = [];
  for (const r of rows) {
    const checks: [LedgerDrift['field'], number, number][] = [
      ['cashBalance', Number(r.cash_balance), Number(r.cash ?? 0)],
      ['promoBalance', Number(r.promo_balance), Number(r.promo ?? 0)],
      ['outstandingAmount', Number(r.outstanding_amount), Number(r.owed ?? 0)],
    ];
    for (const [field, stored, recomputed] of checks) {
      if (stored !== recomputed || recomputed < 0) drifts.push({ customerId: Number(r.id), field, stored, recomputed });
    }
  }
  return { customers: rows.length, drifts };
}
