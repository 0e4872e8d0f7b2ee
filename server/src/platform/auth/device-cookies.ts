import { createHmac, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Device cookies (OWASP "Slow down online guessing attacks with device cookies"): a browser that
 * signed in to an account once gets a signed cookie naming the account and a random nonce. Its
 * later attempts for that account are counted on the nonce, not on the account, so someone
 * guessing from elsewhere cannot lock the owner out; the cookie cannot be forged without the key
 * derived from SESSION_SECRET.
 */
export const DEVICE_COOKIE = 'cd_device';
export const SECURE_DEVICE_COOKIE = '__Host-cd_device';
export const DEVICE_COOKIE_MAX_AGE_MS = 365 * 24 * 60 * 60 * 1000;

const VERSION = 'd1';
const keys = new Map<string, Buffer>();
const keyFor = (secret: string) => {
  let key = keys.get(secret);
  if (!key) keys.set(secret, (key = Buffer.from(hkdfSync('sha256', secret, 'closure-desk', 'device-cookie v1', 32))));
  return key;
};
const sign = (secret: string, payload: string) => createHmac('sha256', keyFor(secret)).update(payload).digest('base64url');

export interface DeviceCookie {
  userId: number;
  nonce: string;
  issuedAt: number;
}

/** A new cookie value for this account: `d1.<userId>.<issued, epoch s>.<nonce>.<HMAC>`. */
export function issueDeviceCookie(secret: string, userId: number, now = Date.now()): string {
  const payload = `${VERSION}.${userId}.${Math.floor(now / 1000)}.${randomBytes(16).toString('base64url')}`;
  return `${payload}.${sign(secret, payload)}`;
}

/** The cookie's content when its signature is right and it is less than a year old, else null. */
export function readDeviceCookie(secret: string, value: string | undefined, now = Date.now()): DeviceCookie | null {
  if (!value || value.length > 200) return null;
  const parts = value.split('.');
  if (parts.length !== 5 || parts[0] !== VERSION) return null;
  const [, id, issued, nonce, mac] = parts as [string, string, string, string, string];
  if (!/^\d{1,12}$/.test(id) || !/^\d{1,12}$/.test(issued) || !/^[\w-]{22}$/.test(nonce)) return null;
  const expected = Buffer.from(sign(secret, parts.slice(0, 4).join('.')));
  const given = Buffer.from(mac);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  const issuedAt = Number(issued) * 1000;
  if (issuedAt > now + 60_000 || now - issuedAt > DEVICE_COOKIE_MAX_AGE_MS) return null;
  return { userId: Number(id), nonce, issuedAt };
}
