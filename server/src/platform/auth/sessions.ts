import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { Op, QueryTypes, type Transaction } from 'sequelize';
import type { Role } from '@closure-desk/shared';
import type { Database } from '../db/database';
import type { Models } from '../db/models';
import { getCachedSetting } from '../settings-store';
import type { Actor } from './actor';

export const SESSION_COOKIE = 'cd_session';
/** The longest any session may live (the sessionAbsoluteHours setting's maximum): the cookie's max-age. */
export const SESSION_ABSOLUTE_MS = 24 * 60 * 60 * 1000;
const TOUCH_EVERY_MS = 60 * 1000;

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

export interface LoadedSession {
  id: string;
  csrfToken: string;
  actor: Actor;
}

/** Idle and absolute lifetimes, from the admin settings `sessionIdleMinutes` and `sessionAbsoluteHours`. */
export async function sessionLifetimes(models: Models): Promise<{ idleMs: number; absoluteMs: number }> {
  const [idleMinutes, absoluteHours] = await Promise.all([
    getCachedSetting(models, 'sessionIdleMinutes'),
    getCachedSetting(models, 'sessionAbsoluteHours'),
  ]);
  return { idleMs: idleMinutes * 60_000, absoluteMs: Math.min(absoluteHours * 3_600_000, SESSION_ABSOLUTE_MS) };
}

/** Sessions live in the database so they survive a restart and every instance sees them. */
export async function createSession(models: Models, userId: number, ip: string | null, userAgent: string | null, transaction?: Transaction) {
  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(32).toString('base64url');
  const now = new Date();
  const { absoluteMs } = await sessionLifetimes(models);
  await models.Session.create({
    id: sha256(token),
    staffUserId: userId,
    csrfToken,
    ip,
    userAgent: userAgent?.slice(0, 300) ?? null,
    createdAt: now,
    lastSeenAt: now,
    expiresAt: new Date(now.getTime() + absoluteMs),
  }, { transaction });
  return { token, csrfToken };
}

/**
 * The session and its staff member in one query on two primary keys, on every request: no cache,
 * so a logout or a disabled account ends the session at once on every instance.
 */
export async function loadSession(models: Models, token: string | undefined, db?: Database): Promise<LoadedSession | null> {
  if (!token || token.length > 100) return null;
  const id = sha256(token);
  const [session] = db
    ? await db.select<SessionRow>(sessionQuery(db.placeholder(1), db.placeholder(2)), [id, db.dialect === 'sqlite' ? 1 : true])
    : await models.Session.sequelize!.query<SessionRow>(sessionQuery(':id', ':active'), { replacements: { id, active: true }, type: QueryTypes.SELECT });
  if (!session) return null;
  const now = Date.now();
  const lastSeen = new Date(session.lastSeenAt).getTime();
  // Judged against today's settings too, so shortening a lifetime also ends older sessions.
  const { idleMs, absoluteMs } = await sessionLifetimes(models);
  const expires = Math.min(new Date(session.expiresAt).getTime(), new Date(session.createdAt).getTime() + absoluteMs);
  if (expires <= now || lastSeen + idleMs <= now) {
    await models.Session.destroy({ where: { id: session.id } });
    return null;
  }
  if (now - lastSeen > TOUCH_EVERY_MS) {
    await models.Session.update({ lastSeenAt: new Date(now) }, { where: { id: session.id } });
  }
  return {
    id: session.id,
    csrfToken: session.csrfToken,
    actor: { id: Number(session.userId), email: session.email, fullName: session.fullName, role: session.role },
  };
}

interface SessionRow {
  id: string;
  csrfToken: string;
  createdAt: string | Date;
  lastSeenAt: string | Date;
  expiresAt: string | Date;
  userId: number | string;
  email: string;
  fullName: string;
  role: Role;
}

// A disabled account's sessions find no row, exactly as if they had ended.
const sessionQuery = (id: string, active: string) => `SELECT s.id, s.csrf_token AS "csrfToken", s.created_at AS "createdAt",
  s.last_seen_at AS "lastSeenAt", s.expires_at AS "expiresAt", u.id AS "userId", u.email, u.full_name AS "fullName", u.role
  FROM sessions s JOIN staff_users u ON u.id = s.staff_user_id
  WHERE s.id = ${id} AND u.active = ${active}`;

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
