import type { Transaction } from 'sequelize';
import { isThresholdCurrency, refundThresholdKey } from '@closure-desk/shared';
import type { Models } from './db/models';

/** Business settings kept in the database (DOMAIN.md), with their defaults. */
export const SETTING_DEFAULTS = {
  slaDays: 7,
  refundApprovalThreshold: 50_000, // minor units: 500.00, the default for a currency without its own
  // One threshold per currency (shared refund-workflow refundThresholdKey): an admin sets each to a sum
  // that means the same in it; migration 0017 started each from the single value kept before.
  refundApprovalThresholdCNY: 50_000,
  refundApprovalThresholdUSD: 50_000,
  refundApprovalThresholdEUR: 50_000,
  refundApprovalThresholdHKD: 50_000,
  refundApprovalThresholdGBP: 50_000,
  quarantineDays: 90,
  retentionDays: 180,
  // Session lifetimes (ASVS V3.3.2): half an hour without a request, a working day at most.
  sessionIdleMinutes: 30,
  sessionAbsoluteHours: 12,
  // Intake calls per API key per minute, counted in the database so every instance shares the count.
  intakeRateLimitPerMinute: 600,
  // Issue 17: a rejection may be appealed for appealDays; a customer asked for information is
  // reminded after infoReminderDays and the request withdrawn after infoTimeoutDays without an answer.
  appealDays: 30,
  infoReminderDays: 3,
  infoTimeoutDays: 14,
} as const;
export type SettingKey = keyof typeof SETTING_DEFAULTS;

/**
 * The settings that guard money or access (four eyes, ASVS V4): a change to one of them is only a
 * proposal until a second admin approves it (settings/change-setting.ts). The one list of them: a
 * new setting of that kind is added here. The intake rate limit is not among them: it bounds load,
 * not who gets in or what money moves.
 */
export const FOUR_EYES_SETTINGS = [
  'refundApprovalThreshold',
  'refundApprovalThresholdCNY',
  'refundApprovalThresholdUSD',
  'refundApprovalThresholdEUR',
  'refundApprovalThresholdHKD',
  'refundApprovalThresholdGBP',
  'sessionIdleMinutes',
  'sessionAbsoluteHours',
] as const satisfies readonly SettingKey[];

export const needsSecondAdmin = (key: SettingKey): boolean => (FOUR_EYES_SETTINGS as readonly SettingKey[]).includes(key);

export async function getSetting(models: Models, key: SettingKey, transaction?: Transaction): Promise<number> {
  const row = await models.Setting.findByPk(key, { raw: true, transaction });
  const value = row ? Number(row.value) : NaN;
  return Number.isFinite(value) ? value : SETTING_DEFAULTS[key];
}

/** The refund approval threshold of a currency: its own setting, or the default one for a currency without. */
export async function getRefundThreshold(models: Models, currency: string, transaction?: Transaction): Promise<number> {
  return getSetting(models, isThresholdCurrency(currency) ? refundThresholdKey(currency) : 'refundApprovalThreshold', transaction);
}

// Settings read on every request (session lifetimes, the intake rate limit) are kept in memory
// briefly: a change made here is seen at once, one made on another instance within this time.
export const SETTING_CACHE_MS = 10_000;
const caches = new WeakMap<Models, Map<SettingKey, { value: number; until: number }>>();

export async function getCachedSetting(models: Models, key: SettingKey): Promise<number> {
  let cache = caches.get(models);
  if (!cache) caches.set(models, (cache = new Map()));
  const hit = cache.get(key);
  if (hit && hit.until > Date.now()) return hit.value;
  const value = await getSetting(models, key);
  cache.set(key, { value, until: Date.now() + SETTING_CACHE_MS });
  return value;
}

export function forgetCachedSettings(models: Models): void {
  caches.delete(models);
  textCaches.delete(models);
}

/**
 * Settings whose value is text, with no row until an admin sets one: their default comes from the
 * environment (Config), e.g. `mfaRequiredRoles`, a comma-separated list of roles.
 */
export type TextSettingKey = 'mfaRequiredRoles';
const textCaches = new WeakMap<Models, Map<TextSettingKey, { value: string | null; until: number }>>();

/** The stored value, or null when none was ever stored; cached as getCachedSetting is. */
export async function getCachedTextSetting(models: Models, key: TextSettingKey): Promise<string | null> {
  let cache = textCaches.get(models);
  if (!cache) textCaches.set(models, (cache = new Map()));
  const hit = cache.get(key);
  if (hit && hit.until > Date.now()) return hit.value;
  const row = await models.Setting.findByPk(key, { raw: true });
  const value = row ? String(row.value) : null;
  cache.set(key, { value, until: Date.now() + SETTING_CACHE_MS });
  return value;
}

export async function writeDefaultSettings(models: Models, transaction?: Transaction): Promise<void> {
  const now = new Date();
  await models.Setting.bulkCreate(
    Object.entries(SETTING_DEFAULTS).map(([key, value]) => ({ key, value: String(value), updatedAt: now })),
    { transaction, ignoreDuplicates: true },
  );
}
