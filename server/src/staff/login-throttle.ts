import { createHash } from 'node:crypto';
import type { Transaction } from 'sequelize';
import type { Database } from '../platform/db/database';
import { EMAIL_MAX_LENGTH, normaliseEmail } from '@closure-desk/shared';
import type { Models } from '../platform/db/models';
import { appendAuditEvent } from '../audit';
import type { LoginAttemptRecord } from '../platform/db/records';
import { clearAttemptCounter, countAttempt, deleteAttemptCounter, purgeAttemptsStartedBy, releaseAttempt } from './repository';

export const WINDOW_MS = 15 * 60 * 1000;
/**
 * Attempts within one window: past `slowAfter` each answer is slowed down, past `refuseAt` it is
 * refused (429) until the window ends. `account` counts the clients without a device cookie for
 * the account (the lockout OWASP calls "untrusted clients"); `device` is the small counter of one
 * browser holding a valid device cookie for it; `address` counts everything from one address.
 */
export const LIMITS = {
  account: { slowAfter: 3, refuseAt: 5 },
  device: { slowAfter: 3, refuseAt: 5 },
  address: { slowAfter: 10, refuseAt: 20 },
} as const;
export type ThrottleScope = keyof typeof LIMITS;

/**
 * The account's throttle key. The throttle_key column holds 300 characters: an address that is
 * longer once normalised (254 'İ' lower-case to 508) is counted under its hash instead.
 */
export const accountKey = (email: string) => {
  const normalised = normaliseEmail(email);
  return normalised.length <= EMAIL_MAX_LENGTH ? `account:${normalised}` : `account:sha256:${createHash('sha256').update(normalised).digest('hex')}`;
};
export const addressKey = (ip: string | null) => `ip:${ip ?? 'unknown'}`;
export const deviceKey = (nonce: string) => `device:${nonce}`;

/** Who is trying to sign in: the account named, the address, and the nonce of a valid device cookie for that account. */
export interface AttemptSubject {
  email: string;
  ip: string | null;
  /** the nonce of a device cookie the caller checked is valid for this account, else null */
  deviceNonce?: string | null;
  /** the account's id when it exists (for the audit events of a lockout) */
  userId?: number | null;
}

export interface AttemptReservation {
  /** false: answer 429 `rate_limited` with Retry-After, and do not check the password */
  allowed: boolean;
  /** what refused it, when it was refused */
  refusedBy: ThrottleScope | null;
  /** the counter this attempt was charged to besides the address: the device's, or the account's */
  scope: 'account' | 'device';
  subjectKey: string;
  addressKey: string;
  delayMs: number;
  retryAfterSeconds: number;
}

type Bumped = Pick<LoginAttemptRecord, 'attempts' | 'windowStart'>;

/**
 * One attempt counted on one key, atomically: a single upsert that opens a new window when the old
 * one has passed and otherwise adds one, and answers the count including this attempt. Concurrent
 * callers (in any instance) are serialised on the row (PostgreSQL) or the write lock (SQLite), so
 * each gets its own number and at most `refuseAt` of them see a number within the limit.
 */
function bump(db: Database, tx: Transaction, key: string, now: number): Promise<Bumped> {
  return countAttempt(db, tx, key, now, now - WINDOW_MS);
}

// Never more than the window: a concurrent attempt may have opened it a few milliseconds after our `now`.
const retryAfter = (b: Bumped, now: number) => Math.min(WINDOW_MS / 1000, Math.max(1, Math.ceil((b.windowStart + WINDOW_MS - now) / 1000)));
const delayFor = (attempts: number, scope: ThrottleScope) => {
  const excess = attempts - 1 - LIMITS[scope].slowAfter;
  return excess > 0 ? Math.min(250 * 2 ** (excess - 1), 2000) : 0;
};

/**
 * Reserves one sign-in attempt before the password is checked, in one short transaction of its
 * own (committed before the slow password hash runs): the address's counter, then the device's
 * when the caller has a valid device cookie for the account (a device past its limit falls back to
 * the account's counter, as OWASP's device-cookie scheme says), else the account's. The first
 * attempt refused in a window is an audit event (`auth.lockout` for an account or a device,
 * `auth.login_burst` for an address), written in the same transaction.
 *
 * Every caller that checks a password on someone's behalf uses it: reserve, check, then
 * `recordFailure` or `recordSuccess` (a password change checking the current password too).
 */
export async function reserveAttempt(ctx: { db: Database; models: Models }, who: AttemptSubject): Promise<AttemptReservation> {
  const { db, models } = ctx;
  const account = accountKey(who.email);
  const address = addressKey(who.ip);
  return db.transaction(async (tx) => {
    const now = Date.now();
    const audit = (action: string, scope: ThrottleScope, b: Bumped) =>
      appendAuditEvent(db, models, tx, {
        actor: null,
        ip: who.ip,
        action,
        entityType: 'staff_user',
        entityId: who.userId ?? null,
        after: { account: who.email.trim().toLowerCase(), scope, attempts: b.attempts, until: new Date(b.windowStart + WINDOW_MS).toISOString() },
      });
    const refused = async (scope: ThrottleScope, b: Bumped, subject: 'account' | 'device', subjectKey: string): Promise<AttemptReservation> => {
      if (b.attempts === LIMITS[scope].refuseAt + 1) await audit(scope === 'address' ? 'auth.login_burst' : 'auth.lockout', scope, b);
      return { allowed: false, refusedBy: scope, scope: subject, subjectKey, addressKey: address, delayMs: 0, retryAfterSeconds: retryAfter(b, now) };
    };

    const byAddress = await bump(db, tx, address, now);
    if (byAddress.attempts > LIMITS.address.refuseAt) return refused('address', byAddress, 'account', account);

    if (who.deviceNonce) {
      const device = deviceKey(who.deviceNonce);
      const byDevice = await bump(db, tx, device, now);
      if (byDevice.attempts <= LIMITS.device.refuseAt) {
        return {
          allowed: true, refusedBy: null, scope: 'device', subjectKey: device, addressKey: address,
          delayMs: Math.max(delayFor(byDevice.attempts, 'device'), delayFor(byAddress.attempts, 'address')),
          retryAfterSeconds: retryAfter(byDevice, now),
        };
      }
      // This device is locked out: it is one more untrusted client from here on.
      if (byDevice.attempts === LIMITS.device.refuseAt + 1) await audit('auth.lockout', 'device', byDevice);
    }

    const byAccount = await bump(db, tx, account, now);
    if (byAccount.attempts > LIMITS.account.refuseAt) return refused('account', byAccount, 'account', account);
    return {
      allowed: true, refusedBy: null, scope: 'account', subjectKey: account, addressKey: address,
      delayMs: Math.max(delayFor(byAccount.attempts, 'account'), delayFor(byAddress.attempts, 'address')),
      retryAfterSeconds: retryAfter(byAccount, now),
    };
  });
}

/** The password was wrong: the reserved attempt stays counted (nothing more to write; here so callers say what happened). */
export async function recordFailure(_db: Database, _tx: Transaction, _reservation: AttemptReservation): Promise<void> {
  // The reservation already counted it, before the check.
}

/**
 * The password was right. A device's counter starts again (that browser has proved itself); the
 * account's and the address's get this attempt back, so successes never count towards a lockout,
 * while the failures already counted stay: someone else signing in does not give a guesser more tries.
 */
export async function recordSuccess(db: Database, tx: Transaction, reservation: AttemptReservation): Promise<void> {
  // Rows in the order reserveAttempt takes them (address, then device or account): the other way round,
  // a sign-in's success and another's reservation on PostgreSQL each held the row the other wanted (a deadlock, a 500).
  await releaseAttempt(db, tx, reservation.addressKey);
  if (reservation.scope === 'device') await deleteAttemptCounter(db, tx, reservation.subjectKey);
  if (reservation.scope === 'account') await releaseAttempt(db, tx, reservation.subjectKey);
}

/** Counters whose window has passed (the session purge job calls this). */
export async function purgeOldAttempts(models: Models, now = Date.now()): Promise<number> {
  return purgeAttemptsStartedBy(models, now - WINDOW_MS);
}

/** Starts the account's counter again. */
export async function clearAccountFailures(models: Models, email: string, transaction?: Transaction): Promise<void> {
  await clearAttemptCounter(models, accountKey(email), transaction);
}
