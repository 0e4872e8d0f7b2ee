import { randomBytes } from 'node:crypto';
import { DataTypes, QueryTypes } from 'sequelize';
import type { MigrationContext } from '../migrate';

/**
 * Sign-in defences (issue 12):
 * - login_attempts: one row per throttle key (an account, a device cookie, an address) with the
 *   start of its current 15-minute window and the attempts made in it. An attempt is reserved by
 *   one upsert before the password is checked, so simultaneous guesses cannot all slip under the
 *   limit (the old login_failures rows were read, then written after the check).
 * - sessions.public_id: the id a person sees and ends their sessions by (`GET /api/auth/sessions`);
 *   the primary key is the token's hash and stays private.
 * - job_leases: which instance runs a background job (the session purge) until when.
 * - sessionIdleMinutes: the old default 60 becomes the new default 30.
 */
export async function up({ db }: MigrationContext): Promise<void> {
  const qi = db.sequelize.getQueryInterface();
  await qi.createTable('login_attempts', {
    throttle_key: { type: DataTypes.STRING(300), allowNull: false, primaryKey: true },
    window_start: { type: DataTypes.BIGINT, allowNull: false }, // epoch ms
    attempts: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
  });
  await qi.addIndex('login_attempts', { fields: ['window_start'], name: 'login_attempts_window_start_idx' });
  await qi.dropTable('login_failures');

  await qi.addColumn('sessions', 'public_id', { type: DataTypes.STRING(32), allowNull: true });
  const rows = await db.sequelize.query<{ id: string }>('SELECT id FROM sessions', { type: QueryTypes.SELECT });
  for (const row of rows) {
    await db.sequelize.query('UPDATE sessions SET public_id = :publicId WHERE id = :id', {
      replacements: { publicId: randomBytes(12).toString('base64url'), id: row.id },
    });
  }
  await qi.addIndex('sessions', { fields: ['public_id'], unique: true, name: 'sessions_public_id_idx' });
  await qi.addIndex('sessions', { fields: ['last_seen_at'], name: 'sessions_last_seen_at_idx' });

  // The idle lifetime's default is now 30 minutes (ASVS 3.3.2): a database still holding the old
  // default written at set-up moves with it; any other value was an admin's choice and stays.
  await db.sequelize.query(`UPDATE settings SET value = '30' WHERE "key" = 'sessionIdleMinutes' AND value = '60'`);

  await qi.createTable('job_leases', {
    name: { type: DataTypes.STRING(64), allowNull: false, primaryKey: true },
    holder: { type: DataTypes.STRING(100), allowNull: false },
    lease_until: { type: DataTypes.BIGINT, allowNull: false }, // epoch ms
  });
}

export async function down({ db }: MigrationContext): Promise<void> {
  const qi = db.sequelize.getQueryInterface();
  await qi.dropTable('job_leases');
  await qi.removeIndex('sessions', 'sessions_last_seen_at_idx');
  await qi.removeIndex('sessions', 'sessions_public_id_idx');
  await qi.removeColumn('sessions', 'public_id');
  await qi.createTable('login_failures', {
    id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
    throttle_key: { type: DataTypes.STRING(300), allowNull: false },
    at: { type: DataTypes.DATE, allowNull: false },
  });
  await qi.addIndex('login_failures', { fields: ['throttle_key', 'at'] });
  await qi.addIndex('login_failures', { fields: ['at'] });
  await qi.dropTable('login_attempts');
}
