import type { Request, Response } from 'express';
import { serialize } from 'cookie';
import type { AppContext } from '../platform/context';
import { ALL_STAFF, type RouteDef } from '../platform/http/routes';
import { destroySession, loadSession, SESSION_ABSOLUTE_MS, sessionCookieName } from '../platform/auth/sessions';
import { DEVICE_COOKIE, DEVICE_COOKIE_MAX_AGE_MS, SECURE_DEVICE_COOKIE } from '../platform/auth/device-cookies';
import { requestCookie, sessionToken } from '../platform/http/guards';
import { appendAuditEvent } from '../audit';
import { secondFactorStatus } from '../platform/auth/totp';
import { login, LoginBody, type LoginResult } from './login';
import { z } from 'zod';
import { SessionAnswer, SessionStateAnswer, StaffUserAnswer } from '@closure-desk/shared';
import { ownSessionRoutes } from './own-sessions';
import { createStaff, CreateStaffBody, resetStaffPassword, updateStaff, UpdateStaffBody } from './manage-staff';
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
      doc: {
        operationId: 'createStaffUser', summary: 'Create a staff account', tag: 'staff',
        description: 'No password: an enrolment link goes to the new member’s e-mail, and they choose theirs (POST /api/auth/enrol).',
        body: CreateStaffBody, bodyExample: { email: 'new.agent@example.test', fullName: 'New Agent', role: 'agent', locale: 'en' },
        ok: {
          status: 201, description: 'The account, with when its enrolment link expires', schema: StaffUserAnswer,
          links: { Update: { operationId: 'updateStaffUser', parameters: { id: '$response.body#/id' }, description: 'The new account is changed by its id' } },
        },
      },
      handler: async (req, res) => {
        const created = await createStaff(ctx, req.ctx, req.body, requestLocale(req));
        res.status(201);
        return created;
      },
    },
    {
      method: 'post', path: '/staff-users/:id/actions/reset-password', access: ['admin'],
      doc: {
        operationId: 'resetStaffPassword', summary: 'Reset a member’s password: it stops working, their sessions and second factor end, a new link is sent', tag: 'staff',
        body: z.object({}).describe('no fields are read'), bodyOptional: true,
        ok: { status: 200, description: 'The account, with when its new enrolment link expires', schema: StaffUserAnswer },
        errors: ['invalid_transition'],
      },
      handler: (req) => resetStaffPassword(ctx, req.ctx, parseId(req.params.id)),
    },
    {
      // No session (the link is the credential), so no CSRF token either.
      method: 'post', path: '/auth/enrol', access: 'public',
      doc: {
        operationId: 'enrol', summary: 'Choose a password with an enrolment link’s token, and sign in', tag: 'auth',
        body: EnrolBody, bodyExample: { token: 'the-token-from-the-enrolment-link', password: 'a long new passphrase' },
        ok: { status: 200, description: 'Signed in (Set-Cookie: the session)', schema: SessionAnswer },
        errors: ['gone'],
      },
      handler: async (req: Request, res: Response) => {
        const body = EnrolBody.parse(req.body ?? {});
        return signedIn(ctx, req, res, await enrol(ctx, body, req.ctx.ip, req.get('user-agent') ?? null));
      },
    },
    {
      method: 'post', path: '/auth/password', access: ALL_STAFF,
      doc: {
        operationId: 'changePassword', summary: 'Change one’s own password (a wrong current one counts as a failed sign-in)', tag: 'auth',
        body: ChangePasswordBody, bodyExample: { currentPassword: 'the current passphrase', newPassword: 'a long new passphrase' },
        ok: { status: 204, description: 'Changed' },
        errors: ['rate_limited'],
      },
      handler: async (req: Request, res: Response) => {
        const body = ChangePasswordBody.parse(req.body ?? {});
        await changeOwnPassword(ctx, req.session!, body, req.ctx.ip);
        res.status(204).end();
      },
    },
    {
      method: 'put', path: '/staff-users/:id', access: ['admin'],
      doc: {
        operationId: 'updateStaffUser', summary: 'Change a staff account (disabling it ends its sessions and hands over their open requests)', tag: 'staff',
        body: UpdateStaffBody, bodyExample: { active: false, handOverTo: 7 },
        errors: ['not_found', 'precondition_failed'],
        ok: { status: 200, description: 'The account', schema: StaffUserAnswer },
      },
      handler: (req) => updateStaff(ctx, req.ctx, parseId(req.params.id), req.body),
    },
    {
      method: 'post',
      path: '/auth/login',
      access: 'public',
      doc: {
        operationId: 'login', summary: 'Sign in: sets the session cookie and answers the CSRF token', tag: 'auth',
        body: LoginBody, bodyExample: { email: 'agent@demo.test', password: 'correct horse battery staple' },
        description: 'An account with a second factor sends its code (or a recovery code) as otp: without it, or with a wrong one, the answer is 401 mfa_required. Each attempt is reserved before the password is checked; too many is 429 with Retry-After.',
        ok: { status: 200, description: 'Signed in (Set-Cookie: the session and the device cookie)', schema: SessionAnswer },
        errors: ['unauthenticated', 'mfa_required', 'rate_limited'],
      },
      handler: async (req: Request, res: Response) => {
        const body = LoginBody.parse(req.body ?? {});
        return signedIn(ctx, req, res, await login(ctx, body, req.ctx.ip, req.get('user-agent') ?? null, requestCookie(req, deviceCookieName(req))));
      },
    },
    {
      method: 'get',
      path: '/auth/me',
      access: ALL_STAFF,
      doc: {
        operationId: 'getSession', summary: 'Who is signed in, and the CSRF token', tag: 'auth',
        ok: { status: 200, description: 'The session', schema: SessionAnswer },
      },
      duringMfaEnrolment: true,
      handler: async (req: Request) => ({
        user: publicUser(req.session!.actor), csrfToken: req.session!.csrfToken, ...(await secondFactorStatus(ctx, req.session!.actor)),
      }),
    },
    {
      method: 'get',
      path: '/auth/session',
      access: 'public',
      doc: {
        operationId: 'getSessionState', summary: 'Whether this browser is signed in: 200 either way, and the session when it is', tag: 'auth',
        description: 'The console asks this on every load, so a signed-out visit to the login page makes no failing request (and logs nothing in the browser console). Signed in, the body is that of GET /api/auth/me with signedIn: true.',
        ok: { status: 200, description: 'signedIn false, or the session', schema: SessionStateAnswer, example: { signedIn: false } },
      },
      handler: async (req: Request) => {
        const session = await loadSession(ctx.models, sessionToken(req), ctx.db);
        if (!session) return { signedIn: false };
        return {
          signedIn: true, user: publicUser(session.actor), csrfToken: session.csrfToken, ...(await secondFactorStatus(ctx, session.actor)),
        };
      },
    },
    {
      method: 'post',
      path: '/auth/logout',
      access: ALL_STAFF,
      doc: {
        operationId: 'logout', summary: 'Sign out: ends the session', tag: 'auth',
        body: z.object({}).describe('no fields are read'), bodyOptional: true,
        ok: { status: 204, description: 'Signed out (the cookie is cleared)' },
      },
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
