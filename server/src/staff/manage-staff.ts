import { z } from 'zod';
import { EMAIL_MAX_LENGTH, normaliseEmail, ROLES } from '@closure-desk/shared';
import type { AppContext } from '../platform/context';
import type { RequestContext } from '../platform/auth/actor';
import { AppError, notFound } from '../platform/errors';
import { hashPassword } from '../platform/auth/passwords';
import { appendAuditEvent } from '../audit/append-audit-event';

const Password = z.string().min(12, 'at least 12 characters').max(200);
export const CreateStaffBody = z.strictObject({
  email: z.email().max(EMAIL_MAX_LENGTH).transform(normaliseEmail).pipe(z.string().max(EMAIL_MAX_LENGTH)),
  fullName: z.string().trim().min(1).max(200),
  role: z.enum(ROLES),
  password: Password,
});
export const UpdateStaffBody = z.strictObject({
  id: z.number().int().optional(), // React-Admin sends the record back with its id
  email: z.string().optional(),
  lastLoginAt: z.string().nullable().optional(),
  fullName: z.string().trim().min(1).max(200).optional(),
  role: z.enum(ROLES).optional(),
  active: z.boolean().optional(),
  password: Password.optional(),
});

type Row = Record<string, unknown>;
const publicStaff = (r: Row) => ({
  id: r.id, email: r.email, fullName: r.fullName, role: r.role, active: r.active === true || r.active === 1,
  lastLoginAt: r.lastLoginAt instanceof Date ? r.lastLoginAt.toISOString() : r.lastLoginAt ? new Date(r.lastLoginAt as string).toISOString() : null,
});

export async function createStaff(ctx: AppContext, rc: RequestContext, raw: unknown) {
  const body = CreateStaffBody.parse(raw ?? {});
  const passwordHash = await hashPassword(body.password);
  return ctx.db.transaction(async (tx) => {
    if (await ctx.models.StaffUser.count({ where: { email: body.email }, transaction: tx })) {
      throw new AppError('validation_failed', 'A staff account with this e-mail exists', [{ path: 'email', message: 'taken' }]);
    }
    const row = await ctx.models.StaffUser.create({ email: body.email, fullName: body.fullName, role: body.role, passwordHash, active: true }, { transaction: tx });
    const out = publicStaff(row.get({ plain: true }));
    await appendAuditEvent(ctx.db, ctx.models, tx, {
      actor: rc.actor, ip: rc.ip, action: 'staff.create', entityType: 'staff_user', entityId: out.id as number,
      after: { email: out.email, fullName: out.fullName, role: out.role },
    });
    return out;
  });
}

/** Changes a staff account; disabling it (or changing its role or password) ends all its sessions at once. */
export async function updateStaff(ctx: AppContext, rc: RequestContext, id: number, raw: unknown) {
  const body = UpdateStaffBody.parse(raw ?? {});
  const passwordHash = body.password ? await hashPassword(body.password) : undefined;
  return ctx.db.transaction(async (tx) => {
    const before = await ctx.models.StaffUser.findByPk(id, { raw: true, lock: true, transaction: tx });
    if (!before) throw notFound('Staff user');
    if (id === rc.actor!.id && (body.active === false || (body.role && body.role !== 'admin'))) {
      throw new AppError('validation_failed', 'You cannot disable yourself or take away your own admin role');
    }
    const changes: Row = {};
    if (body.fullName !== undefined && body.fullName !== before.fullName) changes.fullName = body.fullName;
    if (body.role !== undefined && body.role !== before.role) changes.role = body.role;
    if (body.active !== undefined && body.active !== (before.active === true || before.active === 1)) changes.active = body.active;
    if (passwordHash) changes.passwordHash = passwordHash;
    if (Object.keys(changes).length === 0) return publicStaff(before);
    await ctx.models.StaffUser.update({ ...changes, updatedAt: new Date() }, { where: { id }, transaction: tx });
    const endSessions = changes.active === false || changes.role !== undefined || changes.passwordHash !== undefined;
    const ended = endSessions ? await ctx.models.Session.destroy({ where: { staffUserId: id }, transaction: tx }) : 0;
    const visible = Object.fromEntries(Object.entries(changes).filter(([k]) => k !== 'passwordHash'));
    await appendAuditEvent(ctx.db, ctx.models, tx, {
      actor: rc.actor, ip: rc.ip, action: 'staff.update', entityType: 'staff_user', entityId: id,
      before: Object.fromEntries(Object.keys(visible).map((k) => [k, before[k]])),
      after: { ...visible, ...(changes.passwordHash ? { passwordChanged: true } : {}), sessionsEnded: ended },
    });
    return publicStaff({ ...before, ...changes });
  });
}
