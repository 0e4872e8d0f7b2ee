import { Faker, base, en, zh_CN } from '@faker-js/faker';
import type { AppContext } from '../platform/context';
import { bulkInsert } from '../platform/db/bulk-insert';
import { hashPassword } from '../platform/auth/passwords';
import { SETTING_DEFAULTS, writeDefaultSettings } from '../platform/settings-store';
import { AuditChainBuilder } from './audit-chain-builder';
import { DEMO_STAFF } from './demo-staff';
import { generateCustomer, newBatch, type Batch, type Ids, type StaffRef } from './generate-customer';

export const SEED = 20261122;
const BATCH_CUSTOMERS = 2_000;

export interface SeedOptions {
  customers: number;
  /** the day the data is relative to (default: today, UTC); pinning it gives byte-identical data */
  anchor?: Date;
  log?: (line: string) => void;
}

export async function isEmpty(ctx: AppContext): Promise<boolean> {
  return (await ctx.models.StaffUser.count()) === 0;
}

const COLUMNS = {
  customers: ['id', 'account_no', 'full_name', 'email', 'phone', 'id_document_type', 'id_document_number', 'locale',
    'currency', 'status', 'cash_balance', 'promo_balance', 'outstanding_amount', 'created_at', 'updated_at', 'closed_at', 'anonymised_at'],
  esim_profiles: ['id', 'customer_id', 'iccid', 'msisdn', 'eid', 'device_model', 'device_state', 'network_state',
    'terminated_at', 'quarantine_until', 'created_at', 'updated_at'],
  bills: ['id', 'customer_id', 'bill_no', 'period_start', 'period_end', 'amount_due', 'amount_paid', 'currency', 'due_date',
    'status', 'waived_reason', 'created_at', 'updated_at'],
  balance_entries: ['id', 'customer_id', 'kind', 'bucket', 'amount', 'currency', 'occurred_at', 'reference', 'closure_request_id'],
  closure_requests: ['id', 'reference', 'customer_id', 'channel', 'status', 'reason_code', 'reason_text', 'identity_verified',
    'verification_method', 'assignee_id', 'submitted_at', 'due_at', 'requested_effective_date', 'effective_date',
    'balance_decision', 'reject_reason_code', 'resolved_at', 'completed_at', 'version', 'created_at', 'updated_at'],
  refunds: ['id', 'closure_request_id', 'customer_id', 'amount', 'currency', 'method', 'payout_reference', 'note', 'status',
    'created_by_id', 'approved_by_id', 'decision_note', 'created_at', 'decided_at'],
  notifications: ['id', 'customer_id', 'closure_request_id', 'channel', 'recipient', 'template', 'locale', 'subject', 'body',
    'status', 'attempts', 'next_attempt_at', 'last_error', 'created_at', 'sent_at'],
} as const;

/**
 * Loads the deterministic, bilingual demo data: the same seed gives the same people, money and
 * history on every run. Rows go in by bulk statements, one transaction per batch of customers.
 */
export async function seedDemoData(ctx: AppContext, opts: SeedOptions): Promise<{ customers: number; requests: number; events: number }> {
  const { db, models, config } = ctx;
  const log = opts.log ?? (() => undefined);
  const anchor = opts.anchor ?? new Date(new Date().toISOString().slice(0, 10) + 'T00:00:00Z');
  const zh = new Faker({ locale: [zh_CN, en, base] });
  const enF = new Faker({ locale: [en, base] });
  zh.seed(SEED);
  enF.seed(SEED + 1);
  // Fixed faker reference date so relative dates do not depend on the clock.
  zh.setDefaultRefDate(anchor);
  enF.setDefaultRefDate(anchor);

  const chain = new AuditChainBuilder();
  const passwordHash = await hashPassword(config.demoPassword);
  const staff: (StaffRef & { role: string })[] = [];
  const staffEvents: unknown[][] = [];
  await db.transaction(async (tx) => {
    await writeDefaultSettings(models, tx);
    const created = new Date(anchor.getTime() - 1000 * 86_400_000);
    const rows = DEMO_STAFF.map((s, i) => [i + 1, s.email, s.fullName, s.role, passwordHash, true, null, created, created]);
    await bulkInsert(db, 'staff_users', ['id', 'email', 'full_name', 'role', 'password_hash', 'active', 'last_login_at', 'created_at', 'updated_at'], rows, tx);
    DEMO_STAFF.forEach((s, i) => {
      staff.push({ id: i + 1, email: s.email, role: s.role as 'agent' });
      chain.push({ actorId: null, actorEmail: null, actorRole: null, ip: null, action: 'staff.create', entityType: 'staff_user',
        entityId: String(i + 1), reason: 'demo data', at: created, after: { email: s.email, role: s.role } }, staffEvents);
    });
    await bulkInsert(db, 'audit_events', chain.columns, staffEvents, tx);
  });
  if (db.dialect === 'postgres') await db.sequelize.query(`SELECT setval('staff_users_id_seq', (SELECT MAX(id) FROM staff_users))`);

  const world = {
    zh, en: enF, anchor,
    agents: staff.filter((s) => s.role === 'agent'),
    supervisors: staff.filter((s) => s.role === 'supervisor'),
    slaDays: SETTING_DEFAULTS.slaDays,
    threshold: SETTING_DEFAULTS.refundApprovalThreshold,
    withNotifications: true,
  };
  const ids: Ids = { customer: 0, profile: 0, bill: 0, entry: 0, request: 0, refund: 0, notification: 0 };
  let events = staffEvents.length;
  const started = Date.now();
  for (let first = 0; first < opts.customers; first += BATCH_CUSTOMERS) {
    const batch = newBatch();
    world.withNotifications = first < 5_000;
    const last = Math.min(opts.customers, first + BATCH_CUSTOMERS);
    for (let i = first; i < last; i++) generateCustomer(world, i, ids, batch);
    events += await writeBatch(ctx, batch, chain);
    const seconds = (Date.now() - started) / 1000;
    log(`seed: ${last}/${opts.customers} customers, ${ids.request} requests, ${events} audit events (${seconds.toFixed(1)} s)`);
  }
  if (db.dialect === 'postgres') await resetSequences(ctx);
  return { customers: ids.customer, requests: ids.request, events };
}

async function writeBatch(ctx: AppContext, batch: Batch, chain: AuditChainBuilder): Promise<number> {
  const { db } = ctx;
  const eventRows: unknown[][] = [];
  for (const e of batch.events) chain.push(e, eventRows);
  await db.transaction(async (tx) => {
    await bulkInsert(db, 'customers', COLUMNS.customers, batch.customers, tx);
    await bulkInsert(db, 'esim_profiles', COLUMNS.esim_profiles, batch.profiles, tx);
    await bulkInsert(db, 'bills', COLUMNS.bills, batch.bills, tx);
    await bulkInsert(db, 'closure_requests', COLUMNS.closure_requests, batch.requests, tx);
    await bulkInsert(db, 'balance_entries', COLUMNS.balance_entries, batch.entries, tx);
    await bulkInsert(db, 'refunds', COLUMNS.refunds, batch.refunds, tx);
    await bulkInsert(db, 'notifications', COLUMNS.notifications, batch.notifications, tx);
    await bulkInsert(db, 'audit_events', chain.columns, eventRows, tx);
  });
  return eventRows.length;
}

async function resetSequences(ctx: AppContext): Promise<void> {
  for (const table of ['customers', 'esim_profiles', 'bills', 'balance_entries', 'closure_requests', 'refunds', 'notifications']) {
    await ctx.db.sequelize.query(`SELECT setval('${table}_id_seq', GREATEST((SELECT COALESCE(MAX(id), 0) FROM ${table}), 1))`);
  }
}
