import { z } from 'zod';
import type { AppContext } from '../platform/context';
import { AppError } from '../platform/errors';
import type { Actor } from '../platform/auth/actor';
import { hashPassword } from '../platform/auth/passwords';
import { createSession, endAllSessions } from '../platform/auth/sessions';
import { clearAccountFailures } from './login-throttle';
import { appendAuditEvent } from '../audit';
import { hashEnrolmentToken } from './enrolment-links';
import type { LoginResult } from './login';
import { NewPassword } from './password-rules';
import { isSet } from '../platform/db/records';
import { findEnrolmentTokenByHash, findStaffUser, setEnrolledPassword, spendEnrolmentToken } from './repository';

export const EnrolBody = z.strictObject({
  token: z.string().min(20).max(100),
  password: NewPassword,
});
export type EnrolBody = z.infer<typeof EnrolBody>;

const gone = () => new AppError('gone', 'This link has been used or has expired; ask an administrator for a new one');

/**
 * Sets a staff member's password from a one-time enrolment link and signs them in, as login does.
 * The link is spent by a guarded UPDATE, so of two uses at once only one succeeds; the password
 * is checked against the policy first, so a refused password does not spend it.
 */
export async function enrol(ctx: AppContext, body: EnrolBody, ip: string | null, userAgent: string | null): Promise<LoginResult> {
  const { models, db } = ctx;
  const passwordHash = await hashPassword(body.password); // slow on purpose: before the transaction, not inside it
  return db.transaction(async (tx) => {
    const now = new Date();
    const link = await findEnrolmentTokenByHash(ctx, tx, hashEnrolmentToken(body.token));
    if (!link || link.usedAt || new Date(link.expiresAt).getTime() <= now.getTime()) throw gone();
    if (!(await spendEnrolmentToken(ctx, tx, link.id, now))) throw gone();
    const user = await findStaffUser(ctx, link.staffUserId, tx);
    if (!user || !isSet(user.active)) throw gone();

    const actor: Actor = { id: user.id, email: user.email, fullName: user.fullName, role: user.role };
    await setEnrolledPassword(ctx, tx, actor.id, passwordHash, now);
    const ended = await endAllSessions(ctx.models, actor.id, tx);
    const session = await createSession(models, actor.id, ip, userAgent, tx);
    await clearAccountFailures(models, actor.email, tx);
    await appendAuditEvent(db, models, tx, {
      actor, ip, action: 'auth.enrol', entityType: 'staff_user', entityId: actor.id,
      after: { purpose: link.purpose, passwordChanged: true, sessionsEnded: ended },
    });
    return { actor, ...session };
  });
}
