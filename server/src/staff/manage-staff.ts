import { clearSecondFactor } from './second-factor';
import { z } from 'zod';
import { EMAIL_MAX_LENGTH, LOCALES, normaliseEmail, ROLES, type Locale, type Role } from '@closure-desk/shared';
import type { AppContext } from '../platform/context';
import type { RequestContext } from '../platform/auth/actor';
import { AppError, notFound } from '../platform/errors';
import { NO_PASSWORD } from '../platform/auth/passwords';
import { endAllSessions } from '../platform/auth/sessions';
import { appendAuditEvent } from '../audit';
import { handOverOpenRequests, openRequestIdsOf } from '../closures';
import { issueEnrolmentLink } from './enrolment-links';
import { staffUserToApi as publicStaff } from './resources';
import { isSet } from '../platform/db/records';
import {
  createStaffUser, isStaffEmailTaken, lockStaffUser, setStaffPasswordHash, spendEnrolmentTokensOf, updateStaffAccount,
  type StaffAccountChanges,
} from './repository';

// No password here, nor in the update: an admin never chooses, sees or learns another person's
// password. The new member chooses it through the one-time link sent to them (a `password` field is a 400).
export const CreateStaffBody = z.strictObject({
  email: z.email().max(EMAIL_MAX_LENGTH).transform(normaliseEmail).pipe(z.string().max(EMAIL_MAX_LENGTH)),
  fullName: z.string().trim().min(1).max(200),
  role: z.enum(ROLES),
  locale: z.enum(LOCALES).optional(),
});
export const UpdateStaffBody = z.strictObject({
  id: z.number().int().optional(), // React-Admin sends the record back with its id
  email: z.string().optional(),
  lastLoginAt: z.string().nullable().optional(),
  fullName: z.string().trim().min(1).max(200).optional(),
  role: z.enum(ROLES).optional(),
  active: z.boolean().optional(),
  locale: z.enum(LOCALES).optional(),
  // Where the member's open requests go when they stop working requests: a colleague's id, or null for the queue.
  handOverTo: z.number().int().positive().nullable().optional(),
});

const WORKS_REQUESTS = (role: Role) => role === 'agent' || role === 'supervisor';

/** Creates the account with no password, and sends the new member their enrolment link. */
export async function createStaff(ctx: AppContext, rc: RequestContext, raw: unknown, defaultLocale: Locale = 'en') {
  const body = CreateStaffBody.parse(raw ?? {});
  return ctx.db.transaction(async (tx) => {
    if (await isStaffEmailTaken(ctx, tx, body.email)) {
      throw new AppError('validation_failed', 'A staff account with this e-mail exists', [{ path: 'email', message: 'taken' }]);
    }
    const out = publicStaff(await createStaffUser(ctx, tx, {
      email: body.email, fullName: body.fullName, role: body.role, locale: body.locale ?? defaultLocale, passwordHash: NO_PASSWORD, active: true,
    }));
    const link = await issueEnrolmentLink(ctx, tx, { id: out.id, fullName: body.fullName }, 'invite', rc.actor?.id ?? null);
    await appendAuditEvent(ctx.db, ctx.models, tx, {
      actor: rc.actor, ip: rc.ip, action: 'staff.create', entityType: 'staff_user', entityId: out.id,
      after: { email: out.email, fullName: out.fullName, role: out.role, locale: out.locale, enrolmentSent: true, notificationId: link.notificationId },
    });
    return { ...out, enrolmentExpiresAt: link.expiresAt.toISOString() };
  });
}

/**
 * Changes a staff account; disabling it (or changing its role) ends all its sessions at once. A member
 * who stops working requests (disabled, or no longer an agent or supervisor) hands their open requests
 * over in the same transaction: to `handOverTo`, or back to the queue when it is null. Without it,
 * while they hold any, the change is refused (409) with how many they hold.
 */
export async function updateStaff(ctx: AppContext, rc: RequestContext, id: number, raw: unknown) {
  const body = UpdateStaffBody.parse(raw ?? {});
  return ctx.db.transaction(async (tx) => {
    const before = await lockStaffUser(ctx, tx, id);
    if (!before) throw notFound('Staff user');
    if (id === rc.actor!.id && (body.active === false || (body.role && body.role !== 'admin'))) {
      throw new AppError('validation_failed', 'You cannot disable yourself or take away your own admin role');
    }
    const changes: StaffAccountChanges = {};
    if (body.fullName !== undefined && body.fullName !== before.fullName) changes.fullName = body.fullName;
    if (body.role !== undefined && body.role !== before.role) changes.role = body.role;
    if (body.active !== undefined && body.active !== isSet(before.active)) changes.active = body.active;
    if (body.locale !== undefined && body.locale !== before.locale) changes.locale = body.locale;
    if (Object.keys(changes).length === 0) return publicStaff(before);
    const wasWorking = WORKS_REQUESTS(before.role) && isSet(before.active);
    const stillWorking = WORKS_REQUESTS(changes.role ?? before.role) && (changes.active ?? isSet(before.active));
    let handedOver: number | null = null;
    if (wasWorking && !stillWorking) {
      const open = (await openRequestIdsOf(ctx, tx, id)).length;
      if (open > 0 && body.handOverTo === undefined) {
        throw new AppError('precondition_failed', {
          en: `${before.fullName} holds ${open} open request${open === 1 ? '' : 's'}: choose a colleague to hand ${open === 1 ? 'it' : 'them'} to, or send ${open === 1 ? 'it' : 'them'} back to the queue (handOverTo).`,
          'zh-CN': `${before.fullName}名下有 ${open} 件未办结的申请：请选择接手的同事，或退回待办队列（handOverTo）。`,
        }, [{ path: 'handOverTo', openRequests: open }]);
      }
      if (body.handOverTo !== undefined) {
        handedOver = await handOverOpenRequests(ctx, tx, rc, { fromId: id, toId: body.handOverTo });
      }
    }
    await updateStaffAccount(ctx, tx, id, changes);
    const endSessions = changes.active === false || changes.role !== undefined;
    const ended = endSessions ? await endAllSessions(ctx.models, id, tx) : 0;
    if (changes.active === false) { // a link sent earlier must not outlive the account's disabling
      await spendEnrolmentTokensOf(ctx, tx, id, new Date());
    }
    await appendAuditEvent(ctx.db, ctx.models, tx, {
      actor: rc.actor, ip: rc.ip, action: 'staff.update', entityType: 'staff_user', entityId: id,
      before: Object.fromEntries(Object.keys(changes).map((k) => [k, before[k as keyof StaffAccountChanges]])),
      after: { ...changes, sessionsEnded: ended, ...(handedOver === null ? {} : { openRequestsHandedOver: handedOver, handedOverTo: body.handOverTo }) },
    });
    return publicStaff({ ...before, ...changes });
  });
}

/**
 * An admin resets a staff member's password: the old one stops working at once (it is replaced by
 * NO_PASSWORD), every session of theirs ends, and a new enrolment link goes to their own e-mail.
 * The admin learns nothing they could sign in with.
 */
export async function resetStaffPassword(ctx: AppContext, rc: RequestContext, id: number) {
  return ctx.db.transaction(async (tx) => {
    const user = await lockStaffUser(ctx, tx, id);
    if (!user) throw notFound('Staff user');
    if (!isSet(user.active)) {
      throw new AppError('invalid_transition', 'This account is disabled; enable it before resetting its password');
    }
    await setStaffPasswordHash(ctx, tx, id, NO_PASSWORD);
    const ended = await endAllSessions(ctx.models, id, tx);
    // A reset also clears the second factor: the person enrols again, so a lost phone is recovered here and only here.
    const secondFactorCleared = await clearSecondFactor(ctx, tx, id);
    const link = await issueEnrolmentLink(ctx, tx, { id, fullName: user.fullName }, 'reset', rc.actor?.id ?? null);
    await appendAuditEvent(ctx.db, ctx.models, tx, {
      actor: rc.actor, ip: rc.ip, action: 'staff.reset_password', entityType: 'staff_user', entityId: id,
      after: { passwordCleared: true, secondFactorCleared, sessionsEnded: ended, enrolmentSent: true, notificationId: link.notificationId },
    });
    return { ...publicStaff(user), enrolmentExpiresAt: link.expiresAt.toISOString() };
  });
}
