import { Op, type Transaction } from 'sequelize';
import type { AppContext } from '../platform/context';
import type { Database } from '../platform/db/database';
import type { Models } from '../platform/db/models';
import type {
  LoginAttemptRecord, StaffEnrolmentTokenRecord, StaffRecoveryCodeRecord, StaffSecondFactorRecord, StaffUserRecord,
} from '../platform/db/records';

/**
 * The staff component's tables as stored: the accounts, their sessions (the ones this component
 * ends itself; platform/auth/sessions.ts keeps the rest), their enrolment links, their second
 * factors and recovery codes, and the sign-in counters. The counters and the second factor's
 * checks are plain SQL: they run on every sign-in, some of them while the write lock is held.
 */

// --- Accounts ----------------------------------------------------------------------------------

/** What an admin may change of an account. */
export type StaffAccountChanges = Partial<Pick<StaffUserRecord, 'fullName' | 'role' | 'locale'>> & { active?: boolean };

/** The account, or null; read in the caller's transaction when there is one. */
export async function findStaffUser(ctx: AppContext, id: number, tx?: Transaction): Promise<StaffUserRecord | null> {
  return ctx.models.StaffUser.findByPk(id, { raw: true, transaction: tx });
}

/** The account, locked for the rest of the transaction; or null. */
export async function lockStaffUser(ctx: AppContext, tx: Transaction, id: number): Promise<StaffUserRecord | null> {
  return ctx.models.StaffUser.findByPk(id, { raw: true, lock: true, transaction: tx });
}

/** The account with this (already normalised) e-mail, or null. */
export async function findStaffUserByEmail(ctx: AppContext, email: string): Promise<StaffUserRecord | null> {
  return ctx.models.StaffUser.findOne({ where: { email }, raw: true });
}

export async function isStaffEmailTaken(ctx: AppContext, tx: Transaction, email: string): Promise<boolean> {
  return (await ctx.models.StaffUser.count({ where: { email }, transaction: tx })) > 0;
}

/** Whether the database has any staff account at all (none: a database nobody has used yet). */
export async function hasAnyStaff(ctx: AppContext): Promise<boolean> {
  return (await ctx.models.StaffUser.count()) > 0;
}

/** A new account as stored (its id and stamps filled in). */
export async function createStaffUser(
  ctx: AppContext,
  tx: Transaction,
  values: Pick<StaffUserRecord, 'email' | 'fullName' | 'role' | 'locale' | 'passwordHash'> & { active: boolean },
): Promise<StaffUserRecord> {
  const row = await ctx.models.StaffUser.create(values, { transaction: tx });
  return row.get({ plain: true });
}

export async function updateStaffAccount(ctx: AppContext, tx: Transaction, id: number, changes: StaffAccountChanges): Promise<void> {
  await ctx.models.StaffUser.update({ ...changes, updatedAt: new Date() }, { where: { id }, transaction: tx });
}

/** Replaces the account's password hash (NO_PASSWORD for one that must enrol again). */
export async function setStaffPasswordHash(ctx: AppContext, tx: Transaction, id: number, passwordHash: string): Promise<void> {
  await ctx.models.StaffUser.update({ passwordHash, updatedAt: new Date() }, { where: { id }, transaction: tx });
}

/** The password chosen through an enrolment link, and the sign-in that comes with it, both at `at`. */
export async function setEnrolledPassword(ctx: AppContext, tx: Transaction, id: number, passwordHash: string, at: Date): Promise<void> {
  await ctx.models.StaffUser.update({ passwordHash, lastLoginAt: at, updatedAt: at }, { where: { id }, transaction: tx });
}

export async function recordLastLogin(ctx: AppContext, tx: Transaction, id: number): Promise<void> {
  await ctx.models.StaffUser.update({ lastLoginAt: new Date() }, { where: { id }, transaction: tx });
}

// --- Enrolment links ---------------------------------------------------------------------------

/** The link whose token has this SHA-256, used or not, expired or not; or null. */
export async function findEnrolmentTokenByHash(ctx: AppContext, tx: Transaction, tokenHash: string): Promise<StaffEnrolmentTokenRecord | null> {
  return ctx.models.StaffEnrolmentToken.findOne({ where: { tokenHash }, raw: true, transaction: tx });
}

/** Marks the link used, only if it is still unused: false when another use spent it first. */
export async function spendEnrolmentToken(ctx: AppContext, tx: Transaction, id: number, at: Date): Promise<boolean> {
  const [spent] = await ctx.models.StaffEnrolmentToken.update({ usedAt: at }, { where: { id, usedAt: null }, transaction: tx });
  return spent === 1;
}

/** Marks every unused link of the account used, so none of them works any more. */
export async function spendEnrolmentTokensOf(ctx: AppContext, tx: Transaction, staffUserId: number, at: Date): Promise<void> {
  await ctx.models.StaffEnrolmentToken.update({ usedAt: at }, { where: { staffUserId, usedAt: { [Op.is]: null } }, transaction: tx });
}

export async function createEnrolmentToken(ctx: AppContext, tx: Transaction, token: Omit<StaffEnrolmentTokenRecord, 'id'>): Promise<void> {
  await ctx.models.StaffEnrolmentToken.create(token, { transaction: tx });
}

// --- Second factors and recovery codes ---------------------------------------------------------

export type SecondFactorState = Pick<StaffSecondFactorRecord, 'totpSecret' | 'pendingSecret' | 'pendingAt' | 'lastUsedStep'>;

/** The account's second factor, or null; its row is locked for the rest of the transaction. */
export async function lockSecondFactor(ctx: AppContext, tx: Transaction, staffId: number): Promise<SecondFactorState | null> {
  if (ctx.db.dialect === 'postgres') {
    // Serialises two confirmations (or a sign-in and a disable) of one account on PostgreSQL; SQLite has one writer.
    await ctx.db.query(tx, 'SELECT 1 FROM staff_second_factors WHERE staff_user_id = $1 FOR UPDATE', [staffId]);
  }
  const [row] = await ctx.db.query<SecondFactorState>(tx, `SELECT totp_secret AS "totpSecret", pending_secret AS "pendingSecret",
    pending_at AS "pendingAt", last_used_step AS "lastUsedStep" FROM staff_second_factors WHERE staff_user_id = $1`, [staffId]);
  return row ?? null;
}

/**
 * Keeps a new pending secret (already encrypted) for the account: in its second factor's row when
 * `hasRow` (the caller read it in this transaction), else in a new one.
 */
export async function storePendingSecret(ctx: AppContext, tx: Transaction, staffId: number, pendingSecret: string, hasRow: boolean): Promise<void> {
  const values = { pendingSecret, pendingAt: new Date(), updatedAt: new Date() };
  if (hasRow) await ctx.models.StaffSecondFactor.update(values, { where: { staffUserId: staffId }, transaction: tx });
  else await ctx.models.StaffSecondFactor.create({ staffUserId: staffId, ...values }, { transaction: tx });
}

/** The pending secret becomes the active one; the confirming code's step counts as used. */
export async function enableSecondFactor(ctx: AppContext, tx: Transaction, staffId: number, totpSecret: string, usedStep: number, at: Date): Promise<void> {
  await ctx.models.StaffSecondFactor.update(
    { totpSecret, pendingSecret: null, pendingAt: null, enabledAt: at, lastUsedStep: usedStep, updatedAt: at },
    { where: { staffUserId: staffId }, transaction: tx },
  );
}

/** Takes a TOTP step, only if it is later than the last one taken for the account: false when it is not. */
export async function takeTotpStep(ctx: AppContext, tx: Transaction, staffId: number, step: number): Promise<boolean> {
  const taken = await ctx.db.query(tx, `UPDATE staff_second_factors SET last_used_step = $1, updated_at = $2
    WHERE staff_user_id = $3 AND (last_used_step IS NULL OR last_used_step < $1) RETURNING staff_user_id`,
  [step, dbNow(ctx), staffId]);
  return taken.length === 1;
}

/** Whether the account has an active second factor, read in the caller's transaction. */
export async function hasEnabledSecondFactor(ctx: AppContext, tx: Transaction, staffId: number): Promise<boolean> {
  return (await ctx.models.StaffSecondFactor.count({ where: { staffUserId: staffId, totpSecret: { [Op.ne]: null } }, transaction: tx })) > 0;
}

export async function deleteSecondFactorOf(ctx: AppContext, tx: Transaction, staffId: number): Promise<void> {
  await ctx.models.StaffSecondFactor.destroy({ where: { staffUserId: staffId }, transaction: tx });
}

export async function findUnusedRecoveryCodes(ctx: AppContext, tx: Transaction, staffId: number): Promise<Pick<StaffRecoveryCodeRecord, 'id' | 'salt' | 'codeHash'>[]> {
  return ctx.db.query<Pick<StaffRecoveryCodeRecord, 'id' | 'salt' | 'codeHash'>>(tx,
    'SELECT id, salt, code_hash AS "codeHash" FROM staff_recovery_codes WHERE staff_user_id = $1 AND used_at IS NULL', [staffId]);
}

/** Marks the recovery code used, only if it is still unused: false when another request used it first. */
export async function markRecoveryCodeUsed(ctx: AppContext, tx: Transaction, id: number): Promise<boolean> {
  const taken = await ctx.db.query(tx, 'UPDATE staff_recovery_codes SET used_at = $1 WHERE id = $2 AND used_at IS NULL RETURNING id',
    [dbNow(ctx), id]);
  return taken.length === 1;
}

export async function deleteRecoveryCodesOf(ctx: AppContext, tx: Transaction, staffId: number): Promise<void> {
  await ctx.models.StaffRecoveryCode.destroy({ where: { staffUserId: staffId }, transaction: tx });
}

export async function createRecoveryCodes(ctx: AppContext, tx: Transaction, codes: Omit<StaffRecoveryCodeRecord, 'id'>[]): Promise<void> {
  await ctx.models.StaffRecoveryCode.bulkCreate(codes, { transaction: tx });
}

// Raw statements bind dates as the driver takes them: SQLite keeps Sequelize's UTC text, PostgreSQL a timestamp.
function dbNow(ctx: AppContext): string | Date {
  const now = new Date();
  return ctx.db.dialect === 'sqlite' ? now.toISOString().replace('T', ' ').replace('Z', ' +00:00') : now;
}

// --- Sign-in counters --------------------------------------------------------------------------

/**
 * One attempt counted on one key, atomically: a single upsert that opens a new window at `now`
 * when the stored one started at or before `staleAt`, and otherwise adds one. Answers the count
 * including this attempt and the window it fell in.
 */
export async function countAttempt(db: Database, tx: Transaction, key: string, now: number, staleAt: number): Promise<Pick<LoginAttemptRecord, 'attempts' | 'windowStart'>> {
  const [row] = await db.query<{ attempts: number | string; window_start: number | string }>(
    tx,
    `INSERT INTO login_attempts (throttle_key, window_start, attempts) VALUES ($1, $2, 1)
     ON CONFLICT (throttle_key) DO UPDATE SET
       attempts = CASE WHEN login_attempts.window_start <= $3 THEN 1 ELSE login_attempts.attempts + 1 END,
       window_start = CASE WHEN login_attempts.window_start <= $3 THEN $2 ELSE login_attempts.window_start END
     RETURNING attempts, window_start`,
    [key, now, staleAt],
  );
  return { attempts: Number(row!.attempts), windowStart: Number(row!.window_start) };
}

/** Gives one counted attempt back to the key (never below zero). */
export async function releaseAttempt(db: Database, tx: Transaction, key: string): Promise<void> {
  await db.query(tx, 'UPDATE login_attempts SET attempts = CASE WHEN attempts > 0 THEN attempts - 1 ELSE 0 END WHERE throttle_key = $1', [key]);
}

/** Drops the key's counter, in the sign-in's own transaction. */
export async function deleteAttemptCounter(db: Database, tx: Transaction, key: string): Promise<void> {
  await db.query(tx, 'DELETE FROM login_attempts WHERE throttle_key = $1', [key]);
}

/** Drops the key's counter, in the caller's transaction when there is one. */
export async function clearAttemptCounter(models: Models, key: string, tx?: Transaction): Promise<void> {
  await models.LoginAttempt.destroy({ where: { throttleKey: key }, transaction: tx });
}

/** Drops every counter whose window started at or before `staleAt`; answers how many. */
export async function purgeAttemptsStartedBy(models: Models, staleAt: number): Promise<number> {
  return models.LoginAttempt.destroy({ where: { windowStart: { [Op.lte]: staleAt } } });
}
