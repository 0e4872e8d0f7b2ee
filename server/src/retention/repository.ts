import { Op, Transaction } from 'sequelize';
import type { AppContext } from '../platform/context';
import type { AttachmentRecord } from '../platform/db/records';

/**
 * What the retention run reads and writes: the closed customers due for anonymising, their
 * personal fields, their profiles' numbers, their notifications' contents and their requests'
 * attachments. Every function takes the batch's transaction: the run is one transaction per batch.
 */

/** What an anonymised customer's name becomes. */
export const ANONYMISED_NAME = 'Anonymised customer';
/** What a redacted text becomes. */
export const REDACTED = '[redacted]';

/**
 * The ids of up to `limit` closed customers, closed before `closedBefore` and not yet anonymised,
 * in id order. PostgreSQL: they are locked and others' locked rows skipped, so two instances never
 * take the same customer.
 */
export async function lockClosedCustomersDue(ctx: AppContext, tx: Transaction, closedBefore: Date, limit: number): Promise<number[]> {
  const rows = await ctx.models.Customer.findAll({
    attributes: ['id'],
    where: { status: 'closed', anonymisedAt: null, closedAt: { [Op.lt]: closedBefore } },
    order: [['id', 'ASC']],
    limit,
    raw: true,
    transaction: tx,
    ...(ctx.db.dialect === 'postgres' ? { lock: Transaction.LOCK.UPDATE, skipLocked: true } : {}),
  });
  return rows.map((r) => r.id);
}

/** The customers' own fields go: name, e-mail, phone and document number. */
export async function anonymiseCustomers(ctx: AppContext, tx: Transaction, customerIds: number[], now: Date): Promise<void> {
  await ctx.models.Customer.update(
    { fullName: ANONYMISED_NAME, email: null, phone: null, idDocumentNumber: null, anonymisedAt: now, updatedAt: now },
    { where: { id: { [Op.in]: customerIds } }, transaction: tx },
  );
}

/** Clears the numbers on the customers' profiles: how many profiles were changed. */
export async function clearProfileNumbersOf(ctx: AppContext, tx: Transaction, customerIds: number[], now: Date): Promise<number> {
  const [count] = await ctx.models.EsimProfile.update({ msisdn: null, updatedAt: now }, { where: { customerId: { [Op.in]: customerIds } }, transaction: tx });
  return count;
}

/** Fails the customers' notifications still waiting to be sent, so they are never sent. */
export async function cancelPendingNotificationsOf(ctx: AppContext, tx: Transaction, customerIds: number[]): Promise<void> {
  await ctx.models.Notification.update(
    { status: 'failed', nextAttemptAt: null, lastError: 'Cancelled: the customer was anonymised' },
    { where: { customerId: { [Op.in]: customerIds }, status: 'pending' }, transaction: tx },
  );
}

/** Redacts whom the customers' notifications went to and what they said: how many were changed. */
export async function redactNotificationsOf(ctx: AppContext, tx: Transaction, customerIds: number[]): Promise<number> {
  const [count] = await ctx.models.Notification.update(
    { recipient: REDACTED, subject: null, body: REDACTED },
    { where: { customerId: { [Op.in]: customerIds } }, transaction: tx },
  );
  return count;
}

/** The ids of the customers' closure requests. */
export async function findRequestIdsOf(ctx: AppContext, tx: Transaction, customerIds: number[]): Promise<number[]> {
  const requests = await ctx.models.ClosureRequest.findAll({
    attributes: ['id'], where: { customerId: { [Op.in]: customerIds } }, raw: true, transaction: tx,
  });
  return requests.map((r) => r.id);
}

/** The requests' attachments not yet deleted, with where their files are stored. */
export async function findLiveAttachmentsOf(ctx: AppContext, tx: Transaction, closureRequestIds: number[]): Promise<Pick<AttachmentRecord, 'id' | 'storagePath'>[]> {
  return ctx.models.Attachment.findAll({
    attributes: ['id', 'storagePath'],
    where: { closureRequestId: { [Op.in]: closureRequestIds }, deletedAt: null },
    raw: true,
    transaction: tx,
  });
}

export async function markAttachmentsDeleted(ctx: AppContext, tx: Transaction, ids: number[], now: Date): Promise<void> {
  await ctx.models.Attachment.update({ deletedAt: now }, { where: { id: { [Op.in]: ids } }, transaction: tx });
}
