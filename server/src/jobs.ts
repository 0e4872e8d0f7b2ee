import type { AppContext } from './platform/context';
import { notificationDispatcher } from './notifications/dispatcher';
import { treeCheckpointJob } from './audit/tree-checkpoint-job';
import { retentionJob } from './retention/retention-job';
import { sessionPurgeJob } from './platform/auth/session-purge-job';
import { infoWaitJob } from './closures/info-wait-job';

/** A job that runs inside the server process (the outbox dispatcher, daily audit checkpoints...). */
export interface BackgroundJob {
  name: string;
  /** starts the job; the returned function stops it and resolves once in-flight work has finished */
  start(ctx: AppContext): () => Promise<void>;
}

/** Every in-server job; each component adds its own here. */
export function backgroundJobs(): BackgroundJob[] {
  // The HMAC checkpoint job (audit/checkpoint-job.ts) is retired: checkpoints are signed with Ed25519.
  return [notificationDispatcher(), treeCheckpointJob(), retentionJob(), sessionPurgeJob(), infoWaitJob()];
}

export function startBackgroundJobs(ctx: AppContext, jobs = backgroundJobs()): () => Promise<void> {
  if (process.env.DISABLE_JOBS === '1') return async () => undefined;
  const stops = jobs.map((job) => {
    ctx.logger.info({ job: job.name }, 'background job started');
    return job.start(ctx);
  });
  return async () => {
    await Promise.all(stops.map((stop) => stop()));
  };
}
