import type { Transaction } from 'sequelize';
import type { AppContext } from '../platform/context';
import type { PendingSettingChangeRecord, SettingRecord, StaffUserRecord } from '../platform/db/records';

/**
 * The settings table and the changes waiting for a second admin, as stored: values are text, a
 * pending change's value is JSON (change-setting.ts reads both back by kind).
 */

/** Every stored setting (a setting never stored is at its default). */
export async function findSettings(ctx: AppContext): Promise<SettingRecord[]> {
  return ctx.models.Setting.findAll({ raw: true });
}

/** Every change waiting for approval, one a setting at most. */
export async function findPendingSettingChanges(ctx: AppContext): Promise<PendingSettingChangeRecord[]> {
  return ctx.models.PendingSettingChange.findAll({ raw: true });
}

/** The names of the admins who proposed the pending changes, so every reader can see who it was. */
export async function findProposerNames(ctx: AppContext, ids: number[]): Promise<Pick<StaffUserRecord, 'id' | 'fullName'>[]> {
  return ctx.models.StaffUser.findAll({ attributes: ['id', 'fullName'], where: { id: ids }, raw: true });
}

/** The setting as stored, read in the caller's transaction; null when it was never stored. */
export async function findSetting(ctx: AppContext, tx: Transaction, key: string): Promise<SettingRecord | null> {
  return ctx.models.Setting.findByPk(key, { raw: true, transaction: tx });
}

/** Writes a setting's value (already its text), whether or not it was stored before. */
export async function storeSetting(ctx: AppContext, tx: Transaction, key: string, value: string): Promise<void> {
  await ctx.models.Setting.upsert({ key, value, updatedAt: new Date() }, { transaction: tx });
}

/** The change waiting for approval of this setting, or null. */
export async function findPendingSettingChange(ctx: AppContext, tx: Transaction, key: string): Promise<PendingSettingChangeRecord | null> {
  return ctx.models.PendingSettingChange.findByPk(key, { raw: true, transaction: tx });
}

/** The change waiting for approval of this setting, locked for the rest of the transaction; or null. */
export async function lockPendingSettingChange(ctx: AppContext, tx: Transaction, key: string): Promise<PendingSettingChangeRecord | null> {
  return ctx.models.PendingSettingChange.findByPk(key, { raw: true, lock: true, transaction: tx });
}

/**
 * Makes a proposal the setting's pending change. The key is the table's primary key, so a second
 * proposal committed at the same time fails with a UniqueConstraintError (the caller answers it).
 */
export async function createPendingSettingChange(ctx: AppContext, tx: Transaction, key: string, value: string, proposedById: number): Promise<void> {
  await ctx.models.PendingSettingChange.create({ key, value, proposedById, proposedAt: new Date() }, { transaction: tx });
}

/** Drops the setting's pending change: how many there were (0 when another admin decided it first). */
export async function deletePendingSettingChange(ctx: AppContext, tx: Transaction, key: string): Promise<number> {
  return ctx.models.PendingSettingChange.destroy({ where: { key }, transaction: tx });
}
