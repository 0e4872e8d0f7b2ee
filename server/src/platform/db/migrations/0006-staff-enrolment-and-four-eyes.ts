import { DataTypes } from 'sequelize';
import type { MigrationContext } from '../migrate';

const { INTEGER, STRING, TEXT, DATE } = DataTypes;

/**
 * Issue 11 item 2, "one person, two hats":
 * - staff_users.locale: the language a staff member's messages (the enrolment link) are written in;
 * - staff_enrolment_tokens: one-time links to choose a password (only their SHA-256 is kept);
 * - notifications.staff_user_id: the outbox also carries messages to staff, so customer_id may be
 *   null; exactly one of the two is set;
 * - pending_setting_changes: a change to a guarded setting waits here for a second admin.
 */
export async function up({ db }: MigrationContext): Promise<void> {
  const qi = db.sequelize.getQueryInterface();
  await qi.addColumn('staff_users', 'locale', { type: STRING(10), allowNull: false, defaultValue: 'en' });

  await qi.createTable('staff_enrolment_tokens', {
    id: { type: INTEGER, primaryKey: true, autoIncrement: true, allowNull: false },
    staff_user_id: { type: INTEGER, allowNull: false, references: { model: 'staff_users', key: 'id' } },
    token_hash: { type: STRING(64), allowNull: false, unique: true },
    purpose: { type: STRING(20), allowNull: false }, // invite | reset
    created_by_id: { type: INTEGER, allowNull: true, references: { model: 'staff_users', key: 'id' } },
    created_at: { type: DATE, allowNull: false },
    expires_at: { type: DATE, allowNull: false },
    used_at: { type: DATE, allowNull: true },
  });
  await qi.addIndex('staff_enrolment_tokens', { fields: ['staff_user_id'], name: 'staff_enrolment_tokens_staff_user_id_idx' });

  await qi.createTable('pending_setting_changes', {
    key: { type: STRING(100), primaryKey: true }, // one pending change per setting
    value: { type: TEXT, allowNull: false }, // JSON
    proposed_by_id: { type: INTEGER, allowNull: false, references: { model: 'staff_users', key: 'id' } },
    proposed_at: { type: DATE, allowNull: false },
  });

  if (db.dialect === 'postgres') {
    await db.sequelize.query('ALTER TABLE notifications ALTER COLUMN customer_id DROP NOT NULL');
    await db.sequelize.query('ALTER TABLE notifications ADD COLUMN staff_user_id INTEGER NULL REFERENCES staff_users (id)');
    await db.sequelize.query('ALTER TABLE notifications ADD CONSTRAINT notifications_one_recipient_ck CHECK ((customer_id IS NULL) <> (staff_user_id IS NULL))');
  } else {
    await rebuildSqliteNotifications(db);
  }
  await qi.addIndex('notifications', { fields: ['staff_user_id'], name: 'notifications_staff_user_id_idx' });
}

/**
 * SQLite cannot drop a NOT NULL: the table is rebuilt (its documented 12-step way), keeping rows,
 * ids and indexes, in one transaction (on one connection: other queries are spread over several).
 */
async function rebuildSqliteNotifications(db: MigrationContext['db']): Promise<void> {
  await db.transaction(async (transaction) => {
    const q = (sql: string) => db.sequelize.query(sql, { transaction });
    await rebuildSteps(q);
  });
}

async function rebuildSteps(q: (sql: string) => Promise<[unknown, unknown]>): Promise<void> {
  const [indexRows] = await q("SELECT sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'notifications' AND sql IS NOT NULL");
  const columns = 'id, customer_id, closure_request_id, channel, recipient, template, locale, subject, body, status, attempts, next_attempt_at, last_error, created_at, sent_at';
  await q(`CREATE TABLE notifications_new (id INTEGER PRIMARY KEY AUTOINCREMENT,
    customer_id INTEGER REFERENCES customers (id), staff_user_id INTEGER REFERENCES staff_users (id),
    closure_request_id INTEGER REFERENCES closure_requests (id), channel VARCHAR(10) NOT NULL,
    recipient VARCHAR(254) NOT NULL, template VARCHAR(40) NOT NULL, locale VARCHAR(10) NOT NULL, subject VARCHAR(300),
    body TEXT NOT NULL, status VARCHAR(10) NOT NULL, attempts INTEGER NOT NULL DEFAULT 0, next_attempt_at DATETIME,
    last_error TEXT, created_at DATETIME NOT NULL, sent_at DATETIME,
    CONSTRAINT notifications_one_recipient_ck CHECK ((customer_id IS NULL) <> (staff_user_id IS NULL)))`);
  await q(`INSERT INTO notifications_new (${columns}) SELECT ${columns} FROM notifications`);
  await q('DROP TABLE notifications');
  await q('ALTER TABLE notifications_new RENAME TO notifications');
  for (const { sql } of indexRows as { sql: string }[]) await q(sql);
}

export async function down({ db }: MigrationContext): Promise<void> {
  const qi = db.sequelize.getQueryInterface();
  await qi.removeIndex('notifications', 'notifications_staff_user_id_idx');
  await db.sequelize.query('DELETE FROM notifications WHERE customer_id IS NULL');
  if (db.dialect === 'postgres') {
    await db.sequelize.query('ALTER TABLE notifications DROP CONSTRAINT notifications_one_recipient_ck');
    await db.sequelize.query('ALTER TABLE notifications DROP COLUMN staff_user_id');
    await db.sequelize.query('ALTER TABLE notifications ALTER COLUMN customer_id SET NOT NULL');
  }
  // On SQLite the nullable customer_id and the empty staff_user_id column stay: harmless to the older code.
  await qi.dropTable('pending_setting_changes');
  await qi.dropTable('staff_enrolment_tokens');
  await qi.removeColumn('staff_users', 'locale');
}
