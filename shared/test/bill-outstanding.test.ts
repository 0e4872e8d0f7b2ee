import { describe, expect, it } from 'vitest';
import { BILL_STATUSES, SETTLED_BILL_STATUSES, billOutstanding, type BillStatus } from '../src/domain';

describe('billOutstanding', () => {
  const bill = (status: BillStatus) => ({ status, amountDue: 12_345, amountPaid: 2_345 });

  it('when a bill is paid or waived, then it owes nothing, whatever was paid on it', () => {
    for (const status of SETTLED_BILL_STATUSES) expect(billOutstanding(bill(status))).toBe(0);
  });

  it('when a bill is open, overdue or disputed, then it owes what is due less what was paid', () => {
    const unsettled = BILL_STATUSES.filter((s) => !(SETTLED_BILL_STATUSES as readonly string[]).includes(s));
    expect(unsettled).toEqual(['open', 'overdue', 'disputed']);
    for (const status of unsettled) expect(billOutstanding(bill(status))).toBe(10_000);
  });
});
