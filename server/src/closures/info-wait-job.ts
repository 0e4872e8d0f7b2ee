import { leasedPeriodicJob, type BackgroundJob } from '../platform/periodic';
import type { AppContext } from '../platform/context';
import { takeLease } from '../platform/db/job-lease';
import { getSetting } from '../platform/settings-store';
import { appendAuditEvent } from '../audit';
import { enqueueCustomerNotification } from '../notifications';
import { recordClosureChange } from './record-change';
import {
  awaitingCustomerIds, lastInfoRequestMessage, lockClosureRequest, markInfoReminded, updateClosureRequest, type ClosureRequestRecord,
} from './repository';

const MINUTE = 60_000;
const DAY = 86_400_000;
const BATCH = 100;
export const INFO_WAIT_JOB = 'info-wait';

export interface InfoWaitRun {
  /** false: another instance holds the lease */
  ran: boolean;
  reminded: number;
  withdrawn: number;
}

/**
 * One run of the wait for the customer (DOMAIN.md "Service level"): a request awaiting the
 * customer for `infoReminderDays` gets one reminder; one awaiting for `infoTimeoutDays` is
 * withdrawn by the system, the customer told why and how to ask again. Each request in its own
 * transaction, judged again once locked (an agent may have resumed it meanwhile).
 * `now` is the job's clock: the server passes none; the tests pass the instant to run "as of".
 */
export async function runInfoWait(ctx: AppContext, holder: string, leaseMs: number, now: Date = new Date()): Promise<InfoWaitRun> {
  if (!(await takeLease(ctx.db, INFO_WAIT_JOB, holder, leaseMs))) return { ran: false, reminded: 0, withdrawn: 0 };
  const reminderDays = await getSetting(ctx.models, 'infoReminderDays');
  const timeoutDays = await getSetting(ctx.models, 'infoTimeoutDays');
  const timeoutBefore = new Date(now.getTime() - timeoutDays * DAY);
  const reminderBefore = new Date(now.getTime() - reminderDays * DAY);
  let withdrawn = 0;
  let reminded = 0;
  for (const id of await awaitingCustomerIds(ctx, timeoutBefore, false, BATCH)) if (await withdrawUnanswered(ctx, id, timeoutBefore, timeoutDays, now)) withdrawn++;
  for (const id of await awaitingCustomerIds(ctx, reminderBefore, true, BATCH)) if (await remind(ctx, id, reminderBefore, timeoutDays - reminderDays)) reminded++;
  return { ran: true, reminded, withdrawn };
}

const waitedSince = (row: Pick<ClosureRequestRecord, 'status' | 'waitingSince'>, before: Date) =>
  row.status === 'awaiting_customer' && row.waitingSince != null && new Date(row.waitingSince).getTime() <= before.getTime();

async function remind(ctx: AppContext, id: number, before: Date, daysLeft: number): Promise<boolean> {
  // The message the customer was sent when asked (the request-info event's reason).
  const message = (await lastInfoRequestMessage(ctx, id)) ?? '-';
  return ctx.db.transaction(async (tx) => {
    const request = await lockClosureRequest(ctx, tx, id);
    if (!waitedSince(request, before) || request.infoRemindedAt != null) return false;
    const at = new Date();
    // Not a change of the request the staff see (no new version): the reminder's own mark.
    await markInfoReminded(ctx, tx, id, at);
    await appendAuditEvent(ctx.db, ctx.models, tx, {
      actor: null, ip: null, action: 'closure.info-reminder', entityType: 'closure_request', entityId: id,
      reason: 'The customer has not answered the request for information yet', after: { infoRemindedAt: at, waitingSince: request.waitingSince },
    });
    await enqueueCustomerNotification(ctx, tx, {
      customerId: request.customerId, closureRequestId: id, template: 'info_reminder',
      params: { reference: request.reference, message, days: Math.max(1, daysLeft) },
    });
    return true;
  });
}

async function withdrawUnanswered(ctx: AppContext, id: number, before: Date, days: number, now: Date): Promise<boolean> {
  return ctx.db.transaction(async (tx) => {
    const request = await lockClosureRequest(ctx, tx, id);
    if (!waitedSince(request, before)) return false;
    const after = await updateClosureRequest(ctx, tx, request, { status: 'withdrawn', resolvedAt: now, waitingSince: null });
    if (!after) return false;
    await appendAuditEvent(ctx.db, ctx.models, tx, {
      actor: null, ip: null, action: 'closure.withdraw', entityType: 'closure_request', entityId: id,
      reason: `Withdrawn by the system: no answer from the customer within ${days} days`,
      before: { status: request.status, version: request.version, waitingSince: request.waitingSince },
      after: { status: 'withdrawn', version: after.version, resolvedAt: now },
    });
    await recordClosureChange(ctx.db, tx, request, after);
    await enqueueCustomerNotification(ctx, tx, {
      customerId: request.customerId, closureRequestId: id, template: 'closure_withdrawn_no_answer',
      params: { reference: request.reference, days },
    });
    return true;
  });
}

/** Every fifteen minutes (INFO_WAIT_EVERY_MS), the first two minutes after start-up. */
export function infoWaitJob(opts: { firstDelayMs?: number; everyMs?: number; holder?: string } = {}): BackgroundJob {
  const everyMs = opts.everyMs ?? (Number(process.env.INFO_WAIT_EVERY_MS) || 15 * MINUTE);
  return leasedPeriodicJob({
    name: INFO_WAIT_JOB, everyMs, firstDelayMs: opts.firstDelayMs ?? Math.min(2 * MINUTE, everyMs), holder: opts.holder,
    failure: 'info wait run failed',
    async tick(ctx, holder, leaseMs) {
      const r = await runInfoWait(ctx, holder, leaseMs);
      if (r.reminded || r.withdrawn) ctx.logger.info({ reminded: r.reminded, withdrawn: r.withdrawn }, 'info wait: customers reminded, requests withdrawn');
    },
  });
}
