import type { Request, Response } from 'express';
import type { AppContext } from '../platform/context';
import { ALL_STAFF, type RouteDef } from '../platform/http/routes';
import { endOtherSessions, endOwnSession, listOwnSessions } from '../platform/auth/sessions';
import { notFound } from '../platform/errors';
import { appendAuditEvent } from '../audit';
import { z } from 'zod';
import { OwnSessionAnswer } from '@closure-desk/shared';

/**
 * A staff member's own sessions (ASVS 3.3.4): list them, end one, or end every other one
 * ("sign out everywhere else"). Only one's own: another person's session id is a 404.
 */
export function ownSessionRoutes(ctx: AppContext): RouteDef[] {
  return [
    {
      method: 'get',
      path: '/auth/sessions',
      access: ALL_STAFF,
      doc: {
        operationId: 'listOwnSessions', summary: 'One’s own live sessions', tag: 'auth',
        ok: { status: 200, description: 'The sessions, most recently used first', schema: OwnSessionAnswer, array: true },
      },
      handler: (req: Request) => listOwnSessions(ctx.models, req.session!.actor.id, req.session!.id),
    },
    {
      method: 'delete',
      path: '/auth/sessions/:id',
      access: ALL_STAFF,
      doc: {
        operationId: 'endOwnSession', summary: 'End one of one’s own sessions (another person’s id is a 404)', tag: 'auth',
        params: { id: z.string().min(1).max(200) },
        ok: { status: 204, description: 'Ended' },
      },
      handler: async (req: Request, res: Response) => {
        const session = req.session!;
        const publicId = String(req.params.id);
        await ctx.db.transaction(async (tx) => {
          const ended = await endOwnSession(ctx.models, session.actor.id, publicId, tx);
          if (!ended) throw notFound('Session');
          await appendAuditEvent(ctx.db, ctx.models, tx, {
            actor: session.actor, ip: req.ctx.ip, action: 'auth.session_ended', entityType: 'staff_user', entityId: session.actor.id,
            after: { session: publicId, current: ended === session.id },
          });
        });
        res.status(204).end();
      },
    },
    {
      method: 'post',
      path: '/auth/sessions/actions/end-others',
      access: ALL_STAFF,
      doc: {
        operationId: 'endOtherSessions', summary: 'Sign out everywhere else: end every own session but this one', tag: 'auth',
        body: z.object({}).describe('no fields are read'), bodyOptional: true,
        ok: { status: 200, description: 'How many sessions ended', schema: z.object({ ended: z.number().int().min(0) }) },
      },
      handler: async (req: Request) => {
        const session = req.session!;
        const ended = await ctx.db.transaction(async (tx) => {
          const n = await endOtherSessions(ctx.models, session.actor.id, session.id, tx);
          await appendAuditEvent(ctx.db, ctx.models, tx, {
            actor: session.actor, ip: req.ctx.ip, action: 'auth.sessions_ended', entityType: 'staff_user', entityId: session.actor.id,
            after: { others: n },
          });
          return n;
        });
        return { ended };
      },
    },
  ];
}
