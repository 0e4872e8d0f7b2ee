import { timingSafeEqual } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import { parse as parseCookie } from 'cookie';
import type { Role } from '@closure-desk/shared';
import type { AppContext } from '../context';
import { AppError } from '../errors';
import { csrfMatches, loadSession, sessionCookieName } from '../auth/sessions';
import { assertSecondFactorEnrolled } from '../auth/totp';

const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** The session cookie under the name for this request's scheme: over HTTPS only the `__Host-` one counts. */
export function sessionToken(req: Request): string | undefined {
  return requestCookie(req, sessionCookieName(req.secure));
}

export function requestCookie(req: Request, name: string): string | undefined {
  const header = req.headers.cookie;
  return header ? parseCookie(header)[name] : undefined;
}

/**
 * A session (401), a role allowed here (403), on writes the CSRF token (403), and a second factor
 * where the role needs one (403 `mfa_enrolment_required`, except on the routes that enrol).
 */
export function requireStaff(ctx: AppContext, roles: readonly Role[], opts: { duringMfaEnrolment?: boolean } = {}) {
  return async (req: Request, _res: Response, next: NextFunction) => {
    try {
      const session = await loadSession(ctx.models, sessionToken(req), ctx.db);
      if (!session) throw new AppError('unauthenticated', 'Please sign in');
      if (MUTATING.has(req.method) && !csrfMatches(session.csrfToken, req.get('x-csrf-token'))) {
        throw new AppError('csrf_failed', 'Missing or wrong CSRF token; reload the page');
      }
      if (!roles.includes(session.actor.role)) {
        throw new AppError('forbidden', `The ${session.actor.role} role may not do this`);
      }
      if (!opts.duringMfaEnrolment) await assertSecondFactorEnrolled(ctx, session.actor);
      req.session = session;
      req.ctx = { ...req.ctx, actor: session.actor };
      next();
    } catch (err) {
      next(err);
    }
  };
}

/** Intake calls carry `Authorization: Bearer <key>` with a key from INTAKE_API_KEYS. */
export function requireIntakeKey(ctx: AppContext) {
  const keys = ctx.config.intakeApiKeys.map((k, i) => ({ secret: Buffer.from(k), name: intakeKeyName(k, i) }));
  return (req: Request, _res: Response, next: NextFunction) => {
    const match = /^Bearer (.+)$/.exec(req.get('authorization') ?? '');
    const given = match ? Buffer.from(match[1]!) : null;
    // Every key is compared (no early exit), so the time taken does not tell which one nearly matched.
    let found: string | null = null;
    for (const k of keys) if (given !== null && k.secret.length === given.length && timingSafeEqual(k.secret, given)) found = k.name;
    if (found !== null) req.ctx = { ...req.ctx, intakeName: found };
    next(found !== null ? undefined : new AppError('unauthenticated', 'A valid intake API key is required'));
  };
}

/**
 * The name an intake key's events carry as their actor: the part before a `:` of a key written
 * `name:secret` (the whole entry is the key sent), else "intake key N" by its place in INTAKE_API_KEYS.
 */
export function intakeKeyName(key: string, index: number): string {
  const named = /^([A-Za-z][\w.-]{0,39}):./.exec(key);
  return named ? `intake: ${named[1]}` : `intake key ${index + 1}`;
}
