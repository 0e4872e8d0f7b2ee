import { Op, type Transaction, type WhereOptions } from 'sequelize';
import type { AppContext } from '../platform/context';
import { insertRow } from '../platform/db/raw-sql';
import type { CustomerRecord, NotificationRecord, StaffUserRecord } from '../platform/db/records';
import type { OutboundMessage } from './transports';

/**
 * The outbox (the notifications table): what enqueueing writes in the caller's transaction, what
 * the dispatcher claims and marks, and what a retry reads and puts back; plus the recipient's
 * contact details the enqueueing reads. Enqueueing is plain SQL: it runs in most actions, while
 * the write lock is held.
 */

// --- Enqueueing ----------------------------------------------------------------------------------

/** A new message as the outbox stores it (its id is the database's). */
export type NewNotification = Omit<NotificationRecord, 'id' | 'staffUserId'> & Partial<Pick<NotificationRecord, 'staffUserId'>>;

/** Where and in which language a customer is written to, read in the caller's transaction; or null. */
export async function findCustomerContact(ctx: AppContext, tx: Transaction, customerId: number): Promise<Pick<CustomerRecord, 'locale' | 'email' | 'phone'> | null> {
  const [customer] = await ctx.db.query<Pick<CustomerRecord, 'locale' | 'email' | 'phone'>>(tx,
    'SELECT locale, email, phone FROM customers WHERE id = $1', [customerId]);
  return customer ?? null;
}

/** Where and in which language a staff member is written to, read in the caller's transaction; or null. */
export async function findStaffContact(ctx: AppContext, tx: Transaction, staffUserId: number): Promise<Pick<StaffUserRecord, 'locale' | 'email'> | null> {
  const [staff] = await ctx.db.query<Pick<StaffUserRecord, 'locale' | 'email'>>(tx,
    'SELECT locale, email FROM staff_users WHERE id = $1', [staffUserId]);
  return staff ?? null;
}

/** Writes one message to the outbox: its id. */
export async function insertNotification(ctx: AppContext, tx: Transaction, message: NewNotification): Promise<number> {
  const insert = insertRow(ctx.db, ctx.models.Notification, message);
  const [row] = await ctx.db.query<{ id: number }>(tx, insert.sql, insert.values);
  return Number(row!.id);
}

// --- Retrying ------------------------------------------------------------------------------------

/** The message as stored, read in the caller's transaction; or null. */
export async function findNotification(ctx: AppContext, tx: Transaction, id: number): Promise<NotificationRecord | null> {
  return ctx.models.Notification.findByPk(id, { transaction: tx, raw: true });
}

/**
 * Puts a failed message back in the outbox with a fresh set of attempts, only if it is still
 * failed: false when someone retried it first.
 */
export async function requeueFailedNotification(ctx: AppContext, tx: Transaction, id: number): Promise<boolean> {
  const [n] = await ctx.models.Notification.update(
    { status: 'pending', attempts: 0, nextAttemptAt: null },
    { where: { id, status: 'failed' }, transaction: tx },
  );
  return n === 1;
}

// --- Dispatching ---------------------------------------------------------------------------------

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
