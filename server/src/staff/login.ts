import { z } from 'zod';
import { EMAIL_MAX_LENGTH, normaliseEmail, type Role } from '@closure-desk/shared';
import type { AppContext } from '../platform/context';
import { AppError } from '../platform/errors';
import type { Actor } from '../platform/auth/actor';
import { verifyPassword } from '../platform/auth/passwords';
import { createSession } from '../platform/auth/sessions';
import { checkLoginThrottle, clearAccountFailures, recordLoginFailure } from '../platform/auth/login-throttle';
import { appendAuditEvent } from '../audit/append-audit-event';

export const LoginBody = z.object({
  email: z.string().trim().min(1).max(EMAIL_MAX_LENGTH),
  password: z.string().min(1).max(200),
}).strict();
export type LoginBody = z.infer<typeof LoginBody>;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export interface LoginResult {
  actor: Actor;
  token: string;
  csrfToken: string;
}

/** Signs a staff member in: throttled, audited whether it succeeds or not. */
export async function login(ctx: AppContext, body: LoginBody, ip: string | null, userAgent: string | null): Promise<LoginResult> {
  const { models, db } = ctx;
  const email = normaliseEmail(body.email);
  const verdict = await checkLoginThrottle(models, email, ip);
  if (verdict.refuse) {
    throw new AppError('rate_limited', 'Too many failed sign-ins; wait and try again', undefined, {
      'Retry-After': String(verdict.retryAfterSeconds),
    });
  }
  if (verdict.delayMs) await sleep(verdict.delayMs);

  const user = await models.StaffUser.findOne({ where: { email }, raw: true });
  const passwordOk = await verifyPassword((user?.passwordHash as string) ?? null, body.password);
  if (!user || !passwordOk || !user.active) {
    await db.transaction(async (tx) => {
      await recordLoginFailure(models, email, ip, tx);
      await appendAuditEvent(db, models, tx, {
        actor: null,
        ip,
        action: 'auth.login_failed',
        entityType: 'staff_user',
        entityId: (user?.id as number) ?? null,
        after: { account: email, reason: !user ? 'unknown_email' : !user.active ? 'inactive' : 'wrong_password' },
      });
    });
    throw new AppError('unauthenticated', 'Wrong e-mail or password');
  }

  const actor: Actor = { id: user.id as number, email: user.email as string, fullName: user.fullName as string, role: user.role as Role };
  return db.transaction(async (tx) => {
    const session = await createSession(models, actor.id, ip, userAgent, tx);
    await models.StaffUser.update({ lastLoginAt: new Date() }, { where: { id: actor.id }, transaction: tx });
    await clearAccountFailures(models, email, tx);
    await appendAuditEvent(db, models, tx, { actor, ip, action: 'auth.login', entityType: 'staff_user', entityId: actor.id });
    return { actor, ...session };
  });
}
