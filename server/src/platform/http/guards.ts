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
  const keys = ctx.config.intakeApiKeys.map((k) => Buffer.from(k));
  return (req: Request, _res: Response, next: NextFunction) => {
    const match = /^Bearer (.+)$/.exec(req.get('authorization') ?? '');
    const given = match ? Buffer.from(match[1]!) : null;
    const ok = given !== null && keys.some((k) => k.length === given.length && timingSafeEqual(k, given));
    next(ok ? undefined : new AppError('unauthenticated', 'A valid intake API key is required'));
  };
}
