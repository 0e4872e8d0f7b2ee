import type { Request, Response } from 'express';
import { z } from 'zod';
import { PresenceAnswer } from '@closure-desk/shared';
import type { AppContext } from '../platform/context';
import { AppError } from '../platform/errors';
import { sessionLifetimes } from '../platform/auth/sessions';
import { eventBusFor, publishNow, type LiveEvent } from '../platform/events';
import { parseId } from '../platform/http/list-resource';
import { ALL_STAFF, type RouteDef } from '../platform/http/routes';
import { presenceBoardFor } from './presence';
import { findHeadEventId } from '../audit';
import { closureRequestExists, findSessionTimes } from './repository';

/** A comment line this often keeps proxies from closing an idle stream, checks the session and renews presence. */
export const heartbeatMs = () => Number(process.env.EVENTS_HEARTBEAT_MS) || 15_000;
const TAB = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/);
const PresenceBody = z.strictObject({ tab: TAB, viewing: z.boolean() });

/** The session still stands (not signed out, not past its lifetimes), read without renewing it. */
async function sessionStands(ctx: AppContext, sessionId: string): Promise<boolean> {
  const row = await findSessionTimes(ctx, sessionId);
  if (!row) return false;
  const { idleMs, absoluteMs } = await sessionLifetimes(ctx.models);
  const now = Date.now();
  return new Date(row.expiresAt).getTime() > now && new Date(row.createdAt).getTime() + absoluteMs > now && new Date(row.lastSeenAt).getTime() + idleMs > now;
}

const frame = (e: LiveEvent) =>
  e.kind === 'closure_request'
    ? `id: ${e.seq}\nevent: closure_request\ndata: ${JSON.stringify(e)}\n\n`
    : `event: presence\ndata: ${JSON.stringify({ closureRequestId: e.closureRequestId, staffUserId: e.staffUserId, fullName: e.fullName, viewing: e.viewing })}\n\n`;

/**
 * GET /api/events: one stream per console tab. Every committed change of a closure request, and
 * who comes to or leaves a request's page. A reconnect sends Last-Event-ID and gets the changes
 * it missed that this instance still holds. The stream does not renew the session; it ends when
 * the session does (checked at each heartbeat), and at shutdown.
 */
async function stream(ctx: AppContext, req: Request, res: Response): Promise<void> {
  const bus = eventBusFor(ctx.db);
  const board = presenceBoardFor(ctx.db);
  const sessionId = req.session!.id;
  const actor = req.ctx.actor!;
  const tab = TAB.safeParse(req.query.tab).success ? String(req.query.tab) : null;
  res.status(200);
  res.setHeader('Content-Type', 'text/event-stream; charset=utf-8');
  res.setHeader('Connection', 'keep-alive');
  res.setHeader('X-Accel-Buffering', 'no');
  res.flushHeaders();
  res.write('retry: 2000\n\n');
  // A change is sent once, and only if it was committed after the stream's starting point: the
  // Last-Event-ID, or else the audit trail's head when the stream opened. On PostgreSQL a change made
  // just before the stream opened can still be on its way through LISTEN/NOTIFY and arrive after; the
  // trail's appends are serialised, so an id at or under the head was committed before it was read.
  let floor: number | null = null;
  const held: LiveEvent[] = [];
  const fresh = (e: LiveEvent) => e.kind !== 'closure_request' || e.seq > floor!;
  const unsubscribe = bus.subscribe((e) => {
    if (floor === null) held.push(e);
    else if (fresh(e)) res.write(frame(e));
  });
  const last = Number(req.get('last-event-id') ?? NaN);
  if (Number.isInteger(last) && last >= 0) {
    floor = last;
    for (const e of bus.since(last)) res.write(frame(e));
  } else {
    try {
      floor = await findHeadEventId(ctx); // every committed change's live event carries its audit event's id
    } catch (err) {
      unsubscribe();
      res.end(); // the client's EventSource reconnects after `retry`
      ctx.logger.warn({ err }, 'event stream: could not read the audit head');
      return;
    }
  }
  for (const e of held.splice(0)) if (fresh(e)) res.write(frame(e));

  let done: () => void = () => undefined;
  const finished = new Promise<void>((resolve) => (done = resolve));
  const release = bus.holdStream(() => res.end());
  let open = true;
  const beat = setInterval(() => {
    res.write(': heartbeat\n\n');
    void sessionStands(ctx, sessionId).then((ok) => {
      if (!open) return; // closed while the session was read: nothing to renew
      if (!ok) res.end();
      // Presence outlives a tab only by PRESENCE_TTL_MS: the instance holding the tab's stream renews it.
      else if (tab) for (const id of board.viewedBy(tab)) void publishNow(ctx.db, presence(actor, id, tab, true)).catch(() => undefined);
    }, () => undefined);
  }, heartbeatMs());
  beat.unref();
  res.on('close', done);
  await finished;
  open = false;
  clearInterval(beat);
  unsubscribe();
  release();
  if (tab) for (const id of board.viewedBy(tab)) await publishNow(ctx.db, presence(actor, id, tab, false)).catch(() => undefined);
}

const presence = (actor: { id: number; fullName?: string; email: string }, closureRequestId: number, tab: string, viewing: boolean): LiveEvent => ({
  kind: 'presence', closureRequestId, staffUserId: actor.id, fullName: actor.fullName ?? actor.email, tab, viewing, at: new Date().toISOString(),
});

export function liveRoutes(ctx: AppContext): RouteDef[] {
  return [
    {
      method: 'get', path: '/events', access: ALL_STAFF,
      doc: {
        operationId: 'streamEvents', summary: 'Live changes: a server-sent event stream for one console tab', tag: 'console',
        description: 'Events `closure_request` (id: the change’s audit event id; data: id, version, status, assigneeId, actorId, actorName, action) and `presence` (data: closureRequestId, staffUserId, fullName, viewing). Query `tab`: the tab’s own id, for presence. Send Last-Event-ID to resume.',
        query: [{ name: 'tab', in: 'query', required: false, schema: { type: 'string', pattern: '^[A-Za-z0-9_-]{8,64}$' } }],
        ok: { status: 200, description: 'The stream (never ends by itself)', media: { 'text/event-stream': { type: 'string' } } },
      },
      handler: (req, res) => stream(ctx, req, res),
    },
    {
      method: 'get', path: '/closure-requests/:id/presence', access: ALL_STAFF,
      doc: {
        operationId: 'getClosureRequestPresence', summary: 'Who is on a closure request’s page now', tag: 'closures',
        ok: { status: 200, description: 'The people viewing it, earliest first', schema: PresenceAnswer },
      },
      handler: async (req) => {
        const id = parseId(req.params.id);
        return { closureRequestId: id, viewers: presenceBoardFor(ctx.db).viewers(id) };
      },
    },
    {
      method: 'post', path: '/closure-requests/:id/presence', access: ALL_STAFF,
      doc: {
        operationId: 'setClosureRequestPresence', summary: 'This tab came to (or left) a closure request’s page', tag: 'closures',
        body: PresenceBody, bodyExample: { tab: 'tab-3f9a2c1b', viewing: true },
        ok: { status: 200, description: 'The people viewing it now', schema: PresenceAnswer },
      },
      handler: async (req) => {
        const id = parseId(req.params.id);
        const body = PresenceBody.parse(req.body ?? {});
        if (!(await closureRequestExists(ctx, id))) throw new AppError('not_found', 'Closure request not found');
        const event = presence(req.ctx.actor!, id, body.tab, body.viewing);
        await publishNow(ctx.db, event);
        // Applied here at once too, so the answer includes this tab whatever the relay's timing.
        if (event.kind === 'presence') presenceBoardFor(ctx.db).apply(event);
        return { closureRequestId: id, viewers: presenceBoardFor(ctx.db).viewers(id) };
      },
    },
  ];
}
