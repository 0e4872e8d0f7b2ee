import type { BackgroundJob } from '../platform/periodic';
import type { AppContext } from '../platform/context';
import { claimNotification, findDueIds, markAttemptFailed, markSent, type Claim } from './repository';
import { safeErrorText, transportsFromEnv, type Transports } from './transports';

/** Knobs of the dispatcher; tests pass short intervals, their own transports and a clock. */
export interface DispatcherOptions {
  /** pause between polls when there was less than a full batch (env NOTIFY_POLL_MS, default 1000) */
  pollIntervalMs?: number;
  /** messages looked at per poll (default 10) */
  batchSize?: number;
  /** messages in flight at once (default 4) */
  concurrency?: number;
  /** how long a claim holds a message; must exceed sendTimeoutMs (default 2 min) */
  leaseMs?: number;
  /** a transport call is abandoned after this (default 30 s) */
  sendTimeoutMs?: number;
  /** a message is `failed` after this many attempts (default 6) */
  maxAttempts?: number;
  /** wait after the n-th failure: base·2^(n-1), at most max (default 30 s, 1 h) */
  backoffBaseMs?: number;
  backoffMaxMs?: number;
  /** default: from the environment when the dispatcher starts (see transportsFromEnv) */
  transports?: Transports;
  now?: () => Date;
  env?: NodeJS.ProcessEnv;
}

type Settings = Required<Omit<DispatcherOptions, 'transports' | 'now' | 'env'>>;
export type Outcome = 'sent' | 'retry' | 'failed' | 'skipped' | 'error';
export interface BatchResult { found: number; outcomes: Record<Outcome, number> }

interface Runner {
  settings: Settings;
  runBatch(isStopping: () => boolean): Promise<BatchResult>;
  close(): Promise<void>;
}

function settingsFrom(options: DispatcherOptions, env: NodeJS.ProcessEnv): Settings {
  const envPoll = Number(env.NOTIFY_POLL_MS);
  return {
    pollIntervalMs: options.pollIntervalMs ?? (envPoll > 0 ? envPoll : 1000),
    batchSize: options.batchSize ?? 10,
    concurrency: options.concurrency ?? 4,
    leaseMs: options.leaseMs ?? 120_000,
    sendTimeoutMs: options.sendTimeoutMs ?? 30_000,
    maxAttempts: options.maxAttempts ?? 6,
    backoffBaseMs: options.backoffBaseMs ?? 30_000,
    backoffMaxMs: options.backoffMaxMs ?? 3_600_000,
  };
}

export const backoffMs = (s: Settings, failures: number) => Math.min(s.backoffBaseMs * 2 ** Math.max(0, failures - 1), s.backoffMaxMs);

function createRunner(ctx: AppContext, options: DispatcherOptions): Runner {
  const env = options.env ?? process.env;
  const settings = settingsFrom(options, env);
  if (settings.leaseMs <= settings.sendTimeoutMs) throw new Error('notification dispatcher: leaseMs must exceed sendTimeoutMs');
  const now = options.now ?? (() => new Date());
  const transports = options.transports ?? transportsFromEnv(env, { timeoutMs: settings.sendTimeoutMs });
  const log = ctx.logger.child({ job: 'notification-dispatcher' });

  // Claim, send, mark. Only the send is outside a transaction: nothing is held open while we wait on the network.
  async function deliver(id: number): Promise<Outcome> {
    const claimedAt = now();
    const claim = await claimNotification(ctx, id, claimedAt, new Date(claimedAt.getTime() + settings.leaseMs));
    if (!claim) return 'skipped'; // another dispatcher has it, or it is no longer due
    if (claim.attempts > settings.maxAttempts) {
      // earlier claims all ended without an outcome (the process died each time): stop trying
      await markAttemptFailed(ctx, claim, 'gave up: interrupted on every attempt', null);
      return 'failed';
    }
    try {
      await transports[claim.message.channel].send(claim.message, AbortSignal.timeout(settings.sendTimeoutMs));
    } catch (err) {
      return recordFailure(claim, safeErrorText(err));
    }
    if (!(await markSent(ctx, claim, now()))) {
      log.warn({ notificationId: id }, 'claim lost before the message was marked sent: it may be sent twice');
    }
    return 'sent';
  }

  async function recordFailure(claim: Claim, error: string): Promise<Outcome> {
    const final = claim.attempts >= settings.maxAttempts;
    const retryAt = final ? null : new Date(now().getTime() + backoffMs(settings, claim.attempts));
    await markAttemptFailed(ctx, claim, error, retryAt);
    log.warn({ notificationId: claim.id, attempts: claim.attempts, error, final }, 'notification not sent');
    return final ? 'failed' : 'retry';
  }

  async function runBatch(isStopping: () => boolean): Promise<BatchResult> {
    const queue = await findDueIds(ctx, now(), settings.batchSize);
    const outcomes: Record<Outcome, number> = { sent: 0, retry: 0, failed: 0, skipped: 0, error: 0 };
    const found = queue.length;
    // Stopping lets each worker finish (and mark) the message it holds, and claim no other.
    const worker = async () => {
      while (queue.length && !isStopping()) {
        const id = queue.shift()!;
        try {
          outcomes[await deliver(id)]++;
        } catch (err) {
          outcomes.error++; // the database failed us: the lease lets a later poll try again
          log.error({ err, notificationId: id }, 'notification dispatch failed');
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(settings.concurrency, found) }, worker));
    return { found, outcomes };
  }

  return {
    settings,
    runBatch,
    close: async () => {
      if (options.transports) return; // the caller's to close
      await Promise.all(Object.values(transports).map((t) => t.close?.()));
    },
  };
}

/** One poll: claims and sends what is due now. For tests and one-off runs. */
export async function dispatchDueNotifications(ctx: AppContext, options: DispatcherOptions = {}): Promise<BatchResult> {
  const runner = createRunner(ctx, options);
  try {
    return await runner.runBatch(() => false);
  } finally {
    await runner.close();
  }
}

/**
 * The outbox dispatcher: polls for due messages and sends each through its channel's transport.
 * A message marked sent is never sent again; a crash between the send and the mark leaves the
 * row claimed, and it is sent again once the lease expires (at-least-once; transports pass the
 * notification id as idempotency key so the far side can drop the duplicate).
 */
export function notificationDispatcher(options: DispatcherOptions = {}): BackgroundJob {
  return {
    name: 'notification-dispatcher',
    start(ctx) {
      const runner = createRunner(ctx, options);
      let stopping = false;
      let wake = () => {};
      const sleep = (ms: number) =>
        new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, ms);
          wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
      const loop = (async () => {
        while (!stopping) {
          let found = 0;
          try {
            found = (await runner.runBatch(() => stopping)).found;
          } catch (err) {
            ctx.logger.error({ err, job: 'notification-dispatcher' }, 'polling the outbox failed');
          }
          if (!stopping && found < runner.settings.batchSize) await sleep(runner.settings.pollIntervalMs);
        }
      })();
      return async () => {
        stopping = true;
        wake();
        await loop;
        await runner.close();
      };
    },
  };
}
