import { z } from 'zod';
import { EMAIL_MAX_LENGTH, normaliseEmail } from '@closure-desk/shared';
import type { AppContext } from '../platform/context';
import { AppError } from '../platform/errors';
import type { Actor } from '../platform/auth/actor';
import { verifyPassword } from '../platform/auth/passwords';
import { createSession } from '../platform/auth/sessions';
import { recordFailure, recordSuccess, reserveAttempt, type AttemptReservation } from './login-throttle';
import { issueDeviceCookie, readDeviceCookie } from '../platform/auth/device-cookies';
import { appendAuditEvent } from '../audit';
import { checkSecondFactor } from './second-factor';
import { isSet, type StaffUserRecord } from '../platform/db/records';
import { findStaffUserByEmail, recordLastLogin } from './repository';

export const LoginBody = z.object({
  email: z.string().trim().min(1).max(EMAIL_MAX_LENGTH),
  password: z.string().min(1).max(200),
  /** A TOTP code or a recovery code, for an account with a second factor. */
  otp: z.string().trim().min(1).max(64).optional(),
}).strict();
export type LoginBody = z.infer<typeof LoginBody>;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export interface LoginResult {
  actor: Actor;
  token: string;
  csrfToken: string;
  /** a fresh device cookie value for this browser and account (sign-in with a password only) */
  deviceCookie?: string;
}

type FailureReason = 'unknown_email' | 'inactive' | 'wrong_password';

/**
 * Signs a staff member in. The attempt is reserved (counted) before the password is checked, so
 * simultaneous guesses cannot all be checked; a browser with a device cookie for the account is
 * counted on its own. Audited whether it succeeds or not.
 */
export async function login(
  ctx: AppContext,
  body: LoginBody,
  ip: string | null,
  userAgent: string | null,
  deviceCookie?: string,
): Promise<LoginResult> {
  const email = normaliseEmail(body.email);
  const user = await findStaffUserByEmail(ctx, email);
  const device = readDeviceCookie(ctx.config.sessionSecret, deviceCookie);
  const deviceNonce = user && device?.userId === user.id ? device.nonce : null;

  const reservation = await reserveAttempt(ctx, { email, ip, deviceNonce, userId: user?.id ?? null });
  if (!reservation.allowed) {
    throw new AppError('rate_limited', 'Too many sign-in attempts; wait and try again', undefined, {
      'Retry-After': String(reservation.retryAfterSeconds),
    });
  }
  if (reservation.delayMs) await sleep(reservation.delayMs);

  const failure = await checkPassword(user, body.password);
  if (failure) await refuse(ctx, reservation, email, ip, user, failure);
  // Second step, after the password: a TOTP or recovery code where the account has a second factor.
  // A refusal here leaves the reserved attempt counted, as a wrong password does.
  await checkSecondFactor(ctx, { id: user!.id, email }, body.otp, ip, (tx) => recordFailure(ctx.db, tx, reservation));
  return startSession(ctx, reservation, user!, ip, userAgent);
}

/** Why the e-mail and password do not sign in, or null when they do. Unknown e-mails cost the same time. */
async function checkPassword(user: StaffUserRecord | null, password: string): Promise<FailureReason | null> {
  const passwordOk = await verifyPassword(user?.passwordHash ?? null, password);
  if (!user) return 'unknown_email';
  if (!passwordOk) return 'wrong_password';
  if (!isSet(user.active)) return 'inactive';
  return null;
}

async function refuse(ctx: AppContext, reservation: AttemptReservation, email: string, ip: string | null, user: StaffUserRecord | null, reason: FailureReason): Promise<never> {
  await ctx.db.transaction(async (tx) => {
    await recordFailure(ctx.db, tx, reservation);
    await appendAuditEvent(ctx.db, ctx.models, tx, {
      actor: null,
      ip,
      action: 'auth.login_failed',
      entityType: 'staff_user',
      entityId: user?.id ?? null,
      after: { account: email, reason },
    });
  });
  throw new AppError('unauthenticated', 'Wrong e-mail or password');
}

async function startSession(ctx: AppContext, reservation: AttemptReservation, user: StaffUserRecord, ip: string | null, userAgent: string | null): Promise<LoginResult> {
  const { models, db } = ctx;
  const actor: Actor = { id: user.id, email: user.email, fullName: user.fullName, role: user.role };
  return db.transaction(async (tx) => {
    const session = await createSession(models, actor.id, ip, userAgent, tx);
    await recordLastLogin(ctx, tx, actor.id);
    await recordSuccess(db, tx, reservation);
    await appendAuditEvent(db, models, tx, { actor, ip, action: 'auth.login', entityType: 'staff_user', entityId: actor.id });
    return { actor, ...session, deviceCookie: issueDeviceCookie(ctx.config.sessionSecret, actor.id) };
  });
}
