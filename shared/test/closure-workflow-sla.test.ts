import { describe, expect, it } from 'vitest';
import { DEFAULT_SLA_DAYS, dueAt, isOverdue } from '../src/closure-workflow';
import { CLOSURE_STATUSES } from '../src/domain';

describe('dueAt', () => {
  it('when submitted with a 7-day service level, then it is due 7 days later to the millisecond', () => {
    expect(dueAt(new Date('2026-03-01T08:30:00.000Z'), 7).toISOString()).toBe('2026-03-08T08:30:00.000Z');
  });

  it('when no service level is given, then the default of 7 days applies', () => {
    expect(DEFAULT_SLA_DAYS).toBe(7);
    expect(dueAt(new Date('2026-03-01T08:30:00.000Z')).toISOString()).toBe('2026-03-08T08:30:00.000Z');
  });

  it('when the period crosses a year end, then the calendar is followed', () => {
    expect(dueAt(new Date('2026-12-28T23:00:00.000Z'), 7).toISOString()).toBe('2027-01-04T23:00:00.000Z');
  });

  it('when the period crosses a leap day, then the leap day counts', () => {
    expect(dueAt(new Date('2028-02-27T00:00:00.000Z'), 3).toISOString()).toBe('2028-03-01T00:00:00.000Z');
  });

  it('when the service level is 0 days, then it is due at submission', () => {
    expect(dueAt(new Date('2026-03-01T08:30:00.000Z'), 0).toISOString()).toBe('2026-03-01T08:30:00.000Z');
  });

  it('when called, then the submission time is not changed', () => {
    const submittedAt = new Date('2026-03-01T08:30:00.000Z');
    dueAt(submittedAt, 7);
    expect(submittedAt.toISOString()).toBe('2026-03-01T08:30:00.000Z');
  });

  it.each([-1, 1.5, Number.NaN])('when the service level is %s days, then it is refused', (days) => {
    expect(() => dueAt(new Date('2026-03-01T00:00:00.000Z'), days)).toThrow(RangeError);
  });
});

describe('isOverdue', () => {
  const due = new Date('2026-03-08T08:30:00.000Z');
  const after = new Date('2026-03-08T08:30:00.001Z');
  const before = new Date('2026-03-08T08:29:59.999Z');
  // DOMAIN.md: still open after dueAt is overdue; closing (waiting for the peers) is still open
  const OPEN = ['submitted', 'in_review', 'awaiting_customer', 'approved', 'closing'];

  it.each(CLOSURE_STATUSES.map((s) => [s, OPEN.includes(s)] as const))(
    'when a request that is %s is past its due time, then overdue is %s',
    (status, overdue) => {
      expect(isOverdue(status, due, after)).toBe(overdue);
    },
  );

  it.each(CLOSURE_STATUSES)('when a request that is %s is before its due time, then it is not overdue', (status) => {
    expect(isOverdue(status, due, before)).toBe(false);
  });

  it('when it is exactly the due time, then the request is not overdue yet', () => {
    expect(isOverdue('in_review', due, new Date(due.getTime()))).toBe(false);
  });
});
