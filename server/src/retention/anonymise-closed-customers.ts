import fs from 'node:fs/promises';
import path from 'node:path';
import type { Transaction } from 'sequelize';
import type { AppContext } from '../platform/context';
import { getSetting } from '../platform/settings-store';
import { appendAuditEvent } from '../audit';
import { reindexCustomers } from '../customers';
import {
  anonymiseCustomers, cancelPendingNotificationsOf, clearProfileNumbersOf, findLiveAttachmentsOf, findRequestIdsOf,
  lockClosedCustomersDue, markAttachmentsDeleted, redactNotificationsOf,
} from './repository';

const DAY = 86_400_000;
export { ANONYMISED_NAME, REDACTED } from './repository';

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
    const customerIds = await lockClosedCustomersDue(ctx, tx, p.closedBefore, p.batchSize);
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
async function redactPersonalData(ctx: AppContext, tx: Tx, customerIds: number[], now: Date): Promise<{ profiles: number; notifications: number }> {
  await anonymiseCustomers(ctx, tx, customerIds, now);
  const profiles = await clearProfileNumbersOf(ctx, tx, customerIds, now);
  // A message still waiting would go to nobody: it is cancelled, never sent.
  await cancelPendingNotificationsOf(ctx, tx, customerIds);
  const notifications = await redactNotificationsOf(ctx, tx, customerIds);
  return { profiles, notifications };
}

/** Marks the customers' attachments deleted and says which files to remove once all else is done. */
async function retireAttachments(ctx: AppContext, tx: Tx, customerIds: number[], now: Date): Promise<{ id: number; file: string }[]> {
  const requestIds = await findRequestIdsOf(ctx, tx, customerIds);
  if (requestIds.length === 0) return [];
  const rows = await findLiveAttachmentsOf(ctx, tx, requestIds);
  if (rows.length === 0) return [];
  await markAttachmentsDeleted(ctx, tx, rows.map((a) => a.id), now);
  // Stored paths are absolute today; a relative one is taken as relative to the attachments directory.
  return rows.map((a) => ({ id: a.id, file: path.resolve(ctx.config.attachmentsDir, a.storagePath) }));
}
