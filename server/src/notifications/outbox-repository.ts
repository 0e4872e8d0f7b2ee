import { Op, type WhereOptions } from 'sequelize';
import type { AppContext } from '../platform/context';
import type { OutboundMessage } from './transports';

/**
 * A message this dispatcher holds. A claim bumps `attempts` and sets `next_attempt_at` to the
 * lease's end, so the row is no longer due for anyone else; the pair (attempts, leaseUntil) is
 * the fencing token every later write checks, so a holder whose lease expired and was taken
 * over can no longer mark the row.
 */
export interface Claim {
  id: number;
  attempts: number;
  leaseUntil: Date;
  message: OutboundMessage;
}

const dueAt = (now: Date): WhereOptions => ({
  status: 'pending',
  [Op.or]: [{ nextAttemptAt: null }, { nextAttemptAt: { [Op.lte]: now } }],
});

const heldBy = (claim: Claim): WhereOptions => ({
  id: claim.id,
  status: 'pending',
  attempts: claim.attempts,
  nextAttemptAt: claim.leaseUntil,
});

/** Ids of messages due at `now`, oldest first. */
export async function findDueIds(ctx: AppContext, now: Date, limit: number): Promise<number[]> {
  const rows = await ctx.models.Notification.findAll({
    attributes: ['id'],
    where: dueAt(now),
    order: [['id', 'ASC']],
    limit,
    raw: true,
  });
  return rows.map((r) => r.id);
}

/**
 * Claims one message if it is still due. The guarded UPDATE is what makes two dispatchers safe:
 * on PostgreSQL the second UPDATE waits for the first one's row lock and then re-checks the
 * WHERE against the new row, on SQLite write transactions run one at a time; either way only
 * one of them sees an affected row.
 */
export async function claimNotification(ctx: AppContext, id: number, now: Date, leaseUntil: Date): Promise<Claim | null> {
  const { Notification } = ctx.models;
  return ctx.db.transaction(async (tx) => {
    const [claimed] = await Notification.update(
      { nextAttemptAt: leaseUntil, attempts: ctx.db.sequelize.literal('attempts + 1') },
      { where: { id, ...dueAt(now) }, transaction: tx },
    );
    if (claimed !== 1) return null;
    // Claimed just now in this transaction, so the row is there.
    const row = (await Notification.findByPk(id, { transaction: tx, raw: true }))!;
    return {
      id,
      attempts: row.attempts,
      leaseUntil,
      message: {
        id,
        channel: row.channel,
        recipient: row.recipient,
        subject: row.subject,
        body: row.body,
        locale: row.locale,
        template: row.template,
      },
    };
  });
}

/** Marks a held message sent; false if the claim was lost (the lease ran out and another dispatcher took it). */
export async function markSent(ctx: AppContext, claim: Claim, now: Date): Promise<boolean> {
  const [n] = await ctx.db.transaction((tx) =>
    ctx.models.Notification.update({ status: 'sent', sentAt: now }, { where: heldBy(claim), transaction: tx }),
  );
  return n === 1;
}

/** Records a failed attempt: due again at `retryAt`, or `failed` for good when retryAt is null. */
export async function markAttemptFailed(ctx: AppContext, claim: Claim, error: string, retryAt: Date | null): Promise<boolean> {
  const values = retryAt
    ? { lastError: error, nextAttemptAt: retryAt }
    : { lastError: error, nextAttemptAt: null, status: 'failed' as const };
  const [n] = await ctx.db.transaction((tx) =>
    ctx.models.Notification.update(values, { where: heldBy(claim), transaction: tx }),
  );
  return n === 1;
}
