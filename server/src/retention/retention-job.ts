import type { BackgroundJob } from '../jobs';
import type { AppContext } from '../platform/context';
import { anonymiseClosedCustomers } from './anonymise-closed-customers';

const DAY = 86_400_000;

/** Anonymises customers past their retention period: ten minutes after start-up, then daily (a run with nothing to do costs one indexed query). */
export function retentionJob(opts: { firstDelayMs?: number; everyMs?: number } = {}): BackgroundJob {
  const { firstDelayMs = 10 * 60_000, everyMs = DAY } = opts;
  return {
    name: 'retention',
    start(ctx: AppContext) {
      let stopped = false;
      let running: Promise<void> = Promise.resolve();
      let busy = false;
      const run = () => {
        if (stopped || busy) return;
        busy = true;
        running = anonymiseClosedCustomers(ctx)
          .then((r) => {
            if (r.customers) ctx.logger.info({ customers: r.customers, batches: r.batches }, 'retention: customers anonymised');
          })
          .catch((err) => ctx.logger.error({ err }, 'retention run failed'))
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
