import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { Op, QueryTypes, type Transaction } from 'sequelize';
import type { Role } from '@closure-desk/shared';
import type { Database } from '../db/database';
import type { Models } from '../db/models';
import { getCachedSetting } from '../settings-store';
import type { Actor } from './actor';

/** The cookie's name on plain HTTP (local use); over HTTPS the `__Host-` name, which only a secure origin can set (ASVS 3.4.4). */
export const SESSION_COOKIE = 'cd_session';
export const SECURE_SESSION_COOKIE = '__Host-cd_session';
export const sessionCookieName = (secure: boolean) => (secure ? SECURE_SESSION_COOKIE : SESSION_COOKIE);
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
    publicId: randomBytes(12).toString('base64url'),
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

/** Deletes every session past its absolute lifetime or idle for longer than the idle lifetime (the purge job's work). */
export async function purgeExpiredSessions(models: Models, now = new Date()): Promise<number> {
  const { idleMs, absoluteMs } = await sessionLifetimes(models);
  return models.Session.destroy({
    where: {
      [Op.or]: [
        { expiresAt: { [Op.lte]: now } },
        { lastSeenAt: { [Op.lte]: new Date(now.getTime() - idleMs) } },
        { createdAt: { [Op.lte]: new Date(now.getTime() - absoluteMs) } },
      ],
    },
  });
}

export interface OwnSession {
  id: string;
  createdAt: string;
  lastSeenAt: string;
  ip: string | null;
  userAgent: string | null;
  current: boolean;
}

/** A staff member's live sessions, most recently used first; `current` marks the one asking. */
export async function listOwnSessions(models: Models, userId: number, currentId: string): Promise<OwnSession[]> {
  const { idleMs, absoluteMs } = await sessionLifetimes(models);
  const now = Date.now();
  const rows = await models.Session.findAll({
    where: {
      staffUserId: userId,
      expiresAt: { [Op.gt]: new Date(now) },
      lastSeenAt: { [Op.gt]: new Date(now - idleMs) },
      createdAt: { [Op.gt]: new Date(now - absoluteMs) },
    },
    order: [['lastSeenAt', 'DESC'], ['createdAt', 'DESC']],
    raw: true,
  });
  return rows.map((r) => ({
    id: r.publicId as string,
    createdAt: new Date(r.createdAt as string).toISOString(),
    lastSeenAt: new Date(r.lastSeenAt as string).toISOString(),
    ip: (r.ip as string | null) ?? null,
    userAgent: (r.userAgent as string | null) ?? null,
    current: r.id === currentId,
  }));
}

/** Ends one of the staff member's own sessions by its public id: the ended session's private id, or null when they have none with that id. */
export async function endOwnSession(models: Models, userId: number, publicId: string, transaction?: Transaction): Promise<string | null> {
  const row = await models.Session.findOne({ where: { publicId, staffUserId: userId }, raw: true, transaction });
  if (!row) return null;
  await models.Session.destroy({ where: { id: row.id as string }, transaction });
  return row.id as string;
}

/** Ends every session of the staff member (disabled, locked, re-enrolled, password reset); answers how many. */
export async function endAllSessions(models: Models, userId: number, transaction?: Transaction): Promise<number> {
  return models.Session.destroy({ where: { staffUserId: userId }, transaction });
}

/** Ends every session of the staff member except the one asking (sign out elsewhere, own password change); answers how many. */
export async function endOtherSessions(models: Models, userId: number, currentId: string, transaction?: Transaction): Promise<number> {
  return models.Session.destroy({ where: { staffUserId: userId, id: { [Op.ne]: currentId } }, transaction });
}

export function csrfMatches(expected: string, given: string | undefined): boolean {
  if (!given) return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}
