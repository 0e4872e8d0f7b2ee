import type { Transaction } from 'sequelize';
import type { Models } from './db/models';

/** Business settings kept in the database (DOMAIN.md), with their defaults. */
export const SETTING_DEFAULTS = {
  slaDays: 7,
  refundApprovalThreshold: 50_000, // minor units: 500.00 in the account's currency
  quarantineDays: 90,
  retentionDays: 180,
} as const;
export type SettingKey = keyof typeof SETTING_DEFAULTS;

export async function getSetting(models: Models, key: SettingKey, transaction?: Transaction): Promise<number> {
  const row = await models.Setting.findByPk(key, { raw: true, transaction });
  const value = row ? Number(row.value) : NaN;
  return Number.isFinite(value) ? value : SETTING_DEFAULTS[key];
}

export async function writeDefaultSettings(models: Models, transaction?: Transaction): Promise<void> {
  const now = new Date();
  await models.Setting.bulkCreate(
    Object.entries(SETTING_DEFAULTS).map(([key, value]) => ({ key, value: String(value), updatedAt: now })),
    { transaction, ignoreDuplicates: true },
  );
}
