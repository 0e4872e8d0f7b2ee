import type { Faker } from '@faker-js/faker';
import { CHANNEL_EVIDENCE, dueAt as dueAtFor, forfeitedAtCompletion, type ClosureStatus, type Currency, type Locale } from '@closure-desk/shared';
import { referenceFor } from '../src/closures';
import type { SeedEvent } from './audit-chain-builder';

const DAY = 86_400_000;
export const SCENARIOS = [
  'submitted', 'in_review', 'awaiting_customer', 'approved', 'approved_pending_refund', 'completed',
  'unpaid_bills', 'high_cash', 'promo_only', 'installed_profile', 'submitted_app', 'in_review_blocked',
  'rejected', 'withdrawn',
] as const;
export type Scenario = (typeof SCENARIOS)[number];

/** After the first pass over every scenario, customers follow a large provider's mix. */
const WEIGHTED: [Scenario, number][] = [
  ['completed', 40], ['withdrawn', 8], ['rejected', 4], ['submitted', 5], ['submitted_app', 4], ['in_review', 6],
  ['in_review_blocked', 2], ['awaiting_customer', 4], ['approved', 3], ['approved_pending_refund', 1],
  ['unpaid_bills', 6], ['high_cash', 6], ['promo_only', 4], ['installed_profile', 7],
];
const WEIGHT_SUM = WEIGHTED.reduce((s, [, w]) => s + w, 0);

export interface StaffRef { id: number; email: string; role: 'agent' | 'supervisor' }

export interface Ids { customer: number; profile: number; bill: number; entry: number; request: number; refund: number; notification: number }

export interface Batch {
  customers: unknown[][];
  profiles: unknown[][];
  bills: unknown[][];
  entries: unknown[][];
  requests: unknown[][];
  refunds: unknown[][];
  notifications: unknown[][];
  events: SeedEvent[];
}

export const newBatch = (): Batch => ({
  customers: [], profiles: [], bills: [], entries: [], requests: [], refunds: [], notifications: [], events: [],
});

interface World {
  zh: Faker;
  en: Faker;
  anchor: Date;
  agents: StaffRef[];
  supervisors: StaffRef[];
  slaDays: number;
  threshold: number;
  withNotifications: boolean;
}

const dateOnly = (d: Date) => d.toISOString().slice(0, 10);

/** Hours from submission to a request's last recorded step, per state (addRequest's `at(hours)`s). */
const LAST_STEP_HOURS: Record<ClosureStatus, number> = {
  submitted: 1, in_review: 2, awaiting_customer: 4, approved: 26, closing: 47, completed: 48, rejected: 30, withdrawn: 10,
};

export function pickScenario(index: number, f: Faker): Scenario {
  if (index < SCENARIOS.length * 2) return SCENARIOS[index % SCENARIOS.length]!;
  let r = f.number.int({ min: 0, max: WEIGHT_SUM - 1 });
  for (const [s, w] of WEIGHTED) if ((r -= w) < 0) return s;
  return 'completed';
}

/** Generates one customer with profiles, bills, ledger, requests, refunds and their audit events. */
export function generateCustomer(w: World, index: number, ids: Ids, out: Batch): void {
  const f = w.en;
  const scenario = pickScenario(index, f);
  const chinese = f.number.int({ min: 0, max: 9 }) < 6;
  const locale: Locale = chinese ? 'zh-CN' : 'en';
  const currency: Currency = chinese ? (f.number.int({ min: 0, max: 4 }) === 0 ? 'HKD' : 'CNY') : f.helpers.arrayElement(['USD', 'EUR', 'GBP'] as const);
  const customerId = ++ids.customer;
  const fullName = chinese ? w.zh.person.fullName().replace(/\s+/g, '') : f.person.fullName();
  const email = `${f.internet.username().toLowerCase().replace(/[^a-z0-9._-]/g, '')}${customerId}@${chinese ? 'mail.example.cn' : 'example.com'}`;
  const phone = chinese ? `1${f.helpers.arrayElement(['38', '39', '50', '86', '88'])}${f.string.numeric(8)}` : `+44${f.string.numeric(10)}`;
  const createdAt = new Date(w.anchor.getTime() - f.number.int({ min: 200, max: 900 }) * DAY);

  // --- ledger: top-ups and promo credit, then usage (promo first, then cash) ---
  let cash = 0;
  let promo = 0;
  const entry = (kind: string, bucket: string, amount: number, at: Date, ref: string | null, requestId: number | null = null) =>
    out.entries.push([++ids.entry, customerId, kind, bucket, amount, currency, at, ref, requestId]);
  const topUps = scenario === 'promo_only' ? 0 : f.number.int({ min: 1, max: 3 });
  for (let t = 0; t < topUps; t++) {
    const amount = scenario === 'high_cash' ? f.number.int({ min: 300, max: 1500 }) * 100 : f.number.int({ min: 5, max: 200 }) * 100;
    cash += amount;
    entry('top_up', 'cash', amount, new Date(createdAt.getTime() + (t + 1) * 9 * DAY), `TOP-${ids.entry + 1}`);
  }
  if (scenario === 'promo_only' || f.number.int({ min: 0, max: 2 }) === 0) {
    const amount = f.number.int({ min: 5, max: 50 }) * 100;
    promo += amount;
    entry('promo_credit', 'promo', amount, new Date(createdAt.getTime() + 5 * DAY), 'PROMO-WELCOME');
  }
  const usage = scenario === 'promo_only' ? Math.floor(promo / 3) : f.number.int({ min: 0, max: Math.floor((cash + promo) * 0.7) });
  if (usage > 0) {
    const fromPromo = Math.min(promo, usage);
    const fromCash = usage - fromPromo;
    const at = new Date(createdAt.getTime() + 60 * DAY);
    if (fromPromo) entry('usage', 'promo', -fromPromo, at, 'USAGE');
    if (fromCash) entry('usage', 'cash', -fromCash, at, 'USAGE');
    promo -= fromPromo;
    cash -= fromCash;
  }
  if (scenario === 'high_cash' && cash <= w.threshold) {
    entry('top_up', 'cash', w.threshold + 10_000, new Date(createdAt.getTime() + 70 * DAY), 'TOP-EXTRA');
    cash += w.threshold + 10_000;
  }
  if (scenario === 'approved_pending_refund' && cash <= w.threshold) {
    entry('top_up', 'cash', w.threshold + 20_000, new Date(createdAt.getTime() + 70 * DAY), 'TOP-EXTRA');
    cash += w.threshold + 20_000;
  }

  // --- bills: paid history, unpaid where the scenario needs it ---
  let outstanding = 0;
  const billCount = f.number.int({ min: 1, max: 3 });
  const unpaid = scenario === 'unpaid_bills' || scenario === 'in_review_blocked';
  for (let b = 0; b < billCount; b++) {
    const periodStart = new Date(Date.UTC(w.anchor.getUTCFullYear(), w.anchor.getUTCMonth() - billCount + b, 1));
    const periodEnd = new Date(Date.UTC(periodStart.getUTCFullYear(), periodStart.getUTCMonth() + 1, 0));
    const due = new Date(periodEnd.getTime() + 15 * DAY);
    const amountDue = f.number.int({ min: 10, max: 300 }) * 100;
    const last = b === billCount - 1;
    const status = unpaid && last ? (due < w.anchor ? 'overdue' : 'open') : 'paid';
    const paid = status === 'paid' ? amountDue : 0;
    if (status !== 'paid') outstanding += amountDue - paid;
    const billId = ++ids.bill;
    out.bills.push([billId, customerId, `B${periodStart.toISOString().slice(0, 7).replace('-', '')}-${String(billId).padStart(7, '0')}`,
      dateOnly(periodStart), dateOnly(periodEnd), amountDue, paid, currency, dateOnly(due), status, null, periodEnd, periodEnd]);
  }

  // --- eSIM profiles ---
  const profileIds: number[] = [];
  const profileCount = f.number.int({ min: 1, max: 2 });
  const profileRows: unknown[][] = [];
  for (let p = 0; p < profileCount; p++) {
    const id = ++ids.profile;
    profileIds.push(id);
    const installed = scenario === 'installed_profile' || f.number.int({ min: 0, max: 3 }) === 0;
    profileRows.push([id, customerId, `8986${String(id).padStart(15, '0')}`, p === 0 ? phone : `${phone.slice(0, -4)}${f.string.numeric(4)}`,
      `89049032${f.string.numeric(24)}`, f.helpers.arrayElement(['iPhone 15', 'iPhone 16 Pro', 'Pixel 9', 'Galaxy S24', 'Xiaomi 14', 'Huawei Mate 60']),
      installed ? 'installed' : f.helpers.arrayElement(['deleted', 'none']), 'active', null, null, createdAt, createdAt]);
  }

  // --- closure requests: earlier withdrawn or rejected ones, then the scenario's own ---
  const agentOf = () => f.helpers.arrayElement(f.number.int({ min: 0, max: 4 }) === 0 ? w.supervisors : w.agents);
  const priors = index < SCENARIOS.length * 2 ? 0 : f.number.int({ min: 0, max: 9 }) < 7 ? (f.number.int({ min: 0, max: 9 }) < 3 ? 2 : 1) : 0;
  for (let p = 0; p < priors; p++) {
    const submittedAt = new Date(createdAt.getTime() + f.number.int({ min: 30, max: 150 }) * DAY + p * 10 * DAY);
    addRequest(w, ids, out, { customerId, currency, locale, email, phone, submittedAt, status: p % 2 ? 'rejected' : 'withdrawn', agent: agentOf(), cash, outstanding });
  }
  let status: ClosureStatus | null;
  switch (scenario) {
    case 'submitted': case 'submitted_app': status = 'submitted'; break;
    case 'in_review': case 'in_review_blocked': status = 'in_review'; break;
    case 'awaiting_customer': status = 'awaiting_customer'; break;
    case 'approved': case 'approved_pending_refund': status = 'approved'; break;
    case 'completed': status = 'completed'; break;
    case 'rejected': status = 'rejected'; break;
    case 'withdrawn': status = 'withdrawn'; break;
    default: status = null;
  }
  let closedAt: Date | null = null;
  if (status) {
    const recent = status === 'completed' || status === 'rejected' || status === 'withdrawn' ? f.number.int({ min: 3, max: 180 }) : f.number.int({ min: 0, max: 14 });
    // The request's last step (approval a day later, completion two) must not lie after the anchor,
    // the start of the day the seed runs: a demo event dated in the future is nonsense on the audit list.
    const drawn = w.anchor.getTime() - recent * DAY - f.number.int({ min: 0, max: 86_000 }) * 1000;
    const submittedAt = new Date(Math.min(drawn, w.anchor.getTime() - LAST_STEP_HOURS[status] * 3_600_000));
    const result = addRequest(w, ids, out, {
      customerId, currency, locale, email, phone, submittedAt, status, agent: agentOf(), cash, outstanding,
      channel: scenario === 'submitted_app' ? 'app' : undefined, pendingRefund: scenario === 'approved_pending_refund',
    });
    if (status === 'completed') {
      closedAt = result.completedAt;
      if (result.refunded) entry('refund', 'cash', -result.refunded, closedAt!, `PAYOUT-${ids.refund}`, result.requestId);
      for (const f of forfeitedAtCompletion({ cash: cash - result.refunded, promo })) entry('forfeit', f.bucket, f.amount, closedAt!, result.reference, result.requestId);
      cash = 0;
      promo = 0;
      const quarantine = dateOnly(new Date(closedAt!.getTime() + 90 * DAY));
      for (const row of profileRows) {
        row[6] = 'deleted';
        row[7] = 'terminated';
        row[8] = closedAt;
        row[9] = quarantine;
      }
    }
  }
  out.profiles.push(...profileRows);
  out.customers.push([customerId, `A${String(10_000_000 + customerId)}`, fullName, email, phone,
    chinese ? 'national_id' : 'passport', chinese ? `${f.string.numeric(17)}X` : `E${f.string.numeric(8)}`,
    locale, currency, closedAt ? 'closed' : 'active', cash, promo, outstanding, createdAt, closedAt ?? createdAt, closedAt, null]);
}

interface RequestSpec {
  customerId: number; currency: string; locale: string; email: string; phone: string; submittedAt: Date;
  status: ClosureStatus; agent: StaffRef; cash: number; outstanding: number; channel?: 'app' | 'phone' | 'email';
  pendingRefund?: boolean;
}

function addRequest(w: World, ids: Ids, out: Batch, s: RequestSpec) {
  const f = w.en;
  const id = ++ids.request;
  const eventsBefore = out.events.length;
  const reference = referenceFor(id, s.submittedAt);
  const channel = s.channel ?? f.helpers.arrayElement(['app', 'app', 'app', 'phone', 'email'] as const);
  const method = CHANNEL_EVIDENCE[channel];
  const reasonCode = f.helpers.arrayElement(['moving_abroad', 'switching_provider', 'too_expensive', 'no_longer_needed', 'service_quality', 'other']);
  const dueAt = dueAtFor(s.submittedAt, w.slaDays);
  const at = (hours: number) => new Date(s.submittedAt.getTime() + hours * 3_600_000);
  const reviewed = s.status !== 'submitted' && !(s.status === 'withdrawn' && f.datatype.boolean());
  const assignee = reviewed ? s.agent : null;
  const verified = channel === 'app' || (reviewed && s.status !== 'awaiting_customer' && s.outstanding === 0);
  let decision: string | null = null;
  let effectiveDate: string | null = null;
  let resolvedAt: Date | null = null;
  let completedAt: Date | null = null;
  let rejectReason: string | null = null;
  let refunded = 0;
  const entityId = String(id);
  // A plain literal, not a spread: the seed builds a couple of million of these.
  const event = (action: string, when: Date, by: StaffRef | null, after: unknown, reason: string | null = null) =>
    out.events.push({
      actorId: by ? by.id : null, actorEmail: by ? by.email : null, actorRole: by ? by.role : null, ip: by ? '10.0.0.12' : null,
      action, entityType: 'closure_request', entityId, reason, at: when, after,
    });

  event('closure.submitted', s.submittedAt, channel === 'app' ? null : s.agent, { reference, status: 'submitted', channel });
  if (reviewed) event('closure.claim', at(2), assignee, { status: 'in_review', assigneeId: assignee!.id });
  if (s.status === 'awaiting_customer') event('closure.request-info', at(4), assignee, { status: 'awaiting_customer' });
  if (s.status === 'approved' || s.status === 'completed') {
    decision = s.cash > 0 ? (f.number.int({ min: 0, max: 3 }) === 0 ? 'forfeit' : 'refund') : 'none';
    if (s.pendingRefund) decision = 'refund';
    effectiveDate = dateOnly(s.status === 'approved' ? new Date(w.anchor.getTime() + f.number.int({ min: 0, max: 10 }) * DAY) : at(30));
    event('closure.approve', at(24), assignee, { status: 'approved', balanceDecision: decision, effectiveDate });
  }
  if (s.status === 'approved' && s.pendingRefund) {
    const refundId = ++ids.refund;
    out.refunds.push([refundId, id, s.customerId, s.cash, s.currency, 'original_payment', `PO-${refundId}`, 'Full cash balance', 'pending_approval', assignee!.id, null, null, at(26), null]);
    event('refund.create', at(26), assignee, { refundId, amount: s.cash, status: 'pending_approval' });
  }
  if (s.status === 'completed') {
    completedAt = at(48);
    resolvedAt = completedAt;
    if (decision === 'refund') {
      refunded = s.cash;
      const refundId = ++ids.refund;
      const approver = s.cash > w.threshold ? w.supervisors[0]! : null;
      out.refunds.push([refundId, id, s.customerId, s.cash, s.currency, 'original_payment', `PO-${refundId}`, null,
        'recorded', assignee!.id, approver?.id ?? null, null, at(40), approver ? at(44) : at(40)]);
      event('refund.record', at(40), assignee, { refundId, amount: s.cash, status: 'recorded' });
    }
    event('closure.complete', completedAt, assignee, { status: 'completed' });
  }
  if (s.status === 'rejected') {
    rejectReason = f.helpers.arrayElement(['identity_not_verified', 'outstanding_bills', 'customer_unreachable', 'duplicate_request']);
    resolvedAt = at(30);
    event('closure.reject', resolvedAt, assignee ?? s.agent, { status: 'rejected', rejectReasonCode: rejectReason }, 'Customer informed');
  }
  if (s.status === 'withdrawn') {
    resolvedAt = at(10);
    event('closure.withdraw', resolvedAt, assignee, { status: 'withdrawn' }, 'Customer changed their mind');
  }
  const version = out.events.length - eventsBefore; // one version per recorded change
  out.requests.push([id, reference, s.customerId, channel, s.status, reasonCode, null, verified, verified ? method : null,
    assignee?.id ?? null, s.submittedAt, dueAt, null, effectiveDate, decision, rejectReason, resolvedAt, completedAt,
    version, s.submittedAt, resolvedAt ?? s.submittedAt]);
  if (w.withNotifications) {
    const recipient = f.datatype.boolean() ? s.email : s.phone;
    out.notifications.push([++ids.notification, s.customerId, id, recipient.includes('@') ? 'email' : 'sms', recipient,
      'closure_received', s.locale, null, `${reference}`, 'sent', 1, null, null, s.submittedAt, at(0.01)]);
  }
  return { requestId: id, reference, completedAt, refunded };
}
