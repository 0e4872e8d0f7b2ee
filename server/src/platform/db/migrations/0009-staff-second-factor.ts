import { DataTypes } from 'sequelize';
import type { MigrationContext } from '../migrate';

const { INTEGER, BIGINT, STRING, TEXT, DATE } = DataTypes;

/**
 * A staff member's second factor (TOTP, RFC 6238) and their single-use recovery codes.
 * - staff_second_factors: one row per person who started or finished enrolment. `totp_secret` is the
 *   active secret and `pending_secret` one being enrolled, both AES-256-GCM ciphertext (never the
 *   secret itself); `last_used_step` is the last 30-second step a code was accepted for, so a code is
 *   never accepted twice.
 * - staff_recovery_codes: each code as a salted SHA-256 hash, and when it was used.
 */
export async function up({ db }: MigrationContext): Promise<void> {
  const qi = db.sequelize.getQueryInterface();
  await qi.createTable('staff_second_factors', {
    staff_user_id: { type: INTEGER, primaryKey: true, allowNull: false, references: { model: 'staff_users', key: 'id' } },
    totp_secret: { type: TEXT, allowNull: true },
    pending_secret: { type: TEXT, allowNull: true },
    pending_at: { type: DATE, allowNull: true },
    enabled_at: { type: DATE, allowNull: true },
    last_used_step: { type: BIGINT, allowNull: true },
    updated_at: { type: DATE, allowNull: false },
  });
  await qi.createTable('staff_recovery_codes', {
    id: { type: INTEGER, primaryKey: true, autoIncrement: true, allowNull: false },
    staff_user_id: { type: INTEGER, allowNull: false, references: { model: 'staff_users', key: 'id' } },
    salt: { type: STRING(64), allowNull: false },
    code_hash: { type: STRING(64), allowNull: false },
    created_at: { type: DATE, allowNull: false },
    used_at: { type: DATE, allowNull: true },
  });
  await qi.addIndex('staff_recovery_codes', { fields: ['staff_user_id'], name: 'staff_recovery_codes_staff_user_id_idx' });
}

export async function down({ db }: MigrationContext): Promise<void> {
  const qi = db.sequelize.getQueryInterface();
  await qi.dropTable('staff_recovery_codes');
  await qi.dropTable('staff_second_factors');
}
