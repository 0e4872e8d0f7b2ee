import { leasedPeriodicJob, type BackgroundJob } from '../platform/periodic';
import type { AppContext } from '../platform/context';
import { takeLease } from '../platform/db/job-lease';
import { purgeExpiredSessions } from '../platform/auth/sessions';
import { purgeOldAttempts } from './login-throttle';

const MINUTE = 60_000;
export const SESSION_PURGE_JOB = 'session-purge';

export interface PurgeRun {
  /** false: another instance holds the lease, this one did nothing */
  ran: boolean;
  sessions: number;
  attempts: number;
}

/**
 * One run of the purge: when this holder gets the lease, deletes the sessions past their absolute
 * or idle lifetime and the sign-in counters whose window has passed. The lease outlasts the
 * interval, so while an instance lives it keeps the job and the others' runs do nothing.
 */
export async function runSessionPurge(ctx: AppContext, holder: string, leaseMs: number): Promise<PurgeRun> {
  if (!(await takeLease(ctx.db, SESSION_PURGE_JOB, holder, leaseMs))) return { ran: false, sessions: 0, attempts: 0 };
  const sessions = await purgeExpiredSessions(ctx.models);
  const attempts = await purgeOldAttempts(ctx.models);
  return { ran: true, sessions, attempts };
}

/** Every five minutes (SESSION_PURGE_EVERY_MS), the first a minute after start-up. */
export function sessionPurgeJob(opts: { firstDelayMs?: number; everyMs?: number; holder?: string } = {}): BackgroundJob {
  const everyMs = opts.everyMs ?? (Number(process.env.SESSION_PURGE_EVERY_MS) || 5 * MINUTE);
  return leasedPeriodicJob({
    name: SESSION_PURGE_JOB, everyMs, firstDelayMs: opts.firstDelayMs ?? Math.min(MINUTE, everyMs), holder: opts.holder,
    failure: 'session purge failed',
    async tick(ctx, holder, leaseMs) {
      const r = await runSessionPurge(ctx, holder, leaseMs);
      if (r.sessions || r.attempts) ctx.logger.info({ sessions: r.sessions, attempts: r.attempts }, 'session purge: rows deleted');
    },
  });
}
