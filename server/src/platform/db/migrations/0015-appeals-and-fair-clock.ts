import { DataTypes } from 'sequelize';
import type { MigrationContext } from '../migrate';

/**
 * Issue 17. An appeal (申诉) is a new request linked to the rejected one (`appeal_of_id`, unique: one
 * appeal per rejection); the supervisor deciding it must not be the one who decided the original
 * (`decided_by_id`, set by approve and reject). The fair clock: `waiting_since` is when the request
 * last went to awaiting_customer (resume moves due_at later by the time since), `info_reminded_at`
 * when the customer was reminded. Rejections decided before this migration get their decider from
 * the audit trail. Values frozen here: the migration imports no live code.
 */
export async function up({ db }: MigrationContext): Promise<void> {
  const qi = db.sequelize.getQueryInterface();
  await qi.addColumn('closure_requests', 'appeal_of_id', { type: DataTypes.INTEGER, allowNull: true, references: { model: 'closure_requests', key: 'id' } });
  await qi.addColumn('closure_requests', 'decided_by_id', { type: DataTypes.INTEGER, allowNull: true });
  await qi.addColumn('closure_requests', 'waiting_since', { type: DataTypes.DATE, allowNull: true });
  await qi.addColumn('closure_requests', 'info_reminded_at', { type: DataTypes.DATE, allowNull: true });
  await qi.addIndex('closure_requests', ['appeal_of_id'], { unique: true, name: 'closure_requests_appeal_of_id_key' });
  await qi.addIndex('closure_requests', ['status', 'waiting_since'], { name: 'closure_requests_status_waiting_since_idx' });
  const cast = 'CAST(closure_requests.id AS TEXT)';
  await db.sequelize.query(`UPDATE closure_requests SET decided_by_id = (
      SELECT a.actor_id FROM audit_events a
      WHERE a.entity_type = 'closure_request' AND a.entity_id = ${cast} AND a.action = 'closure.reject'
      ORDER BY a.id DESC LIMIT 1)
    WHERE status = 'rejected'`);
  // Requests already waiting: their wait starts from the request-info that put them there.
  await db.sequelize.query(`UPDATE closure_requests SET waiting_since = COALESCE((
      SELECT a.at FROM audit_events a
      WHERE a.entity_type = 'closure_request' AND a.entity_id = ${cast} AND a.action = 'closure.request-info'
      ORDER BY a.id DESC LIMIT 1), updated_at)
    WHERE status = 'awaiting_customer'`);
}

export async function down({ db }: MigrationContext): Promise<void> {
  const qi = db.sequelize.getQueryInterface();
  await qi.removeIndex('closure_requests', 'closure_requests_status_waiting_since_idx');
  await qi.removeIndex('closure_requests', 'closure_requests_appeal_of_id_key');
  // ALTER TABLE … DROP COLUMN (SQLite 3.35+, PostgreSQL), not queryInterface.removeColumn: on SQLite
  // that rebuilds the table and turns the one-open-request partial unique index into a plain UNIQUE.
  for (const c of ['info_reminded_at', 'waiting_since', 'decided_by_id', 'appeal_of_id']) await db.sequelize.query(`ALTER TABLE closure_requests DROP COLUMN ${c}`);
}
