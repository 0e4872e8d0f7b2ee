import { describe, expect, it } from 'vitest';
import {
  CHECK_IDS,
  approvalBlockers,
  completionBlockers,
  evaluateChecks,
  type CheckId,
  type ClosureFacts,
} from '../src/closure-workflow';
import { CHANNELS, VERIFICATION_METHODS, type Channel, type VerificationMethod } from '../src/domain';

const TODAY = '2026-03-10';
const YESTERDAY = '2026-03-09';
const TOMORROW = '2026-03-11';

/** A request that passes every check; each test changes only what it is about. */
function buildFacts(overrides: Partial<ClosureFacts> = {}): ClosureFacts {
  return {
    status: 'in_review',
    channel: 'phone',
    identityVerified: true,
    verificationMethod: 'security_questions',
    outstandingAmount: 0,
    cashBalance: 10_000,
    refundedAmount: 0,
    pendingRefunds: 0,
    balanceDecision: 'forfeit',
    effectiveDate: TODAY,
    today: TODAY,
    profilesInstalled: 0,
    ...overrides,
  };
}

function check(facts: ClosureFacts, id: CheckId) {
  const found = evaluateChecks(facts).find((c) => c.id === id);
  if (!found) throw new Error(`no check ${id}`);
  return found;
}

describe('evaluateChecks: the list', () => {
  it('when every condition holds, then every check is ok, in the published order', () => {
    const checks = evaluateChecks(buildFacts());
    expect(checks.map((c) => c.id)).toEqual(CHECK_IDS.filter((id) => id !== 'termination_confirmed'));
    expect(checks.every((c) => c.ok)).toBe(true);
    expect(checks.every((c) => c.detail.length > 0)).toBe(true);
  });

  it('when the request is closing, then the peers\' confirmation is the last check, pending, failed or done', () => {
    const closing = (termination: ClosureFacts['termination']) =>
      evaluateChecks(buildFacts({ status: 'closing', termination }));
    expect(closing({ pending: 0, failures: [] }).map((c) => c.id)).toEqual([...CHECK_IDS]);
    const pending = closing({ pending: 2, failures: [] }).at(-1)!;
    expect(pending).toMatchObject({ id: 'termination_confirmed', ok: false, blocking: true });
    expect(pending.detail).toContain('2 confirmations');
    const failed = closing({ pending: 1, failures: [{ peer: 'SM-DP+', reason: 'Profile ICCID unknown' }] }).at(-1)!;
    expect(failed).toMatchObject({ ok: false });
    expect(failed.detail).toContain('SM-DP+: Profile ICCID unknown');
    expect(closing({ pending: 0, failures: [] }).at(-1)).toMatchObject({ ok: true });
  });

  it('when checks are listed, then profiles_released is the only warning and every other check blocks', () => {
    for (const facts of [buildFacts(), buildFacts({ profilesInstalled: 2, outstandingAmount: 5 })]) {
      const blocking = Object.fromEntries(evaluateChecks(facts).map((c) => [c.id, c.blocking]));
      expect(blocking).toEqual({
        identity_verified: true,
        no_outstanding_bills: true,
        balance_decided: true,
        effective_date_set: true,
        refunds_settled: true,
        profiles_released: false,
      });
    }
  });
});

describe('evaluateChecks: identity_verified', () => {
  const EVIDENCE: Record<Channel, VerificationMethod> = {
    app: 'app_login',
    phone: 'security_questions',
    email: 'id_document',
  };
  const rows = CHANNELS.flatMap((channel) =>
    VERIFICATION_METHODS.map((method) => ({ channel, method, ok: EVIDENCE[channel] === method })),
  );

  it.each(rows.map((r) => [r.channel, r.method, r.ok ? 'ok' : 'not ok', r] as const))(
    'when a %s request is verified by %s, then identity is %s',
    (_c, _m, _t, { channel, method, ok }) => {
      expect(check(buildFacts({ channel, verificationMethod: method }), 'identity_verified').ok).toBe(ok);
    },
  );

  it('when the right evidence is named but identity is not marked verified, then it is not ok', () => {
    expect(check(buildFacts({ identityVerified: false }), 'identity_verified').ok).toBe(false);
  });

  it('when identity is marked verified without a method, then it is not ok', () => {
    expect(check(buildFacts({ verificationMethod: null }), 'identity_verified').ok).toBe(false);
  });
});

describe('evaluateChecks: no_outstanding_bills', () => {
  it('when nothing is outstanding, then it is ok', () => {
    expect(check(buildFacts({ outstandingAmount: 0 }), 'no_outstanding_bills').ok).toBe(true);
  });

  it('when one fen is outstanding, then it is not ok and the detail says how much', () => {
    const result = check(buildFacts({ outstandingAmount: 1, currency: 'CNY' }), 'no_outstanding_bills');
    expect(result.ok).toBe(false);
    expect(result.detail).toContain('0.01');
  });
});

describe('evaluateChecks: balance_decided', () => {
  // [decision, cash left, refunded by this request, ok]
  const rows = [
    [null, 0, 0, false],
    [null, 500, 0, false],
    ['none', 0, 0, true],
    ['none', 500, 0, false],
    ['none', 0, 500, false],
    ['refund', 500, 0, true],
    ['refund', 200, 300, true],
    ['refund', 0, 500, true],
    ['refund', 0, 0, false],
    ['forfeit', 500, 0, true],
    ['forfeit', 0, 0, false],
  ] as const;

  it.each(rows)(
    'when the decision is %s with cash %i left and %i refunded, then ok is %s',
    (balanceDecision, cashBalance, refundedAmount, ok) => {
      expect(check(buildFacts({ balanceDecision, cashBalance, refundedAmount }), 'balance_decided').ok).toBe(ok);
    },
  );
});

describe('evaluateChecks: effective_date_set', () => {
  const rows = [
    ['in_review', null, false],
    ['in_review', '2026-02-30', false],
    ['in_review', YESTERDAY, false],
    ['in_review', TODAY, true],
    ['in_review', TOMORROW, true],
    ['approved', YESTERDAY, true],
    ['completed', YESTERDAY, true],
    ['approved', null, false],
  ] as const;

  it.each(rows)('when a request that is %s has effective date %s, then ok is %s', (status, effectiveDate, ok) => {
    expect(check(buildFacts({ status, effectiveDate }), 'effective_date_set').ok).toBe(ok);
  });
});

describe('evaluateChecks: refunds_settled', () => {
  const rows = [
    ['no refund is pending and nothing was to refund', { balanceDecision: 'forfeit', cashBalance: 500 }, true],
    ['nothing is decided yet', { balanceDecision: null }, true],
    ['a refund awaits approval', { pendingRefunds: 1 }, false],
    ['cash is still left under a refund decision', { balanceDecision: 'refund', cashBalance: 1, refundedAmount: 499 }, false],
    ['the cash was refunded in full', { balanceDecision: 'refund', cashBalance: 0, refundedAmount: 500 }, true],
    ['cash was refunded in full but another refund awaits approval', { balanceDecision: 'refund', cashBalance: 0, refundedAmount: 500, pendingRefunds: 1 }, false],
  ] as const;

  it.each(rows)('when %s, then ok is %s', (_label, overrides: Partial<ClosureFacts>, ok) => {
    expect(check(buildFacts(overrides), 'refunds_settled').ok).toBe(ok);
  });
});

describe('evaluateChecks: profiles_released', () => {
  it('when no profile is installed on a device, then it is ok', () => {
    expect(check(buildFacts({ profilesInstalled: 0 }), 'profiles_released')).toMatchObject({ ok: true, blocking: false });
  });

  it('when two profiles are still installed, then it is a non-blocking warning', () => {
    const result = check(buildFacts({ profilesInstalled: 2 }), 'profiles_released');
    expect(result).toMatchObject({ ok: false, blocking: false });
    expect(result.detail).toContain('2');
  });
});

describe('approvalBlockers', () => {
  it('when conditions 1–4 hold, then nothing blocks approval', () => {
    expect(approvalBlockers(buildFacts())).toEqual([]);
  });

  const single = [
    ['identity is not verified', { identityVerified: false }, 'identity_verified'],
    ['a bill is unpaid', { outstandingAmount: 100 }, 'no_outstanding_bills'],
    ['no balance decision is proposed', { balanceDecision: null }, 'balance_decided'],
    ['no effective date is proposed', { effectiveDate: null }, 'effective_date_set'],
    ['the proposed effective date is yesterday', { effectiveDate: YESTERDAY }, 'effective_date_set'],
  ] as const;

  it.each(single)('when %s, then approval is blocked by it alone', (_label, overrides: Partial<ClosureFacts>, id) => {
    expect(approvalBlockers(buildFacts(overrides))).toEqual([id]);
  });

  it('when everything is missing, then all four conditions are listed in order', () => {
    const facts = buildFacts({ identityVerified: false, outstandingAmount: 1, balanceDecision: null, effectiveDate: null });
    expect(approvalBlockers(facts)).toEqual(['identity_verified', 'no_outstanding_bills', 'balance_decided', 'effective_date_set']);
  });

  it('when approval is judged, then a past effective date blocks whatever status the facts carry', () => {
    expect(approvalBlockers(buildFacts({ status: 'approved', effectiveDate: YESTERDAY }))).toEqual(['effective_date_set']);
  });

  it('when a profile is installed or a refund is pending, then approval is not blocked', () => {
    expect(approvalBlockers(buildFacts({ profilesInstalled: 3, pendingRefunds: 1 }))).toEqual([]);
  });
});

describe('completionBlockers', () => {
  const approved = (overrides: Partial<ClosureFacts> = {}) => buildFacts({ status: 'approved', ...overrides });

  it('when the effective date is today and nothing is pending, then nothing blocks completion', () => {
    expect(completionBlockers(approved())).toEqual([]);
  });

  it('when the effective date has passed, then it is reached', () => {
    expect(completionBlockers(approved({ effectiveDate: YESTERDAY }))).toEqual([]);
  });

  const single = [
    ['the effective date is tomorrow', { effectiveDate: TOMORROW }, 'effective_date_reached'],
    ['there is no effective date', { effectiveDate: null }, 'effective_date_reached'],
    ['a refund awaits approval', { pendingRefunds: 2 }, 'refunds_settled'],
    ['cash is left under a refund decision', { balanceDecision: 'refund', cashBalance: 300 }, 'refunds_settled'],
    ['a bill was issued after approval', { outstandingAmount: 800 }, 'no_outstanding_bills'],
  ] as const;

  it.each(single)('when %s, then completion is blocked by it alone', (_label, overrides: Partial<ClosureFacts>, id) => {
    expect(completionBlockers(approved(overrides))).toEqual([id]);
  });

  it('when the refund decision was refunded in full, then completion is not blocked', () => {
    expect(completionBlockers(approved({ balanceDecision: 'refund', cashBalance: 0, refundedAmount: 10_000 }))).toEqual([]);
  });

  it('when a profile is still installed, then completion is not blocked (a warning only)', () => {
    expect(completionBlockers(approved({ profilesInstalled: 1 }))).toEqual([]);
  });

  it('when several conditions fail, then they are listed in order', () => {
    const facts = approved({ effectiveDate: TOMORROW, pendingRefunds: 1, outstandingAmount: 5 });
    expect(completionBlockers(facts)).toEqual(['no_outstanding_bills', 'refunds_settled', 'effective_date_reached']);
  });
});
