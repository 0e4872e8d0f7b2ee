import type { BackgroundJob } from '../platform/periodic';
import type { AppContext } from '../platform/context';
import { appendCheckpoint, checkpointStatus } from './append-checkpoint';

const HOUR = 3_600_000;

export interface CheckpointJobOptions {
  /** first look after start-up */
  firstDelayMs?: number;
  /** how often to look */
  everyMs?: number;
  /** a checkpoint is due when the last one is at least this old */
  maxAgeMs?: number;
  key?: () => string | undefined;
}

/**
 * Daily signed checkpoint. Looks every hour and signs the head when the last checkpoint is a
 * day old and something was appended since, so restarts neither skip a day nor add extra ones.
 * Without AUDIT_SIGNING_KEY it logs a warning and signs nothing.
 */
export function auditCheckpointJob(opts: CheckpointJobOptions = {}): BackgroundJob {
  const { firstDelayMs = 60_000, everyMs = HOUR, maxAgeMs = 24 * HOUR } = opts;
  const readKey = opts.key ?? (() => process.env.AUDIT_SIGNING_KEY || undefined);
  return {
    name: 'audit-checkpoint',
    start(ctx: AppContext) {
      let stopped = false;
      let running: Promise<void> = Promise.resolve();
      let warned = false;
      const tick = async () => {
        const key = readKey();
        if (!key) {
          if (!warned) ctx.logger.warn('AUDIT_SIGNING_KEY is not set: no signed audit checkpoints are made');
          warned = true;
          return;
        }
        const status = await checkpointStatus(ctx);
        if (status.empty || status.headIsCheckpoint) return;
        if (status.lastAt && Date.now() - status.lastAt.getTime() < maxAgeMs) return;
        const cp = await appendCheckpoint(ctx, key);
        ctx.logger.info({ headId: cp.headId, eventId: cp.eventId }, 'signed audit checkpoint appended');
      };
      let busy = false;
      const run = () => {
        if (stopped || busy) return;
        busy = true;
        running = tick()
          .catch((err) => ctx.logger.error({ err }, 'audit checkpoint failed'))
          .finally(() => {
            busy = false;
          });
      };
      const first = setTimeout(run, firstDelayMs);
      const every = setInterval(run, everyMs);
      first.unref();
      every.unref();
      return async () => {
        stopped = true;
        clearTimeout(first);
        clearInterval(every);
        await running;
      };
    },
  };
}
