import type { Transaction } from 'sequelize';
import { UniqueConstraintError } from 'sequelize';
import type { AppContext } from '../platform/context';
import type { RequestContext } from '../platform/auth/actor';
import { AppError } from '../platform/errors';
import { iso } from '../platform/http/list-resource';
import type { PendingSettingChangeRecord, SettingRecord } from '../platform/db/records';
import { forgetCachedSettings, needsSecondAdmin, SETTING_DEFAULTS, type SettingKey } from '../platform/settings-store';
import { appendAuditEvent } from '../audit';
import { MFA_REQUIRED_ROLES_KEY, mfaRequiredRolesSetting } from './mfa-required-roles';
import {
  createPendingSettingChange, deletePendingSettingChange, findPendingSettingChange, findPendingSettingChanges, findProposerNames,
  findSetting, findSettings, lockPendingSettingChange, storeSetting,
} from './repository';

/** Numbers, but for mfaRequiredRoles: a comma-separated list of roles. */
type Value = number | string;
/** The settings an admin may change: the numeric business settings and mfaRequiredRoles. */
export type ChangeableKey = SettingKey | typeof MFA_REQUIRED_ROLES_KEY;

/** mfaRequiredRoles guards access as the threshold guards money: always a second admin's approval. */
const fourEyes = (key: ChangeableKey) => key === MFA_REQUIRED_ROLES_KEY || needsSecondAdmin(key);

export interface PendingChange {
  /** what was proposed, as JSON.stringify wrote it */
  value: Value;
  proposedById: number;
  /** the proposer's name, so every reader of the settings can see who it was */
  proposedByName?: string | null;
  proposedAt: string | null;
}

export interface SettingView {
  id: ChangeableKey;
  value: Value;
  defaultValue: Value;
  updatedAt: unknown;
  /** true when a change needs a second admin's approval */
  fourEyes: boolean;
  pending: PendingChange | null;
}

const pendingOf = (r: PendingSettingChangeRecord): PendingChange => ({
  value: JSON.parse(r.value),
  proposedById: r.proposedById,
  proposedAt: iso(r.proposedAt),
});

const withName = (p: PendingChange, names: Map<number, string>): PendingChange => ({ ...p, proposedByName: names.get(p.proposedById) ?? null });

/** Every setting with its value, default, and the change waiting for approval if there is one. */
export async function readSettings(ctx: AppContext): Promise<SettingView[]> {
  const [rows, pendingRows] = await Promise.all([findSettings(ctx), findPendingSettingChanges(ctx)]);
  const stored = new Map<string, SettingRecord>(rows.map((r) => [r.key, r]));
  const pending = new Map<string, PendingSettingChangeRecord>(pendingRows.map((r) => [r.key, r]));
  const proposers = pendingRows.length
    ? new Map((await findProposerNames(ctx, pendingRows.map((r) => r.proposedById))).map((u) => [u.id, u.fullName]))
    : new Map<number, string>();
  const pendingFor = (key: string) => (pending.has(key) ? withName(pendingOf(pending.get(key)!), proposers) : null);
  const numeric: SettingView[] = (Object.keys(SETTING_DEFAULTS) as SettingKey[]).map((key) => ({
    id: key,
    value: stored.has(key) ? Number(stored.get(key)!.value) : SETTING_DEFAULTS[key],
    defaultValue: SETTING_DEFAULTS[key],
    updatedAt: stored.get(key)?.updatedAt ?? null,
    fourEyes: fourEyes(key),
    pending: pendingFor(key),
  }));
  const mfa = mfaRequiredRolesSetting(ctx, stored.get(MFA_REQUIRED_ROLES_KEY));
  return numeric.concat([{ ...mfa, id: MFA_REQUIRED_ROLES_KEY, fourEyes: true, pending: pendingFor(MFA_REQUIRED_ROLES_KEY) }]);
}

export async function readSetting(ctx: AppContext, key: ChangeableKey): Promise<SettingView> {
  return (await readSettings(ctx)).find((s) => s.id === key)!;
}

async function currentValue(ctx: AppContext, key: ChangeableKey, tx: Transaction): Promise<Value> {
  const row = await findSetting(ctx, tx, key);
  if (key === MFA_REQUIRED_ROLES_KEY) return mfaRequiredRolesSetting(ctx, row ?? undefined).value;
  return row ? Number(row.value) : SETTING_DEFAULTS[key];
}

// The one place a value is written (stored as text; currentValue reads it back by kind).
async function store(ctx: AppContext, key: ChangeableKey, value: Value, tx: Transaction): Promise<void> {
  await storeSetting(ctx, tx, key, String(value));
}

const noPending = (key: string) => new AppError('invalid_transition', `No change of ${key} is waiting for approval`);

/**
 * An admin changes a setting (the value already validated). An ordinary one applies at once
 * (`applied`); a guarded one (FOUR_EYES_SETTINGS) becomes the setting's pending change, and a
 * second one while it waits is a 409 `invalid_transition`.
 */
export async function changeSetting(ctx: AppContext, rc: RequestContext, key: ChangeableKey, value: Value): Promise<{ applied: boolean; setting: SettingView }> {
  const { db, models } = ctx;
  if (!fourEyes(key)) {
    await db.transaction(async (tx) => {
      const before = await currentValue(ctx, key, tx);
      await store(ctx, key, value, tx);
      await appendAuditEvent(db, models, tx, {
        actor: rc.actor, ip: rc.ip, action: 'setting.update', entityType: 'setting', entityId: key,
        before: { value: before }, after: { value },
      });
    });
    forgetCachedSettings(models);
    return { applied: true, setting: await readSetting(ctx, key) };
  }
  const waiting = () => new AppError('invalid_transition', `A change of ${key} is already waiting for approval; approve or reject it first`);
  try {
    await db.transaction(async (tx) => {
      if (await findPendingSettingChange(ctx, tx, key)) throw waiting();
      const before = await currentValue(ctx, key, tx);
      await createPendingSettingChange(ctx, tx, key, JSON.stringify(value), rc.actor!.id);
      await appendAuditEvent(db, models, tx, {
        actor: rc.actor, ip: rc.ip, action: 'setting.propose', entityType: 'setting', entityId: key,
        before: { value: before }, after: { value },
      });
    });
  } catch (err) {
    if (err instanceof UniqueConstraintError) throw waiting(); // two proposals at once: the other one won
    throw err;
  }
  return { applied: false, setting: await readSetting(ctx, key) };
}

/** A second admin applies the pending change; its proposer may not (403 `same_person`). */
export async function approveSettingChange(ctx: AppContext, rc: RequestContext, key: ChangeableKey): Promise<SettingView> {
  const { db, models } = ctx;
  await db.transaction(async (tx) => {
    const pending = await lockPendingSettingChange(ctx, tx, key);
    if (!pending) throw noPending(key);
    if (pending.proposedById === rc.actor!.id) {
      throw new AppError('same_person', 'You proposed this change; another admin must approve it');
    }
    const { value } = pendingOf(pending);
    const before = await currentValue(ctx, key, tx);
    const gone = await deletePendingSettingChange(ctx, tx, key);
    if (gone !== 1) throw noPending(key);
    await store(ctx, key, value, tx);
    await appendAuditEvent(db, models, tx, {
      actor: rc.actor, ip: rc.ip, action: 'setting.approve', entityType: 'setting', entityId: key,
      before: { value: before }, after: { value, proposedById: pending.proposedById },
    });
  });
  forgetCachedSettings(models);
  return readSetting(ctx, key);
}

/** Any admin drops the pending change; its proposer doing so withdraws it. */
export async function rejectSettingChange(ctx: AppContext, rc: RequestContext, key: ChangeableKey): Promise<SettingView> {
  const { db, models } = ctx;
  await db.transaction(async (tx) => {
    const pending = await lockPendingSettingChange(ctx, tx, key);
    if (!pending) throw noPending(key);
    const gone = await deletePendingSettingChange(ctx, tx, key);
    if (gone !== 1) throw noPending(key);
    await appendAuditEvent(db, models, tx, {
      actor: rc.actor, ip: rc.ip, action: 'setting.reject', entityType: 'setting', entityId: key,
      before: { pending: pendingOf(pending).value }, after: { proposedById: pending.proposedById, withdrawn: pending.proposedById === rc.actor!.id },
    });
  });
  return readSetting(ctx, key);
}
