import { DataTypes, type QueryInterface } from 'sequelize';
import type { MigrationContext } from '../migrate';

/**
 * Fast at a million (issue 7): an index for every list filter and sort, and the counters the
 * closure-request queue views read their totals from.
 *
 * The rule for the list indexes: every filter column leads an index that then holds the
 * resource's default sort and `id` (so a filtered first page is an index range read in order,
 * and its COUNT an index range count), and every sort column leads an index followed by `id`
 * (the list orders by the field, then by id). The trailing id costs SQLite nothing it lacks
 * (an index there always ends with the rowid) and lets PostgreSQL read `ORDER BY x DESC, id DESC`
 * straight from the index instead of sorting.
 */
type Spec = { table: string; drop?: string[][]; add: string[][] };

const name = (table: string, fields: string[]) => `${table}_${fields.join('_')}_idx`;

const LIST_INDEXES: Spec[] = [
  {
    table: 'closure_requests',
    drop: [['status', 'submitted_at'], ['assignee_id', 'status', 'submitted_at'], ['status', 'due_at'], ['channel', 'submitted_at'], ['submitted_at'], ['due_at']],
    add: [
      ['status', 'submitted_at', 'id'], ['assignee_id', 'status', 'submitted_at', 'id'], ['assignee_id', 'submitted_at', 'id'],
      ['status', 'due_at', 'id'], ['channel', 'submitted_at', 'id'], ['reason_code', 'submitted_at', 'id'],
      ['submitted_at', 'id'], ['due_at', 'id'], ['effective_date', 'id'], ['resolved_at', 'id'], ['completed_at', 'id'],
      ['status', 'id'], ['channel', 'id'], ['assignee_id', 'id'],
    ],
  },
  {
    table: 'customers',
    drop: [['currency'], ['cash_balance'], ['outstanding_amount'], ['full_name'], ['created_at'], ['closed_at']],
    add: [
      ['currency', 'id'], ['cash_balance', 'id'], ['promo_balance', 'id'], ['outstanding_amount', 'id'], ['full_name', 'id'],
      ['created_at', 'id'], ['closed_at', 'id'],
    ],
  },
  {
    table: 'bills',
    drop: [['status'], ['due_date']],
    add: [['status', 'due_date', 'id'], ['due_date', 'id'], ['period_start', 'id'], ['amount_due', 'id']],
  },
  {
    table: 'balance_entries',
    drop: [['kind'], ['bucket']],
    add: [['kind', 'occurred_at', 'id'], ['bucket', 'occurred_at', 'id'], ['occurred_at', 'id'], ['amount', 'id']],
  },
  {
    table: 'esim_profiles',
    drop: [['network_state']],
    add: [['network_state', 'id'], ['device_state', 'id'], ['updated_at', 'id']],
  },
  {
    table: 'refunds',
    drop: [['status', 'created_at'], ['created_by_id']],
    add: [
      ['status', 'created_at', 'id'], ['created_by_id', 'created_at', 'id'], ['method', 'created_at', 'id'],
      ['created_at', 'id'], ['amount', 'id'], ['decided_at', 'id'],
    ],
  },
  {
    table: 'notifications',
    drop: [['created_at']],
    add: [['status', 'created_at', 'id'], ['channel', 'created_at', 'id'], ['created_at', 'id'], ['sent_at', 'id'], ['attempts', 'id']],
  },
  { table: 'audit_events', drop: [['at']], add: [['at', 'id']] },
];

/**
 * The open statuses as they were when this migration was written, frozen: a migration means the
 * same thing forever, whatever the live workflow later calls open. The live overdue filter
 * (closures/open-status-sql.ts) writes the same text from the shared workflow, so the planner
 * matches these partial indexes; a workflow change that alters it needs a new migration to
 * rebuild them.
 */
export const OPEN_STATUS_SQL = "status IN ('submitted', 'in_review', 'awaiting_customer', 'approved')";

async function addIndexes(qi: QueryInterface, spec: Spec): Promise<void> {
  for (const fields of spec.drop ?? []) await qi.removeIndex(spec.table, name(spec.table, fields));
  for (const fields of spec.add) await qi.addIndex(spec.table, { fields, name: name(spec.table, fields) });
}

export async function up({ db }: MigrationContext): Promise<void> {
  const qi = db.sequelize.getQueryInterface();
  for (const spec of LIST_INDEXES) await addIndexes(qi, spec);

  // The overdue queue: open requests, newest first, past their due time. Only open requests are in
  // these indexes (a small part of a million), and due_at is in them so rows not yet due are
  // skipped without reading the table.
  await db.sequelize.query(
    `CREATE INDEX closure_requests_open_submitted_at_idx ON closure_requests (submitted_at, id, due_at) WHERE ${OPEN_STATUS_SQL}`,
  );
  await db.sequelize.query(
    `CREATE INDEX closure_requests_open_assignee_submitted_at_idx ON closure_requests (assignee_id, submitted_at, id, due_at) WHERE ${OPEN_STATUS_SQL}`,
  );

  // Totals of the queue views, kept in the transaction of every write that changes them
  // (closures/counters.ts). `kind` names which of status / dim / due_day are meaningful:
  //   status            per status
  //   status_assignee   per status and assignee (dim = assignee id, '' when unassigned)
  //   status_channel    per status and channel (dim = channel)
  //   open_due          open requests per status and UTC due day
  //   open_assignee_due open requests per status, assignee and UTC due day
  //   open_due_hour     open requests per status, UTC due day and due hour (dim; migration 0005)
  //   sla_min           n = the smallest due_at - submitted_at (ms) any request has had
  await qi.createTable('closure_request_counts', {
    kind: { type: DataTypes.STRING(20), allowNull: false, primaryKey: true },
    status: { type: DataTypes.STRING(20), allowNull: false, primaryKey: true },
    dim: { type: DataTypes.STRING(20), allowNull: false, primaryKey: true },
    due_day: { type: DataTypes.STRING(10), allowNull: false, primaryKey: true },
    n: { type: DataTypes.BIGINT, allowNull: false },
  });
  // A database that already holds requests starts with counters that match them.
  await countExistingRequests(db);
}

/** The counters of the requests already there, by the rules of closures/counters.ts. */
async function countExistingRequests(db: MigrationContext['db']): Promise<void> {
  const pg = db.dialect === 'postgres';
  const dim = `COALESCE(CAST(assignee_id AS TEXT), '')`;
  const dueDay = pg ? `to_char(due_at AT TIME ZONE 'UTC', 'YYYY-MM-DD')` : `substr(due_at, 1, 10)`;
  const slaMs = pg
    ? `ROUND(EXTRACT(EPOCH FROM (due_at - submitted_at)) * 1000)`
    : `ROUND((julianday(due_at) - julianday(submitted_at)) * 86400000)`;
  const insert = (select: string) =>
    db.sequelize.query(`INSERT INTO closure_request_counts (kind, status, dim, due_day, n) ${select}`);
  await insert(`SELECT 'status', status, '', '', COUNT(*) FROM closure_requests GROUP BY status`);
  await insert(`SELECT 'status_assignee', status, ${dim}, '', COUNT(*) FROM closure_requests GROUP BY status, ${dim}`);
  await insert(`SELECT 'status_channel', status, channel, '', COUNT(*) FROM closure_requests GROUP BY status, channel`);
  await insert(`SELECT 'open_due', status, '', ${dueDay}, COUNT(*) FROM closure_requests WHERE ${OPEN_STATUS_SQL} GROUP BY status, ${dueDay}`);
  await insert(
    `SELECT 'open_assignee_due', status, ${dim}, ${dueDay}, COUNT(*) FROM closure_requests WHERE ${OPEN_STATUS_SQL} GROUP BY status, ${dim}, ${dueDay}`,
  );
  await insert(`SELECT 'sla_min', '', '', '', MIN(${slaMs}) FROM closure_requests HAVING COUNT(*) > 0`);
}

export async function down({ db }: MigrationContext): Promise<void> {
  const qi = db.sequelize.getQueryInterface();
  await qi.dropTable('closure_request_counts');
  await db.sequelize.query('DROP INDEX IF EXISTS closure_requests_open_submitted_at_idx');
  await db.sequelize.query('DROP INDEX IF EXISTS closure_requests_open_assignee_submitted_at_idx');
  for (const spec of [...LIST_INDEXES].reverse()) {
    for (const fields of spec.add) await qi.removeIndex(spec.table, name(spec.table, fields));
    for (const fields of spec.drop ?? []) await qi.addIndex(spec.table, { fields, name: name(spec.table, fields) });
  }
}
