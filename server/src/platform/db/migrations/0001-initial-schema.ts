import { DataTypes, type QueryInterface } from 'sequelize';
import type { MigrationContext } from '../migrate';

const { INTEGER, BIGINT, STRING, TEXT, BOOLEAN, DATE, DATEONLY } = DataTypes;
const id = { type: INTEGER, primaryKey: true, autoIncrement: true, allowNull: false };
const money = { type: BIGINT, allowNull: false, defaultValue: 0 };
const ref = (table: string, allowNull = false) => ({
  type: INTEGER,
  allowNull,
  references: { model: table, key: 'id' },
});
const createdAt = { type: DATE, allowNull: false };

async function indexes(qi: QueryInterface, table: string, list: (string[] | { fields: string[]; unique?: boolean })[]) {
  for (const entry of list) {
    const spec = Array.isArray(entry) ? { fields: entry } : entry;
    await qi.addIndex(table, { ...spec, name: `${table}_${spec.fields.join('_')}${spec.unique ? '_uq' : '_idx'}` });
  }
}

export async function up({ db }: MigrationContext): Promise<void> {
  const qi = db.sequelize.getQueryInterface();

  await qi.createTable('settings', {
    key: { type: STRING(100), primaryKey: true },
    value: { type: TEXT, allowNull: false },
    updated_at: createdAt,
  });

  await qi.createTable('staff_users', {
    id,
    email: { type: STRING(254), allowNull: false, unique: true },
    full_name: { type: STRING(200), allowNull: false },
    role: { type: STRING(20), allowNull: false },
    password_hash: { type: STRING(200), allowNull: false },
    active: { type: BOOLEAN, allowNull: false, defaultValue: true },
    last_login_at: { type: DATE, allowNull: true },
    created_at: createdAt,
    updated_at: createdAt,
  });
  await indexes(qi, 'staff_users', [['role'], ['active']]);

  await qi.createTable('sessions', {
    id: { type: STRING(64), primaryKey: true }, // SHA-256 of the cookie's token: a stolen table holds no usable token
    staff_user_id: ref('staff_users'),
    csrf_token: { type: STRING(64), allowNull: false },
    ip: { type: STRING(64), allowNull: true },
    user_agent: { type: STRING(300), allowNull: true },
    created_at: createdAt,
    last_seen_at: createdAt,
    expires_at: createdAt,
  });
  await indexes(qi, 'sessions', [['staff_user_id'], ['expires_at']]);

  await qi.createTable('login_failures', {
    id,
    throttle_key: { type: STRING(300), allowNull: false },
    at: createdAt,
  });
  await indexes(qi, 'login_failures', [['throttle_key', 'at'], ['at']]);

  await qi.createTable('customers', {
    id,
    account_no: { type: STRING(32), allowNull: false, unique: true },
    full_name: { type: STRING(200), allowNull: false },
    email: { type: STRING(254), allowNull: true },
    phone: { type: STRING(32), allowNull: true },
    id_document_type: { type: STRING(32), allowNull: true },
    id_document_number: { type: STRING(64), allowNull: true },
    locale: { type: STRING(10), allowNull: false },
    currency: { type: STRING(3), allowNull: false },
    status: { type: STRING(10), allowNull: false, defaultValue: 'active' },
    cash_balance: money,
    promo_balance: money,
    outstanding_amount: money,
    created_at: createdAt,
    updated_at: createdAt,
    closed_at: { type: DATE, allowNull: true },
    anonymised_at: { type: DATE, allowNull: true },
  });
  await indexes(qi, 'customers', [
    ['status', 'id'],
    ['currency'],
    ['cash_balance'],
    ['outstanding_amount'],
    ['full_name'],
    ['email'],
    ['phone'],
    ['created_at'],
    ['closed_at'],
  ]);

  await qi.createTable('esim_profiles', {
    id,
    customer_id: ref('customers'),
    iccid: { type: STRING(22), allowNull: false, unique: true },
    msisdn: { type: STRING(32), allowNull: true },
    eid: { type: STRING(32), allowNull: true },
    device_model: { type: STRING(100), allowNull: true },
    device_state: { type: STRING(10), allowNull: false },
    network_state: { type: STRING(12), allowNull: false },
    terminated_at: { type: DATE, allowNull: true },
    quarantine_until: { type: DATEONLY, allowNull: true },
    created_at: createdAt,
    updated_at: createdAt,
  });
  await indexes(qi, 'esim_profiles', [['customer_id'], ['network_state'], ['msisdn']]);

  await qi.createTable('bills', {
    id,
    customer_id: ref('customers'),
    bill_no: { type: STRING(32), allowNull: false, unique: true },
    period_start: { type: DATEONLY, allowNull: false },
    period_end: { type: DATEONLY, allowNull: false },
    amount_due: money,
    amount_paid: money,
    currency: { type: STRING(3), allowNull: false },
    due_date: { type: DATEONLY, allowNull: false },
    status: { type: STRING(10), allowNull: false },
    waived_reason: { type: TEXT, allowNull: true },
    created_at: createdAt,
    updated_at: createdAt,
  });
  await indexes(qi, 'bills', [['customer_id', 'due_date'], ['status'], ['due_date']]);

  await qi.createTable('closure_requests', {
    id,
    reference: { type: STRING(32), allowNull: false, unique: true },
    customer_id: ref('customers'),
    channel: { type: STRING(10), allowNull: false },
    status: { type: STRING(20), allowNull: false },
    reason_code: { type: STRING(40), allowNull: false },
    reason_text: { type: TEXT, allowNull: true },
    identity_verified: { type: BOOLEAN, allowNull: false, defaultValue: false },
    verification_method: { type: STRING(30), allowNull: true },
    assignee_id: ref('staff_users', true),
    submitted_at: createdAt,
    due_at: createdAt,
    requested_effective_date: { type: DATEONLY, allowNull: true },
    effective_date: { type: DATEONLY, allowNull: true },
    balance_decision: { type: STRING(10), allowNull: true },
    reject_reason_code: { type: STRING(40), allowNull: true },
    resolved_at: { type: DATE, allowNull: true },
    completed_at: { type: DATE, allowNull: true },
    version: { type: INTEGER, allowNull: false, defaultValue: 1 },
    created_at: createdAt,
    updated_at: createdAt,
  });
  await indexes(qi, 'closure_requests', [
    ['status', 'submitted_at'],
    ['assignee_id', 'status', 'submitted_at'],
    ['status', 'due_at'],
    ['channel', 'submitted_at'],
    ['customer_id'],
    ['submitted_at'],
    ['due_at'],
  ]);
  // One open request per account, enforced by the database so concurrent intake cannot slip through.
  await db.sequelize.query(
    `CREATE UNIQUE INDEX closure_requests_one_open_per_customer ON closure_requests (customer_id)
     WHERE status IN ('submitted', 'in_review', 'awaiting_customer', 'approved')`,
  );

  await qi.createTable('balance_entries', {
    id,
    customer_id: ref('customers'),
    kind: { type: STRING(20), allowNull: false },
    bucket: { type: STRING(10), allowNull: false },
    amount: { type: BIGINT, allowNull: false },
    currency: { type: STRING(3), allowNull: false },
    occurred_at: createdAt,
    reference: { type: STRING(64), allowNull: true },
    closure_request_id: ref('closure_requests', true),
  });
  await indexes(qi, 'balance_entries', [['customer_id', 'occurred_at'], ['kind'], ['bucket']]);

  await qi.createTable('refunds', {
    id,
    closure_request_id: ref('closure_requests'),
    customer_id: ref('customers'),
    amount: { type: BIGINT, allowNull: false },
    currency: { type: STRING(3), allowNull: false },
    method: { type: STRING(20), allowNull: false },
    payout_reference: { type: STRING(100), allowNull: false },
    note: { type: TEXT, allowNull: true },
    status: { type: STRING(20), allowNull: false },
    created_by_id: ref('staff_users'),
    approved_by_id: ref('staff_users', true),
    decision_note: { type: TEXT, allowNull: true },
    created_at: createdAt,
    decided_at: { type: DATE, allowNull: true },
  });
  await indexes(qi, 'refunds', [['closure_request_id'], ['status', 'created_at'], ['created_by_id'], ['customer_id']]);

  await qi.createTable('notifications', {
    id,
    customer_id: ref('customers'),
    closure_request_id: ref('closure_requests', true),
    channel: { type: STRING(10), allowNull: false },
    recipient: { type: STRING(254), allowNull: false },
    template: { type: STRING(40), allowNull: false },
    locale: { type: STRING(10), allowNull: false },
    subject: { type: STRING(300), allowNull: true },
    body: { type: TEXT, allowNull: false },
    status: { type: STRING(10), allowNull: false },
    attempts: { type: INTEGER, allowNull: false, defaultValue: 0 },
    next_attempt_at: { type: DATE, allowNull: true },
    last_error: { type: TEXT, allowNull: true },
    created_at: createdAt,
    sent_at: { type: DATE, allowNull: true },
  });
  await indexes(qi, 'notifications', [['status', 'next_attempt_at'], ['closure_request_id'], ['customer_id'], ['created_at']]);

  await qi.createTable('closure_notes', {
    id,
    closure_request_id: ref('closure_requests'),
    author_id: ref('staff_users'),
    text: { type: TEXT, allowNull: false },
    created_at: createdAt,
  });
  await indexes(qi, 'closure_notes', [['closure_request_id', 'created_at']]);

  await qi.createTable('attachments', {
    id,
    closure_request_id: ref('closure_requests'),
    file_name: { type: STRING(255), allowNull: false },
    content_type: { type: STRING(100), allowNull: false },
    size: { type: INTEGER, allowNull: false },
    sha256: { type: STRING(64), allowNull: false },
    storage_path: { type: STRING(500), allowNull: false },
    uploaded_by_id: ref('staff_users'),
    created_at: createdAt,
    deleted_at: { type: DATE, allowNull: true },
  });
  await indexes(qi, 'attachments', [['closure_request_id']]);

  await qi.createTable('idempotency_keys', {
    id,
    scope: { type: STRING(100), allowNull: false },
    key: { type: STRING(255), allowNull: false },
    request_hash: { type: STRING(64), allowNull: false },
    status_code: { type: INTEGER, allowNull: true },
    response_body: { type: TEXT, allowNull: true },
    created_at: createdAt,
  });
  await indexes(qi, 'idempotency_keys', [{ fields: ['scope', 'key'], unique: true }, ['created_at']]);

  await qi.createTable('audit_events', {
    // Assigned by the audit core under the chain lock (previous id + 1), never by a sequence,
    // so the id is part of the hashed content and ids have no gaps.
    id: { type: BIGINT, primaryKey: true, allowNull: false },
    at: { type: DATE, allowNull: false },
    actor_id: { type: INTEGER, allowNull: true },
    actor_email: { type: STRING(254), allowNull: true },
    actor_role: { type: STRING(20), allowNull: true },
    ip: { type: STRING(64), allowNull: true },
    action: { type: STRING(60), allowNull: false },
    entity_type: { type: STRING(40), allowNull: false },
    entity_id: { type: STRING(64), allowNull: true },
    reason: { type: TEXT, allowNull: true },
    before: { type: TEXT, allowNull: true },
    after: { type: TEXT, allowNull: true },
    prev_hash: { type: STRING(64), allowNull: false },
    hash: { type: STRING(64), allowNull: false },
  });
  await indexes(qi, 'audit_events', [['actor_id', 'id'], ['action', 'id'], ['entity_type', 'entity_id', 'id'], ['at']]);
}

export async function down({ db }: MigrationContext): Promise<void> {
  const qi = db.sequelize.getQueryInterface();
  for (const table of [
    'audit_events', 'idempotency_keys', 'attachments', 'closure_notes', 'notifications', 'refunds',
    'balance_entries', 'closure_requests', 'bills', 'esim_profiles', 'customers', 'login_failures',
    'sessions', 'staff_users', 'settings',
  ]) {
    await qi.dropTable(table);
  }
}
