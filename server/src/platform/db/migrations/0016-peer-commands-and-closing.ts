import { DataTypes } from 'sequelize';
import type { MigrationContext } from '../migrate';

/**
 * Issue 16. Completion reaches the peers: `peer_commands` is the outbox of what Closure Desk tells
 * the SM-DP+ (ES2+ CancelOrder) and the network (TMF641 serviceOrder delete), one row per command,
 * with the identifier the peer deduplicates on (`call_id`: the ES2+ functionCallIdentifier or the
 * TMF641 externalId) made once at enqueue and sent unchanged on every attempt. A request waits in
 * the new open status `closing` until every command is confirmed, so the partial indexes built on
 * the open statuses (0001's one open request per account, 0004's overdue queue) are rebuilt with it.
 * Values frozen here: the migration imports no live code.
 */
export const OPEN_STATUS_SQL = "status IN ('submitted', 'in_review', 'awaiting_customer', 'approved', 'closing')";
const OLD_OPEN_STATUS_SQL = "status IN ('submitted', 'in_review', 'awaiting_customer', 'approved')";

async function openIndexes(db: MigrationContext['db'], condition: string): Promise<void> {
  for (const name of ['closure_requests_one_open_per_customer', 'closure_requests_open_submitted_at_idx', 'closure_requests_open_assignee_submitted_at_idx']) {
    await db.sequelize.query(`DROP INDEX IF EXISTS ${name}`);
  }
  await db.sequelize.query(`CREATE UNIQUE INDEX closure_requests_one_open_per_customer ON closure_requests (customer_id) WHERE ${condition}`);
  await db.sequelize.query(`CREATE INDEX closure_requests_open_submitted_at_idx ON closure_requests (submitted_at, id, due_at) WHERE ${condition}`);
  await db.sequelize.query(`CREATE INDEX closure_requests_open_assignee_submitted_at_idx ON closure_requests (assignee_id, submitted_at, id, due_at) WHERE ${condition}`);
}

export async function up({ db }: MigrationContext): Promise<void> {
  const qi = db.sequelize.getQueryInterface();
  const { INTEGER, STRING, TEXT, DATE } = DataTypes;
  await qi.createTable('peer_commands', {
    id: { type: INTEGER, primaryKey: true, autoIncrement: true },
    closure_request_id: { type: INTEGER, allowNull: false, references: { model: 'closure_requests', key: 'id' } },
    profile_id: { type: INTEGER, allowNull: false, references: { model: 'esim_profiles', key: 'id' } },
    iccid: { type: STRING(22), allowNull: false },
    // 'smdp' | 'network'
    peer: { type: STRING(10), allowNull: false },
    // 'cancel_order' | 'service_order_delete'
    kind: { type: STRING(30), allowNull: false },
    call_id: { type: STRING(64), allowNull: false, unique: true },
    // 'pending' | 'sent' | 'confirmed' | 'failed'
    status: { type: STRING(10), allowNull: false },
    attempts: { type: INTEGER, allowNull: false, defaultValue: 0 },
    next_attempt_at: { type: DATE, allowNull: true },
    last_error: { type: TEXT, allowNull: true },
    peer_reference: { type: STRING(100), allowNull: true },
    confirmed_at: { type: DATE, allowNull: true },
    created_at: { type: DATE, allowNull: false },
    updated_at: { type: DATE, allowNull: false },
  });
  await qi.addIndex('peer_commands', ['status', 'next_attempt_at'], { name: 'peer_commands_status_next_attempt_at_idx' });
  await qi.addIndex('peer_commands', ['closure_request_id'], { name: 'peer_commands_closure_request_id_idx' });
  await qi.addIndex('peer_commands', ['peer', 'kind', 'profile_id'], { unique: true, name: 'peer_commands_one_per_profile' });
  await openIndexes(db, OPEN_STATUS_SQL);
}

export async function down({ db }: MigrationContext): Promise<void> {
  await openIndexes(db, OLD_OPEN_STATUS_SQL);
  await db.sequelize.getQueryInterface().dropTable('peer_commands');
}
