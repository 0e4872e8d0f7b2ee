import { z } from 'zod';
import type { AppContext } from '../platform/context';
import { AppError, invalid } from '../platform/errors';
import { endOtherSessions, type LoadedSession } from '../platform/auth/sessions';
import { hashPassword, verifyPassword } from '../platform/auth/passwords';
import { recordFailure, recordSuccess, reserveAttempt } from './login-throttle';
import { appendAuditEvent } from '../audit';
import { NewPassword } from './password-rules';
import { findStaffUser, setStaffPasswordHash } from './repository';

export const ChangePasswordBody = z.strictObject({
  currentPassword: z.string().min(1).max(200),
  newPassword: NewPassword,
});
export type ChangePasswordBody = z.infer<typeof ChangePasswordBody>;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * A signed-in staff member changes their own password. The current one must be given, and a wrong
 * one counts as a failed sign-in for the account (the login throttle), so a left-open session is
 * no way round the sign-in limits: 403 `forbidden` (not 401: the session itself is fine). Every
 * other session of theirs ends; the one that asked stays.
 */
export async function changeOwnPassword(ctx: AppContext, session: LoadedSession, body: ChangePasswordBody, ip: string | null): Promise<void> {
  const { models, db } = ctx;
  const { actor } = session;
  // Reserved before the current password is checked, as at sign-in, so parallel guesses cannot all be checked.
  const reservation = await reserveAttempt(ctx, { email: actor.email, ip, userId: actor.id });
  if (!reservation.allowed) {
    throw new AppError('rate_limited', 'Too many failed sign-ins; wait and try again', undefined, {
      'Retry-After': String(reservation.retryAfterSeconds),
    });
  }
  if (reservation.delayMs) await sleep(reservation.delayMs);

  const user = await findStaffUser(ctx, actor.id);
  if (!(await verifyPassword(user?.passwordHash ?? null, body.currentPassword))) {
    await db.transaction(async (tx) => {
      await recordFailure(db, tx, reservation);
      await appendAuditEvent(db, models, tx, {
        actor, ip, action: 'auth.password_change_failed', entityType: 'staff_user', entityId: actor.id,
        after: { account: actor.email, reason: 'wrong_password' },
      });
    });
    throw new AppError('forbidden', 'The current password is wrong');
  }
  if (body.newPassword === body.currentPassword) {
    throw invalid('The new password must differ from the current one', [{ path: 'newPassword', message: 'same as the current password' }]);
  }

  const passwordHash = await hashPassword(body.newPassword);
  await db.transaction(async (tx) => {
    await setStaffPasswordHash(ctx, tx, actor.id, passwordHash);
    const ended = await endOtherSessions(ctx.models, actor.id, session.id, tx);
    await recordSuccess(db, tx, reservation);
    await appendAuditEvent(db, models, tx, {
      actor, ip, action: 'auth.password_change', entityType: 'staff_user', entityId: actor.id,
      after: { passwordChanged: true, otherSessionsEnded: ended },
    });
  });
}
