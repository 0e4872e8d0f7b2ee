import { z } from 'zod';
import type { AppContext } from '../platform/context';
import { AppError } from '../platform/errors';
import type { RouteDef } from '../platform/http/routes';
import { SETTING_DEFAULTS, type SettingKey } from '../platform/settings-store';
import { approveSettingChange, changeSetting, readSetting, readSettings, rejectSettingChange, type ChangeableKey } from './change-setting';
import { MFA_REQUIRED_ROLES_KEY, parseMfaRequiredRoles } from './mfa-required-roles';
import { SettingAnswer } from '@closure-desk/shared';

const SettingKeyParam = z.enum([...(Object.keys(SETTING_DEFAULTS) as SettingKey[]), MFA_REQUIRED_ROLES_KEY] as unknown as [ChangeableKey, ...ChangeableKey[]]);

/** The business settings an admin may change, with the values each accepts. */
const RULES: Record<SettingKey, z.ZodNumber> = {
  slaDays: z.number().int().min(1).max(90),
  refundApprovalThreshold: z.number().int().min(0).max(100_000_000),
  refundApprovalThresholdCNY: z.number().int().min(0).max(100_000_000),
  refundApprovalThresholdUSD: z.number().int().min(0).max(100_000_000),
  refundApprovalThresholdEUR: z.number().int().min(0).max(100_000_000),
  refundApprovalThresholdHKD: z.number().int().min(0).max(100_000_000),
  refundApprovalThresholdGBP: z.number().int().min(0).max(100_000_000),
  quarantineDays: z.number().int().min(0).max(3650),
  retentionDays: z.number().int().min(30).max(3650),
  sessionIdleMinutes: z.number().int().min(5).max(720),
  sessionAbsoluteHours: z.number().int().min(1).max(24), // SESSION_ABSOLUTE_MS in sessions.ts is this upper bound
  intakeRateLimitPerMinute: z.number().int().min(1).max(100_000),
  appealDays: z.number().int().min(1).max(365),
  infoReminderDays: z.number().int().min(1).max(60),
  infoTimeoutDays: z.number().int().min(2).max(180),
};
const isKey = (k: string): k is SettingKey => Object.hasOwn(SETTING_DEFAULTS, k); // not `in`: 'constructor' is in every object

export function settingsRoutes(ctx: AppContext): RouteDef[] {
  const keyOf = (raw: unknown): ChangeableKey => {
    const key = String(raw);
    if (key !== MFA_REQUIRED_ROLES_KEY && !isKey(key)) throw new AppError('not_found', 'No such setting');
    return key;
  };
  return [
    {
      method: 'get', path: '/settings', access: ['admin', 'supervisor', 'auditor'],
      doc: {
        operationId: 'listSettings', summary: 'Every business setting with its value and default', tag: 'settings',
        ok: { status: 200, description: 'All settings', schema: SettingAnswer, array: true, headers: ['Content-Range'] },
      },
      handler: async (_req, res) => {
        const all = await readSettings(ctx);
        res.setHeader('Content-Range', `settings 0-${all.length - 1}/${all.length}`);
        return all;
      },
    },
    {
      method: 'get', path: '/settings/:key', access: ['admin', 'supervisor', 'auditor'],
      doc: {
        operationId: 'getSetting', summary: 'One business setting', tag: 'settings', params: { key: SettingKeyParam },
        ok: { status: 200, description: 'The setting', schema: SettingAnswer },
      },
      handler: (req) => readSetting(ctx, keyOf(req.params.key)),
    },
    {
      // 200 and the setting when applied; 202 and the setting with its `pending` change for a guarded one.
      method: 'put', path: '/settings/:key', access: ['admin'],
      doc: {
        operationId: 'updateSetting', summary: 'Change a business setting (audited); a guarded one becomes a proposal', tag: 'settings', params: { key: SettingKeyParam },
        description: `The values each setting accepts: ${Object.entries(RULES).map(([k, r]) => `${k} ${r.minValue}–${r.maxValue}`).join(', ')}; `
          + `${MFA_REQUIRED_ROLES_KEY} a comma-separated list of roles (or empty). A setting with fourEyes true is not applied: `
          + 'the answer is 202 with its pending change, which another admin approves or rejects.',
        body: z.object({ value: z.union([z.number().int(), z.string().max(200)]) }), bodyExample: { value: 7 },
        ok: [
          { status: 200, description: 'The setting, changed', schema: SettingAnswer },
          {
            status: 202, description: 'The setting with its pending change, waiting for a second admin', schema: SettingAnswer,
            links: {
              Approve: { operationId: 'approveSettingChange', parameters: { key: '$request.path.key' }, description: 'Another admin approves the change' },
              Reject: { operationId: 'rejectSettingChange', parameters: { key: '$request.path.key' }, description: 'Any admin drops the change' },
            },
          },
        ],
        errors: ['invalid_transition'],
      },
      handler: async (req, res) => {
        const key = keyOf(req.params.key);
        const value = key === MFA_REQUIRED_ROLES_KEY ? parseMfaRequiredRoles(req.body) : z.object({ value: RULES[key] }).parse(req.body ?? {}).value;
        const { applied, setting } = await changeSetting(ctx, req.ctx, key, value);
        res.status(applied ? 200 : 202);
        return setting;
      },
    },
    {
      method: 'post', path: '/settings/:key/actions/approve', access: ['admin'],
      doc: {
        operationId: 'approveSettingChange', summary: 'A second admin applies the pending change (its proposer may not)', tag: 'settings',
        params: { key: SettingKeyParam }, body: z.object({}).describe('no fields are read'), bodyOptional: true,
        ok: { status: 200, description: 'The setting, changed', schema: SettingAnswer },
        errors: ['invalid_transition', 'same_person'],
      },
      handler: (req) => approveSettingChange(ctx, req.ctx, keyOf(req.params.key)),
    },
    {
      method: 'post', path: '/settings/:key/actions/reject', access: ['admin'],
      doc: {
        operationId: 'rejectSettingChange', summary: 'Any admin drops the pending change (its proposer withdraws it)', tag: 'settings',
        params: { key: SettingKeyParam }, body: z.object({}).describe('no fields are read'), bodyOptional: true,
        ok: { status: 200, description: 'The setting, unchanged', schema: SettingAnswer },
        errors: ['invalid_transition'],
      },
      handler: (req) => rejectSettingChange(ctx, req.ctx, keyOf(req.params.key)),
    },
  ];
}
