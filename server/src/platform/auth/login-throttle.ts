import { createHash } from 'node:crypto';
import { Op, type Transaction } from 'sequelize';
import { EMAIL_MAX_LENGTH, normaliseEmail } from '@closure-desk/shared';
import type { Models } from '../db/models';

const WINDOW_MS = 15 * 60 * 1000;
/** Failures within the window before answers slow down, and before they are refused. */
const ACCOUNT = { slowAfter: 3, refuseAt: 5 };
const ADDRESS = { slowAfter: 10, refuseAt: 20 };

/**
 * The account's throttle key. The throttle_key column holds 300 characters: an address that is
 * longer once normalised (254 'İ' lower-case to 508) is counted under its hash instead.
 */
export const accountKey = (email: string) => {
  const normalised = normaliseEmail(email);
  return normalised.length <= EMAIL_MAX_LENGTH ? `account:${normalised}` : `account:sha256:${createHash('sha256').update(normalised).digest('hex')}`;
};
export const addressKey = (ip: string | null) => `ip:${ip ?? 'unknown'}`;

export interface ThrottleVerdict {
  refuse: boolean;
  delayMs: number;
  retryAfterSeconds: number;
}

/**
 * Failed logins are counted in the database (shared by every instance) per account and per
 * address; past a few, each answer is slowed down, then refused with 429 until the window passes.
 */
export async function checkLoginThrottle(models: Models, email: string, ip: string | null): Promise<ThrottleVerdict> {
  const since = new Date(Date.now() - WINDOW_MS);
  const count = (key: string) => models.LoginFailure.count({ where: { throttleKey: key, at: { [Op.gt]: since } } });
  const [byAccount, byAddress] = await Promise.all([count(accountKey(email)), count(addressKey(ip))]);
  const refuse = byAccount >= ACCOUNT.refuseAt || byAddress >= ADDRESS.refuseAt;
  const excess = Math.max(byAccount - ACCOUNT.slowAfter, byAddress - ADDRESS.slowAfter, 0);
  return { refuse, delayMs: excess > 0 ? Math.min(250 * 2 ** (excess - 1), 2000) : 0, retryAfterSeconds: WINDOW_MS / 1000 };
}

export async function recordLoginFailure(models: Models, email: string, ip: string | null, transaction?: Transaction): Promise<void> {
  const at = new Date();
  await models.LoginFailure.bulkCreate([
    { throttleKey: accountKey(email), at },
    { throttleKey: addressKey(ip), at },
  ], { transaction });
}

export async function clearAccountFailures(models: Models, email: string, transaction?: Transaction): Promise<void> {
  await models.LoginFailure.destroy({ where: { throttleKey: accountKey(email) }, transaction });
}
