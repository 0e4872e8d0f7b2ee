/**
 * The closure request's workflow (DOMAIN.md "The request's life", API.md "Closure requests"):
 * who may do which action from which state, and the checks that gate approval and completion.
 * Pure functions, no I/O: the server enforces with them, the client shows only the buttons that can work.
 */
import {
  CHANNEL_EVIDENCE,
  FINAL_STATUSES,
  OPEN_STATUSES,
  type BalanceDecision,
  type Channel,
  type ClosureStatus,
  type Role,
  type VerificationMethod,
} from './domain';
import type { ErrorCode } from './error-codes';
import { formatMinor } from './money';
import { isCalendarDate } from './schemas/calendar-date';

// ---------------------------------------------------------------------------------------------
// Actions

export const CLOSURE_ACTIONS = [
  'claim',
  'assign',
  'request-info',
  'resume',
  'verify-identity',
  'approve',
  'reject',
  'withdraw',
  'complete',
  'reopen',
] as const;
export type ClosureAction = (typeof CLOSURE_ACTIONS)[number];

export function isClosureAction(value: unknown): value is ClosureAction {
  return typeof value === 'string' && (CLOSURE_ACTIONS as readonly string[]).includes(value);
}

export interface ClosureActionRule {
  /** from → to; the keys are the states the action is allowed from. */
  readonly transitions: Readonly<Partial<Record<ClosureStatus, ClosureStatus>>>;
  /** The roles that may ever do it (API.md's "who" column). */
  readonly roles: readonly Role[];
  /** "assignee, supervisor": an agent may do it only on a request assigned to them. */
  readonly agentMustBeAssignee: boolean;
}

const ASSIGNEE_OR_SUPERVISOR = { roles: ['agent', 'supervisor'], agentMustBeAssignee: true } as const;

export const CLOSURE_ACTION_RULES: Readonly<Record<ClosureAction, ClosureActionRule>> = {
  // Any agent may take an unassigned request from the queue.
  claim: { transitions: { submitted: 'in_review' }, roles: ['agent', 'supervisor'], agentMustBeAssignee: false },
  // Re-assigning keeps the state; only a request still in the queue starts being reviewed.
  assign: {
    transitions: {
      submitted: 'in_review',
      in_review: 'in_review',
      awaiting_customer: 'awaiting_customer',
      approved: 'approved',
    },
    roles: ['supervisor'],
    agentMustBeAssignee: false,
  },
  'request-info': { transitions: { in_review: 'awaiting_customer' }, ...ASSIGNEE_OR_SUPERVISOR },
  resume: { transitions: { awaiting_customer: 'in_review' }, ...ASSIGNEE_OR_SUPERVISOR },
  'verify-identity': { transitions: { in_review: 'in_review' }, ...ASSIGNEE_OR_SUPERVISOR },
  approve: { transitions: { in_review: 'approved' }, ...ASSIGNEE_OR_SUPERVISOR },
  reject: { transitions: { in_review: 'rejected', awaiting_customer: 'rejected' }, ...ASSIGNEE_OR_SUPERVISOR },
  withdraw: {
    transitions: { submitted: 'withdrawn', in_review: 'withdrawn', awaiting_customer: 'withdrawn' },
    ...ASSIGNEE_OR_SUPERVISOR,
  },
  complete: { transitions: { approved: 'completed' }, ...ASSIGNEE_OR_SUPERVISOR },
  reopen: { transitions: { approved: 'in_review' }, roles: ['supervisor'], agentMustBeAssignee: false },
};

/** Whether the customer's own withdrawal (the app, through intake) applies: wherever the staff's `withdraw` does. */
export function customerMayWithdraw(status: ClosureStatus): boolean {
  return status in CLOSURE_ACTION_RULES.withdraw.transitions;
}

export interface ClosureActor {
  id: number;
  role: Role;
}

export interface ClosureRequestState {
  status: ClosureStatus;
  assigneeId: number | null;
  /** Not compared here: the server checks it atomically in its UPDATE (409 `version_conflict`). */
  version?: number;
}

export type ActionRefusalCode = Extract<ErrorCode, 'forbidden' | 'invalid_transition'>;

export type ActionDecision =
  | { ok: true; to: ClosureStatus }
  | { ok: false; code: ActionRefusalCode; message: string };

export interface ActionAttempt {
  action: ClosureAction;
  actor: ClosureActor;
  request: ClosureRequestState;
}

/**
 * Whether the actor may do the action on the request now, and the state it leads to.
 * Refusals in this order: role (403 `forbidden`), state (409 `invalid_transition`),
 * then an agent acting on someone else's request (403 `forbidden`).
 */
export function decideAction({ action, actor, request }: ActionAttempt): ActionDecision {
  const rule = CLOSURE_ACTION_RULES[action];
  if (!rule.roles.includes(actor.role)) {
    return { ok: false, code: 'forbidden', message: `The ${actor.role} role may not ${action} a closure request.` };
  }
  const to = rule.transitions[request.status];
  if (to === undefined) {
    return {
      ok: false,
      code: 'invalid_transition',
      message: `Cannot ${action} a request that is ${request.status.replace('_', ' ')}.`,
    };
  }
  if (rule.agentMustBeAssignee && !isAssigneeOrSupervisor(actor, request)) {
    return {
      ok: false,
      code: 'forbidden',
      message: `Not your request: only its assignee or a supervisor may ${action} it.`,
    };
  }
  return { ok: true, to };
}

/**
 * The ownership rule of "assignee, supervisor": a supervisor may work on any request; an agent only
 * on one assigned to them. Other roles never work on requests.
 */
export function isAssigneeOrSupervisor(actor: ClosureActor, request: Pick<ClosureRequestState, 'assigneeId'>): boolean {
  return actor.role === 'supervisor' || (actor.role === 'agent' && request.assigneeId === actor.id);
}

export type ContributionDecision =
  | { ok: true; afterDecision: boolean }
  | { ok: false; code: Extract<ErrorCode, 'forbidden'>; message: string };

/**
 * Adding a note or an attachment (API.md "Notes and attachments"): the same ownership as the
 * actions (the assignee or a supervisor). On a final request (completed, rejected, withdrawn) only a
 * supervisor, and what is added is marked `afterDecision`: it was not before whoever decided.
 */
export function decideContribution(actor: ClosureActor, request: ClosureRequestState): ContributionDecision {
  const final = FINAL_STATUSES.includes(request.status);
  if (final && actor.role !== 'supervisor') {
    return { ok: false, code: 'forbidden', message: `The request is ${request.status}: only a supervisor may add to it now.` };
  }
  if (!isAssigneeOrSupervisor(actor, request)) {
    return { ok: false, code: 'forbidden', message: 'Not your request: only its assignee or a supervisor may add notes or attachments.' };
  }
  return { ok: true, afterDecision: final };
}

/** The actions the actor may do on the request now, in CLOSURE_ACTIONS order (for buttons). */
export function availableActions(actor: ClosureActor, request: ClosureRequestState): ClosureAction[] {
  return CLOSURE_ACTIONS.filter((action) => decideAction({ action, actor, request }).ok);
}

// ---------------------------------------------------------------------------------------------
// Checks (DOMAIN.md "What must hold before an account is closed")

/** The checklist of `GET /api/closure-requests/<id>/checks`, in display order. */
export const CHECK_IDS = [
  'identity_verified',
  'no_outstanding_bills',
  'balance_decided',
  'effective_date_set',
  'refunds_settled',
  'profiles_released',
] as const;
export type CheckId = (typeof CHECK_IDS)[number];

/**
 * `complete` also needs the effective date reached. It is not on the checklist (before approval it
 * would only repeat effective_date_set), but it can be a blocker in a 409 `precondition_failed`.
 */
export const BLOCKER_IDS = [...CHECK_IDS, 'effective_date_reached'] as const;
export type BlockerId = (typeof BLOCKER_IDS)[number];

/** What the checks are judged on. Money in minor units of the account's currency. */
export interface ClosureFacts {
  status: ClosureStatus;
  channel: Channel;
  identityVerified: boolean;
  verificationMethod: VerificationMethod | null;
  /** Due − paid over the account's bills not `paid`/`waived`. */
  outstandingAmount: number;
  /** The cash bucket now; recorded refunds have already been debited from it. */
  cashBalance: number;
  /** Sum of this request's `recorded` refunds. */
  refundedAmount: number;
  /** How many of this request's refunds are `pending_approval`. */
  pendingRefunds: number;
  /** The decision recorded, or the one proposed in an `approve` body. */
  balanceDecision: BalanceDecision | null;
  /** `YYYY-MM-DD`: the date recorded, or the one proposed in an `approve` body. */
  effectiveDate: string | null;
  /** `YYYY-MM-DD`: the provider's today. */
  today: string;
  /** Profiles still installed on a device (no deletion notice yet). */
  profilesInstalled: number;
  /** ISO 4217, only to word the details. */
  currency?: string;
}

export interface Check {
  id: CheckId;
  ok: boolean;
  /** False for a warning: it never stops approval or completion. */
  blocking: boolean;
  detail: string;
}

type CheckResult = Pick<Check, 'ok' | 'detail'>;

function money(amount: number, facts: ClosureFacts): string {
  return facts.currency ? formatMinor(amount, facts.currency) : `${amount} (minor units)`;
}

function checkIdentity(facts: ClosureFacts): CheckResult {
  const needed = CHANNEL_EVIDENCE[facts.channel];
  if (!facts.identityVerified) {
    return { ok: false, detail: `Identity not verified yet (a ${facts.channel} request needs ${needed}).` };
  }
  if (facts.verificationMethod !== needed) {
    return {
      ok: false,
      detail: `Verified by ${facts.verificationMethod ?? 'no method'}, but a ${facts.channel} request needs ${needed}.`,
    };
  }
  return { ok: true, detail: `Verified by ${needed}.` };
}

function checkBills(facts: ClosureFacts): CheckResult {
  return facts.outstandingAmount === 0
    ? { ok: true, detail: 'Every bill is paid or waived.' }
    : { ok: false, detail: `${money(facts.outstandingAmount, facts)} outstanding: pay or waive the open bills.` };
}

/**
 * The decision is about the cash the account held when it was made: what is left plus what this
 * request has refunded since. `none` fits only zero cash; `refund`/`forfeit` only some cash.
 */
function checkBalance(facts: ClosureFacts): CheckResult {
  const decidedCash = facts.cashBalance + facts.refundedAmount;
  const decision = facts.balanceDecision;
  if (decision === null) return { ok: false, detail: 'The balance decision (refund, forfeit or none) is not made yet.' };
  if (decision === 'none' && decidedCash > 0) {
    return { ok: false, detail: `'none' fits only a zero cash balance; the cash balance is ${money(decidedCash, facts)}.` };
  }
  if (decision !== 'none' && decidedCash === 0) {
    return { ok: false, detail: `Nothing to ${decision}: the cash balance is zero, so the decision is 'none'.` };
  }
  return { ok: true, detail: `Cash balance: ${decision}; promotional credit is forfeited.` };
}

/** `notInPast` holds at approval; once approved, the date passing is expected, not a fault. */
function checkEffectiveDateSet(facts: ClosureFacts, notInPast: boolean): CheckResult {
  const date = facts.effectiveDate;
  if (date === null) return { ok: false, detail: 'No effective date yet.' };
  if (!isCalendarDate(date)) return { ok: false, detail: `${date} is not a date.` };
  if (notInPast && date < facts.today) return { ok: false, detail: `${date} is in the past.` };
  return { ok: true, detail: `Service ends on ${date}.` };
}

function checkEffectiveDateReached(facts: ClosureFacts): CheckResult {
  const date = facts.effectiveDate;
  if (date === null || !isCalendarDate(date)) return { ok: false, detail: 'No effective date yet.' };
  return date <= facts.today
    ? { ok: true, detail: `Effective date ${date} reached.` }
    : { ok: false, detail: `Not before ${date}.` };
}

/** No refund waits for approval, and with a `refund` decision no cash is left to refund. */
function checkRefunds(facts: ClosureFacts): CheckResult {
  if (facts.pendingRefunds > 0) return { ok: false, detail: `${facts.pendingRefunds} refund(s) awaiting approval.` };
  if (facts.balanceDecision === 'refund' && facts.cashBalance > 0) {
    return { ok: false, detail: `${money(facts.cashBalance, facts)} of cash still to refund.` };
  }
  return { ok: true, detail: `No refund pending; ${money(facts.refundedAmount, facts)} refunded.` };
}

function checkProfiles(facts: ClosureFacts): CheckResult {
  return facts.profilesInstalled === 0
    ? { ok: true, detail: 'No profile is still installed on a device.' }
    : { ok: false, detail: `${facts.profilesInstalled} profile(s) still installed: ask the customer to delete them.` };
}

/** Past approval, the effective date was judged when it was set; it may have passed since. */
function isDecided(status: ClosureStatus): boolean {
  return status === 'approved' || status === 'completed';
}

/** The checklist, in CHECK_IDS order. */
export function evaluateChecks(facts: ClosureFacts): Check[] {
  const results: Record<CheckId, CheckResult> = {
    identity_verified: checkIdentity(facts),
    no_outstanding_bills: checkBills(facts),
    balance_decided: checkBalance(facts),
    effective_date_set: checkEffectiveDateSet(facts, !isDecided(facts.status)),
    refunds_settled: checkRefunds(facts),
    profiles_released: checkProfiles(facts),
  };
  return CHECK_IDS.map((id) => ({ id, ...results[id], blocking: id !== 'profiles_released' }));
}

/** Unmet conditions 1–4 for `approve`, judged at the moment of approval (facts carry the proposal). */
export function approvalBlockers(facts: ClosureFacts): CheckId[] {
  const results: [CheckId, CheckResult][] = [
    ['identity_verified', checkIdentity(facts)],
    ['no_outstanding_bills', checkBills(facts)],
    ['balance_decided', checkBalance(facts)],
    ['effective_date_set', checkEffectiveDateSet(facts, true)],
  ];
  return results.filter(([, result]) => !result.ok).map(([id]) => id);
}

/**
 * Unmet conditions for `complete`. Bills are judged again because a bill issued after approval
 * must not be left unpaid on a closed account (DOMAIN.md rule 2).
 */
export function completionBlockers(facts: ClosureFacts): BlockerId[] {
  const results: [BlockerId, CheckResult][] = [
    ['no_outstanding_bills', checkBills(facts)],
    ['refunds_settled', checkRefunds(facts)],
    ['effective_date_reached', checkEffectiveDateReached(facts)],
  ];
  return results.filter(([, result]) => !result.ok).map(([id]) => id);
}

// ---------------------------------------------------------------------------------------------
// Service level

export const DEFAULT_SLA_DAYS = 7;
const DAY_MS = 24 * 60 * 60 * 1000;

/** submittedAt + slaDays calendar days (UTC has no daylight saving, so days are 24 h). */
export function dueAt(submittedAt: Date, slaDays: number = DEFAULT_SLA_DAYS): Date {
  if (!Number.isInteger(slaDays) || slaDays < 0) {
    throw new RangeError(`slaDays must be a whole number ≥ 0, got ${slaDays}`);
  }
  return new Date(submittedAt.getTime() + slaDays * DAY_MS);
}

/** Open and past its due time; a final request is never overdue. */
export function isOverdue(status: ClosureStatus, due: Date, now: Date): boolean {
  return OPEN_STATUSES.includes(status) && now.getTime() > due.getTime();
}

// ---------------------------------------------------------------------------------------------
// Appeals (申诉) and the fair clock (DOMAIN.md "The request's life", API.md "Status and appeals")

export const DEFAULT_APPEAL_DAYS = 30;

/** The last instant a rejection decided at `resolvedAt` may be appealed. */
export function appealableUntil(resolvedAt: Date, appealDays: number = DEFAULT_APPEAL_DAYS): Date {
  return new Date(resolvedAt.getTime() + appealDays * DAY_MS);
}

export type AppealDecisionRefusal = { code: Extract<ErrorCode, 'forbidden' | 'same_person'>; message: string };

/**
 * Deciding (approving or rejecting) an appeal: only a supervisor, and not the one who decided the
 * request appealed against. Answers the refusal, or null when the actor may decide.
 */
export function appealDecisionRefusal(actor: ClosureActor, originalDeciderId: number | null): AppealDecisionRefusal | null {
  if (actor.role !== 'supervisor') return { code: 'forbidden', message: 'An appeal is decided by a supervisor only.' };
  if (originalDeciderId !== null && actor.id === originalDeciderId) {
    return { code: 'same_person', message: 'You decided the request appealed against: another supervisor must decide the appeal.' };
  }
  return null;
}

/**
 * The fair clock: time spent waiting for the customer does not count. Answers the due time moved
 * later by the time waited (from `waitingSince` to `now`) and how long that was, in ms.
 */
export function resumedDueAt(due: Date, waitingSince: Date, now: Date): { dueAt: Date; waitedMs: number } {
  const waitedMs = Math.max(0, now.getTime() - waitingSince.getTime());
  return { dueAt: new Date(due.getTime() + waitedMs), waitedMs };
}
