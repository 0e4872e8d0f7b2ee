import { startPeriodic } from '../platform/periodic';
import type { BackgroundJob } from '../platform/periodic';
import type { AppContext } from '../platform/context';
import { anonymiseClosedCustomers } from './anonymise-closed-customers';

const DAY = 86_400_000;

/** Anonymises customers past their retention period: ten minutes after start-up, then daily (a run with nothing to do costs one indexed query). */
export function retentionJob(opts: { firstDelayMs?: number; everyMs?: number } = {}): BackgroundJob {
  const { firstDelayMs = 10 * 60_000, everyMs = DAY } = opts;
  return {
    name: 'retention',
    start(ctx: AppContext) {
      return startPeriodic(async () => {
        const r = await anonymiseClosedCustomers(ctx);
        if (r.customers) ctx.logger.info({ customers: r.customers, batches: r.batches }, 'retention: customers anonymised');
      }, { firstDelayMs, everyMs, logger: ctx.logger, failure: 'retention run failed' });
    },
  };
}
