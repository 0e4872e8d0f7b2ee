import type { Request, Response } from 'express';
import { serialize } from 'cookie';
import type { AppContext } from '../platform/context';
import { ALL_STAFF, type RouteDef } from '../platform/http/routes';
import { destroySession, SESSION_ABSOLUTE_MS, SESSION_COOKIE } from '../platform/auth/sessions';
import { appendAuditEvent } from '../audit/append-audit-event';
import { login, LoginBody } from './login';
import { z } from 'zod';
import { SessionAnswer, StaffUserAnswer } from '@closure-desk/shared';
import { createStaff, CreateStaffBody, updateStaff, UpdateStaffBody } from './manage-staff';
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
      doc: {
        operationId: 'createStaffUser', summary: 'Create a staff account', tag: 'staff',
        body: CreateStaffBody, bodyExample: { email: 'new.agent@example.test', fullName: 'New Agent', role: 'agent', password: 'a long passphrase' },
        ok: {
          status: 201, description: 'The account', schema: StaffUserAnswer,
          links: { Update: { operationId: 'updateStaffUser', parameters: { id: '$response.body#/id' }, description: 'The new account is changed by its id' } },
        },
      },
      handler: async (req, res) => {
        const created = await createStaff(ctx, req.ctx, req.body);
        res.status(201);
        return created;
      },
    },
    {
      method: 'put', path: '/staff-users/:id', access: ['admin'],
      doc: {
        operationId: 'updateStaffUser', summary: 'Change a staff account (disabling it ends its sessions)', tag: 'staff',
        body: UpdateStaffBody, bodyExample: { active: false },
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
        ok: { status: 200, description: 'Signed in (Set-Cookie: the session)', schema: SessionAnswer },
        errors: ['unauthenticated', 'rate_limited'],
      },
      handler: async (req: Request, res: Response) => {
        const body = LoginBody.parse(req.body ?? {});
        const result = await login(ctx, body, req.ctx.ip, req.get('user-agent') ?? null);
        res.setHeader('Set-Cookie', sessionCookie(req, result.token, SESSION_ABSOLUTE_MS));
        return { user: publicUser(result.actor), csrfToken: result.csrfToken };
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
      handler: (req: Request) => ({ user: publicUser(req.session!.actor), csrfToken: req.session!.csrfToken }),
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
