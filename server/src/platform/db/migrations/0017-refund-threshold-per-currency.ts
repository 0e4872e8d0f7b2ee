import type { MigrationContext } from '../migrate';

/**
 * Issue 18: the refund approval threshold is set per currency. Each currency's own setting starts
 * from the single value kept until now (or its default, 500.00, when none was stored), so no refund
 * changes its path on upgrade; `refundApprovalThreshold` stays as the default for a currency without
 * its own. A row already there (written by a newer start-up) is left alone. Values frozen here.
 */
const CODES = ['CNY', 'USD', 'EUR', 'HKD', 'GBP'];
const DEFAULT_MINOR = '50000';

export async function up({ db }: MigrationContext): Promise<void> {
  const [rows] = await db.sequelize.query(`SELECT value FROM settings WHERE key = 'refundApprovalThreshold'`);
  const stored = (rows as { value: string | null }[])[0]?.value;
  const value = stored != null && Number.isFinite(Number(stored)) ? String(Number(stored)) : DEFAULT_MINOR;
  for (const code of CODES) {
    const key = `refundApprovalThreshold${code}`;
    const [have] = await db.sequelize.query(`SELECT key FROM settings WHERE key = :key`, { replacements: { key } });
    if ((have as unknown[]).length) continue;
    await db.sequelize.query(`INSERT INTO settings (key, value, updated_at) VALUES (:key, :value, :now)`, {
      replacements: { key, value, now: new Date() },
    });
  }
}

export async function down({ db }: MigrationContext): Promise<void> {
  await db.sequelize.query(`DELETE FROM settings WHERE key IN (${CODES.map((c) => `'refundApprovalThreshold${c}'`).join(', ')})`);
  await db.sequelize.query(`DELETE FROM pending_setting_changes WHERE key IN (${CODES.map((c) => `'refundApprovalThreshold${c}'`).join(', ')})`);
}
