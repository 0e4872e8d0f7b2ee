import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { forfeitedAtCompletion } from '../src/closure-workflow';

describe('forfeitedAtCompletion', () => {
  it('when cash and promotional credit remain, then both are forfeited to the minor unit, cash first', () => {
    expect(forfeitedAtCompletion({ cash: 12_345, promo: 500 })).toEqual([{ bucket: 'cash', amount: -12_345 }, { bucket: 'promo', amount: -500 }]);
  });

  it('when only one bucket holds money, then only that one gets an entry', () => {
    expect(forfeitedAtCompletion({ cash: 0, promo: 1 })).toEqual([{ bucket: 'promo', amount: -1 }]);
    expect(forfeitedAtCompletion({ cash: 1, promo: 0 })).toEqual([{ bucket: 'cash', amount: -1 }]);
  });

  it('when nothing remains, then nothing is forfeited', () => {
    expect(forfeitedAtCompletion({ cash: 0, promo: 0 })).toEqual([]);
  });

  it('for any balances, the entries bring both buckets to zero and never credit anything', () => {
    fc.assert(fc.property(fc.nat(), fc.nat(), (cash, promo) => {
      const entries = forfeitedAtCompletion({ cash, promo });
      const sum = (b: string) => entries.filter((e) => e.bucket === b).reduce((s, e) => s + e.amount, 0);
      expect(cash + sum('cash')).toBe(0);
      expect(promo + sum('promo')).toBe(0);
      for (const e of entries) expect(e.amount).toBeLessThan(0);
    }));
  });
});
