import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';
import * as OTPAuth from 'otpauth';
import type { Role } from '@closure-desk/shared';
import { ROLES } from '@closure-desk/shared';
import type { AppContext } from '../context';
import { AppError } from '../errors';
import { getCachedTextSetting } from '../settings-store';
import type { Actor } from './actor';

/**
 * TOTP second factor (RFC 6238 with otpauth): HMAC-SHA1, 30-second steps, 6 digits, one step of
 * clock drift either way. The secrets are kept AES-256-GCM encrypted (key from MFA_ENCRYPTION_KEY,
 * bound to the account), a code is accepted once (the last used step is kept per account), and
 * the ten recovery codes are kept as salted SHA-256 hashes.
 */
export const TOTP = { period: 30, digits: 6, window: 1, algorithm: 'SHA1' } as const;
const ISSUER = 'Closure Desk';
export const RECOVERY_CODE_COUNT = 10;

const totpFor = (secretBase32: string, label = '') =>
  new OTPAuth.TOTP({
    issuer: ISSUER, label, algorithm: TOTP.algorithm, digits: TOTP.digits, period: TOTP.period,
    secret: OTPAuth.Secret.fromBase32(secretBase32),
  });

/** A new secret of 160 bits (RFC 4226's recommended length), in base32 as authenticator apps take it. */
export const newTotpSecret = () => new OTPAuth.Secret({ size: 20 }).base32;

export const otpauthUrl = (secretBase32: string, email: string) => totpFor(secretBase32, email).toString();

/** The time step `code` is valid for (now, or one step either side), or null if it is not a valid code. */
export function matchTotp(secretBase32: string, code: string, now = Date.now()): number | null {
  if (!/^\d{6}$/.test(code)) return null;
  const delta = totpFor(secretBase32).validate({ token: code, timestamp: now, window: TOTP.window });
  return delta === null ? null : Math.floor(now / 1000 / TOTP.period) + delta;
}

/** A six-digit code is a TOTP code; anything else offered as a second factor is taken for a recovery code. */
export const looksLikeTotp = (code: string) => /^\d{6}$/.test(code.replace(/\s+/g, ''));
export const normaliseTotp = (code: string) => code.replace(/\s+/g, '');

// --- Encryption of the secrets at rest ---------------------------------------------------------

const keys = new Map<string, Buffer>();
function encryptionKey(secret: string): Buffer {
  let key = keys.get(secret);
  if (!key) {
    key = Buffer.from(hkdfSync('sha256', secret, 'closure-desk', 'totp-secret-encryption-v1', 32));
    keys.set(secret, key);
  }
  return key;
}
// The account id is authenticated data: a ciphertext copied onto another account does not decrypt.
const aad = (staffId: number) => Buffer.from(`staff_user:${staffId}`);

/** `v1.<iv>.<tag>.<ciphertext>`, base64url: AES-256-GCM with a random 96-bit IV. */
export function encryptSecret(keySecret: string, staffId: number, plaintext: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', encryptionKey(keySecret), iv);
  cipher.setAAD(aad(staffId));
  const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return ['v1', iv, cipher.getAuthTag(), body].map((p) => (typeof p === 'string' ? p : p.toString('base64url'))).join('.');
}

export function decryptSecret(keySecret: string, staffId: number, stored: string): string {
  const [version, iv, tag, body] = stored.split('.');
  if (version !== 'v1' || !iv || !tag || !body) throw new Error('Unknown TOTP secret format');
  const decipher = createDecipheriv('aes-256-gcm', encryptionKey(keySecret), Buffer.from(iv, 'base64url'));
  decipher.setAAD(aad(staffId));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
}

// --- Recovery codes ----------------------------------------------------------------------------

/** Ten codes of 80 random bits each, written `ABCD-EFGH-IJKL-MNOP` (base32). */
export function newRecoveryCodes(): string[] {
  return Array.from({ length: RECOVERY_CODE_COUNT }, () => {
    const b32 = new OTPAuth.Secret({ size: 10 }).base32; // 10 bytes: exactly 16 base32 characters
    return b32.match(/.{4}/g)!.join('-');
  });
}
export const normaliseRecoveryCode = (code: string) => code.toUpperCase().replace(/[^A-Z2-7]/g, '');
// Under ASVS 2.6.2's 112 bits, so each is salted (128 random bits of its own) and hashed.
export const newSalt = () => randomBytes(16).toString('hex');
export const hashRecoveryCode = (code: string, salt: string) =>
  createHash('sha256').update(`${salt}:${normaliseRecoveryCode(code)}`).digest('hex');
export function recoveryCodeMatches(code: string, salt: string, storedHash: string): boolean {
  const a = Buffer.from(hashRecoveryCode(code, salt), 'hex');
  const b = Buffer.from(storedHash, 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
}

// --- Who must have one -------------------------------------------------------------------------

export function parseRoleList(text: string): Role[] {
  const wanted = text.split(',').map((r) => r.trim()).filter(Boolean);
  return ROLES.filter((r) => wanted.includes(r));
}

/** The `mfaRequiredRoles` setting, or the environment's default (Config) when it was never set. */
export async function mfaRequiredRoles(ctx: AppContext): Promise<Role[]> {
  const stored = await getCachedTextSetting(ctx.models, 'mfaRequiredRoles');
  return parseRoleList(stored ?? ctx.config.mfaRequiredRolesDefault);
}

export interface SecondFactorStatus {
  /** A TOTP secret is active for this account. */
  mfaEnabled: boolean;
  /** The account's role is in `mfaRequiredRoles`. */
  mfaRequired: boolean;
  /** Required but not enrolled: the account may only enrol (or sign out) until it has one. */
  mfaEnrolmentRequired: boolean;
}

export async function hasSecondFactor(ctx: AppContext, staffId: number): Promise<boolean> {
  const [row] = await ctx.db.select<{ enabled: number | boolean }>(
    `SELECT 1 AS enabled FROM staff_second_factors WHERE staff_user_id = ${ctx.db.placeholder(1)} AND totp_secret IS NOT NULL`,
    [staffId],
  );
  return Boolean(row);
}

export async function secondFactorStatus(ctx: AppContext, actor: Pick<Actor, 'id' | 'role'>): Promise<SecondFactorStatus> {
  const [mfaEnabled, required] = await Promise.all([hasSecondFactor(ctx, actor.id), mfaRequiredRoles(ctx)]);
  const mfaRequired = required.includes(actor.role);
  return { mfaEnabled, mfaRequired, mfaEnrolmentRequired: mfaRequired && !mfaEnabled };
}

/**
 * Every staff route but me, logout and enrolment itself: an account whose role needs a second
 * factor and has none gets 403 `mfa_enrolment_required`. One cached setting read for everyone,
 * and one primary-key read for the roles that need a factor.
 */
export async function assertSecondFactorEnrolled(ctx: AppContext, actor: Actor): Promise<void> {
  if (!(await mfaRequiredRoles(ctx)).includes(actor.role)) return;
  if (await hasSecondFactor(ctx, actor.id)) return;
  throw new AppError('mfa_enrolment_required', 'Your role needs a second factor: set up an authenticator app first');
}
