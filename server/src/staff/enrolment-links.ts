import { createHash, randomBytes } from 'node:crypto';
import type { Transaction } from 'sequelize';
import { ENROLMENT_LINK_HOURS } from '@closure-desk/shared';
import type { AppContext } from '../platform/context';
import { enqueueStaffNotification } from '../notifications';
import type { EnrolmentPurpose } from '../platform/db/records';
import { createEnrolmentToken, spendEnrolmentTokensOf } from './repository';

export const hashEnrolmentToken = (token: string) => createHash('sha256').update(token).digest('hex');

/**
 * Issues a one-time link for a staff member to choose a password, and puts the e-mail carrying it
 * in the outbox, inside the caller's transaction. The token is 256 random bits; only its SHA-256
 * is stored, so neither the admin who asked for it nor a copy of the table can use it. Any link
 * issued earlier to the same person stops working: only the newest one counts.
 */
export async function issueEnrolmentLink(
  ctx: AppContext,
  tx: Transaction,
  staff: { id: number; fullName: string },
  purpose: EnrolmentPurpose,
  createdById: number | null,
): Promise<{ notificationId: number; expiresAt: Date }> {
  const now = new Date();
  await spendEnrolmentTokensOf(ctx, tx, staff.id, now);
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(now.getTime() + ENROLMENT_LINK_HOURS * 3_600_000);
  await createEnrolmentToken(ctx, tx, {
    staffUserId: staff.id, tokenHash: hashEnrolmentToken(token), purpose, createdById, createdAt: now, expiresAt, usedAt: null,
  });
  const notificationId = await enqueueStaffNotification(ctx, tx, {
    staffUserId: staff.id,
    template: purpose === 'invite' ? 'staff_invited' : 'staff_password_reset',
    params: { fullName: staff.fullName, link: `${ctx.config.publicUrl}/#/enrol/${token}`, hours: ENROLMENT_LINK_HOURS },
  });
  return { notificationId, expiresAt };
}
