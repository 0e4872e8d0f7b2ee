import fs from 'node:fs/promises';
import path from 'node:path';
import { Op, Transaction } from 'sequelize';
import type { AppContext } from '../platform/context';
import { getSetting } from '../platform/settings-store';
import { appendAuditEvent } from '../audit';
import { reindexCustomers } from '../customers';

const DAY = 86_400_000;
export const ANONYMISED_NAME = 'Anonymised customer';
export const REDACTED = '[redacted]';

export interface RetentionOptions {
  now?: Date;
  batchSize?: number;
  log?: (line: string) => void;
}

export interface RetentionResult {
  retentionDays: number;
  closedBefore: string;
  customers: number;
  batches: number;
  profiles: number;
  notifications: number;
  attachments: number;
}

interface BatchResult {
  customerIds: number[];
  profiles: number;
  notifications: number;
  attachments: number;
}

/**
 * DOMAIN.md "Personal data": once `retentionDays` have passed since a customer's account was
 * closed, their personal data goes; money records and the audit trail stay. Runs in batches,
 * one transaction per batch with its own `retention.anonymise` event listing the customer ids.
 * Safe to run from several instances at once and to re-run after a crash (see anonymiseBatch).
 */
export async function anonymiseClosedCustomers(ctx: AppContext, opts: RetentionOptions = {}): Promise<RetentionResult> {
  const now = opts.now ?? new Date();
  const batchSize = opts.batchSize ?? 500;
  const retentionDays = await getSetting(ctx.models, 'retentionDays');
  // Anonymising cannot be undone: a mistyped setting must stop the run, not erase every closed account.
  if (!Number.isSafeInteger(retentionDays) || retentionDays < 1) {
    throw new Error(`The retentionDays setting must be a whole number of days, at least 1 (it is ${retentionDays})`);
  }
  const closedBefore = new Date(now.getTime() - retentionDays * DAY);
  const total: RetentionResult = {
    retentionDays, closedBefore: closedBefore.toISOString(), customers: 0, batches: 0, profiles: 0, notifications: 0, attachments: 0,
  };
  for (;;) {
    const batch = await anonymiseBatch(ctx, { now, closedBefore, retentionDays, batchSize });
    if (!batch) break;
    total.batches += 1;
    total.customers += batch.customerIds.length;
    total.profiles += batch.profiles;
    total.notifications += batch.notifications;
    total.attachments += batch.attachments;
    opts.log?.(`retention: ${total.customers} customers anonymised in ${total.batches} batches`);
  }
  return total;
}

type Tx = Transaction;

/**
 * One batch in one transaction. PostgreSQL: the customers are locked and others' locked rows
 * skipped, so two instances never take the same customer. The files go last, just before the
 * commit: if the commit then fails, the next run finds the same customers again and deleting an
 * already missing file is not an error.
 */
async function anonymiseBatch(
  ctx: AppContext,
  p: { now: Date; closedBefore: Date; retentionDays: number; batchSize: number },
): Promise<BatchResult | null> {
  const { db, models } = ctx;
  return db.transaction(async (tx) => {
    const rows = await models.Customer.findAll({
      attributes: ['id'],
      where: { status: 'closed', anonymisedAt: null, closedAt: { [Op.lt]: p.closedBefore } },
      order: [['id', 'ASC']],
      limit: p.batchSize,
      raw: true,
      transaction: tx,
      ...(db.dialect === 'postgres' ? { lock: Transaction.LOCK.UPDATE, skipLocked: true } : {}),
    });
    const customerIds = rows.map((r) => r.id);
    if (customerIds.length === 0) return null;

    const { profiles, notifications } = await redactPersonalData(ctx, tx, customerIds, p.now);
    await reindexCustomers(ctx, tx, customerIds); // their numbers and addresses are gone: so are their digests
    const attachments = await retireAttachments(ctx, tx, customerIds, p.now);
    await appendAuditEvent(db, models, tx, {
      actor: null, ip: null, action: 'retention.anonymise', entityType: 'customer', entityId: null,
      reason: `Personal data kept ${p.retentionDays} days after closure`,
      after: {
        customerIds, closedBefore: p.closedBefore.toISOString(), profiles, notifications,
        attachmentIds: attachments.map((a) => a.id),
      },
    });
    for (const a of attachments) await fs.rm(a.file, { force: true });
    return { customerIds, profiles, notifications, attachments: attachments.length };
  });
}

/** The customers' own fields, their numbers on the profiles, and what their notifications said to whom. */
async function redactPersonalData(ctx: AppContext, tx: Tx, customerIds: number[], now: Date) {
  const { models } = ctx;
  const ofCustomers = { customerId: { [Op.in]: customerIds } };
  await models.Customer.update(
    { fullName: ANONYMISED_NAME, email: null, phone: null, idDocumentNumber: null, anonymisedAt: now, updatedAt: now },
    { where: { id: { [Op.in]: customerIds } }, transaction: tx },
  );
  const [profiles] = await models.EsimProfile.update({ msisdn: null, updatedAt: now }, { where: ofCustomers, transaction: tx });
  // A message still waiting would go to nobody: it is cancelled, never sent.
  await models.Notification.update(
    { status: 'failed', nextAttemptAt: null, lastError: 'Cancelled: the customer was anonymised' },
    { where: { ...ofCustomers, status: 'pending' }, transaction: tx },
  );
  const [notifications] = await models.Notification.update(
    { recipient: REDACTED, subject: null, body: REDACTED },
    { where: ofCustomers, transaction: tx },
  );
  return { profiles, notifications };
}

/** Marks the customers' attachments deleted and says which files to remove once all else is done. */
async function retireAttachments(ctx: AppContext, tx: Tx, customerIds: number[], now: Date): Promise<{ id: number; file: string }[]> {
  const { models } = ctx;
  const requests = await models.ClosureRequest.findAll({
    attributes: ['id'], where: { customerId: { [Op.in]: customerIds } }, raw: true, transaction: tx,
  });
  if (requests.length === 0) return [];
  const rows = await models.Attachment.findAll({
    attributes: ['id', 'storagePath'],
    where: { closureRequestId: { [Op.in]: requests.map((r) => r.id) }, deletedAt: null },
    raw: true,
    transaction: tx,
  });
  if (rows.length === 0) return [];
  const ids = rows.map((a) => a.id);
  await models.Attachment.update({ deletedAt: now }, { where: { id: { [Op.in]: ids } }, transaction: tx });
  // Stored paths are absolute today; a relative one is taken as relative to the attachments directory.
  return rows.map((a) => ({ id: a.id, file: path.resolve(ctx.config.attachmentsDir, a.storagePath) }));
}
