import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { Op, type Transaction } from 'sequelize';
import type { Role } from '@closure-desk/shared';
import type { Models } from '../db/models';
import type { Actor } from './actor';

export const SESSION_COOKIE = 'cd_session';
export const SESSION_IDLE_MS = 60 * 60 * 1000; // an hour without a request ends the session
export const SESSION_ABSOLUTE_MS = 12 * 60 * 60 * 1000; // a working day at most
const TOUCH_EVERY_MS = 60 * 1000;

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

export interface LoadedSession {
  id: string;
  csrfToken: string;
  actor: Actor;
}

/** Sessions live in the database so they survive a restart and every instance sees them. */
export async function createSession(models: Models, userId: number, ip: string | null, userAgent: string | null, transaction?: Transaction) {
  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(32).toString('base64url');
  const now = new Date();
  await models.Session.create({
    id: sha256(token),
    staffUserId: userId,
    csrfToken,
    ip,
    userAgent: userAgent?.slice(0, 300) ?? null,
    createdAt: now,
    lastSeenAt: now,
    expiresAt: new Date(now.getTime() + SESSION_ABSOLUTE_MS),
  }, { transaction });
  return { token, csrfToken };
}

export async function loadSession(models: Models, token: string | undefined): Promise<LoadedSession | null> {
  if (!token || token.length > 100) return null;
  const session = await models.Session.findByPk(sha256(token), { raw: true });
  if (!session) return null;
  const now = Date.now();
  const lastSeen = new Date(session.lastSeenAt as string).getTime();
  if (new Date(session.expiresAt as string).getTime() <= now || lastSeen + SESSION_IDLE_MS <= now) {
    await models.Session.destroy({ where: { id: session.id as string } });
    return null;
  }
  const user = await models.StaffUser.findByPk(session.staffUserId as number, { raw: true });
  if (!user || !user.active) return null;
  if (now - lastSeen > TOUCH_EVERY_MS) {
    await models.Session.update({ lastSeenAt: new Date(now) }, { where: { id: session.id as string } });
  }
  return {
    id: session.id as string,
    csrfToken: session.csrfToken as string,
    actor: { id: user.id as number, email: user.email as string, fullName: user.fullName as string, role: user.role as Role },
  };
}

export async function destroySession(models: Models, sessionId: string, transaction?: Transaction): Promise<void> {
  await models.Session.destroy({ where: { id: sessionId }, transaction });
}

export async function purgeExpiredSessions(models: Models): Promise<number> {
  return models.Session.destroy({ where: { expiresAt: { [Op.lte]: new Date() } } });
}

export function csrfMatches(expected: string, given: string | undefined): boolean {
  if (!given) return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}
