import type { BackgroundJob } from '../platform/periodic';
import type { AppContext } from '../platform/context';
import { startPeriodic } from '../platform/periodic';
import { getSetting } from '../platform/settings-store';
import { TERMINATION_CONFIRMED_TRANSITION } from '@closure-desk/shared';
import { appendAuditEvent } from '../audit';
import { enqueueCustomerNotification } from '../notifications';
import { commandsOf } from '../connectors';
import { recordClosureChange } from './record-change';
import { closingRequestIdsConfirmed, lockClosureRequest, terminateProfile, updateClosureRequest } from './repository';

const DAY = 86_400_000;

/**
 * The second phase of completion, by the system (actor null): once both peers confirmed, the
 * profiles are terminated from the confirmed time, their numbers quarantined from it, the request
 * `completed`, and the customer told with the confirmation number. Judged again once locked, so
 * two instances finish a request once.
 */
export async function finishClosing(ctx: AppContext, id: number): Promise<boolean> {
  return ctx.db.transaction(async (tx) => {
    const request = await lockClosureRequest(ctx, tx, id);
    if (request.status !== TERMINATION_CONFIRMED_TRANSITION.from) return false;
    const commands = await commandsOf(ctx, id, tx);
    if (commands.some((c) => c.status !== 'confirmed')) return false;
    const quarantineDays = await getSetting(ctx.models, 'quarantineDays', tx);
    const terminated = new Map<string, Date>();
    for (const c of commands) {
      const at = new Date(c.confirmedAt ?? Date.now());
      const seen = terminated.get(c.iccid);
      if (!seen || at > seen) terminated.set(c.iccid, at);
    }
    for (const [iccid, at] of terminated) {
      const quarantineUntil = new Date(at.getTime() + quarantineDays * DAY).toISOString().slice(0, 10);
      await terminateProfile(ctx, tx, iccid, at, quarantineUntil);
    }
    const network = commands.filter((c) => c.peer === 'network' && c.peerReference).map((c) => c.peerReference!);
    const confirmation = network.length ? network.join(', ') : `CD-${request.reference}`;
    const at = new Date();
    const changes = { status: TERMINATION_CONFIRMED_TRANSITION.to, completedAt: at, resolvedAt: at };
    const after = await updateClosureRequest(ctx, tx, request, changes);
    if (!after) return false;
    await appendAuditEvent(ctx.db, ctx.models, tx, {
      actor: null, ip: null, action: 'closure.termination-confirmed', entityType: 'closure_request', entityId: id,
      reason: `Confirmed by the eSIM platform and the network: ${confirmation}`,
      before: { status: request.status, version: request.version },
      after: { ...changes, version: after.version, updatedAt: after.updatedAt, confirmation, profiles: [...terminated].map(([iccid, t]) => ({ iccid, terminatedAt: t.toISOString() })) },
    });
    await recordClosureChange(ctx.db, tx, request, after);
    await enqueueCustomerNotification(ctx, tx, {
      customerId: request.customerId, closureRequestId: id, template: 'closure_completed',
      params: { reference: request.reference, effectiveDate: request.effectiveDate, confirmation },
    });
    return true;
  });
}

/** Looks for requests ready to complete every PEER_POLL_MS (default 500 ms). */
export function closingFinisherJob(opts: { everyMs?: number } = {}): BackgroundJob {
  const everyMs = opts.everyMs ?? (Number(process.env.PEER_POLL_MS) || 500);
  return {
    name: 'closing-finisher',
    start(ctx) {
      return startPeriodic(async () => {
        for (const id of await closingRequestIdsConfirmed(ctx)) await finishClosing(ctx, id);
      }, { firstDelayMs: everyMs, everyMs, logger: ctx.logger, failure: 'finishing closures failed' });
    },
  };
}
