import { describe, expect, it } from 'vitest';
import {
  CLOSURE_ACTIONS,
  CLOSURE_ACTION_RULES,
  customerMayWithdraw,
  availableActions,
  decideAction,
  isClosureAction,
  type ClosureAction,
  type ClosureActor,
} from '../src/closure-workflow';
import { CLOSURE_STATUSES, type ClosureStatus, type Role } from '../src/domain';

// Written from DOMAIN.md's diagram and API.md's table, state by state, on purpose not in the
// implementation's shape: where each action leads from each state; a missing action is not allowed there.
const LEADS_TO: Record<ClosureStatus, Partial<Record<ClosureAction, ClosureStatus>>> = {
  submitted: { claim: 'in_review', assign: 'in_review', withdraw: 'withdrawn' },
  in_review: {
    assign: 'in_review',
    'request-info': 'awaiting_customer',
    'verify-identity': 'in_review',
    approve: 'approved',
    reject: 'rejected',
    withdraw: 'withdrawn',
  },
  awaiting_customer: { assign: 'awaiting_customer', resume: 'in_review', reject: 'rejected', withdraw: 'withdrawn' },
  approved: { assign: 'approved', complete: 'closing', reopen: 'in_review' },
  closing: { 'retry-termination': 'closing' },
  completed: {},
  rejected: {},
  withdrawn: {},
};

// API.md's "who" column.
type Who = 'agent, supervisor' | 'supervisor' | 'assignee, supervisor';
const WHO: Record<ClosureAction, Who> = {
  claim: 'agent, supervisor',
  assign: 'supervisor',
  'request-info': 'assignee, supervisor',
  resume: 'assignee, supervisor',
  'verify-identity': 'assignee, supervisor',
  approve: 'assignee, supervisor',
  reject: 'assignee, supervisor',
  withdraw: 'assignee, supervisor',
  complete: 'assignee, supervisor',
  reopen: 'supervisor',
  'retry-termination': 'supervisor',
};

const ME = 7;
const SOMEONE_ELSE = 8;

interface Scenario {
  label: string;
  role: Role;
  assigneeId: number | null;
}

const SCENARIOS: Scenario[] = [
  { label: 'a supervisor', role: 'supervisor', assigneeId: null },
  { label: "a supervisor on someone else's request", role: 'supervisor', assigneeId: SOMEONE_ELSE },
  { label: 'the assigned agent', role: 'agent', assigneeId: ME },
  { label: "an agent on someone else's request", role: 'agent', assigneeId: SOMEONE_ELSE },
  { label: 'an agent on an unassigned request', role: 'agent', assigneeId: null },
  { label: 'an auditor assigned to it', role: 'auditor', assigneeId: ME },
  { label: 'an admin assigned to it', role: 'admin', assigneeId: ME },
];

type Expected = { ok: true; to: ClosureStatus } | { ok: false; code: 'forbidden' | 'invalid_transition' };

function expected(scenario: Scenario, status: ClosureStatus, action: ClosureAction): Expected {
  const who = WHO[action];
  const roleMay =
    scenario.role === 'supervisor' || (scenario.role === 'agent' && who !== 'supervisor');
  if (!roleMay) return { ok: false, code: 'forbidden' };
  const to = LEADS_TO[status][action];
  if (!to) return { ok: false, code: 'invalid_transition' };
  if (scenario.role === 'agent' && who === 'assignee, supervisor' && scenario.assigneeId !== ME) {
    return { ok: false, code: 'forbidden' };
  }
  return { ok: true, to };
}

function describeOutcome(outcome: Expected): string {
  return outcome.ok ? `it moves to ${outcome.to}` : `it is refused as ${outcome.code}`;
}

const MATRIX = CLOSURE_STATUSES.flatMap((status) =>
  CLOSURE_ACTIONS.flatMap((action) =>
    SCENARIOS.map((scenario) => ({ status, action, scenario, outcome: expected(scenario, status, action) })),
  ),
);

describe('decideAction over every state × action × actor', () => {
  it('when the matrix is built, then it covers 8 states × 11 actions × 7 actors', () => {
    expect(MATRIX).toHaveLength(8 * 11 * 7);
  });

  it.each(MATRIX.map((row) => [row.scenario.label, row.action, row.status, describeOutcome(row.outcome), row] as const))(
    'when %s tries %s on a request that is %s, then %s',
    (_label, _action, _status, _text, { status, action, scenario, outcome }) => {
      const actor: ClosureActor = { id: ME, role: scenario.role };
      const decision = decideAction({ action, actor, request: { status, assigneeId: scenario.assigneeId, version: 3 } });
      if (outcome.ok) {
        expect(decision).toEqual({ ok: true, to: outcome.to });
      } else {
        expect(decision).toMatchObject({ ok: false, code: outcome.code });
        expect(decision.ok === false && decision.message.length > 0).toBe(true);
      }
    },
  );
});

describe('availableActions', () => {
  const rows = CLOSURE_STATUSES.flatMap((status) => SCENARIOS.map((scenario) => ({ status, scenario })));

  it.each(rows.map((row) => [row.scenario.label, row.status, row] as const))(
    'when %s looks at a request that is %s, then only the actions that would succeed are offered',
    (_label, _status, { status, scenario }) => {
      const wanted = CLOSURE_ACTIONS.filter((action) => expected(scenario, status, action).ok);
      const actor: ClosureActor = { id: ME, role: scenario.role };
      expect(availableActions(actor, { status, assigneeId: scenario.assigneeId })).toEqual(wanted);
    },
  );

  it('when an agent looks at the queue, then claim is the only button', () => {
    expect(availableActions({ id: ME, role: 'agent' }, { status: 'submitted', assigneeId: null })).toEqual(['claim']);
  });

  it('when a supervisor looks at an approved request, then assign, complete and reopen are offered', () => {
    expect(availableActions({ id: ME, role: 'supervisor' }, { status: 'approved', assigneeId: SOMEONE_ELSE })).toEqual(
      ['assign', 'complete', 'reopen'],
    );
  });

  it('when an auditor looks at any request, then nothing is offered', () => {
    for (const status of CLOSURE_STATUSES) {
      expect(availableActions({ id: ME, role: 'auditor' }, { status, assigneeId: ME })).toEqual([]);
    }
  });
});

describe('decideAction: order of refusals and ownership', () => {
  const agent: ClosureActor = { id: ME, role: 'agent' };

  it('when an agent claims a submitted request that names someone else, then the claim still succeeds', () => {
    expect(decideAction({ action: 'claim', actor: agent, request: { status: 'submitted', assigneeId: SOMEONE_ELSE } }))
      .toEqual({ ok: true, to: 'in_review' });
  });

  it("when an agent approves someone else's request, then it is forbidden as not their request", () => {
    const decision = decideAction({ action: 'approve', actor: agent, request: { status: 'in_review', assigneeId: SOMEONE_ELSE } });
    expect(decision).toMatchObject({ ok: false, code: 'forbidden' });
    expect(decision.ok === false && decision.message).toMatch(/not your request/i);
  });

  it("when an agent approves someone else's request in a wrong state, then the state is reported first", () => {
    expect(decideAction({ action: 'approve', actor: agent, request: { status: 'completed', assigneeId: SOMEONE_ELSE } }))
      .toMatchObject({ ok: false, code: 'invalid_transition' });
  });

  it('when an auditor approves a completed request, then the role is reported before the state', () => {
    const decision = decideAction({ action: 'approve', actor: { id: ME, role: 'auditor' }, request: { status: 'completed', assigneeId: null } });
    expect(decision).toMatchObject({ ok: false, code: 'forbidden' });
    expect(decision.ok === false && decision.message).toMatch(/auditor/);
  });

  it('when an agent assigns a submitted request, then the role is forbidden even though the state allows it', () => {
    expect(decideAction({ action: 'assign', actor: agent, request: { status: 'submitted', assigneeId: ME } }))
      .toMatchObject({ ok: false, code: 'forbidden' });
  });

  it('when the assigned agent reopens an approved request, then it is forbidden (supervisors only)', () => {
    expect(decideAction({ action: 'reopen', actor: agent, request: { status: 'approved', assigneeId: ME } }))
      .toMatchObject({ ok: false, code: 'forbidden' });
  });

  it('when an agent withdraws a request still in the queue, then it is forbidden until they claim it', () => {
    expect(decideAction({ action: 'withdraw', actor: agent, request: { status: 'submitted', assigneeId: null } }))
      .toMatchObject({ ok: false, code: 'forbidden' });
  });

  it('when a supervisor reassigns a request awaiting the customer, then it keeps its state', () => {
    expect(decideAction({ action: 'assign', actor: { id: ME, role: 'supervisor' }, request: { status: 'awaiting_customer', assigneeId: SOMEONE_ELSE } }))
      .toEqual({ ok: true, to: 'awaiting_customer' });
  });
});

describe('isClosureAction', () => {
  it.each(CLOSURE_ACTIONS)('when given %s, then it is an action', (action) => {
    expect(isClosureAction(action)).toBe(true);
  });

  it.each(['approved', 'Claim', '', 'delete', undefined, 3])('when given %s, then it is not an action', (value) => {
    expect(isClosureAction(value)).toBe(false);
  });
});

describe('the customer’s own withdrawal', () => {
  it('applies exactly where the staff’s withdraw action does', () => {
    for (const status of CLOSURE_STATUSES) {
      expect(customerMayWithdraw(status)).toBe(status in CLOSURE_ACTION_RULES.withdraw.transitions);
    }
    expect(CLOSURE_STATUSES.filter(customerMayWithdraw)).toEqual(['submitted', 'in_review', 'awaiting_customer']);
  });
});
