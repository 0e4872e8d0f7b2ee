import type { Transaction } from 'sequelize';
import { z } from 'zod';
import type { AppContext } from '../platform/context';
import type { RequestContext } from '../platform/auth/actor';
import { AppError } from '../platform/errors';
import { verifyPassword } from '../platform/auth/passwords';
import { recordFailure, recordSuccess, reserveAttempt } from './login-throttle';
import {
  decryptSecret, encryptSecret, hasSecondFactor, hashRecoveryCode, looksLikeTotp, matchTotp, newRecoveryCodes, newSalt, newTotpSecret,
  normaliseRecoveryCode, normaliseTotp, otpauthUrl, recoveryCodeMatches,
} from '../platform/auth/totp';
import { appendAuditEvent } from '../audit';
import {
  createRecoveryCodes, deleteRecoveryCodesOf, deleteSecondFactorOf, enableSecondFactor, findStaffUser, findUnusedRecoveryCodes,
  hasEnabledSecondFactor, lockSecondFactor, markRecoveryCodeUsed, storePendingSecret, takeTotpStep, type SecondFactorState,
} from './repository';

/** A pending secret must be confirmed within this time of its setup. */
const PENDING_MS = 30 * 60 * 1000;

export const ConfirmTotpBody = z.strictObject({ code: z.string().trim().min(1).max(64) });
export const DisableTotpBody = z.strictObject({ password: z.string().min(1).max(200), code: z.string().trim().min(1).max(64) });

const secretOf = (ctx: AppContext, staffId: number, stored: string) => decryptSecret(ctx.config.mfaEncryptionKey, staffId, stored);

/**
 * Accepts a TOTP code once: the step it is valid for must be later than the last step accepted for
 * the account, and taking it is one conditional UPDATE, so two requests with one code cannot both win.
 */
async function consumeTotp(ctx: AppContext, tx: Transaction, staffId: number, secret: string, code: string): Promise<'ok' | 'wrong' | 'replayed'> {
  const step = matchTotp(secret, normaliseTotp(code));
  if (step === null) return 'wrong';
  return (await takeTotpStep(ctx, tx, staffId, step)) ? 'ok' : 'replayed';
}

/** Marks one unused recovery code of the account used (one conditional UPDATE); answers how many are left, or null. */
async function consumeRecoveryCode(ctx: AppContext, tx: Transaction, staffId: number, code: string): Promise<number | null> {
  if (normaliseRecoveryCode(code).length !== 16) return null;
  const unused = await findUnusedRecoveryCodes(ctx, tx, staffId);
  const match = unused.find((r) => recoveryCodeMatches(code, r.salt, r.codeHash));
  if (!match) return null;
  return (await markRecoveryCodeUsed(ctx, tx, match.id)) ? unused.length - 1 : null;
}

type Verified = { by: 'totp' } | { by: 'recovery_code'; remaining: number } | { failed: 'wrong_otp' | 'replayed_otp' };

async function verifyFactor(ctx: AppContext, tx: Transaction, staffId: number, row: SecondFactorState, code: string): Promise<Verified> {
  if (!row.totpSecret) return { failed: 'wrong_otp' };
  if (looksLikeTotp(code)) {
    const taken = await consumeTotp(ctx, tx, staffId, secretOf(ctx, staffId, row.totpSecret), code);
    return taken === 'ok' ? { by: 'totp' } : { failed: taken === 'replayed' ? 'replayed_otp' : 'wrong_otp' };
  }
  const remaining = await consumeRecoveryCode(ctx, tx, staffId, code);
  return remaining === null ? { failed: 'wrong_otp' } : { by: 'recovery_code', remaining };
}

/**
 * The sign-in's second step, after the password was found right: an account with a second factor
 * needs `otp`, a TOTP code or a recovery code. None: 401 `mfa_required` (the password is right;
 * nothing is counted). A wrong or used one counts as a failed sign-in (`recordFailure`, in the
 * transaction of its audit event, reason `wrong_otp` or `replayed_otp`) and is 401 `mfa_required`
 * too. A recovery code's use is audited.
 */
export async function checkSecondFactor(
  ctx: AppContext,
  user: { id: number; email: string },
  otp: string | undefined,
  ip: string | null,
  recordFailure: (tx: Transaction) => Promise<void>,
): Promise<void> {
  const { db, models } = ctx;
  if (!(await hasSecondFactor(ctx, user.id))) return; // a read, not a write transaction, for the accounts without one
  const outcome = await db.transaction(async (tx) => {
    const row = await lockSecondFactor(ctx, tx, user.id);
    if (!row?.totpSecret) return 'none' as const;
    if (!otp) return 'missing' as const;
    const verified = await verifyFactor(ctx, tx, user.id, row, otp);
    if ('failed' in verified) return verified.failed;
    if (verified.by === 'recovery_code') {
      await appendAuditEvent(db, models, tx, {
        actor: null, ip, action: 'auth.mfa_recovery_code_used', entityType: 'staff_user', entityId: user.id,
        after: { account: user.email, remaining: verified.remaining },
      });
    }
    return 'ok' as const;
  });
  if (outcome === 'none' || outcome === 'ok') return;
  if (outcome === 'missing') throw new AppError('mfa_required', 'Enter the code from your authenticator app');
  await db.transaction(async (tx) => {
    await recordFailure(tx);
    await appendAuditEvent(db, models, tx, {
      actor: null, ip, action: 'auth.login_failed', entityType: 'staff_user', entityId: user.id,
      after: { account: user.email, reason: outcome }, // wrong_otp, or replayed_otp: a code already used (ASVS 2.8.5)
    });
  });
  throw new AppError('mfa_required', 'Wrong or already used code');
}

/** Starts enrolment: a new secret, kept encrypted as pending (not active) until a code from it is confirmed. */
export async function setupTotp(ctx: AppContext, rc: RequestContext) {
  const actor = rc.actor!;
  const secret = newTotpSecret();
  await ctx.db.transaction(async (tx) => {
    const row = await lockSecondFactor(ctx, tx, actor.id);
    if (row?.totpSecret) throw new AppError('precondition_failed', 'A second factor is already set up; disable it first');
    await storePendingSecret(ctx, tx, actor.id, encryptSecret(ctx.config.mfaEncryptionKey, actor.id, secret), row !== null);
  });
  return { secret, otpauthUrl: otpauthUrl(secret, actor.email) };
}

/** Finishes enrolment with a code from the pending secret; answers the ten recovery codes, shown this once. */
export async function confirmTotp(ctx: AppContext, rc: RequestContext, raw: unknown) {
  const actor = rc.actor!;
  const { code } = ConfirmTotpBody.parse(raw ?? {});
  return ctx.db.transaction(async (tx) => {
    const row = await lockSecondFactor(ctx, tx, actor.id);
    if (row?.totpSecret) throw new AppError('precondition_failed', 'A second factor is already set up');
    const pendingAt = row?.pendingAt ? new Date(row.pendingAt).getTime() : 0;
    if (!row?.pendingSecret || pendingAt + PENDING_MS < Date.now()) {
      throw new AppError('precondition_failed', 'Start the set-up again: no secret is waiting to be confirmed');
    }
    const step = matchTotp(secretOf(ctx, actor.id, row.pendingSecret), normaliseTotp(code));
    if (step === null) throw new AppError('validation_failed', 'Wrong code', [{ path: 'code', message: 'wrong code' }]);
    const now = new Date();
    // The confirming code's step counts as used: it cannot sign in afterwards.
    await enableSecondFactor(ctx, tx, actor.id, row.pendingSecret, step, now);
    const codes = newRecoveryCodes();
    await deleteRecoveryCodesOf(ctx, tx, actor.id);
    await createRecoveryCodes(ctx, tx, codes.map((c) => {
      const salt = newSalt();
      return { staffUserId: actor.id, salt, codeHash: hashRecoveryCode(c, salt), createdAt: now, usedAt: null };
    }));
    await appendAuditEvent(ctx.db, ctx.models, tx, {
      actor, ip: rc.ip, action: 'auth.mfa_enrolled', entityType: 'staff_user', entityId: actor.id,
      after: { method: 'totp', recoveryCodes: codes.length },
    });
    return { recoveryCodes: codes };
  });
}

/**
 * Turns the second factor off with the current password and a code (TOTP or recovery). Wrong ones
 * answer 403 (not 401: the session stays) and count as failed sign-ins, under the same throttle.
 */
export async function disableTotp(ctx: AppContext, rc: RequestContext, raw: unknown): Promise<void> {
  const actor = rc.actor!;
  const body = DisableTotpBody.parse(raw ?? {});
  // Reserved before the password is checked, as at sign-in, so parallel guesses cannot all be checked.
  const reservation = await reserveAttempt(ctx, { email: actor.email, ip: rc.ip, userId: actor.id });
  if (!reservation.allowed) {
    throw new AppError('rate_limited', 'Too many failed attempts; wait and try again', undefined, {
      'Retry-After': String(reservation.retryAfterSeconds),
    });
  }
  const user = await findStaffUser(ctx, actor.id);
  const passwordOk = await verifyPassword(user?.passwordHash ?? null, body.password);
  const done = await ctx.db.transaction(async (tx) => {
    const row = await lockSecondFactor(ctx, tx, actor.id);
    if (!row?.totpSecret) throw new AppError('precondition_failed', 'No second factor is set up');
    if (!passwordOk || 'failed' in (await verifyFactor(ctx, tx, actor.id, row, body.code))) return false;
    await clearSecondFactor(ctx, tx, actor.id);
    await recordSuccess(ctx.db, tx, reservation);
    await appendAuditEvent(ctx.db, ctx.models, tx, {
      actor, ip: rc.ip, action: 'auth.mfa_disabled', entityType: 'staff_user', entityId: actor.id, before: { method: 'totp' },
    });
    return true;
  });
  if (done) return;
  await ctx.db.transaction(async (tx) => {
    await recordFailure(ctx.db, tx, reservation);
    await appendAuditEvent(ctx.db, ctx.models, tx, {
      actor, ip: rc.ip, action: 'auth.mfa_disable_failed', entityType: 'staff_user', entityId: actor.id,
      after: { reason: passwordOk ? 'wrong_code' : 'wrong_password' },
    });
  });
  throw new AppError('forbidden', 'Wrong password or code');
}

/**
 * Removes an account's second factor and recovery codes, in the caller's transaction (the caller
 * audits it): for the admin's reset-password flow, after which the person enrols again. Answers
 * whether there was one to remove.
 */
export async function clearSecondFactor(ctx: AppContext, tx: Transaction, staffId: number): Promise<boolean> {
  const had = await hasEnabledSecondFactor(ctx, tx, staffId);
  await deleteRecoveryCodesOf(ctx, tx, staffId);
  await deleteSecondFactorOf(ctx, tx, staffId);
  return had;
}
