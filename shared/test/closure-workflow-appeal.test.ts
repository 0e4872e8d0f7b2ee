import { describe, expect, it } from 'vitest';
import { appealableUntil, appealDecisionRefusal, resumedDueAt } from '../src/closure-workflow';

const DAY = 86_400_000;

describe('appeals and the fair clock (pure rules)', () => {
  it('when a rejection is appealable, then until appealDays after it (30 by default)', () => {
    const at = new Date('2026-11-01T10:00:00Z');
    expect(appealableUntil(at).toISOString()).toBe('2026-12-01T10:00:00.000Z');
    expect(appealableUntil(at, 7).getTime() - at.getTime()).toBe(7 * DAY);
  });

  it('when someone decides an appeal, then only a supervisor other than the original decider may', () => {
    expect(appealDecisionRefusal({ id: 5, role: 'supervisor' }, 7)).toBeNull();
    expect(appealDecisionRefusal({ id: 5, role: 'supervisor' }, null)).toBeNull();
    expect(appealDecisionRefusal({ id: 7, role: 'supervisor' }, 7)?.code).toBe('same_person');
    for (const role of ['agent', 'auditor', 'admin'] as const) expect(appealDecisionRefusal({ id: 5, role }, 7)?.code).toBe('forbidden');
  });

  it('when a wait ends, then dueAt moves later by exactly the time waited, never earlier', () => {
    const due = new Date('2026-11-10T00:00:00Z');
    const since = new Date('2026-11-05T12:00:00Z');
    const moved = resumedDueAt(due, since, new Date('2026-11-07T12:00:00Z'));
    expect(moved.waitedMs).toBe(2 * DAY);
    expect(moved.dueAt.toISOString()).toBe('2026-11-12T00:00:00.000Z');
    expect(resumedDueAt(due, since, new Date('2026-11-01T00:00:00Z'))).toEqual({ dueAt: due, waitedMs: 0 });
  });
});
