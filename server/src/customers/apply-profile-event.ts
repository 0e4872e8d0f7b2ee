import type { Transaction } from 'sequelize';
import { z } from 'zod';
import { Instant } from '@closure-desk/shared';
import type { AppContext } from '../platform/context';
import type { RequestContext } from '../platform/auth/actor';
import { notFound } from '../platform/errors';
import { appendAuditEvent } from '../audit';
import { profileToApi } from './resources';
import { lockProfileByIccid, updateProfile, type ProfileDeviceChanges } from './repository';

export const ProfileEventBody = z.strictObject({
  iccid: z.string().regex(/^\d{18,22}$/, 'an ICCID is 18 to 22 digits'),
  event: z.enum(['deleted', 'installed']),
  eid: z.string().regex(/^\d{32}$/, 'an EID is 32 digits').optional(),
  at: Instant,
});
export type ProfileEventBody = z.infer<typeof ProfileEventBody>;

/** The eSIM platform reports a profile deleted from (or installed on) a device. */
export async function applyProfileEvent(ctx: AppContext, tx: Transaction, rc: RequestContext, body: ProfileEventBody) {
  const { models, db } = ctx;
  const profile = await lockProfileByIccid(ctx, tx, body.iccid);
  if (!profile) throw notFound('eSIM profile');
  const changes: ProfileDeviceChanges = { deviceState: body.event, ...(body.eid ? { eid: body.eid } : {}), updatedAt: new Date() };
  await updateProfile(ctx, tx, profile.id, changes);
  await appendAuditEvent(db, models, tx, {
    actor: rc.actor, actorName: rc.actor ? null : rc.intakeName ?? null, ip: rc.ip, action: `esim.${body.event}`, entityType: 'esim_profile', entityId: profile.id,
    reason: `reported at ${body.at}`,
    before: { deviceState: profile.deviceState, eid: profile.eid }, after: { deviceState: body.event, eid: body.eid ?? profile.eid },
  });
  return profileToApi({ ...profile, ...changes });
}
