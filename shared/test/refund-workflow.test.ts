import { describe, expect, it } from 'vitest';
import { decideRefundChecker, refundStatusFor, refundableAmount } from '../src/refund-workflow';

// Threshold 500.00 (50,000 minor units), the default setting.
const T = 50_000;

describe('refundStatusFor: the threshold is per request, not per refund', () => {
  it('when nothing is refunded yet, then a refund up to the threshold is recorded and one unit more waits', () => {
    expect(refundStatusFor(T, T, { recorded: 0, pending: 0 })).toBe('recorded');
    expect(refundStatusFor(T + 1, T, { recorded: 0, pending: 0 })).toBe('pending_approval');
  });

  it('when earlier refunds are recorded, then they count: six refunds of 100.00 record five and the sixth waits', () => {
    const statuses: string[] = [];
    let recorded = 0;
    for (let k = 0; k < 6; k++) {
      const status = refundStatusFor(10_000, T, { recorded, pending: 0 });
      statuses.push(status);
      if (status === 'recorded') recorded += 10_000;
    }
    expect(statuses).toEqual(['recorded', 'recorded', 'recorded', 'recorded', 'recorded', 'pending_approval']);
  });

  it('when refunds are pending, then they count too: a small refund after a big pending one waits as well', () => {
    expect(refundStatusFor(1, T, { recorded: 0, pending: T + 1 })).toBe('pending_approval');
    expect(refundStatusFor(1, T, { recorded: 20_000, pending: 29_999 })).toBe('recorded');
    expect(refundStatusFor(2, T, { recorded: 20_000, pending: 29_999 })).toBe('pending_approval');
  });

  it('when the threshold is 0, then every refund waits', () => {
    expect(refundStatusFor(1, 0, { recorded: 0, pending: 0 })).toBe('pending_approval');
  });

  it('whatever the split, the recorded total never passes the threshold without a checker', () => {
    for (const amount of [1, 7, 999, 10_000, 12_345, 49_999, 50_000]) {
      let recorded = 0;
      for (let k = 0; k <= Math.ceil(T / amount) + 1; k++) if (refundStatusFor(amount, T, { recorded, pending: 0 }) === 'recorded') recorded += amount;
      expect(recorded, `amount ${amount}`).toBeLessThanOrEqual(T);
      expect(recorded + amount, `amount ${amount}`).toBeGreaterThan(T);
    }
  });
});

describe('refundableAmount', () => {
  it('is the cash less what waits for approval, never below zero', () => {
    expect(refundableAmount(80_000, 0)).toBe(80_000);
    expect(refundableAmount(80_000, 50_001)).toBe(29_999);
    expect(refundableAmount(10_000, 50_001)).toBe(0);
  });
});

describe('decideRefundChecker: maker ≠ checker', () => {
  it('refuses the maker with same_person and lets anyone else decide', () => {
    expect(decideRefundChecker(3, 3)).toMatchObject({ ok: false, code: 'same_person' });
    expect(decideRefundChecker(3, 6)).toEqual({ ok: true });
  });
});
