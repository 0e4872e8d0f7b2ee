import { randomUUID } from 'node:crypto';
import type { AppContext } from './context';
import { releaseLease } from './db/job-lease';
/**
 * Runs `tick` after `firstDelayMs`, then every `everyMs`, never two at once in this process (a tick
 * still running when the next is due is skipped), its failures logged as `failure`. The timers do
 * not keep the process alive. Answers stop(): no new tick, and the one running finishes first.
 * The one scheduler of the background jobs; sharing work between instances is each job's lease.
 */
export function startPeriodic(
  tick: () => Promise<void>,
  opts: { firstDelayMs: number; everyMs: number; logger: { error(obj: object, msg: string): void }; failure: string },
): () => Promise<void> {
  let stopped = false;
  let busy = false;
  let running: Promise<void> = Promise.resolve();
  const run = () => {
    if (stopped || busy) return;
    busy = true;
    running = tick()
      .catch((err) => opts.logger.error({ err }, opts.failure))
      .finally(() => {
        busy = false;
      });
  };
  const first = setTimeout(run, opts.firstDelayMs);
  const every = setInterval(run, opts.everyMs);
  first.unref();
  every.unref();
  return async () => {
    stopped = true;
    clearTimeout(first);
    clearInterval(every);
    await running;
  };
}

/** A job that runs inside the server process (the outbox dispatcher, daily audit checkpoints...). */
export interface BackgroundJob {
  name: string;
  /** starts the job; the returned function stops it and resolves once in-flight work has finished */
  start(ctx: AppContext): () => Promise<void>;
}

/**
 * A job that does its work in one instance at a time: each tick is `tick(ctx, holder, leaseMs)`,
 * which takes the job's lease (named after the job, `leaseMs` three intervals long) before it does
 * anything, so while an instance lives it keeps the job and the others' ticks do nothing. Stopping
 * releases the lease, so another instance takes the job at its next tick rather than when the lease runs out.
 */
export function leasedPeriodicJob(o: {
  name: string;
  everyMs: number;
  firstDelayMs: number;
  /** who holds the lease; this process by default */
  holder?: string;
  /** the log message of a failed tick */
  failure: string;
  tick(ctx: AppContext, holder: string, leaseMs: number): Promise<void>;
}): BackgroundJob {
  const holder = o.holder ?? `${process.pid}-${randomUUID()}`;
  return {
    name: o.name,
    start(ctx) {
      const stop = startPeriodic(() => o.tick(ctx, holder, o.everyMs * 3), { firstDelayMs: o.firstDelayMs, everyMs: o.everyMs, logger: ctx.logger, failure: o.failure });
      return async () => {
        await stop();
        await releaseLease(ctx.db, o.name, holder).catch(() => undefined);
      };
    },
  };
}
