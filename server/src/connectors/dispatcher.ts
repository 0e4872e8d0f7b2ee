import type { BackgroundJob } from '../platform/periodic';
import type { AppContext } from '../platform/context';
import { appendAuditEvent } from '../audit';
import { cancelOrder, type PeerAnswer } from './es2plus-client';
import { deleteSubscription, readOrder } from './tmf641-client';
import { claimCommand, failHeldCommand, findDueCommandIds, markCommand, type CommandClaim, type Peer } from './repository';
import { dispatchOptionsFromEnv, peerEndpoints, type PeerDispatchOptions, type PeerEndpoints } from './peers-config';

const backoff = (o: PeerDispatchOptions, failures: number) => Math.min(o.backoffBaseMs * 2 ** Math.max(0, failures - 1), o.backoffMaxMs);

/**
 * Sends one peer's due commands, the notification outbox's way: claim (a guarded UPDATE that one
 * instance wins), call the peer outside any transaction, mark under the claim's fencing token.
 * A crash between call and mark leaves the claim to expire; the resend carries the same
 * identifier, which the peer deduplicates on.
 */
export async function dispatchPeerCommands(ctx: AppContext, peer: Peer, endpoints: PeerEndpoints, o: PeerDispatchOptions, batch = 20): Promise<number> {
  const ids = await findDueCommandIds(ctx, peer, new Date(), batch);
  await Promise.all(ids.map((id) => deliver(ctx, peer, endpoints, o, id).catch((err: unknown) => ctx.logger.error({ err, peerCommandId: id }, 'peer command dispatch failed'))));
  return ids.length;
}

async function deliver(ctx: AppContext, peer: Peer, endpoints: PeerEndpoints, o: PeerDispatchOptions, id: number): Promise<void> {
  const now = new Date();
  const claim = await claimCommand(ctx, peer, id, now, new Date(now.getTime() + o.leaseMs));
  if (!claim) return;
  if (claim.status === 'pending' && claim.attempts > o.maxAttempts) return fail(ctx, claim, 'gave up: interrupted on every attempt');
  let answer: PeerAnswer;
  try {
    const signal = AbortSignal.timeout(o.sendTimeoutMs);
    if (peer === 'smdp') answer = await cancelOrder(endpoints.es2plus, claim, signal);
    else if (claim.status === 'sent' && claim.peerReference) answer = await readOrder(endpoints.tmf641, claim.peerReference, signal);
    else answer = await deleteSubscription(endpoints.tmf641, claim, signal);
  } catch (err) {
    answer = { outcome: 'error', error: err instanceof Error && err.name === 'TimeoutError' ? `no answer within ${o.sendTimeoutMs} ms` : `unreachable: ${err instanceof Error ? err.message : String(err)}` };
  }
  if (answer.outcome === 'confirmed') {
    await markCommand(ctx, claim, { status: 'confirmed', confirmedAt: answer.at, peerReference: answer.reference, nextAttemptAt: null, lastError: null });
  } else if (answer.outcome === 'sent') {
    await markCommand(ctx, claim, { status: 'sent', peerReference: answer.reference, nextAttemptAt: new Date(Date.now() + o.orderPollMs), lastError: null });
  } else if (claim.attempts >= o.maxAttempts) {
    await fail(ctx, claim, answer.error);
  } else {
    // A failed order is ordered again under the same externalId only once the network has forgotten it; until then it stays failing.
    await markCommand(ctx, claim, { status: 'pending', lastError: answer.error, nextAttemptAt: new Date(Date.now() + backoff(o, claim.attempts)) });
    ctx.logger.warn({ peerCommandId: claim.id, attempts: claim.attempts, error: answer.error }, 'peer command not done: will retry');
  }
}

async function fail(ctx: AppContext, claim: CommandClaim, error: string): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    if (!(await failHeldCommand(ctx, tx, claim, error))) return;
    await appendAuditEvent(ctx.db, ctx.models, tx, {
      actor: null, ip: null, action: 'peer.command-failed', entityType: 'peer_command', entityId: claim.id,
      reason: error, after: { closureRequestId: claim.closureRequestId, iccid: claim.iccid, callId: claim.callId, attempts: claim.attempts, status: 'failed' },
    });
  });
  ctx.logger.warn({ peerCommandId: claim.id, error }, 'peer command failed for good');
}

/** One dispatcher per peer, polling every pollIntervalMs. */
export function peerDispatcher(peer: Peer, options?: Partial<PeerDispatchOptions>): BackgroundJob {
  return {
    name: `peer-dispatcher-${peer}`,
    start(ctx) {
      const o = { ...dispatchOptionsFromEnv(), ...options };
      let stopping = false;
      let timer: NodeJS.Timeout | undefined;
      let wake = () => {};
      const loop = (async () => {
        while (!stopping) {
          const e = peerEndpoints(ctx.config);
          let found = 0;
          if (e) {
            try {
              found = await dispatchPeerCommands(ctx, peer, e, o);
            } catch (err) {
              ctx.logger.error({ err, peer }, 'polling the peer commands failed');
            }
          }
          if (!stopping && found === 0) {
            await new Promise<void>((resolve) => {
              timer = setTimeout(resolve, o.pollIntervalMs);
              wake = () => {
                clearTimeout(timer);
                resolve();
              };
            });
          }
        }
      })();
      return async () => {
        stopping = true;
        wake();
        await loop;
      };
    },
  };
}
