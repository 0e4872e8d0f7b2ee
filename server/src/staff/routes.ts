import type { Request, Response } from 'express';
import { serialize } from 'cookie';
import type { AppContext } from '../platform/context';
import { ALL_STAFF, type RouteDef } from '../platform/http/routes';
import { destroySession, SESSION_ABSOLUTE_MS, SESSION_COOKIE } from '../platform/auth/sessions';
import { appendAuditEvent } from '../audit/append-audit-event';
import { secondFactorStatus } from '../platform/auth/totp';
import { login, LoginBody } from './login';
import { createStaff, updateStaff } from './manage-staff';
import { parseId } from '../platform/http/list-resource';

const publicUser = (a: { id: number; email: string; fullName: string; role: string }) => ({
  id: a.id, email: a.email, fullName: a.fullName, role: a.role,
});

function sessionCookie(req: Request, value: string, maxAgeMs: number): string {
  return serialize(SESSION_COOKIE, value, {
    httpOnly: true,
    sameSite: 'lax',
    secure: req.secure,
    path: '/',
    maxAge: Math.floor(maxAgeMs / 1000),
  });
}

export function authRoutes(ctx: AppContext): RouteDef[] {
  return [
    {
      method: 'post', path: '/staff-users', access: ['admin'],
      handler: async (req, res) => {
        const created = await createStaff(ctx, req.ctx, req.body);
        res.status(201);
        return created;
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
        const result = await login(ctx, body, req.ctx.ip, req.get('user-agent') ?? null);
        res.setHeader('Set-Cookie', sessionCookie(req, result.token, SESSION_ABSOLUTE_MS));
        return { user: publicUser(result.actor), csrfToken: result.csrfToken, ...(await secondFactorStatus(ctx, result.actor)) };
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
  ];
}
