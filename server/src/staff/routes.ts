import type { Request, Response } from 'express';
import { serialize } from 'cookie';
import type { AppContext } from '../platform/context';
import { ALL_STAFF, type RouteDef } from '../platform/http/routes';
import { destroySession, SESSION_ABSOLUTE_MS, sessionCookieName } from '../platform/auth/sessions';
import { DEVICE_COOKIE, DEVICE_COOKIE_MAX_AGE_MS, SECURE_DEVICE_COOKIE } from '../platform/auth/device-cookies';
import { requestCookie } from '../platform/http/guards';
import { appendAuditEvent } from '../audit/append-audit-event';
import { secondFactorStatus } from '../platform/auth/totp';
import { login, LoginBody, type LoginResult } from './login';
import { ownSessionRoutes } from './own-sessions';
import { createStaff, resetStaffPassword, updateStaff } from './manage-staff';
import { enrol, EnrolBody } from './enrol';
import { ChangePasswordBody, changeOwnPassword } from './change-password';
import type { Locale } from '@closure-desk/shared';
import { parseId } from '../platform/http/list-resource';

const publicUser = (a: { id: number; email: string; fullName: string; role: string }) => ({
  id: a.id, email: a.email, fullName: a.fullName, role: a.role,
});

/** `__Host-cd_session` with Secure over HTTPS (directly or through a trusted proxy), `cd_session` on plain HTTP. */
export function sessionCookie(req: Request, value: string, maxAgeMs: number): string {
  return serialize(sessionCookieName(req.secure), value, {
    httpOnly: true,
    sameSite: 'lax',
    secure: req.secure,
    path: '/',
    maxAge: Math.floor(maxAgeMs / 1000),
  });
}

const deviceCookieName = (req: Request) => (req.secure ? SECURE_DEVICE_COOKIE : DEVICE_COOKIE);

/** The device cookie: HttpOnly, SameSite=Strict, kept a year; a new one (new nonce) at every sign-in. */
function deviceCookie(req: Request, value: string): string {
  return serialize(deviceCookieName(req), value, {
    httpOnly: true,
    sameSite: 'strict',
    secure: req.secure,
    path: '/',
    maxAge: Math.floor(DEVICE_COOKIE_MAX_AGE_MS / 1000),
  });
}

/** The console's language as the browser asks for it: the default language of a new staff member's messages. */
const requestLocale = (req: Request): Locale => (/^zh\b/i.test(req.get('accept-language') ?? '') ? 'zh-CN' : 'en');

/** The answer and cookies of a sign-in, shared by login and enrolment. */
async function signedIn(ctx: AppContext, req: Request, res: Response, result: LoginResult) {
  const cookies = [sessionCookie(req, result.token, SESSION_ABSOLUTE_MS)];
  if (result.deviceCookie) cookies.push(deviceCookie(req, result.deviceCookie));
  res.setHeader('Set-Cookie', cookies);
  return { user: publicUser(result.actor), csrfToken: result.csrfToken, ...(await secondFactorStatus(ctx, result.actor)) };
}

export function authRoutes(ctx: AppContext): RouteDef[] {
  return [
    {
      method: 'post', path: '/staff-users', access: ['admin'],
      handler: async (req, res) => {
        const created = await createStaff(ctx, req.ctx, req.body, requestLocale(req));
        res.status(201);
        return created;
      },
    },
    {
      method: 'post', path: '/staff-users/:id/actions/reset-password', access: ['admin'],
      handler: (req) => resetStaffPassword(ctx, req.ctx, parseId(req.params.id)),
    },
    {
      // No session (the link is the credential), so no CSRF token either.
      method: 'post', path: '/auth/enrol', access: 'public',
      handler: async (req: Request, res: Response) => {
        const body = EnrolBody.parse(req.body ?? {});
        return signedIn(ctx, req, res, await enrol(ctx, body, req.ctx.ip, req.get('user-agent') ?? null));
      },
    },
    {
      method: 'post', path: '/auth/password', access: ALL_STAFF,
      handler: async (req: Request, res: Response) => {
        const body = ChangePasswordBody.parse(req.body ?? {});
        await changeOwnPassword(ctx, req.session!, body, req.ctx.ip);
        res.status(204).end();
      },
    },
    {
      method: 'put', path: '/staff-users/:id', access: ['admin'],
      handler: (req) => updateStaff(ctx, req.ctx, parseId(req.params.id), req.body),
    },
    {
      method: 'post',
      path: '/auth/login',
      access: 'public',
      handler: async (req: Request, res: Response) => {
        const body = LoginBody.parse(req.body ?? {});
        return signedIn(ctx, req, res, await login(ctx, body, req.ctx.ip, req.get('user-agent') ?? null, requestCookie(req, deviceCookieName(req))));
      },
    },
    {
      method: 'get',
      path: '/auth/me',
      access: ALL_STAFF,
      duringMfaEnrolment: true,
      handler: async (req: Request) => ({
        user: publicUser(req.session!.actor), csrfToken: req.session!.csrfToken, ...(await secondFactorStatus(ctx, req.session!.actor)),
      }),
    },
    {
      method: 'post',
      path: '/auth/logout',
      access: ALL_STAFF,
      duringMfaEnrolment: true,
      handler: async (req: Request, res: Response) => {
        const session = req.session!;
        await ctx.db.transaction(async (tx) => {
          await destroySession(ctx.models, session.id, tx);
          await appendAuditEvent(ctx.db, ctx.models, tx, {
            actor: session.actor, ip: req.ctx.ip, action: 'auth.logout', entityType: 'staff_user', entityId: session.actor.id,
          });
        });
        res.setHeader('Set-Cookie', sessionCookie(req, '', 0));
        res.status(204).end();
      },
    },
    ...ownSessionRoutes(ctx),
  ];
}
