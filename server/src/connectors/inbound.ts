import { createHash, timingSafeEqual } from 'node:crypto';
import type { Request } from 'express';
import type { Transaction } from 'sequelize';
import { z } from 'zod';
import type { AppContext } from '../platform/context';
import { AppError } from '../platform/errors';
import { appendAuditEvent } from '../audit';
import { applyProfileEvent } from '../customers';
import { confirmByReference, findProfileWithCommandCount } from './repository';

/** SGP.22 ES2+ HandleDownloadProgressInfo, as the SM-DP+ sends it. Strict: an unknown field is a 400. */
export const HandleDownloadProgressInfoBody = z.strictObject({
  header: z.strictObject({ functionRequesterIdentifier: z.string().min(1).max(128), functionCallIdentifier: z.string().min(1).max(128) }),
  eid: z.string().regex(/^\d{32}$/, 'an EID is 32 digits').optional(),
  iccid: z.string().regex(/^\d{18,22}F?$/, 'an ICCID is 18 to 22 digits'),
  profileType: z.string().min(1).max(100),
  timestamp: z.iso.datetime({ offset: true }),
  notificationPointId: z.number().int().min(1).max(10),
  notificationPointStatus: z.strictObject({
    status: z.enum(['Executed-Success', 'Executed-WithWarning', 'Failed', 'Expired']),
    statusCodeData: z.strictObject({ subjectCode: z.string().max(20), reasonCode: z.string().max(20), subjectIdentifier: z.string().max(100).optional(), message: z.string().max(500).optional() }).optional(),
  }),
  resultData: z.string().max(10_000).optional(),
});
export type HandleDownloadProgressInfoBody = z.infer<typeof HandleDownloadProgressInfoBody>;

const text = (max = 500) => z.string().max(max);
const when = () => z.iso.datetime({ offset: true });
/** A list of the network's own sub-resources (notes, related parties, items...): objects, not read here, bounded. */
const records = () => z.array(z.record(z.string().max(100), z.unknown())).max(500);
const ORDER_STATES = ['acknowledged', 'rejected', 'pending', 'held', 'inProgress', 'cancelled', 'completed', 'failed', 'partial', 'assessingCancellation', 'pendingCancellation'] as const;

/**
 * TMF641 v4 ServiceOrderStateChangeEvent. Strict, as every input: the fields of TMF641's Event
 * and ServiceOrder resources are the only ones accepted (an unknown one is a 400); those we act on
 * (the order's id, state and completionDate) are typed exactly, the others by kind and size.
 */
export const ServiceOrderStateChangeEvent = z.strictObject({
  eventId: z.string().min(1).max(100),
  eventTime: when(),
  eventType: z.literal('ServiceOrderStateChangeEvent'),
  correlationId: text(100).optional(),
  domain: text(100).optional(),
  title: text().optional(),
  description: text().optional(),
  priority: text(20).optional(),
  timeOcurred: when().optional(),
  href: text(1000).optional(),
  id: text(100).optional(),
  '@type': text(100).optional(),
  '@baseType': text(100).optional(),
  '@schemaLocation': text(1000).optional(),
  event: z.strictObject({
    serviceOrder: z.strictObject({
      id: z.string().min(1).max(100),
      state: z.enum(ORDER_STATES),
      completionDate: when().optional(),
      href: text(1000).optional(),
      externalId: text(100).optional(),
      orderDate: when().optional(),
      requestedStartDate: when().optional(),
      requestedCompletionDate: when().optional(),
      expectedCompletionDate: when().optional(),
      startDate: when().optional(),
      cancellationDate: when().optional(),
      cancellationReason: text().optional(),
      category: text(100).optional(),
      description: text().optional(),
      notificationContact: text(200).optional(),
      priority: text(20).optional(),
      note: records().optional(),
      externalReference: records().optional(),
      orderRelationship: records().optional(),
      relatedParty: records().optional(),
      serviceOrderItem: records().optional(),
      errorMessage: records().optional(),
      jeopardyAlert: records().optional(),
      milestone: records().optional(),
      '@type': text(100).optional(),
      '@baseType': text(100).optional(),
      '@schemaLocation': text(1000).optional(),
    }),
  }),
});

/**
 * The ES2+ notification points (SGP.22 §5.3.5): 3 = BPP download, 4 = installation, 5 = enable,
 * 6 = disable, 7 = delete. Delete is today's intake `deleted` event; install and enable of a
 * terminated profile must never be applied.
 */
const DELETED = 7;
const COMES_BACK = [3, 4, 5];

/** The peer's key: `Authorization: Bearer`, `X-API-Key`, or `?key=` (a TMF641 hub callback carries no headers). Never an intake key. */
export function assertPeerKey(ctx: AppContext, req: Request): void {
  const auth = req.get('authorization');
  const given = auth?.startsWith('Bearer ') ? auth.slice(7) : req.get('x-api-key') ?? (typeof req.query.key === 'string' ? req.query.key : undefined);
  const digest = (s: string) => createHash('sha256').update(s).digest();
  const ok = given !== undefined && ctx.config.peerInboundKeys.some((k) => timingSafeEqual(digest(k), digest(given)));
  if (!ok) throw new AppError('unauthenticated', 'A valid peer key (PEER_INBOUND_KEYS) is required');
}

/** The profile and whether it was terminated, or is being: its network says so, or a peer command was made for it. */
const terminated = async (ctx: AppContext, tx: Transaction, iccid: string) => {
  const p = await findProfileWithCommandCount(ctx, tx, iccid);
  return p ? { id: p.id, terminated: p.networkState === 'terminated' || p.commands > 0 } : null;
};

export async function handleDownloadProgressInfo(ctx: AppContext, body: HandleDownloadProgressInfoBody): Promise<void> {
  const iccid = body.iccid.replace(/F$/, '');
  await ctx.db.transaction(async (tx) => {
    const profile = await terminated(ctx, tx, iccid);
    if (!profile) throw new AppError('not_found', 'No eSIM profile has this ICCID');
    const success = body.notificationPointStatus.status.startsWith('Executed');
    if (COMES_BACK.includes(body.notificationPointId) && profile.terminated) {
      // This profile must never serve again: recorded for the supervisors, nothing else changes.
      await appendAuditEvent(ctx.db, ctx.models, tx, {
        actor: null, actorName: 'SM-DP+ (ES2+)', ip: null, action: 'incident.reactivation-refused', entityType: 'esim_profile', entityId: profile.id,
        reason: `ES2+ notification point ${body.notificationPointId} (${body.notificationPointStatus.status}) for a terminated profile, at ${body.timestamp}; not applied`,
        after: { iccid, eid: body.eid ?? null, notificationPointId: body.notificationPointId, functionCallIdentifier: body.header.functionCallIdentifier },
      });
      return;
    }
    if (!success) return;
    const event = body.notificationPointId === DELETED ? 'deleted' : body.notificationPointId === 4 ? 'installed' : null;
    if (!event) return;
    await applyProfileEvent(ctx, tx, { actor: null, ip: null, requestId: body.header.functionCallIdentifier, intakeName: 'SM-DP+ (ES2+)' }, { iccid, event, ...(body.eid ? { eid: body.eid } : {}), at: body.timestamp });
  });
}

export async function handleServiceOrderEvent(ctx: AppContext, body: z.infer<typeof ServiceOrderStateChangeEvent>): Promise<void> {
  const order = body.event.serviceOrder;
  if (order.state !== 'completed') return; // failures are seen by the dispatcher's own look at the order
  await ctx.db.transaction((tx) => confirmByReference(ctx, tx, order.id, new Date(order.completionDate ?? body.eventTime)));
}
