import { z } from 'zod';
import { ROLES } from '@closure-desk/shared';
import type { AppContext } from '../platform/context';
import { parseRoleList } from '../platform/auth/totp';
import type { SettingRecord } from '../platform/db/records';

/**
 * `mfaRequiredRoles`: the roles that must sign in with a second factor, a comma-separated list in
 * the settings table. Until an admin sets it, its value is the environment's default
 * (Config.mfaRequiredRolesDefault: `MFA_REQUIRED_ROLES`, else `supervisor,admin` in production).
 */
export const MFA_REQUIRED_ROLES_KEY = 'mfaRequiredRoles';

export function mfaRequiredRolesSetting(ctx: AppContext, stored: Pick<SettingRecord, 'value' | 'updatedAt'> | undefined) {
  const defaultValue = parseRoleList(ctx.config.mfaRequiredRolesDefault).join(',');
  return {
    value: stored ? parseRoleList(String(stored.value)).join(',') : defaultValue,
    defaultValue,
    updatedAt: stored?.updatedAt ?? null,
  };
}

const RoleList = z.string().max(200).refine(
  (v) => v.split(',').map((r) => r.trim()).filter(Boolean).every((r) => (ROLES as readonly string[]).includes(r)),
  { message: `a comma-separated list of ${ROLES.join(', ')} (or empty)` },
);

/** The body of `PUT /api/settings/mfaRequiredRoles`, as the list it stores (known roles, no repeats). */
export function parseMfaRequiredRoles(raw: unknown): string {
  return parseRoleList(z.object({ value: RoleList }).parse(raw ?? {}).value).join(',');
}
