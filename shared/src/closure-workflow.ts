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
  type Locale,
  type Role,
  type VerificationMethod,
} from './domain';
import type { ErrorCode } from './error-codes';
import { formatMinor } from './money';
import { CHECK_TEXTS, type CheckTexts } from './check-texts';
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
  'retry-termination',
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
  // Completion is two-phase: complete leaves the request `closing` until both peers confirm; the
  // system then moves it to `completed` (TERMINATION_CONFIRMED_TRANSITION, not an action anyone takes).
  complete: { transitions: { approved: 'closing' }, ...ASSIGNEE_OR_SUPERVISOR },
  reopen: { transitions: { approved: 'in_review' }, roles: ['supervisor'], agentMustBeAssignee: false },
  // Sends the failed termination commands again (same identifiers): the only action while closing.
  'retry-termination': { transitions: { closing: 'closing' }, roles: ['supervisor'], agentMustBeAssignee: false },
};

/** What the system does once every termination command is confirmed (audited with actor null). */
export const TERMINATION_CONFIRMED_TRANSITION = { from: 'closing', to: 'completed' } as const satisfies { from: ClosureStatus; to: ClosureStatus };

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
  /** The language of the refusal's message (default English). */
  locale?: Locale;
}

/**
 * Whether the actor may do the action on the request now, and the state it leads to.
 * Refusals in this order: role (403 `forbidden`), state (409 `invalid_transition`),
 * then an agent acting on someone else's request (403 `forbidden`).
 */
export function decideAction({ action, actor, request, locale = 'en' }: ActionAttempt): ActionDecision {
  const t = ACTION_TEXTS[locale] ?? ACTION_TEXTS.en;
  const rule = CLOSURE_ACTION_RULES[action];
  if (!rule.roles.includes(actor.role)) return { ok: false, code: 'forbidden', message: t.role(actor.role, action) };
  const to = rule.transitions[request.status];
  if (to === undefined) return { ok: false, code: 'invalid_transition', message: t.state(action, request.status) };
  if (rule.agentMustBeAssignee && !isAssigneeOrSupervisor(actor, request)) {
    return { ok: false, code: 'forbidden', message: t.notYours(action) };
  }
  return { ok: true, to };
}

const ACTION_ZH: Record<ClosureAction, string> = {
  claim: '领取', assign: '分配', 'request-info': '向客户询问', resume: '恢复办理', 'verify-identity': '核验身份',
  approve: '批准', reject: '驳回', withdraw: '撤回', complete: '完成注销', reopen: '重新打开', 'retry-termination': '重试终止',
};
const STATUS_ZH: Record<ClosureStatus, string> = {
  submitted: '待领取', in_review: '审核中', awaiting_customer: '等待客户', approved: '已批准', closing: '注销中',
  completed: '已完成', rejected: '已驳回', withdrawn: '已撤回',
};
const ROLE_ZH: Record<Role, string> = { agent: '客服', supervisor: '主管', auditor: '审计员', admin: '管理员' };

/** The refusals of decideAction in each language: the cause and, where there is one, who can. */
const ACTION_TEXTS: Record<Locale, { role(role: Role, a: ClosureAction): string; state(a: ClosureAction, s: ClosureStatus): string; notYours(a: ClosureAction): string }> = {
  en: {
    role: (role, a) => `The ${role} role may not ${a} a closure request.`,
    state: (a, status) => `Cannot ${a} a request that is ${status.replace('_', ' ')}.`,
    notYours: (a) => `Not your request: only its assignee or a supervisor may ${a} it.`,
  },
  'zh-CN': {
    role: (role, a) => `${ROLE_ZH[role]}角色不能${ACTION_ZH[a]}注销申请。`,
    state: (a, status) => `申请当前为「${STATUS_ZH[status]}」，不能${ACTION_ZH[a]}。`,
    notYours: (a) => `这不是你的申请：只有受理人或主管可以${ACTION_ZH[a]}。`,
  },
};

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
  // only while closing and after: the peers' confirmations (a failed command is a blocker naming the peer's reason)
  'termination_confirmed',
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
  /** Once complete was done: the termination commands not yet confirmed, and those failed for good. */
  termination?: { pending: number; failures: { peer: string; reason: string }[] };
}

export interface Check {
  id: CheckId;
  ok: boolean;
  /** False for a warning: it never stops approval or completion. */
  blocking: boolean;
  detail: string;
}

type CheckResult = Pick<Check, 'ok' | 'detail'>;

/** The words of the checks in one language, and how that language writes money. */
interface Wording {
  t: CheckTexts;
  locale: Locale;
}

const wordingOf = (locale: Locale = 'en'): Wording => ({ t: CHECK_TEXTS[locale] ?? CHECK_TEXTS.en, locale });

function money(amount: number, facts: ClosureFacts, w: Wording): string {
  return facts.currency ? formatMinor(amount, facts.currency, w.locale) : `${amount} (minor units)`;
}

function checkIdentity(facts: ClosureFacts, { t }: Wording): CheckResult {
  const needed = CHANNEL_EVIDENCE[facts.channel];
  if (!facts.identityVerified) return { ok: false, detail: t.identityMissing(facts.channel, needed) };
  if (facts.verificationMethod !== needed) {
    return { ok: false, detail: t.identityWrongMethod(facts.verificationMethod, facts.channel, needed) };
  }
  return { ok: true, detail: t.identityOk(needed) };
}

function checkBills(facts: ClosureFacts, w: Wording): CheckResult {
  return facts.outstandingAmount === 0
    ? { ok: true, detail: w.t.billsOk() }
    : { ok: false, detail: w.t.billsOutstanding(money(facts.outstandingAmount, facts, w)) };
}

/**
 * The decision is about the cash the account held when it was made: what is left plus what this
 * request has refunded since. `none` fits only zero cash; `refund`/`forfeit` only some cash.
 */
function checkBalance(facts: ClosureFacts, w: Wording): CheckResult {
  const decidedCash = facts.cashBalance + facts.refundedAmount;
  const decision = facts.balanceDecision;
  if (decision === null) return { ok: false, detail: w.t.balanceUndecided() };
  if (decision === 'none' && decidedCash > 0) return { ok: false, detail: w.t.balanceNoneWithCash(money(decidedCash, facts, w)) };
  if (decision !== 'none' && decidedCash === 0) return { ok: false, detail: w.t.balanceNothingTo(decision) };
  return { ok: true, detail: w.t.balanceOk(decision) };
}

/**
 * What completing a request forfeits (DOMAIN.md "Money"): every minor unit still held, cash (what
 * the balance decision did not refund) and promotional credit alike, as the negative ledger
 * amounts that bring both to zero. Refunds are paid before completion; what remains is not.
 */
export function forfeitedAtCompletion(balances: { cash: number; promo: number }): { bucket: 'cash' | 'promo'; amount: number }[] {
  return [
    ...(balances.cash > 0 ? [{ bucket: 'cash' as const, amount: -balances.cash }] : []),
    ...(balances.promo > 0 ? [{ bucket: 'promo' as const, amount: -balances.promo }] : []),
  ];
}

/** `notInPast` holds at approval; once approved, the date passing is expected, not a fault. */
function checkEffectiveDateSet(facts: ClosureFacts, notInPast: boolean, { t }: Wording): CheckResult {
  const date = facts.effectiveDate;
  if (date === null) return { ok: false, detail: t.dateMissing() };
  if (!isCalendarDate(date)) return { ok: false, detail: t.dateInvalid(date) };
  if (notInPast && date < facts.today) return { ok: false, detail: t.datePast(date, facts.today) };
  return { ok: true, detail: t.dateOk(date) };
}

function checkEffectiveDateReached(facts: ClosureFacts, { t }: Wording): CheckResult {
  const date = facts.effectiveDate;
  if (date === null || !isCalendarDate(date)) return { ok: false, detail: t.dateMissing() };
  return date <= facts.today ? { ok: true, detail: t.dateReached(date) } : { ok: false, detail: t.dateNotReached(date) };
}

/** No refund waits for approval, and with a `refund` decision no cash is left to refund. */
function checkRefunds(facts: ClosureFacts, w: Wording): CheckResult {
  if (facts.pendingRefunds > 0) return { ok: false, detail: w.t.refundsPending(facts.pendingRefunds) };
  if (facts.balanceDecision === 'refund' && facts.cashBalance > 0) {
    return { ok: false, detail: w.t.refundsCashLeft(money(facts.cashBalance, facts, w)) };
  }
  return { ok: true, detail: w.t.refundsOk(money(facts.refundedAmount, facts, w)) };
}

function checkProfiles(facts: ClosureFacts, { t }: Wording): CheckResult {
  return facts.profilesInstalled === 0 ? { ok: true, detail: t.profilesOk() } : { ok: false, detail: t.profilesInstalled(facts.profilesInstalled) };
}

function checkTermination(facts: ClosureFacts, { t }: Wording): CheckResult {
  const term = facts.termination;
  if (!term) return { ok: true, detail: t.terminationOk() };
  if (term.failures.length) return { ok: false, detail: t.terminationFailed(term.failures.map((f) => `${f.peer}: ${f.reason}`)) };
  return term.pending === 0 ? { ok: true, detail: t.terminationOk() } : { ok: false, detail: t.terminationPending(term.pending) };
}

/** Past approval, the effective date was judged when it was set; it may have passed since. */
function isDecided(status: ClosureStatus): boolean {
  return status === 'approved' || status === 'closing' || status === 'completed';
}

/** The checklist, in CHECK_IDS order, its details in the given language (default English). */
export function evaluateChecks(facts: ClosureFacts, locale: Locale = 'en'): Check[] {
  const w = wordingOf(locale);
  const results: Record<CheckId, CheckResult> = {
    identity_verified: checkIdentity(facts, w),
    no_outstanding_bills: checkBills(facts, w),
    balance_decided: checkBalance(facts, w),
    effective_date_set: checkEffectiveDateSet(facts, !isDecided(facts.status), w),
    refunds_settled: checkRefunds(facts, w),
    profiles_released: checkProfiles(facts, w),
    termination_confirmed: checkTermination(facts, w),
  };
  const shown = facts.termination ? CHECK_IDS : CHECK_IDS.filter((id) => id !== 'termination_confirmed');
  return shown.map((id) => ({ id, ...results[id], blocking: id !== 'profiles_released' }));
}

/** A refusal of approve or complete: the failing check ids and, in the language asked, why and what to do. */
export interface Blockers<Id extends BlockerId = BlockerId> {
  ids: Id[];
  message: string;
}

function blockersOf<Id extends BlockerId>(action: 'approve' | 'complete', results: [Id, CheckResult][], w: Wording): Blockers<Id> {
  const failing = results.filter(([, result]) => !result.ok);
  return { ids: failing.map(([id]) => id), message: w.t.cannot(action, failing.map(([, r]) => r.detail)) };
}

/** Unmet conditions 1–4 for `approve`, judged at the moment of approval (facts carry the proposal). */
export function approvalRefusal(facts: ClosureFacts, locale: Locale = 'en'): Blockers<CheckId> {
  const w = wordingOf(locale);
  return blockersOf('approve', [
    ['identity_verified', checkIdentity(facts, w)],
    ['no_outstanding_bills', checkBills(facts, w)],
    ['balance_decided', checkBalance(facts, w)],
    ['effective_date_set', checkEffectiveDateSet(facts, true, w)],
  ], w);
}

export function approvalBlockers(facts: ClosureFacts): CheckId[] {
  return approvalRefusal(facts).ids;
}

/**
 * Unmet conditions for `complete`. Bills are judged again because a bill issued after approval
 * must not be left unpaid on a closed account (DOMAIN.md rule 2).
 */
export function completionRefusal(facts: ClosureFacts, locale: Locale = 'en'): Blockers {
  const w = wordingOf(locale);
  return blockersOf<BlockerId>('complete', [
    ['no_outstanding_bills', checkBills(facts, w)],
    ['refunds_settled', checkRefunds(facts, w)],
    ['effective_date_reached', checkEffectiveDateReached(facts, w)],
  ], w);
}

export function completionBlockers(facts: ClosureFacts): BlockerId[] {
  return completionRefusal(facts).ids;
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
