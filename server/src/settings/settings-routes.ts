import { z } from 'zod';
import type { AppContext } from '../platform/context';
import { AppError } from '../platform/errors';
import type { RouteDef } from '../platform/http/routes';
import { forgetCachedSettings, SETTING_DEFAULTS, type SettingKey } from '../platform/settings-store';
import { appendAuditEvent } from '../audit/append-audit-event';
import { SettingAnswer } from '@closure-desk/shared';

const SettingKeyParam = z.enum(Object.keys(SETTING_DEFAULTS) as [SettingKey, ...SettingKey[]]);

/** The business settings an admin may change, with the values each accepts. */
const RULES: Record<SettingKey, z.ZodNumber> = {
  slaDays: z.number().int().min(1).max(90),
  refundApprovalThreshold: z.number().int().min(0).max(100_000_000),
  quarantineDays: z.number().int().min(0).max(3650),
  retentionDays: z.number().int().min(30).max(3650),
  sessionIdleMinutes: z.number().int().min(5).max(720),
  sessionAbsoluteHours: z.number().int().min(1).max(24), // SESSION_ABSOLUTE_MS in sessions.ts is this upper bound
  intakeRateLimitPerMinute: z.number().int().min(1).max(100_000),
};
const isKey = (k: string): k is SettingKey => Object.hasOwn(SETTING_DEFAULTS, k); // not `in`: 'constructor' is in every object

export function settingsRoutes(ctx: AppContext): RouteDef[] {
  const read = async () => {
    const rows = await ctx.models.Setting.findAll({ raw: true });
    const stored = new Map(rows.map((r) => [r.key as string, r]));
    return (Object.keys(SETTING_DEFAULTS) as SettingKey[]).map((key) => ({
      id: key,
      value: stored.has(key) ? Number(stored.get(key)!.value) : SETTING_DEFAULTS[key],
      defaultValue: SETTING_DEFAULTS[key],
      updatedAt: stored.get(key)?.updatedAt ?? null,
    }));
  };
  return [
    {
      method: 'get', path: '/settings', access: ['admin', 'supervisor', 'auditor'],
      doc: {
        operationId: 'listSettings', summary: 'Every business setting with its value and default', tag: 'settings',
        ok: { status: 200, description: 'All settings', schema: SettingAnswer, array: true, headers: ['Content-Range'] },
      },
      handler: async (_req, res) => {
        const all = await read();
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
      handler: async (req) => {
        const found = (await read()).find((s) => s.id === req.params.key);
        if (!found) throw new AppError('not_found', 'No such setting');
        return found;
      },
    },
    {
      method: 'put', path: '/settings/:key', access: ['admin'],
      doc: {
        operationId: 'updateSetting', summary: 'Change a business setting (audited)', tag: 'settings', params: { key: SettingKeyParam },
        description: `The values each setting accepts: ${Object.entries(RULES).map(([k, r]) => `${k} ${r.minValue}–${r.maxValue}`).join(', ')}.`,
        body: z.object({ value: z.number().int() }), bodyExample: { value: 7 },
        ok: { status: 200, description: 'The setting', schema: SettingAnswer },
      },
      handler: async (req) => {
        const key = String(req.params.key);
        if (!isKey(key)) throw new AppError('not_found', 'No such setting');
        const { value } = z.object({ value: RULES[key] }).parse(req.body ?? {});
        await ctx.db.transaction(async (tx) => {
          const before = await ctx.models.Setting.findByPk(key, { raw: true, transaction: tx });
          await ctx.models.Setting.upsert({ key, value: String(value), updatedAt: new Date() }, { transaction: tx });
          await appendAuditEvent(ctx.db, ctx.models, tx, {
            actor: req.ctx.actor, ip: req.ctx.ip, action: 'setting.update', entityType: 'setting', entityId: key,
            before: { value: before ? Number(before.value) : SETTING_DEFAULTS[key] }, after: { value },
          });
        });
        forgetCachedSettings(ctx.models);
        return (await read()).find((s) => s.id === key);
      },
    },
  ];
}
