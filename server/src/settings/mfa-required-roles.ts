import { z } from 'zod';
import { ROLES } from '@closure-desk/shared';
import type { AppContext } from '../platform/context';
import type { RequestContext } from '../platform/auth/actor';
import { parseRoleList } from '../platform/auth/totp';
import { forgetCachedSettings } from '../platform/settings-store';
import { appendAuditEvent } from '../audit/append-audit-event';

/**
 * `mfaRequiredRoles`: the roles that must sign in with a second factor, a comma-separated list in
 * the settings table. Until an admin sets it, its value is the environment's default
 * (Config.mfaRequiredRolesDefault: `MFA_REQUIRED_ROLES`, else `supervisor,admin` in production).
 */
export function mfaRequiredRolesSetting(ctx: AppContext, stored: Record<string, unknown> | undefined) {
  const defaultValue = parseRoleList(ctx.config.mfaRequiredRolesDefault).join(',');
  return {
    id: 'mfaRequiredRoles',
    value: stored ? parseRoleList(String(stored.value)).join(',') : defaultValue,
    defaultValue,
    updatedAt: stored?.updatedAt ?? null,
  };
}

const RoleList = z.string().max(200).refine(
  (v) => v.split(',').map((r) => r.trim()).filter(Boolean).every((r) => (ROLES as readonly string[]).includes(r)),
  { message: `a comma-separated list of ${ROLES.join(', ')} (or empty)` },
);

export async function putMfaRequiredRoles(ctx: AppContext, rc: RequestContext, raw: unknown): Promise<void> {
  const value = parseRoleList(z.object({ value: RoleList }).parse(raw ?? {}).value).join(',');
  await ctx.db.transaction(async (tx) => {
    const before = await ctx.models.Setting.findByPk('mfaRequiredRoles', { raw: true, transaction: tx });
    await ctx.models.Setting.upsert({ key: 'mfaRequiredRoles', value, updatedAt: new Date() }, { transaction: tx });
    await appendAuditEvent(ctx.db, ctx.models, tx, {
      actor: rc.actor, ip: rc.ip, action: 'setting.update', entityType: 'setting', entityId: 'mfaRequiredRoles',
      before: { value: mfaRequiredRolesSetting(ctx, before ?? undefined).value }, after: { value },
    });
  });
  forgetCachedSettings(ctx.models);
}
